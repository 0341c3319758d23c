import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildTemplateContext,
  checkTemplates,
  formatDate,
  formatMoney,
  renderEmail,
  SAMPLE_ERP_DOCUMENT,
  SAMPLE_ORDER,
  SAMPLE_SALES_DOCUMENT,
  TemplateError,
} from '../../../src/core/mail';
import { deploymentFolder } from './helpers';

describe('mail templates', () => {
  it('formats Polish money with grouping from four digits and non-breaking spaces', () => {
    assert.equal(formatMoney(123456), '1\u00a0234,56\u00a0zł');
    assert.equal(formatMoney(99), '0,99\u00a0zł');
    assert.equal(formatMoney(100000000), '1\u00a0000\u00a0000,00\u00a0zł');
    assert.equal(formatMoney(-1999), '-19,99\u00a0zł');
    assert.equal(formatMoney(123456, 'EUR'), '1\u00a0234,56\u00a0€');
    assert.equal(formatMoney(null), '');
  });

  it('formats dates in the deployment time zone; calendar dates are never shifted', () => {
    assert.equal(formatDate('2026-11-28T23:30:00Z', 'date', 'Europe/Warsaw'), '29.11.2026');
    assert.equal(formatDate('2026-11-28', 'date', 'Pacific/Honolulu'), '28.11.2026');
    assert.equal(formatDate('2026-11-28T09:41:00Z', 'long', 'Europe/Warsaw'), '28 listopada 2026');
    assert.equal(formatDate('2026-11-28T09:41:00Z', 'datetime', 'Europe/Warsaw'), '28.11.2026, 10:41');
  });

  it('renders the init example templates with the sample order (subject, HTML, text)', async () => {
    const { dir, settings } = deploymentFolder();
    const context = buildTemplateContext({
      order: SAMPLE_ORDER,
      settings,
      erpDocument: SAMPLE_ERP_DOCUMENT,
      salesDocument: SAMPLE_SALES_DOCUMENT,
    });
    const received = await renderEmail({ settings, dir, templateName: 'order-received', context });
    assert.equal(received.subject, 'Przyjęliśmy zamówienie ZAM/2026/10482');
    assert.match(received.html, /Dzień dobry Zofia Wójcik,/);
    assert.match(received.html, /z dnia 28\.11\.2026/);
    assert.match(received.html, /<strong>1\u00a0352,59\u00a0zł<\/strong>/);
    assert.match(received.html, /Sklep Demo/);
    assert.match(received.text, /dziękujemy za zamówienie ZAM\/2026\/10482/);
    assert.ok(!received.text.includes('<'), received.text);
    const realized = await renderEmail({ settings, dir, templateName: 'order-realized', context });
    assert.equal(realized.subject, 'Zamówienie ZAM/2026/10482 zrealizowane – FS FS/3/2026');
    assert.match(realized.html, /dokument FS nr <strong>FS\/3\/2026<\/strong>/);
  });

  it('the example template says where the legally binding invoice is: its KSeF number and the KOD I link, once known', async () => {
    const { dir, settings } = deploymentFolder();
    const withKsef = buildTemplateContext({
      order: SAMPLE_ORDER,
      settings,
      erpDocument: SAMPLE_ERP_DOCUMENT,
      salesDocument: SAMPLE_SALES_DOCUMENT,
    });
    assert.deepEqual(
      [withKsef.salesDocument!.isKsefInvoice, withKsef.salesDocument!.ksefNumber, withKsef.salesDocument!.ksefAcceptedAt],
      [true, '5260250274-20261129-E3A91F04B27C-E5', '2026-11-29T09:12:00.000Z'],
    );
    assert.equal(
      withKsef.salesDocument!.ksefVerificationUrl,
      'https://qr.ksef.mf.gov.pl/invoice/5260250274/29-11-2026/46pB9ScJpAs4lQ0u0aC2ywkH5rI6mYb_hV1tLx3qS8c',
    );
    const realized = await renderEmail({ settings, dir, templateName: 'order-realized', context: withKsef });
    assert.match(
      realized.text,
      /Wiążąca prawnie faktura jest w Krajowym Systemie e-Faktur \(KSeF\) pod numerem\s+5260250274-20261129-E3A91F04B27C-E5/,
    );
    assert.match(
      realized.html,
      /<a href="https:\/\/qr\.ksef\.mf\.gov\.pl\/invoice\/5260250274\/29-11-2026\/46pB9ScJpAs4lQ0u0aC2ywkH5rI6mYb_hV1tLx3qS8c">sprawdź ją w KSeF<\/a>/,
    );
    assert.match(
      realized.text,
      /sprawdź ją w KSeF\s+\[https:\/\/qr\.ksef\.mf\.gov\.pl\/invoice\/5260250274\/29-11-2026\/46pB9ScJpAs4lQ0u0aC2ywkH5rI6mYb_hV1tLx3qS8c\]/,
    );

    // A receipt, or KSeF off: no KSeF paragraph, and no invoice "bound for KSeF".
    const receipt = buildTemplateContext({
      order: SAMPLE_ORDER,
      settings,
      salesDocument: { ...SAMPLE_SALES_DOCUMENT, kind: 'PA', ksef: { status: 'outside' } },
    });
    assert.deepEqual(
      [receipt.salesDocument!.isKsefInvoice, receipt.salesDocument!.ksefNumber, receipt.salesDocument!.ksefVerificationUrl],
      [false, null, null],
    );
    assert.doesNotMatch((await renderEmail({ settings, dir, templateName: 'order-realized', context: receipt })).text, /KSeF/);
    const off = deploymentFolder((s) => {
      s.erp.ksef = { enabled: false };
    });
    assert.equal(
      buildTemplateContext({ order: SAMPLE_ORDER, settings: off.settings, salesDocument: { ...SAMPLE_SALES_DOCUMENT, ksef: undefined } })
        .salesDocument!.isKsefInvoice,
      false,
    );
  });

  it('knows the KSeF variables in the template check, and names a misspelt one', () => {
    const { dir, settings } = deploymentFolder((s) => {
      s.templates['order-realized'].subject =
        '{% if salesDocument.isKsefInvoice %}KSeF {{ salesDocument.ksefNumber }} {{ salesDocument.ksefAcceptedAt | date }} {{ salesDocument.ksefVerificationUrl }}{% endif %}';
    });
    assert.deepEqual(
      checkTemplates(settings, dir).map((p) => p.message),
      [],
    );
    const misspelt = deploymentFolder((s) => {
      s.templates['order-realized'].subject = '{{ salesDocument.ksefNumer }}';
    });
    assert.match(
      checkTemplates(misspelt.settings, misspelt.dir)
        .map((p) => p.message)
        .join('\n'),
      /Unknown variable "salesDocument\.ksefNumer"/,
    );
  });

  it('loops over order lines with money per line', async () => {
    const { dir, settings } = deploymentFolder((s) => {
      s.templates.lines = {
        subject: 'x',
        body: '{% for line in order.products %}{{ line.name }} × {{ line.quantity }} = {{ line.total | money }} ({{ line.vat }});{% endfor %} dostawa {{ order.shippingTotal | money }}',
      };
    });
    const context = buildTemplateContext({ order: SAMPLE_ORDER, settings });
    const { html } = await renderEmail({ settings, dir, templateName: 'lines', context });
    assert.match(html, /Kubek ceramiczny „Żuraw” 350 ml × 2 = 99,80\u00a0zł \(23%\);/);
    assert.match(html, /Książka „Pan Tadeusz” – wydanie ilustrowane × 1 = 59,00\u00a0zł \(5%\);/);
    assert.ok(!html.includes('Kurier InPost ×'), 'products exclude the shipping line');
    assert.match(html, /dostawa 14,99\u00a0zł$/);
  });

  it('refuses to render an unknown variable (never silently empty) and names its position', async () => {
    const { dir, settings } = deploymentFolder(
      (s) => {
        s.templates['order-received'].bodyFile = 'templates/typo.html';
      },
      { 'templates/typo.html': '<p>Witaj</p>\n<p>{{ buyer.nmae }}</p>\n' },
    );
    const context = buildTemplateContext({ order: SAMPLE_ORDER, settings });
    await assert.rejects(renderEmail({ settings, dir, templateName: 'order-received', context }), (error: TemplateError) => {
      assert.ok(error instanceof TemplateError);
      assert.equal(error.problems[0]!.file, path.join(dir, 'templates/typo.html'));
      assert.equal(error.problems[0]!.line, 2);
      assert.equal(error.problems[0]!.column, 7);
      assert.match(error.message, /Unknown variable "buyer\.nmae"/);
      return true;
    });
  });

  it('refuses to render a sales-document variable for an order that has no sales document yet', async () => {
    const { dir, settings } = deploymentFolder();
    const context = buildTemplateContext({ order: SAMPLE_ORDER, settings, erpDocument: SAMPLE_ERP_DOCUMENT });
    await assert.rejects(renderEmail({ settings, dir, templateName: 'order-realized', context }), /Unknown variable "salesDocument"/);
  });

  it('lets a template test for a document that may not exist yet', async () => {
    const { dir, settings } = deploymentFolder((s) => {
      s.templates.maybe = {
        subject: '{{ order.number }}',
        body: '{% if salesDocument %}Faktura {{ salesDocument.number }}{% else %}Bez dokumentu{% endif %}',
      };
    });
    const without = await renderEmail({
      settings,
      dir,
      templateName: 'maybe',
      context: buildTemplateContext({ order: SAMPLE_ORDER, settings }),
    });
    assert.equal(without.html, 'Bez dokumentu');
    const withDocument = await renderEmail({
      settings,
      dir,
      templateName: 'maybe',
      context: buildTemplateContext({ order: SAMPLE_ORDER, settings, salesDocument: SAMPLE_SALES_DOCUMENT }),
    });
    assert.equal(withDocument.html, 'Faktura FS/3/2026');
  });

  describe('checkTemplates (validate)', () => {
    it('accepts the templates init writes', () => {
      const { dir, settings } = deploymentFolder();
      assert.deepEqual(checkTemplates(settings, dir), []);
    });

    it('reports unknown variables at their line and column, in files and in loops', () => {
      const body =
        '<p>{{ buyer.name }}</p>\n<ul>{% for line in order.lines %}\n  <li>{{ line.nme }} {{ line.total | money }}</li>{% endfor %}</ul>\n<p>{{ ordr.total | money }} {{ shop.name }} {{ salesDocument.numer }}</p>\n';
      const { dir, settings } = deploymentFolder(
        (s) => {
          s.templates['order-received'].bodyFile = 'templates/bad.html';
        },
        { 'templates/bad.html': body, 'templates/order-realized.html': '<p>ok {{ order.number }}</p>' },
      );
      const problems = checkTemplates(settings, dir).map((p) => `${path.basename(p.file)}:${p.line}:${p.column}: ${p.message}`);
      assert.deepEqual(problems, [
        'bad.html:3:10: Unknown variable "line.nme" in template "order-received" (body); see the list of template variables in the README',
        'bad.html:4:7: Unknown variable "ordr" in template "order-received" (body); see the list of template variables in the README',
        'bad.html:4:48: Unknown variable "salesDocument.numer" in template "order-received" (body); see the list of template variables in the README',
      ]);
    });

    it('reports syntax errors with their position, and an unknown filter', () => {
      const { dir, settings } = deploymentFolder(
        (s) => {
          s.templates['order-received'].bodyFile = 'templates/syntax.html';
        },
        {
          'templates/syntax.html': '<p>a</p>\n  {% if buyer.company %}<b>firma</b>\n',
          'templates/order-realized.html': '<p>{{ order.total | pieniadze }}</p>',
        },
      );
      const problems = checkTemplates(settings, dir);
      assert.equal(problems.length, 2);
      assert.equal(path.basename(problems[0]!.file), 'syntax.html');
      assert.deepEqual([problems[0]!.line, problems[0]!.column], [2, 3]);
      assert.match(problems[0]!.message, /Syntax error in template "order-received" \(body\): tag \{% if buyer\.company %\} not closed/);
      assert.equal(path.basename(problems[1]!.file), 'order-realized.html');
      assert.match(problems[1]!.message, /undefined filter: pieniadze/);
    });

    it('reports a problem in an inline subject at its position in optima-sync.json', () => {
      const { dir, settings, settingsText } = deploymentFolder((s) => {
        s.templates['order-received'].subject = 'Zamówienie {{ order.numbr }}';
      });
      const problems = checkTemplates(settings, dir);
      assert.equal(problems.length, 1);
      const lines = settingsText.split('\n');
      const line = lines.findIndex((l) => l.includes('order.numbr')) + 1;
      assert.equal(problems[0]!.file, path.join(dir, 'optima-sync.json'));
      assert.equal(problems[0]!.line, line);
      assert.equal(lines[line - 1]!.slice(problems[0]!.column - 1).startsWith('order.numbr'), true, lines[line - 1]);
    });

    it('reports a missing body file', () => {
      const { dir, settings } = deploymentFolder((s) => {
        s.templates['order-received'].bodyFile = 'templates/none.html';
      });
      const problems = checkTemplates(settings, dir);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /Cannot read the template file/);
      assert.ok(problems[0]!.line > 1);
    });

    it('sees a fixed file at once (no stale cache)', () => {
      const { dir, settings } = deploymentFolder(
        (s) => {
          s.templates['order-received'].bodyFile = 'templates/fix.html';
        },
        { 'templates/fix.html': '{{ buyer.nam }}', 'templates/order-realized.html': 'x' },
      );
      assert.equal(checkTemplates(settings, dir).length, 1);
      writeFileSync(path.join(dir, 'templates/fix.html'), '{{ buyer.name }}');
      assert.equal(checkTemplates(settings, dir).length, 0);
    });
  });
});
