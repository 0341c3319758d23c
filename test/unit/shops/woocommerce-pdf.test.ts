// WooCommerce receives the sales-document PDF through the WordPress media library (a WordPress user's
// Application Password, not the ck/cs keys): private, so no visitor lists or searches it, under a name that is
// unguessable yet the same on every attempt, linked on the order by meta and one note. A retry after a failed
// later step, or after a lost answer, stores nothing twice.
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import type { SalesPdfUpload } from '../../../src/core/shops/connector';
import { type ShopError } from '../../../src/core/shops/errors';
import { uploadFileName } from '../../../src/core/shops/upload-name';
import { generateOrders } from '../../fakes/common/orders';
import {
  startFakeWooCommerce,
  type WooCommerceFake,
  WOO_CONSUMER_KEY,
  WOO_CONSUMER_SECRET,
  WP_APP_PASSWORD,
  WP_USER,
} from '../../fakes/woocommerce/server';
import { basicCredentials } from '../../fakes/common/server';
import { connect, memorySecrets, settingsFor, TEST_UPLOAD_NAME_KEY } from './helpers';

async function pdf(documentNumber = 'FS/3/2026'): Promise<SalesPdfUpload> {
  const document = await PDFDocument.create();
  document.addPage().drawText(documentNumber);
  return {
    fileName: `${documentNumber.replace(/\//g, '_')}.pdf`,
    bytes: await document.save(),
    documentNumber,
    kind: 'FS',
    totalGross: 13530,
    totalNet: 11000,
    currency: 'PLN',
  };
}

const wpLogin = 'Basic ' + Buffer.from(`${WP_USER}:${WP_APP_PASSWORD}`).toString('base64');

