// The summary each writer leaves beside the state when it closes: what the status bar shows without loading the
// database (the last finished pass, failed and uncertain actions), kept current by every kind of writer.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { openStateStore, readStateSummary, statePaths } from '../../../src/core/state';
import { daysFromTestNow, fixedClock, testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';

describe('state: the summary beside the database', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());
  const summary = () => readStateSummary(statePaths(temp.dir).folder);

  it('holds the last finished pass and the failed and uncertain actions, rewritten by each writer that closes', async () => {
    let store = await openStateStore(temp.dir, { now: testClock });
    for (let i = 1; i <= 3; i++) store.upsertOrder(sampleOrder(i), daysFromTestNow(-1));
    const run = store.startRun(daysFromTestNow(-1), 'service');
    await store.markFailed('prestashop', '100001', 'email-after-import', 'SMTP 550');
    await store.markPending('prestashop', '100002', 'email-after-import');
    await store.finishRun(run, daysFromTestNow(-1), { result: 'ok', counts: {}, imported: 3, emailsSent: 0, failed: 1 });
    store.startRun(testClock(), 'cli'); // never finished: not "the last pass"
    await store.close();
    const first = (await summary())!;
    assert.equal(first.lastPass?.id, run);
    assert.equal(first.lastPass?.trigger, 'service');
    assert.equal(first.lastPass?.imported, 3);
    assert.deepEqual([first.failed, first.uncertain], [1, 1]);

    // The consultant resolves both in VS Code: another writer, another summary.
    store = await openStateStore(temp.dir, { now: fixedClock(daysFromTestNow(1)) });
    await store.resolveAction('prestashop', '100001', 'email-after-import', 'done', 'test');
    await store.resolveAction('prestashop', '100002', 'email-after-import', 'retry', 'test');
    await store.close();
    const second = (await summary())!;
    assert.deepEqual([second.failed, second.uncertain, second.writtenAt], [0, 0, daysFromTestNow(1).toISOString()]);
  });

  it('a reader writes none, and a state no writer closed since has none', async () => {
    const reader = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    await reader.close();
    assert.equal(existsSync(statePaths(temp.dir).folder), false);
    assert.equal(await summary(), undefined);
  });
});
