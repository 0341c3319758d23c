// Planning by query: the stored orders a pass has work for, and only those, out of a settled history; and
// the reset marks' edges (an order fetched after a reset on its own day, a retry after a reset).
import assert from 'node:assert/strict';
import type { ActionKind } from '../../../src/core/model/actions';
import type { ShopOrder } from '../../../src/core/model/order';
import { MemoryLogger } from '../../../src/core/log';
import { cpSync } from 'node:fs';
import { openStateStore, type SqlStateStore, statePaths } from '../../../src/core/state';
import { ACTION_KIND_CODES } from '../../../src/core/state/schema';
import { MAX_ATTEMPTS } from '../../../src/core/sync/plan';
import { sampleOrder, seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { daysFromTestNow, TEST_NOW, TEST_TODAY, testClock } from '../../support/clock';

const KINDS: ActionKind[] = ['status-after-import', 'email-after-import'];

function realize(store: SqlStateStore, order: Pick<ShopOrder, 'platform' | 'id'>, index: number): void {
  const sales = {
    kind: 'FS' as const,
    number: `FS/${index}/2026`,
    id: String(index),
    issueDate: TEST_TODAY,
    saleDate: TEST_TODAY,
    totalGross: 9497,
    totalNet: 7721,
  };
  store.recordErpDocument(order.platform, order.id, { ...sales, platform: order.platform, shopOrderId: order.id, salesDocument: sales });
}

describe('state: the open work of a pass', () => {
  let temp: ReturnType<typeof tempDeployment>;
  let store: SqlStateStore;

  beforeEach(async () => {
    temp = tempDeployment();
    store = await openStateStore(temp.dir, { now: testClock, saveDelayMs: 60_000 });
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  const query = (overrides: Partial<Parameters<SqlStateStore['listOpenWork']>[0]> = {}) =>
    store
      .listOpenWork({
        platform: 'prestashop',
        kinds: KINDS,
        maxAttempts: MAX_ATTEMPTS,
        importStatuses: ['2'],
        awaitingRealization: false,
        ...overrides,
      })
      .map((order) => order.number)
      .sort();

  it('finds exactly the orders with work left, none of a settled history', async () => {
    const ids = await seedOrders(store, 300, {
      firstFetchedAt: daysFromTestNow(-200),
      spacingMs: 3_600_000,
      actionState: (_index, kind) => (KINDS.includes(kind) ? 'done' : undefined),
    });
    ids.forEach((id, index) => realize(store, { platform: 'prestashop', id }, index));
    const add = (index: number, overrides: Partial<ShopOrder> = {}) => {
      const order = sampleOrder(index, overrides);
      store.upsertOrder(order, TEST_NOW);
      return order;
    };
    const failedOnce = add(1001);
    realize(store, failedOnce, 1001);
    await store.markFailed(failedOnce.platform, failedOnce.id, 'email-after-import', 'SMTP 451');
    const failedForGood = add(1002);
    realize(store, failedForGood, 1002);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await store.markPending(failedForGood.platform, failedForGood.id, 'email-after-import');
      await store.markFailed(failedForGood.platform, failedForGood.id, 'email-after-import', 'SMTP 550');
    }
    for (const kind of KINDS)
      await store.markDone(failedForGood.platform, failedForGood.id, kind === 'email-after-import' ? 'status-after-import' : kind, 'ok');
    const uncertain = add(1003);
    realize(store, uncertain, 1003);
    await store.markPending(uncertain.platform, uncertain.id, 'status-after-import');
    const notImported = add(1004);
    const notImportedOtherStatus = add(1005, { status: '6' });
    const waitingForRealization = add(1006);
    store.recordErpDocument(waitingForRealization.platform, waitingForRealization.id, {
      kind: 'RO',
      number: 'RO/1006/2026',
      id: '1006',
      platform: 'prestashop',
      shopOrderId: waitingForRealization.id,
      issueDate: TEST_TODAY,
      totalGross: 9497,
    });
    for (const kind of KINDS) await store.markDone(waitingForRealization.platform, waitingForRealization.id, kind, 'ok');
    for (const order of [failedOnce, uncertain]) {
      for (const kind of KINDS)
        if (!store.getAction(order.platform, order.id, kind)) await store.markDone(order.platform, order.id, kind, 'ok');
    }

    assert.deepEqual(
      query(),
      [failedOnce.number, uncertain.number, notImported.number].sort(),
      'failed under the limit, uncertain, not in the ERP yet (in an import status); not the 300 settled, the one failed for good, another status',
    );
    assert.ok(!query().includes(notImportedOtherStatus.number));
    assert.deepEqual(
      query({ awaitingRealization: true }),
      [failedOnce.number, uncertain.number, notImported.number, waitingForRealization.number].sort(),
    );
    // An action enabled later is open for every order that never had it: the bulk guard's case, which a reset settles.
    assert.equal(query({ kinds: ['pdf-to-shop'] }).length, 300 + 5, 'the history and the five new orders in the ERP or due for import');
    await store.reset({ actions: ['pdf-to-shop'], until: TEST_TODAY, timezone: 'Europe/Warsaw', dryRun: false, user: 'test' });
    assert.deepEqual(query({ kinds: ['pdf-to-shop'] }), [notImported.number]);
  });

  it('a reset covers the orders fetched before it, not one fetched later the same day, and a retry reopens an action', async () => {
    const early = sampleOrder(1);
    store.upsertOrder(early, new Date('2026-11-28T08:00:00Z'));
    realize(store, early, 1);
    const reset = await store.reset({
      actions: ['email-after-import'],
      until: TEST_TODAY,
      timezone: 'Europe/Warsaw',
      dryRun: false,
      user: 'test',
    });
    assert.equal(reset.counts['email-after-import'], 1);
    const late = sampleOrder(2);
    store.upsertOrder(late, new Date('2026-11-28T09:30:00Z'));
    realize(store, late, 2);
    assert.equal(store.getAction(early.platform, early.id, 'email-after-import')?.state, 'reset');
    assert.equal(store.getAction(late.platform, late.id, 'email-after-import'), undefined, 'not attempted: the reset did not see it');
    assert.deepEqual(query({ kinds: ['email-after-import'], importStatuses: ['none'] }), [late.number]);

    await store.resolveAction(early.platform, early.id, 'email-after-import', 'retry', 'test');
    assert.deepEqual(query({ kinds: ['email-after-import'], importStatuses: ['none'] }), [early.number, late.number].sort());
    const repeat = await store.reset({
      actions: ['email-after-import'],
      until: TEST_TODAY,
      timezone: 'Europe/Warsaw',
      dryRun: false,
      user: 'test',
    });
    assert.equal(repeat.counts['email-after-import'], 2, 'the retried one and the late one');
  });

  it('a reset counts exactly the actions it covers, also across days, after a retry and after a journal replay', async () => {
    // Ten days of orders (30 a day), some actions done or failed, one retried.
    const ids = await seedOrders(store, 300, {
      firstFetchedAt: daysFromTestNow(-10),
      spacingMs: 48 * 60_000,
      actionState: (index, kind) =>
        index % 3 === 0 && kind === 'email-after-import' ? 'done' : index % 7 === 0 && kind === 'pdf-to-shop' ? 'failed' : undefined,
    });
    await store.resolveAction('prestashop', ids[21]!, 'pdf-to-shop', 'retry', 'test');
    const truth = (kind: ActionKind, cutoff: string) =>
      Number(
        store.database.exec(
          `SELECT COUNT(*) FROM actions WHERE kind = ${ACTION_KIND_CODES[kind]} AND (state IS NULL OR state IN ('pending', 'failed')) AND fetched_ms <= ${Date.parse(cutoff)}`,
        )[0]!.values[0]![0],
      );
    const request = {
      actions: ['email-after-import', 'pdf-to-shop'] as ActionKind[],
      until: '2026-11-23',
      timezone: 'Europe/Warsaw',
      dryRun: true,
      user: 'test',
    };
    const dry = await store.reset(request);
    for (const kind of request.actions) assert.equal(dry.counts[kind], truth(kind, dry.cutoff), kind);
    const applied = await store.reset({ ...request, dryRun: false });
    assert.deepEqual(applied.counts, dry.counts);
    const later = await store.reset({ ...request, until: TEST_TODAY, dryRun: true });
    for (const kind of request.actions) {
      const covered = Number(
        store.database.exec(
          `SELECT COUNT(*) FROM actions WHERE kind = ${ACTION_KIND_CODES[kind]} AND (state IS NULL OR state IN ('pending', 'failed')) AND fetched_ms > ${Date.parse(dry.cutoff)}`,
        )[0]!.values[0]![0],
      );
      assert.equal(later.counts[kind], covered, `${kind}: only what the first reset did not cover`);
    }
    // The per-day counters the reset sums agree with the rows, and survive a replay of the journal.
    const counters = (database: SqlStateStore['database']) =>
      JSON.stringify(database.exec('SELECT kind, day, n FROM fresh_counts WHERE n > 0 ORDER BY 1, 2')[0]?.values);
    const recount = (database: SqlStateStore['database']) =>
      JSON.stringify(
        database.exec(
          'SELECT kind, fetched_ms / 86400000, COUNT(*) FROM actions WHERE state IS NULL AND updated_ms IS NULL GROUP BY 1, 2 ORDER BY 1, 2',
        )[0]?.values,
      );
    assert.equal(counters(store.database), recount(store.database));
    const copy = tempDeployment();
    try {
      cpSync(statePaths(temp.dir).folder, statePaths(copy.dir).folder, { recursive: true });
      const replayed = await openStateStore(copy.dir, { now: testClock, readOnly: true });
      assert.equal(counters(replayed.database), recount(replayed.database));
      assert.deepEqual((await replayed.reset({ ...request, until: TEST_TODAY, dryRun: true })).counts, later.counts);
      await replayed.close();
    } finally {
      copy.cleanup();
    }
  });

  it('a pruned order listed by the shop again is not new', async () => {
    const order = sampleOrder(1);
    store.upsertOrder(order, daysFromTestNow(-400));
    realize(store, order, 1);
    for (const kind of KINDS) await store.markDone(order.platform, order.id, kind, 'ok');
    assert.deepEqual(await store.prune(365, TEST_NOW, { enabledKinds: KINDS }), { orders: 1 });
    assert.deepEqual(store.upsertOrder(order, TEST_NOW), { isNew: false });
    assert.equal(store.getOrder(order.platform, order.id), undefined);
    assert.ok(store.isPruned(order.platform, order.id));
  });

  it('reports an imported order that changed in the shop (address, lines), without touching its document', async () => {
    const logger = new MemoryLogger();
    await store.close();
    store = await openStateStore(temp.dir, { now: testClock, logger });
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    store.upsertOrder({ ...order, status: '3' }, TEST_NOW);
    assert.equal(logger.lines.length, 0, 'not imported yet: nothing to report');
    realize(store, order, 1);
    store.upsertOrder({ ...order, status: '4' }, TEST_NOW);
    assert.equal(logger.lines.length, 0, 'a status change is no change of the document');
    store.upsertOrder(
      { ...order, billingAddress: { ...order.billingAddress, street: 'ul. Krótka 1' }, lines: order.lines.slice(0, 1) },
      TEST_NOW,
    );
    assert.match(
      logger.text(),
      new RegExp(`\\[warn\\] Order ${order.number} changed in the shop after it was imported \\(billing address, lines\\)`),
    );
    assert.equal(store.getOrder(order.platform, order.id)?.erpDocument?.number, 'FS/1/2026');
  });
});
