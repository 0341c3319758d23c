// Every connector against its platform's fake: paging, filters, the incremental cursor, statuses, status
// changes as documented, PDF upload (or a clear refusal), errors, rate limits and secrets in logs.
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { type ShopError } from '../../../src/core/shops/errors';
import type { SalesPdfUpload } from '../../../src/core/shops/connector';
import type { ShopOrder } from '../../../src/core/model/order';
import { multiply } from '../../../src/core/model/money';
import { type FixtureOrder, fixtureTotal, generateOrders } from '../../fakes/common/orders';
import type { FakeShop } from '../../fakes/common/server';
import { startFakeWooCommerce } from '../../fakes/woocommerce/server';
import { connect, listAll, memorySecrets, settingsFor } from './helpers';
import { PLATFORM_CASES } from './platforms';

async function samplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('FS/3/2026');
  return pdf.save();
}

function upload(bytes: Uint8Array): SalesPdfUpload {
  return { fileName: 'FS_3_2026.pdf', bytes, documentNumber: 'FS/3/2026', kind: 'FS', totalGross: 13530, totalNet: 11000, currency: 'PLN' };
}

/** Orders where ten share one timestamp so that a page boundary falls inside the group. */
function ordersWithTies(pageSize: number): FixtureOrder[] {
  const orders = generateOrders(Math.max(30, Math.round(pageSize * 2.5)), { seed: 7 });
  const start = Math.max(1, pageSize * 2 - 5);
  for (let i = start + 1; i < start + 10; i++) orders[i]!.createdAt = orders[i]!.updatedAt = orders[start]!.createdAt;
  return orders;
}

