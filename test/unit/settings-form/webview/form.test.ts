import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../../../../src/core/settings/defaults';
import { context, FakeHost, initParams } from './fake-host';

const PORT = '#field-email-smtp-port';
const TEST_MODE = '#field-email-testMode-enabled';

// The default settings, to break on purpose.
type Breakable = { email: { smtp: Record<string, unknown>; testMode: Record<string, unknown> }; templates: Record<string, unknown> };
function settingsText(mutate: (s: Breakable) => void): string {
  const settings = defaultSettings() as unknown as Breakable;
  mutate(settings);
  return JSON.stringify(settings, null, 2) + '\n';
}

describe('settings form webview (happy-dom, stubbed VS Code API)', () => {
  let host: FakeHost;
  afterEach(() => host?.close());

  it("says ready, then shows the file's values in every section and reports when it takes input", async () => {
    host = new FakeHost().start();
    assert.deepEqual(host.received[0], { kind: 'notification', method: 'ready' });
    await host.settle();
    assert.equal(host.$('#field-shop-platform').value, 'demo');
    assert.equal(host.$('#field-shop-name').value, 'Sklep Demo');
    assert.equal(host.$('#field-erp-importMode').value, 'RO');
    assert.equal(host.$(PORT).value, '2525');
    assert.equal(host.$('#field-email-smtp-host').value, 'localhost');
    assert.equal(host.$(TEST_MODE).checked, true);
    assert.equal(host.$('#field-email-testMode-recipient').value, 'konsultant@example.pl');
    assert.equal(host.$('#field-afterImport-sendEmail-template').value, 'order-received');
    assert.equal(host.$('#field-timezone').value, 'Europe/Warsaw');
    assert.equal(host.$('#reset-until').value, '2026-11-28');
    const headings = Array.from(host.root.querySelectorAll('h2')).map((h) => h.textContent);
    for (const title of [
      'Shop',
      'ERP',
      'After import',
      'After realization',
      'E-mail configuration',
      'Message templates',
      'Alerts',
      'Other settings',
    ])
      assert.ok(headings.includes(title), title);
    assert.equal(host.received.filter((m) => m.kind === 'notification' && m.method === 'interactive').length, 1);
    assert.equal(host.rejected.length, 0, 'every message the webview sent passed the host gate');
  });

  it('sends only the changed values; the file keeps its formatting', async () => {
    host = new FakeHost().start();
    await host.settle();
    const before = host.text;
    host.type(PORT, '465');
    host.tick(TEST_MODE, false);
    await host.settle();
    const changed = host.text.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    assert.deepEqual(changed, ['      "port": 465,', '      "enabled": false,']);
    assert.deepEqual(
      host.edits().map((e) => e.params.changes),
      [[{ path: ['email', 'testMode', 'enabled'], value: false }], [{ path: ['email', 'smtp', 'port'], value: 465 }]],
    );
    assert.equal(host.$(PORT).value, '465');
    assert.equal(host.$(TEST_MODE).checked, false);
  });

  it('keeps what the user typed while the host is still applying an earlier keystroke', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.holdEdits = true;
    host.type(PORT, '46');
    await host.waitFor(() => host.edits().length === 1, 'the debounced edit "46" goes out and is held by the slow host');
    host.type(PORT, '465'); // the user keeps typing
    host.release(); // the host applies "46" and echoes the document back
    await host.waitFor(() => host.text.includes('"port": 46,'));
    await host.sleep(5);
    assert.equal(host.$(PORT).value, '465', 'the echo of "46" must not overwrite "465"');
    await host.settle();
    assert.match(host.text, /"port": 465,/);
    assert.equal(host.$(PORT).value, '465');
  });

  it('a "change" the toolkit dropdown replays for a value the form set itself does not undo what the user typed', async () => {
    host = new FakeHost({
      text: settingsText((s) => {
        s.email.smtp.port = 587;
      }),
    }).start();
    await host.settle();
    assert.equal(host.$('#common-ports').value, '587');
    host.type(PORT, '41234');
    // The user tabs into "Common ports" and presses a key: the toolkit re-emits the value it was given.
    host.fire(host.$('#common-ports'), 'change');
    await host.settle();
    assert.match(host.text, /"port": 41234,/);
    assert.deepEqual(
      host.edits().map((e) => e.params.changes[0]!.value),
      [41234],
    );
    // A real choice from the list still applies.
    host.choose('#common-ports', '465');
    await host.settle();
    assert.match(host.text, /"port": 465,/);
    assert.equal(host.$(PORT).value, '465');
  });

  it('sends what was typed at once when the webview loses focus (a hidden webview is discarded)', async () => {
    host = new FakeHost();
    host.start();
    await host.settle();
    host.type('#field-shop-name', 'Sklep Nowy');
    assert.equal(host.edits().length, 0, 'still waiting for a pause in typing');
    host.window.dispatchEvent(new host.window.Event('blur'));
    assert.equal(host.edits().length, 1);
    await host.settle();
    assert.equal(JSON.parse(host.text).shop.name, 'Sklep Nowy');
  });

  it('follows outside changes of the file (text editor, git, CLI), including an undo', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.type(PORT, '587');
    await host.settle();
    host.setText(host.text.replace('"port": 587', '"port": 25').replace('"host": "localhost"', '"host": "smtp.example.pl"'));
    await host.settle();
    assert.equal(host.$(PORT).value, '25');
    assert.equal(host.$('#field-email-smtp-host').value, 'smtp.example.pl');
    assert.equal(host.$('#common-ports').value, '25');
  });

  it('shows broken JSON as a clear state with "Reopen as text", and recovers when it is fixed', async () => {
    host = new FakeHost().start();
    await host.settle();
    const good = host.text;
    host.setText(good.replace('"version": 1,', '"version": 1,,'));
    await host.settle();
    assert.ok(host.visible('#syntax-error'));
    assert.ok(!host.visible('#form'));
    assert.match(host.$('#syntax-error').textContent ?? '', /line 2, column \d+/);
    host.click('#reopen-as-text');
    assert.ok(host.received.some((m) => m.kind === 'command' && m.method === 'reopenAsText'));
    host.setText(good);
    await host.settle();
    assert.ok(!host.visible('#syntax-error'));
    assert.equal(host.$(PORT).value, '2525');
  });

  it("shows validation problems beside their fields in the field's words, and the rest at the top with the setting's path", async () => {
    host = new FakeHost({
      text: settingsText((s) => {
        s.email.smtp.port = 70000;
        s.email.testMode.recipient = 'not-an-address';
        s.templates.broken = { subject: 'x' };
        (s.email as Record<string, unknown>).colour = 'blue';
      }),
    }).start();
    await host.settle();
    assert.deepEqual(host.problemsBeside(PORT), ['At most 65535']);
    assert.deepEqual(host.problemsBeside('#field-email-testMode-recipient'), ['Enter an e-mail address']);
    assert.equal(host.$(PORT).getAttribute('aria-invalid'), 'true');
    const broken = host.$('[data-template="broken"] .template-heading');
    assert.match(broken.textContent ?? '', /A template needs exactly one of "body" or "bodyFile"/);
    assert.doesNotMatch(broken.textContent ?? '', /templates\.broken/, 'beside its own heading, the template needs no path');
    assert.equal(host.$('#general-problems').textContent, 'Unknown setting "colour" in email');
    host.type(PORT, 'abc');
    await host.settle();
    assert.deepEqual(host.problemsBeside(PORT), ['Enter a whole number from 1 to 65535', 'At most 65535']);
    assert.match(host.text, /"port": 70000/, 'nothing invalid was written');
  });

  it('a number field takes its bounds from the schema: below the minimum, or without a maximum, it says so', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.type('#field-erp-optima-bridge-timeoutSeconds', '4');
    await host.settle();
    assert.deepEqual(host.problemsBeside('#field-erp-optima-bridge-timeoutSeconds'), ['Enter a whole number from 5 to 600']);
    host.type('#field-email-bulkLimit', '-3');
    await host.settle();
    assert.deepEqual(host.problemsBeside('#field-email-bulkLimit'), ['Enter a whole number of at least 0']);
    host.type('#field-email-bulkLimit', '2500000');
    await host.settle();
    assert.deepEqual(host.problemsBeside('#field-email-bulkLimit'), [], 'the schema sets no maximum, so neither does the form');
    assert.match(host.text, /"bulkLimit": 2500000/);
  });

  it("a missing required setting shows beside its own field, not its object's", async () => {
    host = new FakeHost({
      text: settingsText((s) => {
        delete s.email.testMode.recipient;
      }),
    }).start();
    await host.settle();
    assert.deepEqual(host.problemsBeside('#field-email-testMode-recipient'), ['Test mode needs a recipient address']);
    assert.equal(host.$('#general-problems').hidden, true);
  });

  it('shows warnings too: ignoring certificate errors', async () => {
    host = new FakeHost().start();
    await host.settle();
    assert.deepEqual(host.problemsBeside('#field-email-smtp-ignoreCertificateErrors'), []);
    host.tick('#field-email-smtp-ignoreCertificateErrors', true);
    await host.settle();
    const [warning] = host.root.querySelectorAll('#section-email .problem.warning');
    assert.match(warning?.textContent ?? '', /Certificate errors of the SMTP server are ignored/);
    assert.equal(host.$('#field-email-smtp-ignoreCertificateErrors').getAttribute('aria-invalid'), null, 'a warning is not an error');
  });

  it('choosing FS turns the actions after realization off in the same edit and disables the section with the reason', async () => {
    host = new FakeHost().start();
    await host.settle();
    assert.ok(!host.visible('#section-after-realization .section-note'));
    host.choose('#field-erp-importMode', 'FS');
    await host.settle();
    assert.equal(host.edits().length, 1, 'one edit, so one undo step');
    assert.deepEqual(host.edits()[0]!.params.changes, [
      { path: ['erp', 'importMode'], value: 'FS' },
      { path: ['afterRealization', 'setStatus', 'enabled'], value: false },
      { path: ['afterRealization', 'sendEmail', 'enabled'], value: false },
      { path: ['afterRealization', 'uploadSalesPdfToShop', 'enabled'], value: false },
    ]);
    assert.equal(host.$('#section-after-realization .section-note').textContent, 'Available only for import mode RO or PF.');
    for (const id of [
      'afterRealization-setStatus-enabled',
      'afterRealization-sendEmail-enabled',
      'afterRealization-sendEmail-attachSalesPdf',
      'afterRealization-uploadSalesPdfToShop-enabled',
    ]) {
      assert.ok(host.$(`#field-${id}`).hasAttribute('disabled'), id);
    }
    assert.ok(!host.visible('#afterRealization-template-link'), 'no "Message template…" for an action that cannot run');
    assert.equal(JSON.parse(host.text).afterRealization.sendEmail.attachSalesPdf, true, 'the file keeps the option');
    assert.equal(
      host.$('#field-afterRealization-sendEmail-attachSalesPdf').checked,
      false,
      'but nothing is attached in this mode, so it is not shown ticked',
    );
    assert.ok(!host.visible('#upload-delivery'), 'and nothing is said about a delivery that will not happen');
    assert.ok(!host.$('#field-afterImport-sendEmail-enabled').hasAttribute('disabled'));
    assert.deepEqual(host.problemsBeside('#field-afterRealization-setStatus-enabled'), []);
    // Back to RO: the section is available again, with the file's own values.
    host.choose('#field-erp-importMode', 'RO');
    await host.settle();
    assert.ok(host.visible('#afterRealization-template-link'));
    assert.equal(host.$('#field-afterRealization-sendEmail-attachSalesPdf').checked, true);
  });

  it('says what the shop gets from the PDF upload, per platform', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.choose('#field-shop-platform', 'woocommerce');
    await host.settle();
    assert.ok(host.visible('#upload-delivery'));
    assert.match(host.$('#upload-delivery').textContent ?? '', /WordPress media library.*Application Password/);
    host.choose('#field-shop-platform', 'prestashop');
    await host.settle();
    assert.match(host.$('#upload-delivery').textContent ?? '', /sales-document number as a private message/);
  });

  it('disables the PDF upload with the reason when the platform cannot receive the sales document', async () => {
    host = new FakeHost();
    host.init = initParams({ platformsWithPdfUpload: ['woocommerce', 'baselinker', 'apilo', 'demo'] });
    host.start();
    await host.settle();
    host.choose('#field-shop-platform', 'prestashop');
    await host.settle();
    assert.deepEqual(host.edits()[0]!.params.changes, [
      { path: ['shop', 'platform'], value: 'prestashop' },
      { path: ['afterRealization', 'uploadSalesPdfToShop', 'enabled'], value: false },
    ]);
    assert.ok(host.$('#field-afterRealization-uploadSalesPdfToShop-enabled').hasAttribute('disabled'));
    assert.match(host.$('#upload-reason').textContent ?? '', /cannot receive sales-document PDFs/);
    assert.ok(host.visible('#upload-reason'));
    assert.deepEqual(host.problemsBeside('#field-shop-url'), [
      'Required for this platform (only BaseLinker and the demo shop work without it)',
    ]);
  });

  it("picks statuses from the shop's list, with a free-entry fallback", async () => {
    host = new FakeHost({
      context: context({
        shopStatuses: [
          { id: 'new', name: 'Nowe' },
          { id: 'paid', name: 'Opłacone' },
          { id: 'shipped', name: 'Wysłane' },
        ],
      }),
    }).start();
    await host.settle();
    const boxes = Array.from(host.root.querySelectorAll('#field-shop-importStatuses vscode-checkbox')) as Array<
      HTMLElement & { checked: boolean }
    >;
    assert.deepEqual(
      boxes.map((b) => [b.textContent, Boolean(b.checked)]),
      [
        ['Nowe (new)', true],
        ['Opłacone (paid)', true],
        ['Wysłane (shipped)', false],
      ],
    );
    host.tick('#field-shop-importStatuses vscode-checkbox[data-status="shipped"]', true);
    await host.settle();
    assert.deepEqual(JSON.parse(host.text).shop.importStatuses, ['new', 'paid', 'shipped']);
    host.type('#field-shop-importStatuses-add', '7');
    host.$('#field-shop-importStatuses-add').dispatchEvent(new host.window.KeyboardEvent('keydown', { key: 'Enter' }) as unknown as Event);
    await host.settle();
    assert.deepEqual(JSON.parse(host.text).shop.importStatuses, ['new', 'paid', 'shipped', '7']);
    assert.match(
      host.root.querySelector('#field-shop-importStatuses vscode-checkbox[data-status="7"]')?.textContent ?? '',
      /not in the shop's list/,
    );
    // The status to set after import is a dropdown of the shop's statuses (plus the file's own value).
    assert.ok(host.visible('#field-afterImport-setStatus-status'));
    assert.ok(!host.visible('#field-afterImport-setStatus-status-text'));
    const options = Array.from(host.$('#field-afterImport-setStatus-status').querySelectorAll('vscode-option')).map((o) =>
      o.getAttribute('value'),
    );
    assert.deepEqual(options, ['processing', 'new', 'paid', 'shipped']);
    host.choose('#field-afterImport-setStatus-status', 'shipped');
    await host.settle();
    assert.equal(JSON.parse(host.text).afterImport.setStatus.status, 'shipped');
  });

  it('without a status list, statuses are typed as ids', async () => {
    host = new FakeHost().start();
    await host.settle();
    assert.ok(!host.visible('#field-afterImport-setStatus-status'));
    assert.ok(host.visible('#field-afterImport-setStatus-status-text'));
    assert.equal(host.$('#field-afterImport-setStatus-status-text').value, 'processing');
    host.type('#field-afterImport-setStatus-status-text', 'completed');
    await host.settle();
    assert.equal(JSON.parse(host.text).afterImport.setStatus.status, 'completed');
  });

  it('its buttons work at once, before the host has sent its context, and show the answers inline', async () => {
    host = new FakeHost();
    host.sendsContextOnReady = false;
    host.answers.sendTestEmail = () => ({ ok: true, message: '250 2.0.0 OK: queued as 1A2B' });
    host.start();
    await host.settle();
    for (const id of ['test-connection', 'refresh-statuses', 'send-test-email', 'set-smtp-password', 'reset-state']) {
      assert.ok(!host.$(`#${id}`).hasAttribute('disabled'), `${id} is enabled from the start`);
      assert.equal(host.$(`#${id}-result`).textContent, '', `${id} shows no "not available"`);
    }
    assert.equal(host.$('#smtp-password-status').textContent, '…', 'the secrets are not known yet');
    host.click('#send-test-email');
    await host.settle();
    assert.deepEqual(host.requests('sendTestEmail')[0]!.params, { to: 'konsultant@example.pl' });
    assert.equal(host.$('#send-test-email-result').textContent, '250 2.0.0 OK: queued as 1A2B');
    assert.ok(host.$('#send-test-email-result').classList.contains('ok'));
  });

  it('calls the services and shows their answers inline; the secrets show as stored or not', async () => {
    host = new FakeHost({
      context: context({
        secrets: { shopCredentials: false, smtpPassword: true, alertsSmtpPassword: false, erpPassword: false, erpBridgeToken: false },
      }),
    }).start();
    host.answers.sendTestEmail = () => ({ ok: false, message: 'Authentication failed (535): check the SMTP login and password' });
    host.answers.setShopCredentials = () => {
      host.context = { ...host.context, secrets: { ...host.context.secrets, shopCredentials: true } };
      host.sendContext();
      return { ok: true, message: 'Shop credentials stored' };
    };
    await host.settle();
    assert.equal(host.$('#smtp-password-status').textContent, 'stored');
    assert.equal(host.$('#shop-credentials-status').textContent, 'not needed for the demo shop');
    assert.ok(host.$('#set-shop-credentials').hasAttribute('disabled'));
    host.choose('#field-shop-platform', 'baselinker');
    await host.settle();
    assert.equal(host.$('#shop-credentials-status').textContent, 'not stored');
    assert.ok(!host.$('#set-shop-credentials').hasAttribute('disabled'));
    host.click('#send-test-email');
    await host.settle();
    assert.ok(host.$('#send-test-email-result').classList.contains('failed'));
    assert.match(host.$('#send-test-email-result').textContent ?? '', /Authentication failed/);
    host.click('#set-shop-credentials');
    await host.settle();
    assert.equal(host.$('#shop-credentials-status').textContent, 'stored');
    assert.equal(host.$('#set-shop-credentials-result').textContent, 'Shop credentials stored');
  });

  it('sends the test e-mail with the template chosen beside it', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.choose('#test-email-template', 'order-realized');
    host.type('#test-email-to', 'wlasciciel@example.pl');
    host.click('#send-test-email');
    await host.settle();
    assert.deepEqual(host.requests('sendTestEmail')[0]!.params, { to: 'wlasciciel@example.pl', template: 'order-realized' });
  });

  it('blocks sending in an untrusted workspace', async () => {
    host = new FakeHost({ context: context({ trusted: false }) }).start();
    await host.settle();
    for (const id of ['send-test-email', 'test-connection', 'refresh-statuses', 'reset-state']) {
      assert.ok(host.$(`#${id}`).hasAttribute('disabled'), id);
      assert.equal(host.$(`#${id}-result`).textContent, 'Trust this folder to use this');
    }
    host.click('#send-test-email');
    await host.settle();
    assert.equal(host.requests('sendTestEmail').length, 0);
  });

  it('the reset panel shows live counts for the date and resets the chosen actions', async () => {
    host = new FakeHost().start();
    host.answers.resetPreview = (params) => {
      const { until } = params as { until: string };
      const n = until === '2026-11-28' ? 12 : 3;
      return {
        ok: true,
        message: 'preview',
        counts: {
          'status-after-import': n,
          'email-after-import': n,
          'status-after-realization': 2,
          'email-after-realization': 2,
          'pdf-to-shop': 0,
        },
      };
    };
    host.answers.reset = () => ({
      ok: true,
      message: 'Reset up to 2026-11-28: 24 actions marked as done without sending.',
      counts: { 'status-after-import': 12, 'email-after-import': 12 },
    });
    await host.settle();
    assert.equal(host.$('#reset-count-email-after-import').textContent, '12 orders');
    assert.equal(host.$('#reset-count-status-after-realization').textContent, '2 orders');
    assert.equal(host.$('#reset-count-pdf-to-shop').textContent, '0 orders');
    host.type('#reset-until', '2026-11-01');
    await host.settle();
    assert.equal(host.$('#reset-count-email-after-import').textContent, '3 orders');
    assert.equal((host.requests('resetPreview').at(-1)!.params as { until: string }).until, '2026-11-01');
    host.click('#reset-state');
    await host.settle();
    assert.equal(host.$('#reset-state-result').textContent, 'Choose at least one action to reset');
    assert.equal(host.requests('reset').length, 0);
    host.type('#reset-until', '2026-11-28');
    host.tick('#reset-status-after-import', true);
    host.tick('#reset-email-after-import', true);
    host.click('#reset-state');
    await host.settle();
    assert.deepEqual(host.requests('reset')[0]!.params, { actions: ['status-after-import', 'email-after-import'], until: '2026-11-28' });
    assert.equal(host.$('#reset-state-result').textContent, 'Reset up to 2026-11-28: 24 actions marked as done without sending.');
  });

  it('"Message template…" asks the host to open the action\'s template', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.click('#afterImport-template-link');
    assert.deepEqual(host.received.at(-1), { kind: 'command', method: 'openTemplate', params: { action: 'afterImport' } });
  });

  it('speaks Polish when VS Code does, with Polish plurals', async () => {
    host = new FakeHost();
    host.init = initParams({
      language: 'pl',
      l10n: JSON.parse(readFileSync('l10n/bundle.l10n.pl.json', 'utf8')) as Record<string, string>,
    });
    host.answers.resetPreview = () => ({
      ok: true,
      message: '',
      counts: {
        'status-after-import': 1,
        'email-after-import': 3,
        'status-after-realization': 5,
        'email-after-realization': 22,
        'pdf-to-shop': 0,
      },
    });
    host.start();
    await host.settle();
    const headings = Array.from(host.root.querySelectorAll('h2')).map((h) => h.textContent);
    assert.deepEqual(headings.slice(1), [
      'Sklep',
      'ERP',
      'Akcja po zaimportowaniu zamówienia',
      'Akcja po zrealizowaniu zamówienia',
      'Konfiguracja e-mail',
      'Szablony wiadomości',
      'Alerty',
      'Pozostałe ustawienia',
    ]);
    assert.equal(host.$('#afterImport-template-link').textContent, 'Szablon wiadomości…');
    const counts = ['status-after-import', 'email-after-import', 'status-after-realization', 'email-after-realization', 'pdf-to-shop'].map(
      (a) => host.$(`#reset-count-${a}`).textContent,
    );
    assert.deepEqual(counts, ['1 zamówienie', '3 zamówienia', '5 zamówień', '22 zamówienia', '0 zamówień']);
  });
});
