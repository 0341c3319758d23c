// Schema v4 compacts the rows of a long history: a v3 file upgrades with every order, document and date as it
// was, and a document that is its own sales document (FS/PA mode) is stored once.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { openStateStore, SCHEMA_VERSION, statePaths } from '../../../src/core/state';
import { encodeOrder } from '../../../src/core/state/payload';
import { migrate } from '../../../src/core/state/schema';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';

async function writeV3File(file: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, 3);
  for (let i = 1; i <= 3; i++) {
    const order = sampleOrder(i, { createdAt: `2026-02-0${i}T08:00:00.000Z` });
    db.run(
      'INSERT INTO orders (id, platform, shop_order_id, number, customer_email, shop_created_at, fetched_at, shop_status, order_json, erp_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        i,
        order.platform,
        order.id,
        order.number,
        order.buyer.email,
        order.createdAt,
        `2026-02-0${i}T10:00:00.123Z`,
        order.status,
        encodeOrder(order),
        i === 3 ? 1 : 2,
      ],
    );
  }
  // 1: an FS that is its own sales document; 2: an RO realized by an FS; 3: an RO waiting for realization.
  db.run(
    `INSERT INTO erp_documents VALUES (1, 'FS', 'FS/1/2026', '11', '2026-02-01', 9497, '2026-02-01T10:01:00.000Z', 'FS', 'FS/1/2026', '11', '2026-02-01', '2026-01-31', 9497, 7721, '2026-02-01T10:01:00.000Z')`,
  );
  db.run(
    `INSERT INTO erp_documents VALUES (2, 'RO', 'RO/2/2026', '12', '2026-02-02', 9497, '2026-02-02T10:01:00.000Z', 'FS', 'FS/7/2026', '31', '2026-02-05', '2026-02-04', 9497, 7721, '2026-02-05T12:00:00.000Z')`,
  );
  db.run(
    `INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_date, total_gross, recorded_at) VALUES (3, 'PF', 'PF/3/2026', '13', '2026-02-03', 1000, '2026-02-03T10:01:00.000Z')`,
  );
  db.run(
    `INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, detail) VALUES (1, 1, 1785578400123, 'done', 1785578460000, 1, 'e-mail sent to klient1@example.pl, message id <1@x>')`,
  );
  writeFileSync(file, db.export());
  db.close();
}

describe('state: schema v4', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());

  it('upgrades a v3 file: the same orders, documents, dates and fetch times, a backup kept', async () => {
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    await writeV3File(paths.file);
    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
      assert.ok(existsSync(`${paths.file}.v3-backup`));
      const itself = store.getOrder('prestashop', '100001')!;
      assert.equal(itself.fetchedAt, '2026-02-01T10:00:00.123Z');
      assert.equal(itself.shopCreatedAt, '2026-02-01T08:00:00.000Z');
      assert.equal(itself.customerEmail, 'klient1@example.pl');
      const fs1 = {
        kind: 'FS',
        number: 'FS/1/2026',
        id: '11',
        issueDate: '2026-02-01',
        saleDate: '2026-01-31',
        totalGross: 9497,
        totalNet: 7721,
      };
      assert.deepEqual(itself.salesDocument, fs1);
      assert.deepEqual(itself.erpDocument, {
        kind: 'FS',
        number: 'FS/1/2026',
        id: '11',
        platform: 'prestashop',
        shopOrderId: '100001',
        issueDate: '2026-02-01',
        totalGross: 9497,
        salesDocument: fs1,
      });
      const realized = store.getOrder('prestashop', '100002')!;
      assert.equal(realized.erpDocument?.number, 'RO/2/2026');
      assert.deepEqual(realized.salesDocument, {
        kind: 'FS',
        number: 'FS/7/2026',
        id: '31',
        issueDate: '2026-02-05',
        saleDate: '2026-02-04',
        totalGross: 9497,
        totalNet: 7721,
      });
      const waiting = store.getOrder('prestashop', '100003')!;
      assert.equal(waiting.erpDocument?.issueDate, '2026-02-03');
      assert.equal(waiting.salesDocument, undefined);
      const email = store.getAction('prestashop', '100001', 'email-after-import')!;
      assert.deepEqual(
        [email.state, email.detail, email.updatedAt],
        ['done', 'e-mail sent to klient1@example.pl, message id <1@x>', '2026-08-01T10:01:00.000Z'],
      );
      // The FS that is its own sales document is stored once; the RO's FS keeps its own columns.
      assert.deepEqual(store.database.exec('SELECT order_id, sales_number FROM erp_documents ORDER BY order_id')[0]?.values, [
        [1, null],
        [2, 'FS/7/2026'],
        [3, null],
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps a document that is its own sales document whole when written and read back', async () => {
    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      store.upsertOrder(sampleOrder(1), new Date('2026-02-01T10:00:00Z'));
      const pa = {
        kind: 'PA' as const,
        number: 'PA/4/2026',
        id: '44',
        issueDate: '2026-02-01',
        saleDate: '2026-02-01',
        totalGross: 9497,
        totalNet: 7721,
      };
      store.recordErpDocument('prestashop', '100001', {
        kind: 'PA',
        number: 'PA/4/2026',
        id: '44',
        platform: 'prestashop',
        shopOrderId: '100001',
        issueDate: '2026-02-01',
        totalGross: 9497,
        salesDocument: pa,
      });
      assert.deepEqual(store.getOrder('prestashop', '100001')?.salesDocument, pa);
      assert.equal(store.database.exec('SELECT sales_number FROM erp_documents')[0]?.values[0]?.[0], null);
    } finally {
      await store.close();
    }
  });
});
