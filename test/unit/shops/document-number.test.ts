// Where no file can go (PrestaShop, SellAsist), the sales-document number is written back to the order:
// SellAsist's document_number, a private PrestaShop order message; other platforms do not claim it.
import assert from 'node:assert/strict';
import { platformCapabilities } from '../../../src/core/shops/index';
import { generateOrders } from '../../fakes/common/orders';
import { PRESTASHOP_KEY, startFakePrestaShop } from '../../fakes/prestashop/server';
import { SELLASIST_API_KEY, startFakeSellAsist } from '../../fakes/sellasist/server';
import { connect, memorySecrets, settingsFor } from './helpers';

describe('sales-document number written back to the order', function () {
  this.timeout(20_000);

  it('SellAsist: PUT /orders/{id} {"document_number"}, and the order shows it', async () => {
    const fixtures = generateOrders(2);
    const fake = await startFakeSellAsist({ orders: fixtures });
    try {
      const { connector } = await connect(settingsFor('sellasist', fake.url), memorySecrets({ shopKey: SELLASIST_API_KEY }));
      assert.equal(connector.capabilities.documentNumber, true);
      const orderId = String(5000 + fixtures[1]!.id);
      await connector.writeDocumentNumber!(orderId, 'FS/3/2026');
      const request = fake.state.requestLog.at(-1)!;
      assert.equal(request.method, 'PUT');
      assert.equal(request.path, `/api/v1/orders/${orderId}`);
      assert.deepEqual(JSON.parse(request.body.toString()), { document_number: 'FS/3/2026' });
      const order = fake.state.orders.find((o) => String(o.id) === orderId)!;
      assert.equal(order.document_number, 'FS/3/2026');
    } finally {
      await fake.close();
    }
  });

  it("PrestaShop: a private message in the order's thread (created once), never shown to the customer", async () => {
    const fixtures = generateOrders(2);
    const fake = await startFakePrestaShop({ orders: fixtures });
    try {
      const { connector } = await connect(settingsFor('prestashop', fake.url), memorySecrets({ shopKey: PRESTASHOP_KEY }));
      assert.equal(connector.capabilities.documentNumber, true);
      const orderId = String(fixtures[0]!.id);
      await connector.writeDocumentNumber!(orderId, 'FS/3/2026');
      await connector.writeDocumentNumber!(orderId, 'FS/4/2026');
      const posts = fake.state.requestLog.filter((r) => r.method === 'POST');
      assert.deepEqual(
        posts.map((r) => r.path),
        ['/api/customer_threads', '/api/customer_messages', '/api/customer_messages'],
        'one thread per order',
      );
      assert.ok(posts.every((r) => r.headers['content-type'] === 'application/xml'));
      assert.match(posts[0]!.body.toString(), new RegExp(`<id_order><!\\[CDATA\\[${orderId}\\]\\]></id_order>`));
      assert.match(posts[1]!.body.toString(), /<private>1<\/private>/);
      assert.deepEqual(
        fake.state.uploads.map((u) => [u.orderId, u.documentNumber, u.detail?.private]),
        [
          [orderId, 'FS/3/2026', true],
          [orderId, 'FS/4/2026', true],
        ],
      );
    } finally {
      await fake.close();
    }
  });

  it('the platforms that take the file carry the number with it and do not claim the write-back', () => {
    for (const platform of ['woocommerce', 'baselinker', 'apilo'] as const) {
      assert.deepEqual(platformCapabilities(platform), { uploadSalesPdf: true, documentNumber: false }, platform);
    }
    for (const platform of ['prestashop', 'sellasist'] as const) {
      assert.deepEqual(platformCapabilities(platform), { uploadSalesPdf: false, documentNumber: true }, platform);
    }
  });
});
