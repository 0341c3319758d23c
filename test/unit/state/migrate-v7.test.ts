// Schema v7 moves settled history out of the live database: a v5 or v6 file with a history upgrades on the first
// writer's open, with a backup, every order and action found as before (the settled ones now in the month
// archives), the sandbox ERP's tables in their own file, and the live file compacted to what stayed.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openStateStore, SCHEMA_VERSION, statePaths, type OrderWithActions, type SqlStateStore } from '../../../src/core/state';
import { testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { writeOldStateFile } from '../../support/old-state-file';
import { tempDeployment } from '../../support/state-temp';

const ORDERS = 300;
const HISTORY = {
  orders: ORDERS,
  firstFetchedAt: new Date('2026-01-05T10:00:00Z'),
  lastFetchedAt: new Date('2026-11-20T10:00:00Z'),
  summarizedBefore: new Date('2026-09-29T10:00:00Z'),
  sandboxDocuments: 40,
  auditRows: 120,
};

/** Every order of the history as the store shows it, live or archived (where it is is compared apart). */
async function everyOrder(store: SqlStateStore): Promise<Array<Omit<OrderWithActions, 'archived'>>> {
  const found = [];
  for (let i = 0; i < ORDERS; i++)
    found.push(...(await store.lookupOrders({ shopOrderId: sampleOrder(i).id })).map(({ archived: _archived, ...order }) => order));
  return found;
}

describe('state: schema v7 (the archive)', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());

  for (const schema of [5, 6] as const)
    it(`upgrades a v${schema} file with history: a backup, every order and action as before, the settled ones archived, the sandbox apart`, async function () {
      this.timeout(60_000);
      const paths = statePaths(temp.dir);
      mkdirSync(paths.folder, { recursive: true });
      await writeOldStateFile(paths.file, { ...HISTORY, schema });
      const sizeBefore = statSync(paths.file).size;

      // What a reader of the old file shows (it upgrades in memory only and writes nothing).
      const reader = await openStateStore(temp.dir, { now: testClock, readOnly: true });
      const before = await everyOrder(reader);
      const sandboxBefore = (await reader.companion('sandbox')).database.exec('SELECT number FROM sandbox_documents ORDER BY id')[0]
        ?.values;
      const countsBefore = [reader.countOrders(), reader.countActionStates()];
      const auditBefore = await reader.readAudit(1000);
      await reader.close();
      assert.equal(before.length, ORDERS);
      assert.equal(existsSync(path.join(paths.folder, 'archive')), false, 'a reader wrote nothing');

      const store = await openStateStore(temp.dir, { now: testClock });
      try {
        assert.equal(store.database.exec('PRAGMA user_version')[0]?.values[0]?.[0], SCHEMA_VERSION);
        assert.ok(existsSync(`${paths.file}.v${schema}-backup`));
        assert.equal(statSync(`${paths.file}.v${schema}-backup`).size, sizeBefore);
        assert.equal(store.database.exec('PRAGMA integrity_check')[0]?.values[0]?.[0], 'ok');
        const after = await everyOrder(store);
        assert.deepEqual(after, before, 'every order, with every action, as before');
        // The summarized, settled ones are archived; the recent ones and the one with a failed e-mail stay live.
        const live = store.listOrdersWithActions({ limit: 1000 });
        const archived = before.filter((order) => !order.detailsKept && order.actions.every((a) => a.state !== 'failed'));
        assert.ok(archived.length > ORDERS / 2, `${archived.length} archived`);
        assert.equal(live.length, ORDERS - archived.length);
        assert.deepEqual(
          live.filter((order) => !order.detailsKept).map((order) => order.actions.some((a) => a.state === 'failed')),
          live.filter((order) => !order.detailsKept).map(() => true),
        );
        assert.deepEqual(readdirSync(path.join(paths.folder, 'archive')).sort(), [
          '2026-01.sqlite',
          '2026-02.sqlite',
          '2026-03.sqlite',
          '2026-04.sqlite',
          '2026-05.sqlite',
          '2026-06.sqlite',
          '2026-07.sqlite',
          '2026-08.sqlite',
          '2026-09.sqlite',
        ]);
        assert.deepEqual([store.countOrders(), store.countActionStates()], countsBefore);
        assert.deepEqual(await store.readAudit(1000), auditBefore);
        assert.ok(store.listAudit(1000).length < auditBefore.length, 'old audit rows archived');
        assert.equal(store.isPruned('prestashop', '1'), true, 'pruned keys kept');
        assert.equal(store.getMeta('prestashop.cursor'), '2026-11-01T00:00:00Z');
        // The sandbox ERP's tables moved to their own file.
        assert.equal(store.database.exec("SELECT name FROM sqlite_master WHERE name LIKE 'sandbox%'").length, 0);
        assert.deepEqual(
          (await store.companion('sandbox')).database.exec('SELECT number FROM sandbox_documents ORDER BY id')[0]?.values,
          sandboxBefore,
        );
      } finally {
        await store.close();
      }
      assert.ok(
        statSync(paths.file).size < sizeBefore * 0.6,
        `the live file holds what stayed (${statSync(paths.file).size} of ${sizeBefore} bytes)`,
      );
      assert.ok(existsSync(path.join(paths.folder, 'sandbox.sqlite')));
      // And it stays so for the next process.
      const again = await openStateStore(temp.dir, { now: testClock, readOnly: true });
      try {
        assert.deepEqual(await everyOrder(again), before);
      } finally {
        await again.close();
      }
    });
});
