// What a connector creates in the shop by a POST happens once: Apilo's media and order document, PrestaShop's
// private message (and its thread). Each is looked for first, and again when the POST's answer was lost.
import assert from 'node:assert/strict';
import type { SalesPdfUpload } from '../../../src/core/shops/connector';
import type { ShopError } from '../../../src/core/shops/errors';
import { generateOrders } from '../../fakes/common/orders';
import {
  APILO_AUTHORIZATION_CODE,
  APILO_CLIENT_ID,
  APILO_CLIENT_SECRET,
  startFakeApilo,
  toApiloOrder,
  type ApiloFake,
} from '../../fakes/apilo/server';
import { PRESTASHOP_KEY, startFakePrestaShop } from '../../fakes/prestashop/server';
import { connect, memorySecrets, settingsFor } from './helpers';

describe('shops: a POST that creates something happens once', function () {
  this.timeout(20_000);

  describe('Apilo: look before posting the media', () => {
    const fixtures = generateOrders(2);
    const orderId = toApiloOrder(fixtures[0]!).id;
    let fake: ApiloFake;
    beforeEach(async () => {
      fake = await startFakeApilo({ orders: fixtures });
    });
    afterEach(async () => fake.close());
    const upload = async (documentNumber = 'FS/3/2026'): Promise<SalesPdfUpload> => ({
      fileName: 'FS_3_2026.pdf',
      bytes: Buffer.from('%PDF-1.4\n%%EOF\n'),
      documentNumber,
      kind: 'FS',
      totalGross: 13530,
      totalNet: 11000,
      currency: 'PLN',
    });
    const apilo = () =>
      connect(
        settingsFor('apilo', fake.url),
        memorySecrets({
          shopKey: APILO_CLIENT_ID,
          shopSecret: APILO_CLIENT_SECRET,
          apiloTokens: JSON.stringify({ authorizationCode: APILO_AUTHORIZATION_CODE }),
        }),
        { timeoutMs: 300, maxRetries: 0 },
      );
    const mediaPosts = () => fake.state.requestLog.filter((r) => r.method === 'POST' && r.path === '/rest/api/media/').length;

    it('a second upload of the same document finds it on the order and sends no file', async () => {
      const { connector } = await apilo();
      await connector.uploadSalesPdf(orderId, await upload());
      await connector.uploadSalesPdf(orderId, await upload());
      assert.equal(mediaPosts(), 1);
      assert.equal(fake.media.size, 1);
      assert.equal(fake.documents.length, 1);
    });

    it('the media POST is never repeated blindly: lost with nothing attached, a definite failure and one upload on the retry', async () => {
      const { connector } = await apilo();
      fake.inject({ kind: 'hang', when: (r) => r.method === 'POST' && r.path === '/rest/api/media/' });
      await assert.rejects(connector.uploadSalesPdf(orderId, await upload()), (error: ShopError) => {
        assert.equal(error.outcome, 'definite');
        assert.match(error.message, /Apilo: the answer was lost, but the shop shows no sales document on the order/);
        return true;
      });
      assert.equal(mediaPosts(), 1, 'not re-sent by the client');
      await connector.uploadSalesPdf(orderId, await upload());
      assert.equal(fake.documents.length, 1);
    });

    it('an order document whose answer was lost is found on the order: done, nothing sent again', async () => {
      const { connector } = await apilo();
      fake.inject({ kind: 'lostAnswer', when: (r) => r.method === 'POST' && /\/documents\/$/.test(r.path) });
      await connector.uploadSalesPdf(orderId, await upload());
      assert.equal(fake.documents.length, 1);
      assert.equal(mediaPosts(), 1);
      assert.equal(fake.state.requestLog.filter((r) => r.method === 'POST' && /\/documents\/$/.test(r.path)).length, 1);
    });
  });

  describe('PrestaShop: the private message of the document number', () => {
    const fixtures = generateOrders(2);
    const orderId = String(fixtures[0]!.id);

    it('written once per document, also when the answer of its POST was lost', async () => {
      const fake = await startFakePrestaShop({ orders: fixtures });
      try {
        const { connector } = await connect(settingsFor('prestashop', fake.url), memorySecrets({ shopKey: PRESTASHOP_KEY }), {
          timeoutMs: 300,
          maxRetries: 0,
        });
        const posts = () => fake.state.requestLog.filter((r) => r.method === 'POST').map((r) => r.path);
        await connector.writeDocumentNumber!(orderId, 'FS/3/2026');
        await connector.writeDocumentNumber!(orderId, 'FS/3/2026');
        assert.deepEqual(posts(), ['/api/customer_threads', '/api/customer_messages']);
        fake.inject({ kind: 'lostAnswer', when: (r) => r.method === 'POST' && r.path === '/api/customer_messages' });
        await connector.writeDocumentNumber!(orderId, 'FS/4/2026');
        await connector.writeDocumentNumber!(orderId, 'FS/4/2026');
        assert.deepEqual(posts(), ['/api/customer_threads', '/api/customer_messages', '/api/customer_messages']);
        assert.equal(fake.state.uploads.filter((u) => u.documentNumber === 'FS/4/2026').length, 1);
      } finally {
        await fake.close();
      }
    });
  });
});
