// The demo shop: sample orders in a JSON file inside the deployment, shared between processes.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { multiply } from '../../../src/core/model/money';
import {
  createShopConnector,
  demoPdfFolder,
  DEMO_STATUSES,
  listDemoOrders,
  seedDemoShop,
  setDemoOrderStatus,
} from '../../../src/core/shops/index';
import { silentLogger } from '../../../src/core/log';
import { defaultSettings } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/types.generated';
import { listAll, memorySecrets } from './helpers';
import { TEST_NOW, testClock } from '../../support/clock';

describe('demo shop', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-shop-'));
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  const open = () =>
    createShopConnector(defaultSettings() as unknown as Settings, {
      secrets: memorySecrets({}),
      logger: silentLogger,
      dir,
      now: testClock,
    });

  it('is seeded with a dozen realistic Polish orders whose lines add up', async () => {
    const orders = await seedDemoShop(dir, { now: TEST_NOW });
    assert.equal(orders.length, 12);
    assert.ok(orders.some((o) => o.buyer.taxId) && orders.some((o) => !o.buyer.taxId));
    assert.ok(orders.some((o) => /[ąćęłńóśźż]/i.test(o.buyer.name)));
    const rates = new Set(orders.flatMap((o) => o.lines.map((l) => l.vatRate)));
    for (const rate of [23, 8, 5, 0]) assert.ok(rates.has(rate), `VAT ${rate}`);
    assert.ok(orders.some((o) => o.lines.some((l) => l.isShipping)));
    for (const order of orders)
      assert.equal(
        order.lines.reduce((s, l) => s + multiply(l.unitGross, l.quantity), 0),
        order.totalGross,
      );
    const statuses = new Set(orders.map((o) => o.status));
    assert.ok(statuses.size >= 4 && [...statuses].every((s) => DEMO_STATUSES.some((d) => d.id === s)));
  });

  it('lists the default import statuses and follows status changes made by another process', async () => {
    const connector = await open();
    assert.deepEqual(
      (await connector.listStatuses()).map((s) => `${s.id}=${s.name}`),
      ['new=Nowe', 'processing=W realizacji', 'paid=Opłacone', 'shipped=Wysłane', 'completed=Zakończone', 'cancelled=Anulowane'],
    );
    const first = await listAll(connector, undefined, ['new', 'paid']);
    const all = await listDemoOrders(dir, TEST_NOW);
    assert.deepEqual(
      first.orders.map((o) => o.id).sort(),
      all
        .filter((o) => o.status === 'new' || o.status === 'paid')
        .map((o) => o.id)
        .sort(),
    );
    assert.deepEqual((await listAll(connector, first.cursor, ['new', 'paid'])).orders, []);
    // The merchant marks a processing order as paid (another process): the next pass sees exactly that order.
    const processing = all.find((o) => o.status === 'processing')!;
    await setDemoOrderStatus(dir, processing.id, 'paid', TEST_NOW);
    const next = await listAll(connector, first.cursor, ['new', 'paid']);
    assert.deepEqual(
      next.orders.map((o) => [o.id, o.status, o.statusName]),
      [[processing.id, 'paid', 'Opłacone']],
    );
  });

  it('sets statuses, refuses unknown ones, and stores uploaded PDFs in the deployment', async () => {
    const connector = await open();
    const [order] = await listDemoOrders(dir, TEST_NOW);
    await connector.setStatus(order!.id, 'shipped');
    assert.equal((await connector.getOrder(order!.id)).status, 'shipped');
    await assert.rejects(connector.setStatus(order!.id, 'lost'), /no status "lost"/);
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const bytes = await pdf.save();
    await connector.uploadSalesPdf(order!.id, {
      fileName: 'FS_1_2026.pdf',
      bytes,
      documentNumber: 'FS/1/2026',
      kind: 'FS',
      totalGross: order!.totalGross,
      totalNet: 0,
      currency: 'PLN',
    });
    const files = await fs.readdir(demoPdfFolder(dir));
    assert.equal(files.length, 1);
    assert.ok(Buffer.from(bytes).equals(await fs.readFile(path.join(demoPdfFolder(dir), files[0]!))));
  });
});
