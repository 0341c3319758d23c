// The shipped service as a system starts it: the built dist/cli.js, `run --every 2s`, in a process of its own
// over the demo shop, the sandbox ERP and an SMTP server on loopback. Several cycles run; SIGTERM arrives while
// a customer e-mail is being sent. The service finishes the actions under way, records the pass as cancelled
// and exits 0; nothing is lost or doubled: no action is left pending, and after one more pass every customer
// has exactly the e-mails due. (The loop's timing is tested in process, with the test clock: scheduler.test.ts.)
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readServiceStatus } from '../../../src/core/service/status-file';
import { openStateStore } from '../../../src/core/state/index';
import { BUILT_CLI, runBuiltCli } from '../../support/cli';
import { addDemoOrders, createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { testClock } from '../../support/clock';

interface LogLine {
  event?: string;
  cycle?: number;
  delayMs?: number;
  result?: string;
  msg: string;
}

describe('service: optima-sync run --every in its own process, stopped by SIGTERM in the middle of a pass', function () {
  this.timeout(120_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  let child: ChildProcess | undefined;

  before(function () {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first (npm test builds before the unit tests)`);
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await smtp?.close();
    await deployment?.cleanup();
  });

  it('runs several cycles, finishes the actions under way on SIGTERM, exits 0, and loses or repeats nothing', async () => {
    let holdAt = Number.POSITIVE_INFINITY;
    let terminated = false;
    smtp = await startSmtpServer({
      tls: 'none',
      // The e-mail at holdAt is in flight when SIGTERM arrives: it is answered only after the signal.
      beforeAccept: async (index) => {
        if (index !== holdAt) return;
        terminated = child!.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 1000;
      s.state.retentionDays = 0;
    });
    await seedShop(deployment.dir);

    const lines: LogLine[] = [];
    const waiters: Array<() => void> = [];
    child = spawn(process.execPath, [BUILT_CLI, 'run', '--every', '2s', '--dir', deployment.dir], {
      env: { ...process.env, OPTIMA_SYNC_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      waiters.splice(0).forEach((wake) => wake());
    });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const waitFor = async (test: (line: LogLine) => boolean, from = 0): Promise<LogLine> => {
      for (;;) {
        const found = lines.slice(from).find(test);
        if (found) return found;
        if (child!.exitCode !== null) throw new Error(`the service exited early:\n${lines.map((l) => l.msg).join('\n')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 500);
        });
      }
    };

    // Cycle 1 imports the seeded shop; then an idle cycle; then new orders arrive while the service sleeps.
    await waitFor((l) => l.event === 'pass-finished' && l.cycle === 1);
    const idle = await waitFor((l) => l.event === 'pass-finished' && (l.cycle ?? 0) >= 2 && (l.delayMs ?? 0) >= 800);
    const sentBefore = smtp.messages.length;
    holdAt = sentBefore + 3;
    await addDemoOrders(deployment.dir, 14, 'new');
    await waitFor((l) => l.event === 'stopping');
    const code = await exited;
    assert.ok(terminated, 'SIGTERM was sent while an e-mail was being sent');
    assert.equal(code, 0, lines.map((l) => l.msg).join('\n'));
    const events = lines.map((l) => l.event).filter(Boolean);
    assert.equal(events.at(-1), 'service-stopped');
    const last = lines.filter((l) => l.event === 'pass-finished').at(-1)!;
    assert.equal(last.result, 'cancelled');
    assert.ok(last.cycle! > idle.cycle!, 'the stopped pass came after the idle one');
    assert.equal((await readServiceStatus(deployment.dir))?.state, 'stopped');

    // Nothing in flight was lost: no action pending (uncertain), the e-mail held at SIGTERM recorded as done.
    const check = async () => {
      const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
      try {
        return {
          pending: store.listActions({ states: ['pending'] }).length,
          failed: store.listActions({ states: ['failed'] }).length,
          emailsDone: store.listActions({ states: ['done'] }).filter((a) => a.kind.startsWith('email-')).length,
          runs: store.history.recent(50),
        };
      } finally {
        await store.close();
      }
    };
    const afterStop = await check();
    assert.equal(afterStop.pending, 0, 'no action left uncertain');
    assert.equal(afterStop.emailsDone, smtp.messages.length, 'every e-mail that reached the server is recorded as done, and only those');
    assert.ok(smtp.messages.length > holdAt, 'the e-mail under way and the others in flight were finished');
    assert.equal(afterStop.runs[0]?.result, 'cancelled');
    assert.ok(afterStop.runs.every((r) => r.trigger === 'service') && afterStop.runs.length >= 3);

    // One more pass does the rest; every customer has each e-mail once.
    const rest = await runBuiltCli(['run', '--dir', deployment.dir]);
    assert.equal(rest.code, 0, rest.stdout + rest.stderr);
    const done = await check();
    assert.equal(done.pending + done.failed, 0);
    assert.equal(done.emailsDone, smtp.messages.length);
    const keys = smtp.messages.map((m) => `${m.envelope.to.join()} ${m.parsed.subject}`);
    assert.equal(new Set(keys).size, keys.length, 'no e-mail twice');
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    try {
      const imported = store.listOrdersWithActions().filter((o) => o.erpDocument);
      assert.ok(imported.length >= 14 + 6, `the seeded orders and the 14 new ones were imported (${imported.length})`);
      for (const order of imported) {
        assert.equal(order.actions.find((a) => a.kind === 'email-after-import')?.state, 'done', order.number);
        assert.equal(
          smtp.messages.filter(
            (m) => m.envelope.to.includes(order.customerEmail) && m.parsed.subject === `Przyjęliśmy zamówienie ${order.number}`,
          ).length,
          1,
          order.number,
        );
      }
    } finally {
      await store.close();
    }
  });
});
