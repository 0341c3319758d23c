// The settings the form gained beyond the seed's tab: the ERP adapter and the real Optima's connection,
// the seller, the shop's import limits and platform options, the SMTP rate, the templates, the alerts and
// the retention. Each writes exactly its value into the file.
import assert from 'node:assert/strict';
import { defaultSettingsText } from '../../../../src/core/settings/defaults';
import { FakeHost } from './fake-host';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('settings form: every setting has its field', () => {
  let host: FakeHost;
  afterEach(() => host?.close());
  const file = () => JSON.parse(host.text) as Json;

  it('ERP: choosing a real Optima shows its connection, password and test; each field writes its key', async () => {
    host = new FakeHost().start();
    host.answers.testErpConnection = () => ({ ok: false, message: 'No ERP password is stored for this deployment.' });
    await host.settle();
    assert.ok(!host.visible('#field-erp-optima-server'), 'hidden for the sandbox');
    host.choose('#field-erp-adapter', 'optima');
    await host.settle();
    assert.equal(file().erp.adapter, 'optima');
    assert.ok(host.visible('#field-erp-optima-server'));
    assert.match(host.problemsBeside('#field-erp-optima-server').join(), /A real Optima needs its connection/);
    host.type('#field-erp-optima-server', 'optima-srv');
    host.type('#field-erp-optima-database', 'CDN_Firma');
    host.type('#field-erp-optima-user', 'optima_sync_ro');
    host.tick('#field-erp-optima-trustServerCertificate', true);
    await host.settle();
    assert.deepEqual(file().erp.optima, {
      server: 'optima-srv',
      database: 'CDN_Firma',
      user: 'optima_sync_ro',
      trustServerCertificate: true,
    });
    // Settings of an object the file does not have yet show their defaults.
    assert.equal(host.$('#field-erp-optima-match-by').value, 'externalNumber');
    assert.equal(host.$('#field-erp-optima-match-pattern').value, '{number}');
    assert.equal(host.$('#field-erp-optima-port').value, '1433');
    assert.ok(!host.visible('#field-erp-optima-match-attributeCode'));
    host.choose('#field-erp-optima-match-by', 'attribute');
    await host.settle();
    assert.ok(host.visible('#field-erp-optima-match-attributeCode'));
    assert.deepEqual(host.problemsBeside('#field-erp-optima-match-attributeCode'), [
      "Matching by attribute needs the attribute's code in Optima",
    ]);
    assert.equal(host.$('#erp-password-status').textContent, 'not stored');
    host.click('#test-erp-connection');
    await host.settle();
    assert.equal(host.requests('testErpConnection').length, 1);
    assert.equal(host.$('#test-erp-connection-result').textContent, 'No ERP password is stored for this deployment.');
    host.click('#set-erp-password');
    await host.settle();
    assert.equal(host.requests('setErpPassword').length, 1, 'the password is asked by the host, never typed in the form');
  });

  it('KSeF: on from init; a file without it says so beside the box, and ticking it writes erp.ksef.enabled', async () => {
    const settings = JSON.parse(defaultSettingsText()) as Json;
    delete settings.erp.ksef;
    host = new FakeHost({ text: JSON.stringify(settings, null, 2) }).start();
    await host.settle();
    assert.equal(Boolean(host.$('#field-erp-ksef-enabled').checked), false, 'absent: off, as before');
    assert.match(host.problemsBeside('#field-erp-ksef-enabled').join(), /Not set, so KSeF is off/);
    assert.ok(!host.visible('#field-erp-ksef-environment'), 'the rest shows once it is on');
    host.tick('#field-erp-ksef-enabled', true);
    await host.settle();
    assert.deepEqual(file().erp.ksef, { enabled: true });
    assert.deepEqual(host.problemsBeside('#field-erp-ksef-enabled'), []);
    assert.ok(host.visible('#field-erp-ksef-environment'));
    assert.equal(host.$('#field-erp-ksef-environment').value, 'production');
    assert.equal(host.$('#field-erp-ksef-maxHoldHours').value, '48');
    host.choose('#field-erp-ksef-environment', 'test');
    host.type('#field-erp-sandbox-ksefAutoAcceptSeconds', '30');
    await host.settle();
    assert.deepEqual([file().erp.ksef.environment, file().erp.sandbox.ksefAutoAcceptSeconds], ['test', 30]);
  });

  it("ERP seller, shop limits and a platform's own option", async () => {
    host = new FakeHost().start();
    await host.settle();
    host.type('#field-erp-seller-city', 'Kraków');
    host.type('#field-shop-importSince', '2026-11-01');
    host.type('#field-shop-requestsPerMinute', '60');
    await host.settle();
    assert.equal(file().erp.seller.city, 'Kraków');
    assert.equal(file().shop.importSince, '2026-11-01');
    assert.equal(file().shop.requestsPerMinute, 60);
    host.type('#field-shop-requestsPerMinute', '');
    await host.settle();
    assert.ok(!('requestsPerMinute' in file().shop), "emptied: the key goes, the platform's default applies");
    host.choose('#field-shop-platform', 'baselinker');
    await host.settle();
    host.type('#field-shop-baselinker-invoiceSeriesId', '12');
    await host.settle();
    assert.deepEqual(file().shop.baselinker, { invoiceSeriesId: 12 });
  });

  it('E-mail: the unencrypted-login permission and the sending rate', async () => {
    host = new FakeHost().start();
    await host.settle();
    assert.equal(host.$('#field-email-smtp-messagesPerSecond').value, '5', "the schema's default");
    host.type('#field-email-smtp-messagesPerSecond', '2');
    host.tick('#field-email-smtp-allowUnencryptedLogin', true);
    await host.settle();
    assert.equal(file().email.smtp.messagesPerSecond, 2);
    assert.equal(file().email.smtp.allowUnencryptedLogin, true);
  });

  it('Templates: one set of fields per template, following the file', async () => {
    host = new FakeHost().start();
    await host.settle();
    const names = () => Array.from(host.root.querySelectorAll<HTMLElement>('[data-template]')).map((t) => t.dataset.template);
    assert.deepEqual(names(), ['order-received', 'order-realized']);
    host.type('#field-templates-order-received-subject', 'Dziękujemy za zamówienie {{ order.number }}');
    await host.settle();
    assert.equal(file().templates['order-received'].subject, 'Dziękujemy za zamówienie {{ order.number }}');
    host.click('#template-order-realized-open');
    assert.deepEqual(host.received.at(-1), { kind: 'command', method: 'openTemplateBody', params: { name: 'order-realized' } });
    const text = JSON.parse(host.text) as Json;
    text.templates.inline = { subject: 'x', body: '<p>{{ order.number }}</p>' };
    host.setText(JSON.stringify(text, null, 2));
    await host.settle();
    assert.deepEqual(names(), ['order-received', 'order-realized', 'inline']);
    assert.ok(host.visible('#field-templates-inline-body'));
    assert.ok(!host.visible('#field-templates-inline-bodyFile'));
    assert.equal(host.$('#field-templates-inline-body').value, '<p>{{ order.number }}</p>');
  });

  it('Alerts: addresses are added and removed; the conditions and the retention write their keys', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.tick('#field-alerts-enabled', true);
    await host.settle();
    assert.equal(file().alerts.enabled, true);
    host.type('#field-alerts-recipients-add', 'konsultant@example.pl');
    host.click('#field-alerts-recipients-add-button');
    await host.settle();
    assert.deepEqual(file().alerts.recipients, ['konsultant@example.pl']);
    host.type('#field-alerts-recipients-add', 'druga@example.pl');
    host.$('#field-alerts-recipients-add').dispatchEvent(new host.window.KeyboardEvent('keydown', { key: 'Enter' }) as unknown as Event);
    await host.settle();
    assert.deepEqual(file().alerts.recipients, ['konsultant@example.pl', 'druga@example.pl']);
    host.click('[data-entry="konsultant@example.pl"] vscode-button');
    await host.settle();
    assert.deepEqual(file().alerts.recipients, ['druga@example.pl']);
    host.tick('#field-alerts-onPassFailure', false);
    host.type('#field-alerts-noSuccessHours', '48');
    host.type('#field-state-retentionDays', '90');
    await host.settle();
    assert.deepEqual([file().alerts.onPassFailure, file().alerts.noSuccessHours, file().state.retentionDays], [false, 48, 90]);
  });
});
