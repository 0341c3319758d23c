// WooCommerce receives the sales-document PDF through the WordPress media library (a WordPress user's
// Application Password, not the ck/cs keys), under an unguessable name, linked on the order by meta and a note.
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import type { SalesPdfUpload } from '../../../src/core/shops/connector';
import { ShopError } from '../../../src/core/shops/errors';
import { generateOrders } from '../../fakes/common/orders';
import { startFakeWooCommerce, WooCommerceFake, WOO_CONSUMER_KEY, WOO_CONSUMER_SECRET, WP_APP_PASSWORD, WP_USER } from '../../fakes/woocommerce/server';
import { basicCredentials } from '../../fakes/common/server';
import { connect, memorySecrets, settingsFor } from './helpers';

async function pdf(): Promise<SalesPdfUpload> {
  const document = await PDFDocument.create();
  document.addPage().drawText('FS/3/2026');
  return { fileName: 'FS_3_2026.pdf', bytes: await document.save(), documentNumber: 'FS/3/2026', kind: 'FS', totalGross: 13530, totalNet: 11000, currency: 'PLN' };
}

describe('WooCommerce: sales-document PDF through WordPress media', function () {
  this.timeout(20_000);
  let fake: WooCommerceFake;
  const fixtures = generateOrders(2);
  const orderId = String(fixtures[1]!.id);
  beforeEach(async () => { fake = await startFakeWooCommerce({ orders: fixtures }); });
  afterEach(async () => fake.close());

  const open = (secrets: Record<string, string>, note?: 'private' | 'customer') =>
    connect(settingsFor('woocommerce', fake.url, note ? { woocommerce: { taxIdMetaKey: '_billing_nip', salesDocumentNote: note } } : {}), memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, ...secrets }));

  it('uploads with the Application Password under an unguessable name, links it in meta and a private note', async () => {
    const { connector, logger } = await open({ wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD });
    const upload = await pdf();
    await connector.uploadSalesPdf(orderId, upload);
    await connector.uploadSalesPdf(orderId, upload);

    const posts = fake.state.requestLog.filter((r) => r.path === '/wp-json/wp/v2/media');
    assert.equal(posts.length, 2);
    assert.deepEqual(basicCredentials(posts[0]!.headers.authorization), [WP_USER, WP_APP_PASSWORD], 'the WordPress user, not the consumer key');
    assert.equal(posts[0]!.headers['content-type'], 'application/pdf');
    const [first, second] = fake.media;
    assert.match(first!.fileName, /^FS-3-2026-[0-9a-f]{32}\.pdf$/);
    assert.notEqual(first!.fileName, second!.fileName, 'every upload gets its own random name');

    const order = (await (await fetch(`${fake.url}/wp-json/wc/v3/orders/${orderId}`, { headers: { Authorization: 'Basic ' + Buffer.from(`${WOO_CONSUMER_KEY}:${WOO_CONSUMER_SECRET}`).toString('base64') } })).json()) as { meta_data: Array<{ key: string; value: string }> };
    const meta = Object.fromEntries(order.meta_data.map((m) => [m.key, m.value]));
    assert.equal(meta._optima_sync_document_number, 'FS/3/2026');
    assert.equal(meta._optima_sync_document_url, second!.source_url, 'the link points at the newest upload');
    const served = Buffer.from(await (await fetch(meta._optima_sync_document_url!)).arrayBuffer());
    assert.ok(served.equals(Buffer.from(upload.bytes)), 'the linked file is the PDF');

    const notes = fake.notes.filter((n) => n.orderId === orderId);
    assert.equal(notes.length, 2);
    assert.equal(notes[0]!.customer_note, false, 'private by default');
    assert.ok(notes[0]!.note.includes('FS/3/2026') && notes[0]!.note.includes(first!.source_url));
    assert.equal(fake.state.uploads.at(-1)!.documentNumber, 'FS/3/2026');
    assert.ok(!logger.text().includes(WP_APP_PASSWORD) && !logger.text().includes(Buffer.from(`${WP_USER}:${WP_APP_PASSWORD}`).toString('base64')), 'no password in the log');
  });

  it('writes a customer-visible note only when shop.woocommerce.salesDocumentNote is "customer"', async () => {
    const { connector } = await open({ wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD }, 'customer');
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.deepEqual(fake.notes.map((n) => n.customer_note), [true]);
  });

  it('the connection test checks the WordPress user when the upload is on, and refuses a wrong password', async () => {
    const settings = (upload: boolean) => {
      const s = settingsFor('woocommerce', fake.url);
      return { ...s, afterRealization: { ...s.afterRealization, uploadSalesPdfToShop: { enabled: upload } } };
    };
    const good = await connect(settings(true), memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD }));
    assert.match((await good.connector.testConnection()).detail, /WordPress user Konsultant Wdrożeń accepted for the PDF upload/);
    const wrong = await connect(settings(true), memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, wpUser: WP_USER, wpAppPassword: 'nope nope nope' }));
    await assert.rejects(wrong.connector.testConnection(), /WordPress refused the user or Application Password/);
    const off = await connect(settings(false), memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET }));
    assert.doesNotMatch((await off.connector.testConnection()).detail, /WordPress/, 'not asked for when the upload is off');
  });

  it('without the WordPress credentials: a clear error naming them and where to set them, nothing sent', async () => {
    const { connector } = await open({});
    const before = fake.state.requestLog.length;
    await assert.rejects(connector.uploadSalesPdf(orderId, await pdf()), (error: ShopError) => {
      assert.equal(error.kind, 'credentials');
      assert.match(error.message, /WordPress user name/);
      assert.match(error.message, /OPTIMA_SYNC_WP_USER, OPTIMA_SYNC_WP_APP_PASSWORD/);
      assert.match(error.message, /Set shop credentials/);
      return true;
    });
    assert.equal(fake.state.requestLog.length, before);
  });

  it('a wrong Application Password is reported as refused credentials, without the password', async () => {
    const { connector } = await open({ wpUser: WP_USER, wpAppPassword: 'wrong pass word 0000' });
    await assert.rejects(connector.uploadSalesPdf(orderId, await pdf()), (error: ShopError) => {
      assert.equal(error.kind, 'auth');
      assert.match(error.message, /WordPress refused the user or Application Password.*rest_cannot_create/);
      assert.ok(!error.message.includes('wrong pass word 0000'));
      return true;
    });
    assert.equal(fake.media.length, 0);
    assert.equal(fake.notes.length, 0);
  });
});
