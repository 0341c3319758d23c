import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildTemplateContext, createMailer, renderSource, SAMPLE_ORDER } from '../../../src/core/mail';
import { MemoryLogger } from '../../../src/core/log';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { deploymentFolder, smtpSettings } from './helpers';

describe('mail content: attachments, alternatives, Polish text, hostile data', () => {
  let server: TestSmtpServer;
  beforeEach(async () => {
    server = await startSmtpServer({ tls: 'none' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('delivers attachments byte-identical, an HTML and a text alternative, and Polish characters intact', async () => {
    const { dir, settings } = deploymentFolder();
    const context = buildTemplateContext({ order: SAMPLE_ORDER, settings });
    const rendered = renderSource(
      settings,
      dir,
      {
        name: 'x',
        subject: 'Zażółć gęślą jaźń – {{ order.number }}',
        body: '<p>Dzień dobry {{ buyer.name }}, kwota: {{ order.total | money }}</p>',
      },
      context,
    );
    const pdf = randomBytes(50_000);
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger() });
    await mailer.send({
      to: 'jan@example.com',
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: [{ filename: 'FS_3_2026.pdf', content: new Uint8Array(pdf), contentType: 'application/pdf' }],
    });
    mailer.close();
    const parsed = server.messages[0]!.parsed;
    assert.equal(parsed.subject, 'Zażółć gęślą jaźń – ZAM/2026/10482');
    assert.match(String(parsed.html), /Dzień dobry Zofia Wójcik, kwota: 1\u00a0352,59\u00a0zł/);
    assert.match(parsed.text ?? '', /Dzień dobry Zofia Wójcik, kwota: 1\u00a0352,59\u00a0zł/);
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0]!.filename, 'FS_3_2026.pdf');
    assert.equal(parsed.attachments[0]!.contentType, 'application/pdf');
    assert.ok(Buffer.compare(parsed.attachments[0]!.content, pdf) === 0, 'attachment bytes differ');
  });

  it('escapes a hostile customer name in the body and keeps CR/LF out of the headers', async () => {
    const { dir, settings } = deploymentFolder();
    const hostile = {
      ...SAMPLE_ORDER,
      number: 'ZAM/1\r\nBcc: ofiara@example.com',
      buyer: { ...SAMPLE_ORDER.buyer, name: '<script>alert(1)</script>"><img src=x onerror=alert(2)>\r\nX-Injected: yes' },
    };
    const context = buildTemplateContext({ order: hostile, settings });
    const rendered = renderSource(
      settings,
      dir,
      { name: 'x', subject: 'Dla {{ buyer.name }} – {{ order.number }}', body: '<p title="{{ buyer.name }}">{{ buyer.name }}</p>' },
      context,
    );
    assert.ok(!rendered.html.includes('<script>'), rendered.html);
    assert.ok(!rendered.html.includes('<img'), rendered.html);
    assert.ok(!rendered.html.includes('"><'), rendered.html);
    assert.match(rendered.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&#34;&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.ok(!/[\r\n]/.test(rendered.subject));

    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger() });
    await mailer.send({
      to: 'jan@example.com',
      subject: rendered.subject + '\r\nX-Also-Injected: 1',
      html: rendered.html,
      text: rendered.text,
    });
    mailer.close();
    const received = server.messages[0]!;
    assert.deepEqual(received.envelope.to, ['jan@example.com'], 'no injected recipient');
    assert.equal(received.parsed.headers.has('x-injected'), false);
    assert.equal(received.parsed.headers.has('x-also-injected'), false);
    assert.equal(received.parsed.headers.has('bcc'), false);
    assert.match(received.parsed.subject ?? '', /^Dla <script>.*X-Injected: yes – ZAM\/1 Bcc: ofiara@example\.com X-Also-Injected: 1$/);
  });

  it('rejects an address with CR/LF and sends nothing', async () => {
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger() });
    await assert.rejects(mailer.send({ to: 'jan@example.com\r\nBcc: ofiara@example.com', subject: 's', html: 'h' }), /line break/);
    await assert.rejects(mailer.send({ to: 'jan@example.com', cc: ['a@example.com\nX: y'], subject: 's', html: 'h' }), /line break/);
    await assert.rejects(mailer.send({ to: 'not an address', subject: 's', html: 'h' }), /Not a valid e-mail address/);
    mailer.close();
    assert.equal(server.messages.length, 0);
  });
});
