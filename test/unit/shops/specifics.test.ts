// Platform-specific behaviour: BaseLinker's blocked token, Apilo's tokens, WooCommerce's NIP key and old
// shops, the capability matrix against the settings schema, missing credentials, the status cache.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { PLATFORMS_WITH_PDF_UPLOAD } from '../../../src/core/settings/schema';
import { validateSettingsText } from '../../../src/core/settings/validate';
import { cacheStatuses, cachedStatuses, createShopConnector, platformCapabilities, type ShopError } from '../../../src/core/shops/index';
import { MemoryLogger } from '../../../src/core/log';
import { openStateStore } from '../../../src/core/state/index';
import { generateOrders } from '../../fakes/common/orders';
import { APILO_AUTHORIZATION_CODE, APILO_CLIENT_ID, APILO_CLIENT_SECRET, startFakeApilo } from '../../fakes/apilo/server';
import { BASELINKER_TOKEN, startFakeBaseLinker } from '../../fakes/baselinker/server';
import { startFakeWooCommerce, WOO_CONSUMER_KEY, WOO_CONSUMER_SECRET } from '../../fakes/woocommerce/server';
import { connect, listAll, memorySecrets, settingsFor } from './helpers';
import { testClock } from '../../support/clock';

describe('shop connectors: platform specifics', function () {
  this.timeout(30_000);

  it('BaseLinker: a token blocked for exceeding the limit is waited out, and the calls succeed', async () => {
    const fake = await startFakeBaseLinker({ requestsPerMinute: 10, rateWindowMs: 1000, blockMs: 1200 });
    try {
      // A client that ignores the limit (as if another program shared the token).
      const { connector, logger } = await connect(settingsFor('baselinker', fake.url), memorySecrets({ shopKey: BASELINKER_TOKEN }), {
        rateLimit: { requests: 100_000, windowMs: 60_000 },
      });
      for (let i = 0; i < 25; i++) assert.ok((await connector.listStatuses()).length > 0);
      assert.ok(fake.state.violations > 0, 'the fake blocked the token');
      assert.match(logger.text(), /asked to slow down/);
    } finally {
      await fake.close();
    }
  });

  it('BaseLinker: the default limit keeps 100 requests per minute spaced (no burst)', async () => {
    const { connector } = await connect(settingsFor('baselinker', 'http://127.0.0.1:9'), memorySecrets({ shopKey: BASELINKER_TOKEN }), {
      rateLimit: undefined,
    });
    const http = (
      connector as unknown as { http: { options: { limiter?: { allowed: number; limit: { windowMs: number }; minimumGapMs: number } } } }
    ).http;
    assert.ok(http.options.limiter, 'a limiter is in place');
    assert.equal(http.options.limiter.limit.windowMs, 60_000);
    assert.ok(http.options.limiter.allowed < 100 && http.options.limiter.allowed >= 90, `allowed ${http.options.limiter.allowed}`);
    assert.ok(http.options.limiter.minimumGapMs >= 300, 'no bursts');
  });

  it('BaseLinker: an order without an invoice and no series configured is refused naming the setting', async () => {
    const fixtures = generateOrders(2);
    const fake = await startFakeBaseLinker({ orders: fixtures });
    try {
      const { connector } = await connect(settingsFor('baselinker', fake.url), memorySecrets({ shopKey: BASELINKER_TOKEN }));
      await assert.rejects(
        connector.uploadSalesPdf(String(3_754_000 + fixtures[0]!.id), {
          fileName: 'a.pdf',
          bytes: Buffer.from('%PDF-1.4'),
          documentNumber: 'FS/1/2026',
          kind: 'FS',
          totalGross: 100,
          totalNet: 81,
          currency: 'PLN',
        }),
        /shop\.baselinker\.invoiceSeriesId/,
      );
      assert.equal(fake.state.uploads.length, 0);
    } finally {
      await fake.close();
    }
  });

  it('Apilo: the authorization code is exchanged once, tokens are stored, an expired access token is refreshed', async () => {
    const fake = await startFakeApilo({ accessTokenTtlMs: 60 * 60_000 });
    try {
      const secrets = memorySecrets({
        shopKey: APILO_CLIENT_ID,
        shopSecret: APILO_CLIENT_SECRET,
        apiloTokens: JSON.stringify({ authorizationCode: APILO_AUTHORIZATION_CODE }),
      });
      const first = await connect(settingsFor('apilo', fake.url), secrets);
      await first.connector.listStatuses();
      const stored = JSON.parse(secrets.values.apiloTokens!) as { accessToken: string; refreshToken: string };
      assert.ok(stored.accessToken && stored.refreshToken, 'tokens kept in the secret store');
      assert.equal(fake.tokens.issued, 1);
      // A second process reads the stored tokens; they expire within the refresh margin, so it refreshes.
      const second = await connect(settingsFor('apilo', fake.url), secrets);
      await second.connector.listStatuses();
      assert.equal(fake.tokens.issued, 2);
      assert.notEqual((JSON.parse(secrets.values.apiloTokens!) as { accessToken: string }).accessToken, stored.accessToken);
      for (const logger of [first.logger, second.logger]) {
        assert.ok(!logger.text().includes(stored.accessToken) && !logger.text().includes(stored.refreshToken));
      }
    } finally {
      await fake.close();
    }
  });

  it('Apilo: without tokens the error says how to enter an authorization code', async () => {
    const fake = await startFakeApilo({});
    try {
      const { connector } = await connect(
        settingsFor('apilo', fake.url),
        memorySecrets({ shopKey: APILO_CLIENT_ID, shopSecret: APILO_CLIENT_SECRET }),
      );
      await assert.rejects(connector.listStatuses(), /authorization code.*Set shop credentials.*OPTIMA_SYNC_APILO_TOKEN_FILE/s);
    } finally {
      await fake.close();
    }
  });

  it('WooCommerce: the NIP comes from the configured meta_data key', async () => {
    const fixtures = generateOrders(10, { seed: 5 });
    const fake = await startFakeWooCommerce({ orders: fixtures, taxIdMetaKey: '_vat_number' });
    try {
      const secrets = memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET });
      const withKey = await connect(
        settingsFor('woocommerce', fake.url, { woocommerce: { taxIdMetaKey: '_vat_number', salesDocumentNote: 'private' } }),
        secrets,
      );
      const { orders } = await listAll(withKey.connector, undefined, []);
      const expected = fixtures.filter((f) => f.buyer.taxId).length;
      assert.ok(expected > 0);
      assert.equal(orders.filter((o) => o.buyer.taxId).length, expected);
      const defaultKey = await connect(settingsFor('woocommerce', fake.url), secrets);
      assert.equal((await listAll(defaultKey.connector, undefined, [])).orders.filter((o) => o.buyer.taxId).length, 0);
    } finally {
      await fake.close();
    }
  });

  it('WooCommerce: a shop without GET /orders/statuses gets the core status list', async () => {
    const fake = await startFakeWooCommerce({ legacy: true });
    try {
      const { connector } = await connect(
        settingsFor('woocommerce', fake.url),
        memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET }),
      );
      const ids = (await connector.listStatuses()).map((s) => s.id);
      assert.deepEqual(ids, ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed']);
    } finally {
      await fake.close();
    }
  });

  it('a missing credential is named with the command and the environment variable', async () => {
    for (const [platform, words] of [
      ['prestashop', /PrestaShop webservice key/],
      ['woocommerce', /WooCommerce consumer secret/],
      ['baselinker', /BaseLinker API token/],
      ['apilo', /Apilo client secret/],
      ['sellasist', /SellAsist API key/],
    ] as const) {
      const secrets = platform === 'woocommerce' || platform === 'apilo' ? memorySecrets({ shopKey: 'present' }) : memorySecrets({});
      await assert.rejects(
        createShopConnector(settingsFor(platform, 'https://sklep.example.pl'), { secrets, logger: new MemoryLogger(), now: testClock }),
        (error: ShopError) =>
          words.test(error.message) &&
          /Optima Sync: Set shop credentials…/.test(error.message) &&
          /OPTIMA_SYNC_SHOP_(KEY|SECRET)/.test(error.message),
      );
    }
  });

  it('the capability matrix agrees with the settings schema and PLATFORMS_WITH_PDF_UPLOAD', () => {
    for (const platform of ['prestashop', 'woocommerce', 'baselinker', 'apilo', 'sellasist', 'demo'] as const) {
      const settings = defaultSettings() as Record<string, Record<string, unknown>>;
      settings.shop = { platform, name: 'Sklep', url: 'https://sklep.example.pl', importStatuses: [] };
      const result = validateSettingsText(JSON.stringify(settings, null, 2), 'optima-sync.json');
      const capabilities = platformCapabilities(platform);
      assert.equal(PLATFORMS_WITH_PDF_UPLOAD.includes(platform), capabilities.uploadSalesPdf, platform);
      // Every platform gets the sales document one way: its PDF, or its number where no file can go.
      assert.ok(capabilities.uploadSalesPdf || capabilities.documentNumber, platform);
      assert.equal(
        result.problems.some((p) => p.severity === 'error' && /uploadSalesPdfToShop/.test(p.pointer ?? '')),
        false,
        platform,
      );
    }
  });

  it('statuses are cached in the state database and read back', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shops-cache-'));
    try {
      const store = await openStateStore(dir, { now: testClock });
      assert.equal(cachedStatuses(store), undefined);
      cacheStatuses(store, 'woocommerce', [{ id: 'processing', name: 'W trakcie realizacji' }], new Date('2026-03-02T10:00:00Z'));
      await store.close();
      const reopened = await openStateStore(dir, { now: testClock, readOnly: true });
      assert.deepEqual(cachedStatuses(reopened), {
        platform: 'woocommerce',
        fetchedAt: '2026-03-02T10:00:00.000Z',
        statuses: [{ id: 'processing', name: 'W trakcie realizacji' }],
      });
      await reopened.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
