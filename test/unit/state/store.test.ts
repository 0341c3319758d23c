// The store on real files: first use, the action lifecycle the sync pass follows, the consultant's
// resolutions, ERP documents, retention, the companion database, read-only opening and migration from v1.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  activeRunIdFor,
  CompanionUnreadableError,
  isUncertain,
  openStateStore,
  ReadOnlyStateError,
  SCHEMA_VERSION,
  type SqlStateStore,
  statePaths,
} from '../../../src/core/state';
import { ACTION_KINDS } from '../../../src/core/model/actions';
import { sampleOrder, seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { TEST_NOW, testClock } from '../../support/clock';

describe('state: store', () => {
  let temp: ReturnType<typeof tempDeployment>;
  const open: SqlStateStore[] = [];
  const openStore = async (options: Partial<Parameters<typeof openStateStore>[1]> = {}) => {
    const store = await openStateStore(temp.dir, { now: testClock, ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close().catch(() => undefined);
    temp.cleanup();
  });

  it('creates .optima-sync/state.sqlite and a .gitignore that ignores everything on first use', async () => {
    const store = await openStore();
    const paths = statePaths(temp.dir);
    assert.equal(store.file, paths.file);
    assert.ok(existsSync(paths.file));
    assert.equal(readFileSync(path.join(paths.folder, '.gitignore'), 'utf8').trim(), '*');
    assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
  });

  it('records orders once (fetch time kept) and updates their shop status', async () => {
    const store = await openStore();
    const order = sampleOrder(1);
    assert.deepEqual(store.upsertOrder(order, new Date('2026-03-01T10:00:00Z')), { isNew: true });
    assert.deepEqual(store.upsertOrder({ ...order, status: '5' }, new Date('2026-03-02T10:00:00Z')), { isNew: false });
    const stored = store.getOrder('prestashop', order.id)!;
    assert.equal(stored.fetchedAt, '2026-03-01T10:00:00.000Z');
    assert.equal(stored.shopStatus, '5');
    assert.equal(stored.customerEmail, 'klient1@example.pl');
    assert.deepEqual(stored.order, { ...order, status: '5' });
  });

  it('keeps pending → done / failed with attempts, errors and details across a reopen', async () => {
    let store = await openStore();
    const order = sampleOrder(2);
    store.upsertOrder(order, TEST_NOW);
    const run = store.startRun(TEST_NOW);
    await store.markPending('prestashop', order.id, 'email-after-import');
    await store.markFailed('prestashop', order.id, 'email-after-import', 'SMTP 421 try later');
    await store.markPending('prestashop', order.id, 'email-after-import');
    await store.markDone('prestashop', order.id, 'email-after-import', 'sent to klient2@example.pl');
    await store.markPending('prestashop', order.id, 'pdf-to-shop');
    await store.finishRun(run, TEST_NOW, { result: 'ok', counts: { emails: 1 } });
    await store.close();
    store = await openStore();
    const email = store.getAction('prestashop', order.id, 'email-after-import')!;
    assert.equal(email.state, 'done');
    assert.equal(email.attempts, 2);
    assert.equal(email.detail, 'sent to klient2@example.pl');
    assert.equal(email.lastError, undefined);
    assert.equal(email.runId, run);
    const pdf = store.getAction('prestashop', order.id, 'pdf-to-shop')!;
    assert.equal(isUncertain(pdf, store.activeRunId), true, 'a pending action of a finished run is uncertain');
    assert.equal(store.listRuns(1)[0]?.result, 'ok');
    assert.deepEqual(store.listRuns(1)[0]?.counts, { emails: 1 });
  });

  it('treats a pending action of the run in progress as in flight, not uncertain', async () => {
    const store = await openStore();
    const order = sampleOrder(3);
    store.upsertOrder(order, TEST_NOW);
    store.startRun(TEST_NOW);
    await store.markPending('prestashop', order.id, 'status-after-import');
    const action = store.getAction('prestashop', order.id, 'status-after-import')!;
    assert.equal(isUncertain(action, await activeRunIdFor(temp.dir, store)), false);
    // A read-only viewer while this writer is alive sees the same.
    const viewer = await openStore({ readOnly: true });
    const seen = viewer.getAction('prestashop', order.id, 'status-after-import')!;
    assert.equal(isUncertain(seen, await activeRunIdFor(temp.dir, viewer)), false);
  });

  it('resolves an uncertain action as done, or back to not attempted for a retry, with audit rows', async () => {
    const store = await openStore();
    const order = sampleOrder(4);
    store.upsertOrder(order, TEST_NOW);
    await store.markPending('prestashop', order.id, 'email-after-realization');
    await store.markPending('prestashop', order.id, 'status-after-realization');
    await store.markFailed('prestashop', order.id, 'status-after-realization', 'HTTP 500');
    await store.resolveAction('prestashop', order.id, 'email-after-realization', 'done', 'anna');
    await store.resolveAction('prestashop', order.id, 'status-after-realization', 'retry', 'anna');
    assert.equal(store.getAction('prestashop', order.id, 'email-after-realization')?.state, 'done');
    assert.match(store.getAction('prestashop', order.id, 'email-after-realization')?.detail ?? '', /anna/);
    assert.equal(store.getAction('prestashop', order.id, 'status-after-realization'), undefined);
    assert.deepEqual(
      store.listAudit(2).map((a) => [a.kind, a.user, a.detail.action]),
      [
        ['retry', 'anna', 'status-after-realization'],
        ['mark-done', 'anna', 'email-after-realization'],
      ],
    );
    await assert.rejects(store.resolveAction('prestashop', order.id, 'pdf-to-shop', 'done', 'anna'), /no recorded action/);
  });

  it('keeps the ERP document and the sales document that realized it', async () => {
    const store = await openStore();
    const order = sampleOrder(5);
    store.upsertOrder(order, TEST_NOW);
    store.recordErpDocument('prestashop', order.id, {
      kind: 'RO',
      number: 'RO/5/2026',
      id: '17',
      platform: 'prestashop',
      shopOrderId: order.id,
      issueDate: '2026-03-01',
      totalGross: 9497,
    });
    assert.equal(store.getOrder('prestashop', order.id)?.salesDocument, undefined);
    store.recordSalesDocument('prestashop', order.id, {
      kind: 'FS',
      number: 'FS/3/2026',
      id: '18',
      issueDate: '2026-03-04',
      saleDate: '2026-03-04',
      totalGross: 9497,
      totalNet: 7721,
    });
    const stored = store.getOrder('prestashop', order.id)!;
    assert.equal(stored.erpDocument?.number, 'RO/5/2026');
    assert.equal(stored.salesDocument?.number, 'FS/3/2026');
    assert.equal(stored.salesDocument?.totalNet, 7721);
    assert.throws(() => store.recordSalesDocument('prestashop', 'nope', stored.salesDocument!), /not in the state database/);
  });

  it('filters orders by action state, newest fetched first', async () => {
    const store = await openStore();
    await seedOrders(store, 6, {
      actionState: (i, kind) =>
        i === 1 && kind === 'pdf-to-shop' ? 'failed' : i === 4 && kind === 'email-after-import' ? 'pending' : 'done',
    });
    assert.deepEqual(
      store.listOrders({ withActionStates: ['failed'] }).map((o) => o.shopOrderId),
      ['100001'],
    );
    assert.deepEqual(
      store.listOrders({ withActionStates: ['failed', 'pending'] }).map((o) => o.shopOrderId),
      ['100004', '100001'],
    );
    assert.deepEqual(
      store.listOrders({ limit: 2 }).map((o) => o.shopOrderId),
      ['100005', '100004'],
    );
    assert.equal(store.listActions({ states: ['failed'] })[0]?.lastError, 'SMTP 550 mailbox unavailable');
  });

  it('prunes only settled old orders: realized, nothing failed, uncertain or still to do; an unrealized RO stays', async () => {
    const store = await openStore();
    await seedOrders(store, 10, {
      firstFetchedAt: new Date('2025-01-01T00:00:00Z'),
      spacingMs: 30 * 86_400_000,
      actionState: (i, kind) =>
        i === 2 && kind === 'email-after-import'
          ? 'failed'
          : i === 3 && kind === 'pdf-to-shop'
            ? 'pending'
            : i === 4 && kind === 'email-after-realization'
              ? 'uncertain'
              : i === 5 && kind === 'email-after-realization'
                ? undefined
                : 'done',
    });
    // Every order is an RO; all but order 6 are realized. Order 6 waits for realization with its actions done so far.
    for (let i = 0; i < 10; i++) {
      const id = String(100000 + i);
      store.recordErpDocument('prestashop', id, {
        kind: 'RO',
        number: `RO/${i}/2025`,
        id: `ro${i}`,
        platform: 'prestashop',
        shopOrderId: id,
        issueDate: '2025-01-01',
        totalGross: 1,
      });
      if (i !== 6)
        store.recordSalesDocument('prestashop', id, {
          kind: 'FS',
          number: `FS/${i}/2025`,
          id: `fs${i}`,
          issueDate: '2025-02-01',
          saleDate: '2025-02-01',
          totalGross: 1,
          totalNet: 1,
        });
    }
    const enabledKinds = [...ACTION_KINDS];
    const now = new Date('2025-09-01T00:00:00Z'); // orders 0..7 are older than 30 days; 8 (2025-08-29) and 9 are not
    // Kept: 2 failed, 3 pending (uncertain), 4 uncertain, 5 an enabled action never attempted, 6 not realized.
    assert.deepEqual(await store.prune(30, now, { enabledKinds, dryRun: true }), { orders: 3 });
    assert.equal(store.countOrders(), 10);
    assert.deepEqual(await store.prune(30, now, { enabledKinds, user: 'anna' }), { orders: 3 });
    assert.deepEqual(
      store
        .listOrders()
        .map((o) => o.shopOrderId)
        .sort(),
      ['100002', '100003', '100004', '100005', '100006', '100008', '100009'],
    );
    assert.equal(store.database.exec('SELECT COUNT(*) FROM erp_documents')[0]?.values[0]?.[0], 7);
    assert.equal(store.listAudit(1)[0]?.kind, 'prune');
    assert.deepEqual(await store.prune(30, now, { enabledKinds }), { orders: 0 });
    // The never-attempted action of order 5 is of a kind the settings no longer enable: now it is settled.
    assert.deepEqual(await store.prune(30, now, { enabledKinds: enabledKinds.filter((kind) => kind !== 'email-after-realization') }), {
      orders: 1,
    });
  });

  it("keeps a companion database (the sandbox ERP's) in its own file, journaled: a change saved is there after reopening", async () => {
    let store = await openStore();
    let sandbox = await store.companion('sandbox');
    sandbox.database.exec(
      'CREATE TABLE sandbox_counter (year INTEGER PRIMARY KEY, last INTEGER); INSERT INTO sandbox_counter VALUES (2026, 41)',
    );
    await sandbox.saveNow();
    sandbox.database.exec('UPDATE sandbox_counter SET last = 42');
    await sandbox.saveNow();
    // Read as another process would while the writer still holds the lock: the journal's record is applied.
    const viewer = await openStore({ readOnly: true });
    assert.deepEqual((await viewer.companion('sandbox')).database.exec('SELECT * FROM sandbox_counter')[0]?.values, [[2026, 42]]);
    await viewer.close();
    await store.close();
    assert.ok(existsSync(path.join(statePaths(temp.dir).folder, 'sandbox.sqlite')));
    store = await openStore();
    assert.equal(
      store.database.exec("SELECT name FROM sqlite_master WHERE name LIKE 'sandbox%'").length,
      0,
      'none of its tables in the state file',
    );
    sandbox = await store.companion('sandbox');
    assert.deepEqual(sandbox.database.exec('SELECT * FROM sandbox_counter')[0]?.values, [[2026, 42]]);
  });

  it("an unreadable companion database (the sandbox ERP's) is reported with its file and left as it is", async () => {
    const store = await openStore();
    await store.close();
    const file = path.join(statePaths(temp.dir).folder, 'sandbox.sqlite');
    writeFileSync(file, 'not a database');
    const again = await openStore();
    try {
      await assert.rejects(
        again.companion('sandbox'),
        (error: Error) =>
          error instanceof CompanionUnreadableError && error.message.includes(file) && /not an SQLite database/.test(error.message),
      );
      assert.equal(again.countOrders(), 0, 'the state itself still opens');
    } finally {
      await again.close();
    }
    assert.equal(readFileSync(file, 'utf8'), 'not a database');
  });

  it('keeps meta values (shop cursors) and coalesces them into the next save', async () => {
    let store = await openStore({ saveDelayMs: 10 });
    store.setMeta('prestashop.cursor', '2026-03-01T10:00:00Z');
    store.setMeta('prestashop.cursor', '2026-03-02T10:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(store.hasUnsavedChanges, false);
    const viewer = await openStore({ readOnly: true });
    assert.equal(viewer.getMeta('prestashop.cursor'), '2026-03-02T10:00:00Z');
    await store.close();
    store = await openStore();
    assert.equal(store.getMeta('prestashop.cursor'), '2026-03-02T10:00:00Z');
    assert.equal(store.getMeta('nothing'), undefined);
  });

  it('opens read-only without a lock and refuses writes', async () => {
    const writer = await openStore();
    writer.upsertOrder(sampleOrder(9), TEST_NOW);
    await writer.saveNow();
    const viewer = await openStore({ readOnly: true });
    assert.equal(viewer.listOrders().length, 1);
    assert.throws(() => viewer.upsertOrder(sampleOrder(10), TEST_NOW), ReadOnlyStateError);
    await assert.rejects(viewer.markPending('prestashop', '100009', 'pdf-to-shop'), ReadOnlyStateError);
  });

  it('read-only on a folder without state creates nothing', async () => {
    const viewer = await openStore({ readOnly: true });
    assert.equal(viewer.listOrders().length, 0);
    assert.equal(existsSync(statePaths(temp.dir).folder), false);
  });

  it("migrates a v1 file forward, keeping its rows, a backup, and the sandbox ERP's tables in their own file", async () => {
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    copyFileSync(path.join(__dirname, '..', '..', 'fixtures', 'state', 'v1.sqlite'), paths.file);
    const store = await openStore();
    assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
    assert.ok(existsSync(`${paths.file}.v1-backup`));
    assert.equal(store.listOrders().length, 3);
    assert.equal(store.getOrder('prestashop', '100001')?.order.buyer.email, 'klient1@example.pl');
    const done = store.getAction('prestashop', '100001', 'email-after-import')!;
    assert.equal(done.state, 'done');
    assert.equal(done.attempts, 1);
    assert.equal(store.getAction('prestashop', '100002', 'status-after-import')?.lastError, 'HTTP 503');
    assert.equal(store.getAction('prestashop', '100003', 'pdf-to-shop')?.state, 'reset');
    assert.equal(store.getMeta('prestashop.cursor'), '2025-12-03T10:00:00Z');
    assert.deepEqual((await store.companion('sandbox')).database.exec('SELECT number FROM sandbox_documents')[0]?.values, [['RO/1/2025']]);
    assert.equal(store.database.exec("SELECT name FROM sqlite_master WHERE name LIKE 'sandbox%'").length, 0);
    // New v2 features work on migrated rows.
    store.recordErpDocument('prestashop', '100001', {
      kind: 'PA',
      number: 'PA/1/2026',
      id: '1',
      platform: 'prestashop',
      shopOrderId: '100001',
      issueDate: '2026-01-01',
      totalGross: 100,
    });
    await store.markPending('prestashop', '100001', 'pdf-to-shop');
    await store.close();
    const again = await openStore();
    assert.equal(again.getOrder('prestashop', '100001')?.erpDocument?.number, 'PA/1/2026');
    assert.equal(again.getAction('prestashop', '100001', 'pdf-to-shop')?.attempts, 1);
  });
});
