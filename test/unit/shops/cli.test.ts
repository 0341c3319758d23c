// optima-sync shop test | statuses | set-status, end to end over a fake shop and the demo shop.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { cachedStatuses, listDemoOrders } from '../../../src/core/shops/index';
import { openStateStore } from '../../../src/core/state/index';
import { startFakeWooCommerce, WOO_CONSUMER_KEY, WOO_CONSUMER_SECRET } from '../../fakes/woocommerce/server';
import { cli } from '../../support/cli';
import { TEST_NOW, testClock } from '../../support/clock';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const result = await cli(args, { env });
  return { code: result.code, out: result.stdout, err: result.stderr };
}

describe('optima-sync shop', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-cli-'));
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  async function writeSettings(shop: Record<string, unknown>): Promise<void> {
    const settings = defaultSettings() as Record<string, unknown>;
    settings.shop = shop;
    (settings.afterRealization as Record<string, unknown>).uploadSalesPdfToShop = { enabled: false };
    await fs.writeFile(path.join(dir, 'optima-sync.json'), JSON.stringify(settings, null, 2));
  }

  it('tests a WooCommerce shop with keys from the environment, prints statuses and capabilities, caches them', async () => {
    const fake = await startFakeWooCommerce({});
    try {
      await writeSettings({ platform: 'woocommerce', name: 'Sklep', url: fake.url, importStatuses: ['processing', 'gone'] });
      const env = { OPTIMA_SYNC_SHOP_KEY: WOO_CONSUMER_KEY, OPTIMA_SYNC_SHOP_SECRET: WOO_CONSUMER_SECRET, OPTIMA_SYNC_VERBOSE: '1' };
      const text = await run(['shop', 'test', '--dir', dir], env);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, /processing\s+W trakcie realizacji/);
      assert.match(text.out, /shop\.importStatuses names statuses the shop does not have: gone/);
      assert.match(text.out, /BaseLinker\s+PDF upload: yes/);
      assert.match(text.out, /WooCommerce\s+PDF upload: yes/);
      assert.ok(!(text.out + text.err).includes(WOO_CONSUMER_SECRET), 'no secret in the output or the trace');
      assert.match(text.err, /\[trace\] →/);
      const json = JSON.parse((await run(['shop', 'statuses', '--dir', dir, '--json'], env)).out) as {
        ok: boolean;
        statuses: Array<{ id: string }>;
      };
      assert.equal(json.ok, true);
      assert.ok(json.statuses.some((s) => s.id === 'shipped'));
      const store = await openStateStore(dir, { now: testClock, readOnly: true });
      assert.equal(cachedStatuses(store)?.statuses.find((s) => s.id === 'completed')?.name, 'Zrealizowane');
      await store.close();
      const missing = await run(['shop', 'test', '--dir', dir], {});
      assert.equal(missing.code, 1);
      assert.match(missing.out, /WooCommerce consumer key.*OPTIMA_SYNC_SHOP_KEY/s);
    } finally {
      await fake.close();
    }
  });

  it("changes a demo-shop order's status and refuses to on a real platform", async () => {
    await writeSettings({ platform: 'demo', name: 'Sklep Demo', importStatuses: ['new', 'paid'] });
    const tested = await run(['shop', 'test', '--dir', dir, '--json']);
    assert.equal(tested.code, 0, tested.err);
    const [order] = await listDemoOrders(dir, TEST_NOW);
    const changed = await run(['shop', 'set-status', order!.id, 'paid', '--dir', dir]);
    assert.equal(changed.code, 0, changed.err);
    assert.equal((await listDemoOrders(dir, TEST_NOW))[0]!.status, 'paid');
    assert.equal((await run(['shop', 'set-status', order!.id, '--dir', dir])).code, 2);
    await writeSettings({ platform: 'sellasist', name: 'S', url: 'https://x.sellasist.pl', importStatuses: [] });
    const refused = await run(['shop', 'set-status', order!.id, 'paid', '--dir', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /demo shop only/);
  });
});
