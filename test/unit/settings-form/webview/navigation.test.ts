// Finding a setting: the table of contents, the search filter (label, description or key) and "Show in the
// settings form" from the Problems panel (the field scrolled to, focused and marked, the filter cleared).
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../../src/core/settings/defaults';
import { FakeHost } from './fake-host';

const visibleSections = (host: FakeHost) =>
  Array.from(host.root.querySelectorAll<HTMLElement>('section.form-section'))
    .filter((s) => !s.classList.contains('filtered-out'))
    .map((s) => s.id);
const shownKeys = (host: FakeHost) =>
  Array.from(host.root.querySelectorAll<HTMLElement>('[data-key]'))
    .filter((row) => !row.classList.contains('filtered-out') && !row.closest('.filtered-out, [hidden]') && !row.hidden)
    .map((row) => row.dataset.key);

describe('settings form: contents, search, reveal', () => {
  let host: FakeHost;
  afterEach(() => host?.close());

  it('lists every section in the table of contents', async () => {
    host = new FakeHost().start();
    await host.settle();
    const links = Array.from(host.root.querySelectorAll<HTMLElement>('#toc a')).map((a) => [a.textContent, a.getAttribute('href')]);
    assert.deepEqual(links, [
      ['Shop', '#section-shop'],
      ['ERP', '#section-erp'],
      ['After import', '#section-after-import'],
      ['After realization', '#section-after-realization'],
      ['E-mail configuration', '#section-email'],
      ['Message templates', '#section-templates'],
      ['Alerts', '#section-alerts'],
      ['Other settings', '#section-other'],
    ]);
    host.click('#toc a[data-section="alerts"]');
    assert.equal(host.$('#toc a[data-section="alerts"]').getAttribute('aria-current'), 'true');
    assert.equal(host.document.activeElement?.id, 'heading-alerts');
  });

  it('the search keeps the settings whose label, description or key matches every word', async () => {
    host = new FakeHost().start();
    await host.settle();
    host.type('#search', 'smtp port');
    await host.settle();
    // The port, and SSL/TLS whose description speaks of ports (and the common-ports picker, which has no key), of
    // both SMTP servers: the customers' and the alerts' own.
    assert.deepEqual(shownKeys(host), ['email.smtp.port', 'email.smtp.tls', 'alerts.smtp.port', 'alerts.smtp.tls']);
    assert.deepEqual(visibleSections(host), ['section-email', 'section-alerts']);
    assert.equal(host.$('#toc a[data-section="email"] .toc-count').textContent, ' (3)');
    assert.ok(host.$('#toc a[data-section="shop"]').classList.contains('filtered-out'));

    host.type('#search', 'alerts.noSuccessHours');
    await host.settle();
    assert.deepEqual(shownKeys(host), ['alerts.noSuccessHours'], 'by key');

    host.type('#search', 'history');
    await host.settle();
    assert.deepEqual(shownKeys(host), ['shop.importSince'], 'by description');

    host.type('#search', 'no such setting');
    await host.settle();
    assert.deepEqual(visibleSections(host), []);
    assert.equal(host.$('#no-match').textContent, 'No settings match "no such setting".');

    host.$('#search').dispatchEvent(new host.window.KeyboardEvent('keydown', { key: 'Escape' }) as unknown as Event);
    await host.settle();
    assert.equal(visibleSections(host).length, 8, 'Escape clears the search');
    assert.ok(!host.visible('#no-match'));
  });

  it("a platform's own options show only for that platform, and the filter does not bring them back", async () => {
    host = new FakeHost().start();
    await host.settle();
    assert.ok(!host.visible('#field-shop-woocommerce-taxIdMetaKey'));
    host.type('#search', 'meta key');
    await host.settle();
    assert.deepEqual(shownKeys(host), []);
    host.choose('#field-shop-platform', 'woocommerce');
    await host.settle();
    assert.deepEqual(shownKeys(host), ['shop.woocommerce.taxIdMetaKey']);
  });

  it('"Show in the settings form" scrolls to the field, focuses it, marks it and clears the search', async () => {
    const settings = defaultSettings() as { email: { testMode: Record<string, unknown> } };
    delete settings.email.testMode.recipient;
    host = new FakeHost({ text: JSON.stringify(settings, null, 2) }).start();
    await host.settle();
    host.type('#search', 'shop name');
    await host.settle();
    host.reveal('/email/testMode/recipient');
    await host.settle();
    const field = host.$('#field-email-testMode-recipient');
    assert.ok(host.visible('#field-email-testMode-recipient'), 'the search was cleared');
    assert.equal(host.$('#search').value, '');
    assert.equal(host.document.activeElement, field);
    const row = field.closest<HTMLElement>('.field')!;
    assert.ok(row.classList.contains('revealed'));
    assert.equal(row.dataset.revealed, '/email/testMode/recipient');
    assert.deepEqual(host.problemsBeside('#field-email-testMode-recipient'), ['Test mode needs a recipient address']);
  });

  it('a setting without a field of its own is revealed in the list of problems at the top', async () => {
    const settings = defaultSettings() as { shop: Record<string, unknown> };
    settings.shop.colour = 'blue';
    host = new FakeHost({ text: JSON.stringify(settings, null, 2) }).start();
    await host.settle();
    host.reveal('/shop');
    await host.settle();
    assert.ok(host.$('#general-problems').classList.contains('revealed'));
    assert.match(host.$('#general-problems').textContent ?? '', /Unknown setting "colour" in shop/);
  });

  it('a reveal that arrives before the document waits for it', async () => {
    host = new FakeHost();
    host.start();
    host.reveal('/alerts/noSuccessHours');
    await host.settle();
    assert.equal(host.document.activeElement, host.$('#field-alerts-noSuccessHours'));
  });
});