describe('WooCommerce: sales-document PDF through WordPress media', function () {
  this.timeout(20_000);
  let fake: WooCommerceFake;
  const fixtures = generateOrders(2);
  const orderId = String(fixtures[1]!.id);
  beforeEach(async () => {
    fake = await startFakeWooCommerce({ orders: fixtures });
  });
  afterEach(async () => fake.close());

  const open = (secrets: Record<string, string>, note?: 'private' | 'customer', options: Parameters<typeof connect>[2] = {}) =>
    connect(
      settingsFor('woocommerce', fake.url, note ? { woocommerce: { taxIdMetaKey: '_billing_nip', salesDocumentNote: note } } : {}),
      memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, ...secrets }),
      options,
    );
  const uploader = (options: Parameters<typeof connect>[2] = {}, note?: 'private' | 'customer') =>
    open({ wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD }, note, options);
  /** GET on the fake's WordPress as a visitor (no login) or as the logged-in user. */
  const wordpress = async (path: string, login = false) => {
    const response = await fetch(`${fake.url}/wp-json/wp/v2/${path}`, { headers: login ? { Authorization: wpLogin } : {} });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const mediaPosts = () => fake.state.requestLog.filter((r) => r.method === 'POST' && r.path === '/wp-json/wp/v2/media');
  const notesOf = (id: string) => fake.notes.filter((n) => n.orderId === id);

  it('uploads privately under a deterministic, unguessable name, links it in meta and a private note', async () => {
    const { connector, logger } = await uploader();
    const upload = await pdf();
    await connector.uploadSalesPdf(orderId, upload);

    const [post] = mediaPosts();
    assert.deepEqual(basicCredentials(post!.headers.authorization), [WP_USER, WP_APP_PASSWORD], 'the WordPress user, not the consumer key');
    assert.equal(post!.headers['content-type'], 'application/pdf');
    assert.equal(post!.query.get('status'), 'private');
    const [stored] = fake.media;
    assert.equal(stored!.status, 'private');
    assert.match(stored!.fileName, /^FS-3-2026-[0-9a-f]{32}\.pdf$/);
    assert.equal(
      stored!.fileName,
      uploadFileName(TEST_UPLOAD_NAME_KEY, 'woocommerce', orderId, 'FS/3/2026'),
      'the same name on every attempt',
    );
    assert.notEqual(
      uploadFileName('another deployment', 'woocommerce', orderId, 'FS/3/2026'),
      stored!.fileName,
      'another key, another name',
    );
    assert.notEqual(
      uploadFileName(TEST_UPLOAD_NAME_KEY, 'woocommerce', String(fixtures[0]!.id), 'FS/3/2026'),
      stored!.fileName,
      'another order, another name',
    );

    // What a visitor of the shop gets from WordPress: no listing, no search hit, no attachment.
    assert.deepEqual((await wordpress('media')).body, []);
    for (const term of ['FS', 'FS-3-2026', stored!.fileName.replace(/\.pdf$/, '')])
      assert.deepEqual((await wordpress(`media?search=${term}`)).body, [], term);
    assert.equal((await wordpress('media?status=private')).status, 400, 'private attachments cannot be asked for without a login');
    assert.equal((await wordpress(`media/${stored!.id}`)).status, 401);
    const staff = (await wordpress('media?status=private,inherit', true)).body as Array<{ id: number; status: string }>;
    assert.deepEqual(
      staff.map((m) => [m.id, m.status]),
      [[stored!.id, 'private']],
      'the shop staff still see it',
    );

    const order = (await (
      await fetch(`${fake.url}/wp-json/wc/v3/orders/${orderId}`, {
        headers: { Authorization: 'Basic ' + Buffer.from(`${WOO_CONSUMER_KEY}:${WOO_CONSUMER_SECRET}`).toString('base64') },
      })
    ).json()) as { meta_data: Array<{ key: string; value: string }> };
    const meta = Object.fromEntries(order.meta_data.map((m) => [m.key, m.value]));
    assert.equal(meta._optima_sync_document_number, 'FS/3/2026');
    assert.equal(meta._optima_sync_document_url, stored!.source_url);
    // The web server still hands the file to whoever has its address: the name is what keeps it unknown.
    const served = Buffer.from(await (await fetch(meta._optima_sync_document_url!)).arrayBuffer());
    assert.ok(served.equals(Buffer.from(upload.bytes)), 'the linked file is the PDF');

    const [note] = notesOf(orderId);
    assert.equal(note!.customer_note, false, 'private by default');
    assert.ok(note!.note.includes('FS/3/2026') && note!.note.includes(stored!.source_url));
    assert.equal(fake.state.uploads.at(-1)!.documentNumber, 'FS/3/2026');
    assert.ok(!logger.text().includes(WP_APP_PASSWORD) && !logger.text().includes(wpLogin.slice(6)), 'no password in the log');
  });

  it('a WordPress that ignores the status at the upload: the file is made private right after, in the same action', async () => {
    await fake.close();
    fake = await startFakeWooCommerce({ orders: fixtures, ignoreUploadFields: true });
    const { connector } = await uploader();
    await connector.uploadSalesPdf(orderId, await pdf());
    const [stored] = fake.media;
    assert.equal(stored!.status, 'private');
    const update = fake.state.requestLog.find((r) => r.method === 'POST' && r.path === `/wp-json/wp/v2/media/${stored!.id}`);
    assert.deepEqual(JSON.parse(update!.body.toString()), { status: 'private' });
    assert.deepEqual((await wordpress(`media?search=${stored!.fileName.replace(/\.pdf$/, '')}`)).body, []);
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.equal(fake.media.length, 1, 'found again by its file name although WordPress titled it itself');
  });

  it('a repeated upload of the same document reuses the file and the note: one of each', async () => {
    const { connector } = await uploader();
    await connector.uploadSalesPdf(orderId, await pdf());
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.equal(mediaPosts().length, 1);
    assert.equal(fake.media.length, 1);
    assert.equal(notesOf(orderId).length, 1);
    await connector.uploadSalesPdf(orderId, await pdf('FS/4/2026'));
    assert.equal(fake.media.length, 2, 'another document is another file');
  });

  it('a one-shot 500 on the link step: the retry finds the earlier upload; one live PDF per order, one note each, nothing listed for visitors', async () => {
    // No retry inside the call: the failure reaches the pass, which tries the action again later.
    const { connector } = await uploader({ maxRetries: 0 });
    const [first, second] = fixtures.map((o) => String(o.id));
    fake.inject({
      kind: 'status',
      status: 500,
      body: { code: 'internal_server_error', message: 'Internal Server Error', data: { status: 500 } },
      when: (r) => r.method === 'PUT' && r.path === `/wp-json/wc/v3/orders/${first}`,
    });
    await assert.rejects(
      connector.uploadSalesPdf(first!, await pdf('FS/1/2026')),
      /link the sales-document PDF on the order failed: HTTP 500/,
    );
    await connector.uploadSalesPdf(second!, await pdf('FS/2/2026'));
    await connector.uploadSalesPdf(first!, await pdf('FS/1/2026'));
    assert.equal(fake.media.length, 2, 'one file per order');
    assert.deepEqual(
      fake.media.map((m) => m.status),
      ['private', 'private'],
    );
    assert.deepEqual([notesOf(first!).length, notesOf(second!).length], [1, 1]);
    assert.deepEqual((await wordpress('media')).body, []);
  });

  it('with salesDocumentNote "customer" the customer gets one note (one e-mail from WooCommerce), also after a retry', async () => {
    const { connector } = await uploader({}, 'customer');
    await connector.uploadSalesPdf(orderId, await pdf());
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.deepEqual(
      fake.notes.map((n) => n.customer_note),
      [true],
    );
  });

  it('an upload whose answer was lost is found by its name and not repeated; a note whose answer was lost is not written again', async () => {
    const { connector } = await uploader({ timeoutMs: 300, maxRetries: 0 });
    fake.inject({ kind: 'lostAnswer', when: (r) => r.method === 'POST' && r.path === '/wp-json/wp/v2/media' });
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.equal(fake.media.length, 1);
    assert.equal(notesOf(orderId).length, 1);

    fake.inject({ kind: 'lostAnswer', when: (r) => r.method === 'POST' && r.path.endsWith('/notes') });
    await connector.uploadSalesPdf(String(fixtures[0]!.id), await pdf('FS/5/2026'));
    assert.equal(notesOf(String(fixtures[0]!.id)).length, 1, 'the note of the lost answer is the one note');
  });

  it('a lost upload that did not happen is a definite failure (safe to retry); when WordPress cannot be asked either, it stays uncertain', async () => {
    const { connector } = await uploader({ timeoutMs: 300, maxRetries: 0 });
    fake.inject({ kind: 'hang', when: (r) => r.method === 'POST' && r.path === '/wp-json/wp/v2/media' });
    await assert.rejects(connector.uploadSalesPdf(orderId, await pdf()), (error: ShopError) => {
      assert.equal(error.outcome, 'definite');
      assert.equal(error.scope, 'server', "no answer: the shop's trouble, not the order's");
      assert.match(
        error.message,
        /the answer was lost, but the shop shows no sales-document PDF in the media library: it was not created and will be tried again/,
      );
      return true;
    });
    assert.equal(fake.media.length, 0);
    await connector.uploadSalesPdf(orderId, await pdf());
    assert.equal(fake.media.length, 1, 'the retry uploads it once');

    const other = String(fixtures[0]!.id);
    fake.inject(
      { kind: 'lostAnswer', when: (r) => r.method === 'POST' && r.path === '/wp-json/wp/v2/media' },
      {
        kind: 'status',
        status: 503,
        body: { code: 'unavailable', message: 'Service Unavailable', data: { status: 503 } },
        when: (r) => r.method === 'GET' && r.path === '/wp-json/wp/v2/media' && fake.media.length === 2,
      },
    );
    await assert.rejects(connector.uploadSalesPdf(other, await pdf('FS/6/2026')), (error: ShopError) => {
      assert.equal(error.outcome, 'uncertain');
      assert.match(error.message, /It may have been carried out: check the order in the shop before retrying/);
      return true;
    });
  });

  it('the connection test checks the WordPress user when the upload is on, and refuses a wrong password', async () => {
    const settings = (upload: boolean) => {
      const s = settingsFor('woocommerce', fake.url);
      return { ...s, afterRealization: { ...s.afterRealization, uploadSalesPdfToShop: { enabled: upload } } };
    };
    const good = await connect(
      settings(true),
      memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD }),
    );
    assert.match((await good.connector.testConnection()).detail, /WordPress user Konsultant Wdrożeń accepted for the PDF upload/);
    const wrong = await connect(
      settings(true),
      memorySecrets({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, wpUser: WP_USER, wpAppPassword: 'nope nope nope' }),
    );
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
      assert.match(error.message, /WordPress refused the user or Application Password/);
      assert.ok(!error.message.includes('wrong pass word 0000'));
      return true;
    });
    assert.equal(fake.media.length, 0);
    assert.equal(fake.notes.length, 0);
  });
});
