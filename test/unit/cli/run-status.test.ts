// `optima-sync run` (the one-shot form) and `optima-sync status`, in process: the passes they record, the
// JSON-lines log, the exit codes, a state held by another writer, and what status prints (text and --json).
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { demoShopFile } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { writeServiceStatus } from '../../../src/core/service/status-file';
import { cli } from '../../support/cli';
import { createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TEST_NOW, testClock } from '../../support/clock';

describe('CLI: run (one pass) and status', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  beforeEach(async () => {
    smtp = await startSmtpServer({
      tls: 'none',
      refuseRecipients: { 'jan.kowalski@example.pl': '550 5.1.1 <jan.kowalski@example.pl>: Recipient address rejected' },
    });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  it("run without --every makes one pass recorded as the service's, logs JSON lines, and status shows it with what needs attention", async () => {
    const run = await cli(['run', '--dir', deployment.dir]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event?: string; level: string; time: string; imported?: number });
    assert.equal(lines[0]?.time, TEST_NOW.toISOString(), 'the log is stamped by the injected clock');
    const finished = lines.find((l) => l.event === 'pass-finished');
    assert.ok(finished && finished.imported! > 0);
    assert.equal(lines.at(-1)?.event, 'service-stopped');
    const logFile = await fs.readFile(`${deployment.dir}/.optima-sync/logs/optima-sync.log`, 'utf8');
    assert.equal(logFile.trim(), run.stdout.trim());

    const text = await cli(['status', '--dir', deployment.dir]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /Last passes \(newest first\):\n {2}2026-11-28 11:00 {2}service +completed +\d+ orders imported, \d+ e-mails sent, 1 failure, 0 uncertain actions/,
    );
    assert.match(
      text.stdout,
      /Needs attention: 1 failed action, 0 uncertain actions\.\n {2}DEMO\/\d+ +email-after-import +failed +.*Recipient address rejected/,
    );
    assert.match(text.stdout, /Service: not running/);

    const json = JSON.parse((await cli(['status', '--json', '--dir', deployment.dir])).stdout) as {
      passes: Array<{ trigger: string; result: string; failed: number }>;
      attention: { failed: number; uncertain: number; items: Array<{ kind: string }> };
      nextPassAt: string | null;
      service: { state: string } | null;
    };
    assert.deepEqual(
      json.passes.map((p) => [p.trigger, p.result, p.failed]),
      [['service', 'ok', 1]],
    );
    assert.equal(json.attention.failed, 1);
    assert.equal(json.attention.items[0]?.kind, 'email-after-import');
    assert.equal(json.nextPassAt, null);
    assert.equal(json.service?.state, 'stopped');
  });

  it('status in Polish uses the plural forms of the counts', async () => {
    assert.equal((await cli(['run', '--dir', deployment.dir])).code, 0);
    const text = await cli(['status', '--dir', deployment.dir], { env: { OPTIMA_SYNC_LANG: 'pl' } });
    assert.match(text.stdout, /\d+ zamówie(nie|nia|ń) zaimportowan(e|ych|o)?/);
    assert.match(text.stdout, /1 błąd/);
    assert.match(text.stdout, /0 niepewnych akcji/);
    assert.match(text.stdout, /Wymaga uwagi: 1 nieudana akcja, 0 niepewnych akcji\./);
  });

  it("status shows the running service's next pass", async () => {
    assert.equal((await cli(['run', '--dir', deployment.dir])).code, 0);
    await writeServiceStatus(deployment.dir, {
      pid: process.pid,
      host: os.hostname(),
      startedAt: TEST_NOW.toISOString(),
      every: '5m',
      state: 'sleeping',
      nextPassAt: '2026-11-28T10:05:00.000Z',
      consecutiveFailures: 0,
      cycles: 1,
      updatedAt: TEST_NOW.toISOString(),
    });
    const text = await cli(['status', '--dir', deployment.dir]);
    assert.match(
      text.stdout,
      new RegExp(`Service: running \\(pid ${process.pid} on .*\\), a pass every 5m\\.\\nNext pass: 2026-11-28 11:05\\.`),
    );
    const json = JSON.parse((await cli(['status', '--json', '--dir', deployment.dir])).stdout) as { nextPassAt: string };
    assert.equal(json.nextPassAt, '2026-11-28T10:05:00.000Z');
  });

  it('exit codes: a failed pass 1, a state in use 0 with a skip line, bad --every 2, one pass on invalid settings 1; status without state 0', async () => {
    const fresh = await cli(['status', '--dir', deployment.dir]);
    assert.equal(fresh.code, 0);
    assert.match(fresh.stdout, /No sync pass recorded yet\./);

    const holder = await openStateStore(deployment.dir, { now: testClock, holder: 'VS Code' });
    try {
      const skipped = await cli(['run', '--dir', deployment.dir]);
      assert.equal(skipped.code, 0);
      assert.match(skipped.stdout, /"event":"pass-skipped".*in use by another process.*VS Code/);
    } finally {
      await holder.close();
    }

    await fs.writeFile(demoShopFile(deployment.dir), '{');
    const failed = await cli(['run', '--dir', deployment.dir]);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /"event":"pass-failed"/);

    const usage = await cli(['run', '--every', '5 minutes', '--dir', deployment.dir]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--every needs a whole number with a unit: 30s, 5m or 2h/);

    // One pass cannot run on invalid settings; the long-running service starts anyway (see the service tests).
    await fs.writeFile(`${deployment.dir}/optima-sync.json`, '{ "version": 1, "shop": 7 }');
    const invalid = await cli(['run', '--dir', deployment.dir]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stdout, /"event":"service-failed"/);
  });
});
