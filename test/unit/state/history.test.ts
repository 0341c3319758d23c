// The pass history in the state database: schema 5's new columns (filled in for older runs), what started
// each pass, a pass that throws recorded as failed, dry runs left out, days counted in the deployment's zone,
// and the retention of old passes.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { lastDays, passesPerDay } from '../../../src/core/history/activity';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { migrate } from '../../../src/core/state/schema';
import { demoShopFile } from '../../../src/core/shops/demo/index';
import { openStateStore, type RunRecord } from '../../../src/core/state/index';
import { createMailingDeployment, runPass, type TestDeployment } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TEST_NOW, testClock, TestClock } from '../../support/clock';

describe('state: pass history', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createMailingDeployment(smtp.port);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  async function runs(): Promise<RunRecord[]> {
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    try {
      return store.history.recent(50);
    } finally {
      await store.close();
    }
  }

  it('schema 5 fills the figures of runs recorded before it from their counts', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, 4);
    db.run('INSERT INTO runs (started_at, finished_at, result, counts_json) VALUES (?, ?, ?, ?)', [
      '2026-11-27T10:00:00.000Z',
      '2026-11-27T10:01:00.000Z',
      'ok',
      JSON.stringify({
        fetched: 9,
        imported: 4,
        emailsSent: 6,
        errors: 2,
        'email-after-import.failed': 1,
        'status-after-import.failed': 1,
        'pdf-to-shop.uncertain': 3,
      }),
    ]);
    db.run('INSERT INTO runs (started_at) VALUES (?)', ['2026-11-27T11:00:00.000Z']);
    migrate(db);
    const rows = db.exec('SELECT imported, emails_sent, failed, uncertain, triggered_by FROM runs ORDER BY id')[0]!.values;
    assert.deepEqual(rows, [
      [4, 6, 2, 3, null],
      [0, 0, 0, 0, null],
    ]);
    db.close();
  });

  it('records each pass with what started it and its figures; a dry run is not recorded; a pass that throws is recorded as failed', async () => {
    const first = await runPass(deployment.dir, { trigger: 'vscode' });
    await runPass(deployment.dir, { dryRun: true });
    await fs.writeFile(demoShopFile(deployment.dir), 'not json');
    await assert.rejects(runPass(deployment.dir, { trigger: 'service' }));
    const [failed, ok] = await runs();
    assert.equal((await runs()).length, 2, 'the dry run is not in the history');
    assert.equal(ok?.trigger, 'vscode');
    assert.equal(ok?.result, 'ok');
    assert.equal(ok?.imported, first.imported);
    assert.equal(ok?.emailsSent, first.emailsSent);
    assert.equal(ok?.failed, 0);
    assert.equal(ok?.counts['email-after-import.done'], first.actions['email-after-import'].done);
    assert.equal(failed?.trigger, 'service');
    assert.equal(failed?.result, 'failed');
    assert.ok(failed?.finishedAt);
    assert.match(failed?.error ?? '', /JSON/);
  });

  it('counts passes per day in the deployment zone, oldest day first, ending today', () => {
    const days = lastDays(TEST_NOW, 'Europe/Warsaw', 3);
    assert.deepEqual(days, ['2026-11-26', '2026-11-27', '2026-11-28']);
    const run = (startedAt: string, result: RunRecord['result'], imported: number): RunRecord => ({
      id: 1,
      startedAt,
      result,
      imported,
      emailsSent: imported,
      failed: result === 'failed' ? 0 : 1,
      uncertain: 0,
      counts: {},
    });
    const activity = passesPerDay(
      [
        run('2026-11-26T22:59:00.000Z', 'ok', 1), // 23:59 on the 26th in Warsaw
        run('2026-11-26T23:00:00.000Z', 'ok', 2), // midnight: the 27th
        run('2026-11-27T12:00:00.000Z', 'failed', 0),
        run('2026-11-20T12:00:00.000Z', 'ok', 50), // before the chart
      ],
      days,
      'Europe/Warsaw',
    );
    assert.deepEqual(
      activity.map((d) => [d.date, d.passes, d.failedPasses, d.imported]),
      [
        ['2026-11-26', 1, 0, 1],
        ['2026-11-27', 2, 1, 2],
        ['2026-11-28', 0, 0, 0],
      ],
    );
    assert.deepEqual(
      lastDays(new Date('2026-03-29T22:30:00.000Z'), 'Europe/Warsaw', 2),
      ['2026-03-29', '2026-03-30'],
      'across the spring DST change',
    );
  });

  it('prunes passes older than state.retentionDays after a pass', async () => {
    const clock = new TestClock();
    await deployment.editSettings((s) => {
      s.state.retentionDays = 30;
    });
    const store = await openStateStore(deployment.dir, { now: clock.now });
    try {
      for (const daysAgo of [40, 31, 29]) {
        const id = store.startRun(new Date(TEST_NOW.getTime() - daysAgo * 86_400_000), 'service');
        await store.finishRun(id, new Date(TEST_NOW.getTime() - daysAgo * 86_400_000), { result: 'ok', counts: {} });
      }
    } finally {
      await store.close();
    }
    await runPass(deployment.dir, { trigger: 'cli' });
    const left = await runs();
    assert.deepEqual(
      left.map((r) => Math.round((TEST_NOW.getTime() - Date.parse(r.startedAt)) / 86_400_000)),
      [0, 29],
    );
  });
});
