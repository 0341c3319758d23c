// Schema v6 adds the state 'uncertain' (an answer lost after the request went out): a v5 file upgrades in place,
// every row as it was, and the partial indexes of open work and attention take the new state in.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { isUncertain, openStateStore, SCHEMA_VERSION, statePaths } from '../../../src/core/state';
import { migrate } from '../../../src/core/state/schema';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';

describe('state: schema v6', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());

  it('upgrades a v5 file in place: rows kept, a backup, uncertain stored, listed and counted as needing attention', async () => {
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    const SQL = await loadSqlJs();
    const v5 = new SQL.Database();
    migrate(v5, 5);
    const order = sampleOrder(1);
    v5.run(
      "INSERT INTO orders (id, platform, shop_order_id, number, fetched_ms, shop_status) VALUES (1, 'prestashop', ?, ?, 1785578400000, '2')",
      [order.id, order.number],
    );
    v5.run('INSERT INTO order_details (order_id, payload) VALUES (1, ?)', [JSON.stringify(order)]);
    v5.run(
      "INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error) VALUES (1, 0, 1785578400000, 'failed', 1785578460000, 2, 'HTTP 500'), (1, 1, 1785578400000, 'pending', 1785578460000, 1, NULL)",
    );
    writeFileSync(paths.file, v5.export());
    v5.close();

    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
      assert.ok(existsSync(`${paths.file}.v5-backup`));
      assert.equal(store.database.exec('PRAGMA integrity_check')[0]?.values[0]?.[0], 'ok');
      assert.deepEqual(
        store.listActions({}).map((a) => [a.kind, a.state, a.attempts, a.lastError ?? null]),
        [
          ['status-after-import', 'failed', 2, 'HTTP 500'],
          ['email-after-import', 'pending', 1, null],
        ],
      );
      await store.markPending(order.platform, order.id, 'pdf-to-shop');
      await store.markUncertain(order.platform, order.id, 'pdf-to-shop', 'no answer after the upload');
      const uncertain = store.getAction(order.platform, order.id, 'pdf-to-shop')!;
      assert.deepEqual([uncertain.state, uncertain.lastError, uncertain.attempts], ['uncertain', 'no answer after the upload', 1]);
      assert.ok(isUncertain(uncertain, store.activeRunId), 'uncertain whatever run is in flight');
      assert.deepEqual(
        store.listActions({ states: ['uncertain'] }).map((a) => a.kind),
        ['pdf-to-shop'],
      );
      assert.deepEqual(
        store.listOrders({ withActionStates: ['uncertain'] }).map((o) => o.shopOrderId),
        [order.id],
      );
      assert.equal(store.countActionStates().uncertain, 1);
      // The attention query answers from the partial index, as before.
      const plan = store.database
        .exec(
          "EXPLAIN QUERY PLAN SELECT order_id FROM actions WHERE state IN ('pending', 'failed', 'uncertain') AND state IN ('uncertain')",
        )[0]!
        .values.map((row) => String(row[3]));
      assert.ok(
        plan.some((step) => step.includes('actions_attention')),
        plan.join('; '),
      );
      assert.throws(() => store.database.run("UPDATE actions SET state = 'bogus' WHERE kind = 0"), /CHECK constraint failed/);
    } finally {
      await store.close();
    }
    const reopened = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    assert.equal(reopened.getAction(order.platform, order.id, 'pdf-to-shop')?.state, 'uncertain');
    await reopened.close();
  });

  it('a failure of the server gives the attempt back; a failure of the order keeps it', async () => {
    const store = await openStateStore(temp.dir, { now: testClock });
    try {
      const order = sampleOrder(2);
      store.upsertOrder(order, testClock());
      for (let pass = 0; pass < 7; pass++) {
        await store.markPending(order.platform, order.id, 'email-after-import');
        await store.markFailed(order.platform, order.id, 'email-after-import', '535 authentication failed', 'server');
      }
      assert.deepEqual(
        [
          store.getAction(order.platform, order.id, 'email-after-import')?.attempts,
          store.getAction(order.platform, order.id, 'email-after-import')?.state,
        ],
        [0, 'failed'],
      );
      await store.markPending(order.platform, order.id, 'email-after-import');
      await store.markFailed(order.platform, order.id, 'email-after-import', '550 no such user');
      assert.equal(store.getAction(order.platform, order.id, 'email-after-import')?.attempts, 1);
    } finally {
      await store.close();
    }
  });
});