for (const platform of PLATFORM_CASES) {
  describe(`${platform.platform} connector against its fake`, function () {
    this.timeout(30_000);
    let fake: FakeShop<unknown>;
    afterEach(async () => fake?.close());

    const open = async (options: Parameters<typeof connect>[2] = {}, secrets = platform.secrets(), shop = {}) => {
      const settings = settingsFor(platform.platform, fake.url, { ...platform.shop, ...shop });
      return connect(settings, memorySecrets({ ...secrets }), options);
    };

    it('lists every order across several pages, normalized with Polish data, money exact', async () => {
      const fixtures = ordersWithTies(platform.fixedPageSize ?? 4);
      fake = await platform.start({ orders: fixtures });
      const { connector } = await open({ pageSize: 4 });
      const { orders, calls } = await listAll(connector, undefined, []);
      assert.ok(calls >= 3, `expected several pages, got ${calls} call(s)`);
      assert.deepEqual(orders.map((o) => o.id).sort(), fixtures.map(platform.shopOrderId).sort());
      const byId = new Map(orders.map((o) => [o.id, o]));
      for (const fixture of fixtures) {
        const order = byId.get(platform.shopOrderId(fixture))!;
        assert.equal(order.platform, platform.platform);
        assert.equal(order.totalGross, fixtureTotal(fixture), `total of ${order.id}`);
        assert.equal(
          order.lines.reduce((s, l) => s + multiply(l.unitGross, l.quantity), 0),
          fixtureTotal(fixture),
          `lines of ${order.id} add up to the total`,
        );
        assert.equal(order.buyer.email, fixture.buyer.email);
        assert.equal(order.buyer.name, `${fixture.buyer.firstName} ${fixture.buyer.lastName}`);
        assert.equal(order.buyer.taxId, fixture.buyer.taxId);
        assert.equal(order.billingAddress.city, fixture.address.city);
        assert.equal(order.billingAddress.postcode, fixture.address.postcode);
        assert.equal(order.status, platform.statusId(fixture.status));
        const products = order.lines.filter((l) => !l.isShipping);
        assert.deepEqual(
          products.map((l) => [l.name, l.sku, l.quantity, l.unitGross]),
          fixture.lines.map((l) => [l.name, l.sku, l.quantity, l.unitGross]),
        );
        assert.deepEqual(
          products.map((l) => l.vatRate),
          fixture.lines.map((l) => l.vatRate),
          `VAT of ${order.id}`,
        );
        const shipping = order.lines.filter((l) => l.isShipping);
        assert.deepEqual(
          shipping.map((l) => l.unitGross),
          fixture.shipping.gross ? [fixture.shipping.gross] : [],
        );
      }
      const withEan = orders.flatMap((o) => o.lines).filter((l) => l.ean);
      if (platform.platform !== 'woocommerce') assert.ok(withEan.length > 0, 'EANs are carried');
    });

    it('filters by the configured statuses', async () => {
      const fixtures = generateOrders(24, { seed: 3 });
      fake = await platform.start({ orders: fixtures });
      const { connector } = await open({ pageSize: 5 });
      for (const wanted of [['paid'], ['new', 'paid']] as const) {
        const ids = wanted.map((s) => platform.statusId(s));
        const { orders } = await listAll(connector, undefined, ids);
        const expected = fixtures
          .filter((f) => (wanted as readonly string[]).includes(f.status))
          .map(platform.shopOrderId)
          .sort();
        assert.ok(expected.length > 0);
        assert.deepEqual(orders.map((o) => o.id).sort(), expected, `statuses ${wanted.join(',')}`);
        assert.ok(orders.every((o) => ids.includes(o.status)));
      }
    });

    it('continues from the cursor: across passes no order is missed or repeated, even with equal timestamps', async () => {
      const size = platform.fixedPageSize ?? 4;
      const fixtures = ordersWithTies(size);
      const split = size * 2;
      fake = await platform.start({ orders: fixtures.slice(0, split) });
      const { connector } = await open({ pageSize: 4 });
      const first = await listAll(connector, undefined, []);
      assert.equal(first.orders.length, split);
      // New orders arrive, several with the timestamp the first pass ended on.
      fake.addOrders(fixtures.slice(split));
      const second = await listAll(connector, first.cursor, []);
      assert.deepEqual(second.orders.map((o) => o.id).sort(), fixtures.slice(split).map(platform.shopOrderId).sort());
      const third = await listAll(connector, second.cursor, []);
      assert.deepEqual(
        third.orders.map((o) => o.id),
        [],
      );
    });

    it("lists the shop's statuses with their names", async () => {
      fake = await platform.start({});
      const { connector } = await open();
      const statuses = await connector.listStatuses();
      for (const expected of platform.statusNames)
        assert.ok(
          statuses.some((s) => s.id === expected.id && s.name === expected.name),
          `${expected.id} ${expected.name}`,
        );
    });

    it("sets an order's status with the documented request, and the shop shows it", async () => {
      const fixtures = generateOrders(5, { status: 'new' });
      fake = await platform.start({ orders: fixtures });
      const { connector } = await open();
      const orderId = platform.shopOrderId(fixtures[2]!);
      const target = platform.statusId('shipped');
      await connector.setStatus(orderId, target);
      const request = fake.state.requestLog.at(-1)!;
      platform.expectStatusRequest(request, orderId, target);
      assert.deepEqual(
        fake.state.statusChanges.map((c) => [c.orderId, c.status]),
        [[orderId, target]],
      );
      assert.equal((await connector.getOrder(orderId)).status, target);
    });

    if (platform.canUpload) {
      it('uploads the sales-document PDF; the shop stores the same bytes', async () => {
        const fixtures = generateOrders(3);
        fake = await platform.start({ orders: fixtures });
        const { connector } = await open();
        assert.equal(connector.capabilities.uploadSalesPdf, true);
        const bytes = await samplePdf();
        const orderId = platform.shopOrderId(fixtures[1]!);
        await connector.uploadSalesPdf(orderId, upload(bytes));
        assert.equal(fake.state.uploads.length, 1);
        assert.equal(fake.state.uploads[0]!.orderId, orderId);
        assert.equal(fake.state.uploads[0]!.documentNumber, 'FS/3/2026');
        assert.ok(Buffer.from(bytes).equals(fake.state.uploads[0]!.bytes));
        assert.equal((await PDFDocument.load(fake.state.uploads[0]!.bytes)).getPageCount(), 1);
      });
    } else {
      it('refuses a PDF upload clearly, naming the platform, without calling the shop', async () => {
        fake = await platform.start({});
        const { connector } = await open();
        assert.equal(connector.capabilities.uploadSalesPdf, false);
        const before = fake.state.requestLog.length;
        await assert.rejects(connector.uploadSalesPdf('1001', upload(await samplePdf())), (error: ShopError) => {
          assert.equal(error.kind, 'capability');
          assert.match(error.message, /(PrestaShop|WooCommerce|SellAsist) cannot receive sales-document PDFs/);
          return true;
        });
        assert.equal(fake.state.requestLog.length, before);
      });
    }

    it('reports rejected credentials naming the credential and where to set it', async () => {
      fake = await platform.start({});
      const { connector } = await open({}, platform.wrongSecrets());
      await assert.rejects(connector.testConnection(), (error: ShopError) => {
        assert.equal(error.kind, 'auth');
        assert.match(error.message, platform.credentialWords);
        assert.match(error.message, /Set shop credentials/);
        assert.match(error.message, /OPTIMA_SYNC_SHOP_KEY/);
        return true;
      });
    });

    it('honours 429 with Retry-After', async () => {
      fake = await platform.start({});
      const { connector } = await open();
      await connector.listStatuses();
      const before = fake.state.requestLog.length;
      fake.inject({ kind: 'rateLimit', retryAfterSeconds: 1 });
      const statuses = await connector.listStatuses();
      assert.ok(statuses.length > 0);
      const [limited, retried] = fake.state.requestLog.slice(before);
      assert.ok(limited && retried, 'the request was repeated');
      assert.ok(retried.at - limited.at >= 900, `waited ${retried.at - limited.at} ms before repeating`);
    });

    it('retries 503 twice and then succeeds', async () => {
      fake = await platform.start({});
      const { connector } = await open();
      await connector.listStatuses();
      const before = fake.state.requestLog.length;
      fake.inject({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
      const statuses = await connector.listStatuses();
      assert.ok(statuses.length > 0);
      assert.equal(fake.state.requestLog.length - before, 3);
    });

    it('gives up on a shop that never answers after a bounded number of attempts, with a clear error', async () => {
      fake = await platform.start({});
      const { connector } = await open({ timeoutMs: 250, maxRetries: 2 });
      await connector.listStatuses();
      const before = fake.state.requestLog.length;
      fake.inject({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
      await assert.rejects(connector.listStatuses(), (error: ShopError) => {
        assert.equal(error.kind, 'timeout');
        assert.match(error.message, /after 3 attempts:/);
        assert.match(error.message, /shop\.url/);
        return true;
      });
      assert.equal(fake.state.requestLog.length - before, 3);
    });

    it('never exceeds the rate limit over 300 calls', async function () {
      this.timeout(60_000);
      // The platform's minute scaled down to 300 ms: the same arithmetic over three windows, in a second.
      fake = await platform.start({ requestsPerMinute: 100, rateWindowMs: 300 });
      const { connector } = await open({ rateLimit: { requests: 100, windowMs: 300 } });
      for (let i = 0; i < 300; i++)
        await connector.listStatuses().catch((error: Error) => {
          throw new Error(`call ${i}: ${error.message}`);
        });
      assert.equal(fake.state.violations, 0);
      assert.ok(fake.state.requestLog.length >= 300);
    });

    it('keeps secrets out of the logs and errors', async () => {
      fake = await platform.start({});
      const { connector, logger } = await open();
      await listAll(connector, undefined, []);
      await connector.listStatuses();
      fake.inject({ kind: 'status', status: 400, body: { message: `echo ${platform.secretValues()[0]}` } });
      const error = await connector.listStatuses().catch((e: Error) => e);
      assert.ok(error instanceof Error);
      const text = logger.text() + '\n' + error.message;
      assert.match(logger.text(), /\[trace\] → (GET|POST)/, 'requests are traced');
      for (const secret of platform.secretValues()) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 4)}… leaked`);
    });
  });
}

describe('connector-specific behaviour', function () {
  this.timeout(30_000);
  it('every order of a listing has a number, dates and a currency', async () => {
    const fake = await startFakeWooCommerce({});
    try {
      const { connector } = await connect(settingsFor('woocommerce', fake.url), memorySecrets(PLATFORM_CASES[1]!.secrets()));
      const { orders } = await listAll(connector, undefined, []);
      for (const order of orders as ShopOrder[]) {
        assert.ok(order.number && order.createdAt.endsWith('Z') && order.currency === 'PLN');
      }
    } finally {
      await fake.close();
    }
  });
});
