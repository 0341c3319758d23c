// Schema v8 (KSeF): a v7 file upgrades in place, its rows as they were; the sales document's KSeF state and the
// hold are kept (and found again) live and in the archive; an archive file written before (version 1) is read
// as it is and rewritten as version 2 when the archive next writes that month.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStateStore, SCHEMA_VERSION, statePaths, type SqlStateStore } from '../../../src/core/state';
import { ORDER_DETAILS_DAYS } from '../../../src/core/state/retention';
import { migrate } from '../../../src/core/state/schema';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { daysFromTestNow, testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';

const NUMBER = '5260250274-20261127-A1B2C3D4E5F6-F1';

/** An order fetched `daysAgo`, realized by an FS whose KSeF number is known, its import actions done: settled. */
async function settledWithKsef(store: SqlStateStore, index: number, daysAgo: number): Promise<string> {
  const order = sampleOrder(index);
  store.upsertOrder(order, daysFromTestNow(-daysAgo));
  store.recordErpDocument(order.platform, order.id, {
    kind: 'RO',
    number: `RO/${index}/2026`,
    id: `${index}`,
    platform: order.platform,
    shopOrderId: order.id,
    issueDate: '2026-08-01',
    totalGross: 9497,
  });
  store.recordSalesDocument(order.platform, order.id, {
    kind: 'FS',
    number: `FS/${index}/2026`,
    id: `9${index}`,
    issueDate: '2026-08-02',
    saleDate: '2026-08-02',
    totalGross: 9497,
    totalNet: 7721,
  });
  store.recordKsef(order.platform, order.id, { status: 'accepted', number: NUMBER, acceptedAt: '2026-08-02T09:00:00.000Z' }, []);
  await store.markDone(order.platform, order.id, 'status-after-import', 'shop status set to 3');
  await store.markDone(order.platform, order.id, 'email-after-import', 'e-mail sent');
  return order.id;
}

describe('state: schema v8 (KSeF)', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());

  it('upgrades a v7 file in place: rows kept, a backup, then the KSeF state and the hold are recorded and read back', async () => {
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    const SQL = await loadSqlJs();
    const v7 = new SQL.Database();
    migrate(v7, 7);
    const order = sampleOrder(1);
    v7.run(
      "INSERT INTO orders (id, platform, shop_order_id, number, fetched_ms, shop_status, erp_stage) VALUES (1, 'prestashop', ?, ?, 1785578400000, '2', 2)",
      [order.id, order.number],
    );
    v7.run('INSERT INTO order_details (order_id, payload) VALUES (1, ?)', [JSON.stringify(order)]);
    v7.run(
      'INSERT INTO actions (order_id, kind, fetched_ms) VALUES (1, 0, 1785578400000), (1, 1, 1785578400000), (1, 2, 1785578400000), (1, 3, 1785578400000), (1, 4, 1785578400000)',
    );
    v7.run(
      "INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_day, total_gross, recorded_ms, sales_kind, sales_number, sales_id, sales_issue_day, sales_sale_day, sales_total_gross, sales_total_net, realized_ms) VALUES (1, 'RO', 'RO/1/2026', '1', 20668, 9497, 1785578400000, 'FS', 'FS/1/2026', '2', 20669, 20669, 9497, 7721, 1785578460000)",
    );
    writeFileSync(paths.file, v7.export());
    v7.close();

    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
      assert.ok(existsSync(`${paths.file}.v7-backup`));
      const before = store.getOrder('prestashop', order.id)!;
      assert.equal(before.salesDocument?.number, 'FS/1/2026');
      assert.equal(before.salesDocument?.ksef, undefined, 'never asked');
      assert.equal(before.ksefHold, undefined);

      store.recordKsef('prestashop', order.id, { status: 'pending', fa3Sha256: 'x'.repeat(43) }, [
        'email-after-realization',
        'pdf-to-shop',
      ]);
      const held = store.getOrder('prestashop', order.id)!;
      assert.deepEqual(held.ksefHold, { kinds: ['email-after-realization', 'pdf-to-shop'], since: testClock().toISOString() });
      assert.deepEqual(
        store.heldForKsefSince(new Date(testClock().getTime() + 1).toISOString(), 10).map((o) => o.shopOrderId),
        [order.id],
      );
      assert.deepEqual(store.heldForKsefSince(testClock().toISOString(), 10), [], 'not held before now');

      // Accepted: the hold ends, the hash is kept, the number and its time are there.
      store.recordKsef('prestashop', order.id, { status: 'accepted', number: NUMBER, acceptedAt: '2026-11-28T09:00:00.000Z' }, []);
      const accepted = store.getOrder('prestashop', order.id)!;
      assert.deepEqual(accepted.salesDocument?.ksef, {
        status: 'accepted',
        number: NUMBER,
        acceptedAt: '2026-11-28T09:00:00.000Z',
        fa3Sha256: 'x'.repeat(43),
      });
      assert.equal(accepted.ksefHold, undefined);
      assert.deepEqual(store.heldForKsefSince(daysFromTestNow(1).toISOString(), 10), []);
    } finally {
      await store.close();
    }
    const again = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    try {
      assert.equal(
        again.getOrder('prestashop', order.id)?.salesDocument?.ksef?.number,
        NUMBER,
        'kept across a close (journal and checkpoint)',
      );
    } finally {
      await again.close();
    }
  });

  it('an archived order keeps its KSeF number; a month file of archive version 1 is read as it is and written back as version 2', async () => {
    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      const first = await settledWithKsef(store, 1, ORDER_DETAILS_DAYS + 30);
      assert.equal((await store.archiveSettled(testClock(), ['status-after-import', 'email-after-import'])).orders, 1);
      const [archived] = await store.lookupOrders({ shopOrderId: first });
      assert.equal(archived?.archived, true);
      assert.equal(archived?.salesDocument?.ksef?.number, NUMBER);

      // The same month file as version 1 wrote it: no KSeF columns.
      const folder = path.join(statePaths(temp.dir).folder, 'archive');
      const [name] = readdirSync(folder).filter((file) => file.endsWith('.sqlite'));
      const SQL = await loadSqlJs();
      const file = path.join(folder, name!);
      const old = new SQL.Database(readFileSync(file));
      for (const column of ['ksef_status', 'ksef_number', 'ksef_accepted_ms', 'ksef_reason', 'ksef_hash', 'ksef_held', 'ksef_held_ms'])
        old.run(`ALTER TABLE erp_documents DROP COLUMN ${column}`);
      old.run('PRAGMA user_version = 1');
      writeFileSync(file, old.export());
      old.close();

      const [read] = await store.lookupOrders({ shopOrderId: first });
      assert.deepEqual(
        [read?.archived, read?.salesDocument?.number, read?.salesDocument?.ksef],
        [true, 'FS/1/2026', undefined],
        'read as version 1 wrote it',
      );

      // Another order of the same month moves in: the file is written whole, as version 2.
      const second = await settledWithKsef(store, 2, ORDER_DETAILS_DAYS + 30);
      assert.equal((await store.archiveSettled(testClock(), ['status-after-import', 'email-after-import'])).orders, 1);
      const rewritten = new SQL.Database(readFileSync(file));
      assert.equal(rewritten.exec('PRAGMA user_version')[0]?.values[0]?.[0], 2);
      rewritten.close();
      assert.equal((await store.lookupOrders({ shopOrderId: second }))[0]?.salesDocument?.ksef?.number, NUMBER);
      assert.equal((await store.lookupOrders({ shopOrderId: first }))[0]?.salesDocument?.number, 'FS/1/2026');
    } finally {
      await store.close();
    }
  });
});
