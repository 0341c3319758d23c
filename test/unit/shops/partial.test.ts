// A pass whose shop listing fails part-way keeps what it read, says so and fails; the next pass resumes from
// the cursor (not from the start) and every order is imported exactly once.
import assert from 'node:assert/strict';
import { MemoryLogger } from '../../../src/core/log';
import type { SecretName, SecretSource } from '../../../src/core/secrets';
import { createShopConnector } from '../../../src/core/shops/index';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { generateOrders } from '../../fakes/common/orders';
import { startFakeWooCommerce } from '../../fakes/woocommerce/server';
import { createTestDeployment } from '../../support/deployment';
import { daysFromTestNow, testClock } from '../../support/clock';
import { PLATFORM_CASES } from './platforms';

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return {
    get: async (name) => values[name],
    set: async (name, value) => {
      values[name] = value;
    },
  };
}

describe('sync pass: the shop listing fails part-way', function () {
  this.timeout(30_000);
  const woo = PLATFORM_CASES.find((c) => c.platform === 'woocommerce')!;

  it('keeps the pages read, fails naming the cause, and the next pass resumes from the cursor', async () => {
    const orders = generateOrders(10, { status: 'paid', firstId: 901, start: daysFromTestNow(-1).toISOString() });
    const fake = await startFakeWooCommerce({ orders });
    const deployment = await createTestDeployment((s) => {
      s.shop = { platform: 'woocommerce', name: 'Sklep', url: fake.url, importStatuses: [woo.statusId('paid')] };
      s.afterImport.setStatus.enabled = false;
      s.afterImport.sendEmail.enabled = false;
      s.afterRealization.sendEmail.enabled = false;
      s.afterRealization.uploadSalesPdfToShop.enabled = false;
    });
    const secrets = memorySecrets(woo.secrets());
    const pass = async () => {
      const logger = new MemoryLogger();
      const opened = await openDeployment(deployment.dir, { secrets, logger, now: testClock });
      try {
        // Four orders a page, so the listing takes several requests.
        const shop = await createShopConnector(opened.deps.settings, {
          secrets,
          logger,
          now: testClock,
          pageSize: 4,
          backoffBaseMs: 5,
          maxRetries: 1,
        });
        return await runSyncPass({ ...opened.deps, shop }, {});
      } finally {
        await opened.close();
      }
    };
    const listings = () =>
      fake.state.requestLog.filter(
        (r) =>
          r.method === 'GET' &&
          r.path === '/wp-json/wc/v3/orders' &&
          r.query.get('orderby') === 'modified' &&
          r.query.get('order') === 'asc',
      );
    try {
      // The second page of the listing is refused.
      fake.inject({
        kind: 'status',
        status: 400,
        body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): modified_after', data: { status: 400 } },
        when: (r) => r.path.endsWith('/orders') && r.query.has('modified_after'),
      });
      await assert.rejects(pass(), /stopped part-way \(4 orders read are kept; the next pass resumes from there\).*HTTP 400/);
      const store = await openStateStore(deployment.dir, { now: testClock });
      try {
        assert.equal(store.listOrders().length, 4, 'the first page is recorded');
      } finally {
        await store.close();
      }

      const before = listings().length;
      const second = await pass();
      assert.deepEqual(second.errors, []);
      assert.equal(second.imported, 10, 'the kept orders and the rest');
      assert.ok(listings()[before]!.query.has('modified_after'), 'the listing resumed from the cursor, not from the start');
      assert.equal((await pass()).imported, 0);
      const check = await openStateStore(deployment.dir, { now: testClock });
      try {
        assert.deepEqual(
          check
            .listOrders()
            .filter((o) => o.erpDocument)
            .map((o) => o.shopOrderId)
            .sort(),
          orders.map((o) => String(o.id)).sort(),
        );
      } finally {
        await check.close();
      }
    } finally {
      await fake.close();
      await deployment.cleanup();
    }
  });
});
