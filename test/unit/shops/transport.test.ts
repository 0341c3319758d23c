// The shop's keys travel only encrypted (plain http only to this computer, or where allowed and warned), and a
// redirect never takes them to another site or down to plain http: real servers on loopback, one with TLS.
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ShopError } from '../../../src/core/shops/errors';
import { validateSettingsText } from '../../../src/core/settings/validate';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { BASELINKER_STATUSES, BASELINKER_TOKEN, startFakeBaseLinker, type BaseLinkerFake } from '../../fakes/baselinker/server';
import { startFakeWooCommerce, WOO_CONSUMER_KEY, WOO_CONSUMER_SECRET, type WooCommerceFake } from '../../fakes/woocommerce/server';
import { selfSignedCertificate } from '../../support/smtp';
import { trustingFetch } from '../../support/trusting-fetch';
import { connect, memorySecrets, settingsFor } from './helpers';

function settingsText(shop: Record<string, unknown>): string {
  const settings = defaultSettings() as { shop: Record<string, unknown> };
  settings.shop = { ...settings.shop, ...shop };
  return JSON.stringify(settings, null, 2);
}

describe('shops: credentials only over TLS', function () {
  this.timeout(20_000);

  describe('shop.url', () => {
    const problems = (shop: Record<string, unknown>) =>
      validateSettingsText(settingsText(shop), 'optima-sync.json').problems.filter((p) => p.pointer === '/shop/url');

    it('validation refuses http://shop.example.com, accepts https and http to this computer, warns when plain http is allowed', () => {
      const [refused] = problems({ platform: 'woocommerce', url: 'http://shop.example.com' });
      assert.equal(refused?.severity, 'error');
      assert.equal(refused?.code, 'plain-http-shop-refused');
      assert.match(
        refused!.message,
        /shop\.url is plain http: the shop's keys would travel unencrypted to shop\.example\.com, so connecting is refused.*shop\.allowInsecureHttp/,
      );
      assert.equal(
        validateSettingsText(settingsText({ platform: 'woocommerce', url: 'http://shop.example.com' }), 'optima-sync.json').settings,
        undefined,
        'the file is invalid',
      );
      assert.deepEqual(problems({ platform: 'woocommerce', url: 'https://shop.example.com' }), []);
      for (const url of ['http://127.0.0.1:8080', 'http://localhost:8080/', 'http://[::1]:8080'])
        assert.deepEqual(problems({ platform: 'prestashop', url }), [], url);
      const [allowed] = problems({ platform: 'sellasist', url: 'http://shop.example.com', allowInsecureHttp: true });
      assert.equal(allowed?.severity, 'warning');
      assert.match(allowed!.message, /travel unencrypted to shop\.example\.com and anyone on the network path could read them/);
    });

    it('the connector refuses a plain http address elsewhere before sending anything; allowed, it warns in the log', async () => {
      let sent = 0;
      const counting = (async () => {
        sent++;
        return new Response('{}');
      }) as unknown as typeof fetch;
      const secrets = memorySecrets({ shopKey: BASELINKER_TOKEN });
      await assert.rejects(
        connect(settingsFor('baselinker', 'http://api.example.com'), secrets, { fetch: counting }),
        (error: ShopError) => {
          assert.equal(error.kind, 'transport');
          assert.equal(error.scope, 'server');
          assert.equal(error.outcome, 'definite');
          assert.match(
            error.message,
            /Nothing was sent: shop\.url is plain http, so the shop's keys would go to api\.example\.com unencrypted/,
          );
          return true;
        },
      );
      assert.equal(sent, 0);
      const allowed = await connect(settingsFor('baselinker', 'http://api.example.com', { allowInsecureHttp: true }), secrets, {
        fetch: counting,
      });
      assert.match(allowed.logger.text(), /\[warn\] shop\.url is plain http: the shop's keys travel unencrypted to api\.example\.com/);
    });
  });

  describe('redirects', () => {
    let shop: BaseLinkerFake;
    let elsewhere: BaseLinkerFake;
    beforeEach(async () => {
      [shop, elsewhere] = await Promise.all([startFakeBaseLinker(), startFakeBaseLinker()]);
    });
    afterEach(async () => Promise.all([shop.close(), elsewhere.close()]));

    const baselinker = (url: string, options: Parameters<typeof connect>[2] = {}) =>
      connect(settingsFor('baselinker', url), memorySecrets({ shopKey: BASELINKER_TOKEN }), options);
    // 127.0.0.1 and localhost are the same machine but different origins, as two hosts would be.
    const otherOrigin = () => `http://localhost:${elsewhere.port}/connector.php`;

    it('a redirect to another host does not carry X-BLToken: refused, nothing sent there', async () => {
      shop.inject({ kind: 'status', status: 307, headers: { Location: otherOrigin() }, body: '' });
      const { connector, logger } = await baselinker(shop.url);
      await assert.rejects(connector.listStatuses(), (error: ShopError) => {
        assert.equal(error.kind, 'transport');
        assert.match(
          error.message,
          new RegExp(
            `redirected the request to another address \\(http://localhost:${elsewhere.port}\\); the shop's keys are never sent to another site`,
          ),
        );
        assert.ok(!error.message.includes(BASELINKER_TOKEN));
        return true;
      });
      assert.equal(elsewhere.state.requestLog.length, 0, 'the other host saw nothing');
      assert.equal(shop.state.requestLog.length, 1, 'and the refusal is not retried');
      assert.ok(!logger.text().includes(BASELINKER_TOKEN));
    });

    it('a redirect on the same origin keeps the token and the body (307/308); a write redirected by 301 is refused', async () => {
      shop.inject({ kind: 'status', status: 308, headers: { Location: '/connector.php' }, body: '' });
      const { connector } = await baselinker(shop.url);
      assert.deepEqual(
        (await connector.listStatuses()).map((s) => s.id),
        BASELINKER_STATUSES.map((s) => String(s.id)),
      );
      const [redirected, followed] = shop.state.requestLog;
      assert.equal(followed!.headers['x-bltoken'], BASELINKER_TOKEN);
      assert.equal(followed!.body.toString(), redirected!.body.toString());

      shop.inject({ kind: 'status', status: 301, headers: { Location: '/connector.php' }, body: '' });
      await assert.rejects(
        connector.setStatus(String(3_754_001), '1052'),
        /answered HTTP 301 with a redirect to http:\/\/127\.0\.0\.1:\d+\/connector\.php; a change is never re-sent as a read/,
      );
    });

    it('never from https down to plain http', async () => {
      const { key, cert } = await selfSignedCertificate();
      const front = https.createServer({ key, cert }, (_request, response) => {
        response.writeHead(302, { Location: `http://127.0.0.1:${shop.port}/connector.php` });
        response.end();
      });
      await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
      try {
        const { connector } = await baselinker(`https://localhost:${(front.address() as AddressInfo).port}`, {
          fetch: trustingFetch(cert),
        });
        await assert.rejects(
          connector.listStatuses(),
          /redirected the request from https to plain http \(http:\/\/127\.0\.0\.1:\d+\/connector\.php\); the shop's keys never travel unencrypted/,
        );
        assert.equal(shop.state.requestLog.length, 0);
      } finally {
        front.closeAllConnections();
        await new Promise((resolve) => front.close(resolve));
      }
    });
  });

  it('a request without credentials may follow a redirect to another origin (WooCommerce statuses)', async () => {
    const [woo, moved]: WooCommerceFake[] = await Promise.all([startFakeWooCommerce(), startFakeWooCommerce()]);
    try {
      woo.inject({
        kind: 'status',
        status: 301,
        headers: { Location: `http://localhost:${moved.port}/wp-json/wc/v3/orders/statuses` },
        body: '',
      });
      const { connector } = await connect(
        settingsFor('woocommerce', woo.url),
        memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET }),
      );
      assert.ok((await connector.listStatuses()).length > 0);
      const [arrived] = moved.state.requestLog;
      assert.equal(arrived?.path, '/wp-json/wc/v3/orders/statuses');
      assert.equal(arrived?.headers.authorization, undefined);
    } finally {
      await Promise.all([woo.close(), moved.close()]);
    }
  });
});
