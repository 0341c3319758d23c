// The issue as a consultant met it: two orders realized at import, the order update that links one PDF fails
// for a whole pass (HTTP 500 on every try), the next pass retries the action. WordPress must then hold one
// private PDF per order, each order one note, and a visitor must list nothing.
import assert from 'node:assert/strict';
import { generateOrders } from '../../fakes/common/orders';
import {
  startFakeWooCommerce,
  type WooCommerceFake,
  WOO_CONSUMER_KEY,
  WOO_CONSUMER_SECRET,
  WP_APP_PASSWORD,
  WP_USER,
} from '../../fakes/woocommerce/server';
import { createTestDeployment, runPass, type TestDeployment, withoutKsef } from '../../support/deployment';

const env = {
  OPTIMA_SYNC_SHOP_KEY: WOO_CONSUMER_KEY,
  OPTIMA_SYNC_SHOP_SECRET: WOO_CONSUMER_SECRET,
  OPTIMA_SYNC_WP_USER: WP_USER,
  OPTIMA_SYNC_WP_APP_PASSWORD: WP_APP_PASSWORD,
};

describe('sync pass: WooCommerce PDFs private and uploaded once', function () {
  this.timeout(60_000);
  let fake: WooCommerceFake;
  let deployment: TestDeployment;
  const orders = generateOrders(2, { status: 'new', firstId: 801 });
  before(async () => {
    fake = await startFakeWooCommerce({ orders });
    deployment = await createTestDeployment((s) => {
      withoutKsef(s);
      s.shop = { platform: 'woocommerce', name: 'Sklep', url: fake.url, importStatuses: ['pending'] };
      s.erp.realizeOnStatuses = ['pending'];
      s.afterImport.setStatus.enabled = false;
      s.afterImport.sendEmail.enabled = false;
      s.afterRealization.setStatus.enabled = false;
      s.afterRealization.sendEmail.enabled = false;
      s.afterRealization.uploadSalesPdfToShop.enabled = true;
    });
  });
  after(async () => {
    await fake?.close();
    await deployment?.cleanup();
  });

  it('a failed link step and a retry in the next pass leave one PDF per order, one note each, nothing for visitors', async () => {
    const first = String(orders[0]!.id);
    fake.inject(
      ...Array.from({ length: 4 }, () => ({
        kind: 'status' as const,
        status: 500,
        body: { code: 'internal_server_error', message: 'Internal Server Error', data: { status: 500 } },
        when: (r: { method: string; path: string }) => r.method === 'PUT' && r.path === `/wp-json/wc/v3/orders/${first}`,
      })),
    );
    const one = await runPass(deployment.dir, { concurrency: 1 }, env);
    assert.equal(one.imported, 2);
    assert.ok(one.actions['pdf-to-shop'].failed >= 1, one.log);
    const two = await runPass(deployment.dir, { concurrency: 1 }, env);
    const three = await runPass(deployment.dir, { concurrency: 1 }, env);
    assert.equal(
      one.actions['pdf-to-shop'].done + two.actions['pdf-to-shop'].done + three.actions['pdf-to-shop'].done,
      2,
      [one.log, two.log, three.log].join('\n'),
    );

    assert.equal(fake.media.length, 2, 'one file per order, whatever was retried');
    assert.deepEqual(
      fake.media.map((m) => m.status),
      ['private', 'private'],
    );
    for (const order of orders)
      assert.equal(fake.notes.filter((n) => n.orderId === String(order.id)).length, 1, `one note on order ${order.id}`);
    const visitor = await fetch(`${fake.url}/wp-json/wp/v2/media?search=FS`);
    assert.deepEqual(await visitor.json(), []);
    assert.deepEqual(await (await fetch(`${fake.url}/wp-json/wp/v2/media`)).json(), []);
  });

  it('a note whose answer is lost is found by its marker (done, one note); when the notes cannot be read either, it is uncertain and never repeated', async () => {
    const more = generateOrders(2, { status: 'new', firstId: 901 });
    fake.addOrders(more);
    const [found, unknown] = more.map((order) => String(order.id));
    const isNote = (id: string) => (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path === `/wp-json/wc/v3/orders/${id}/notes`;
    const readsNotes = (id: string) => (r: { method: string; path: string }) =>
      r.method === 'GET' && r.path === `/wp-json/wc/v3/orders/${id}/notes`;
    fake.inject(
      { kind: 'lostAnswer', then: 'drop', when: isNote(found!) },
      { kind: 'lostAnswer', then: 'drop', when: isNote(unknown!) },
      // For `unknown`, the look after the lost answer fails (the look before it, with no note yet, works).
      ...Array.from({ length: 8 }, () => ({
        kind: 'status' as const,
        status: 503,
        body: { code: 'unavailable', message: 'Service Unavailable' },
        when: (r: { method: string; path: string }) => readsNotes(unknown!)(r) && fake.notes.some((n) => n.orderId === unknown),
      })),
    );
    const passes = [];
    for (let pass = 0; pass < 3; pass++) passes.push(await runPass(deployment.dir, { concurrency: 1 }, env));
    assert.equal(fake.notes.filter((n) => n.orderId === found).length, 1, 'one note: the lost answer was checked, not repeated');
    assert.equal(fake.notes.filter((n) => n.orderId === unknown).length, 1, 'one note: an uncertain note is never posted again');
    const uncertain = passes
      .flatMap((p) => p.uncertain)
      .filter((u) => u.kind === 'pdf-to-shop')
      .map((u) => u.shopOrderId);
    assert.ok(uncertain.includes(unknown!) && !uncertain.includes(found!), JSON.stringify(uncertain));
    assert.equal(
      passes.reduce((n, p) => n + p.actions['pdf-to-shop'].done, 0),
      1,
      'the checked one is done',
    );
  });
});
