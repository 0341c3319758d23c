// The service in process over a real deployment (demo shop, sandbox ERP, SMTP on loopback, the real state
// file), with the test clock and a timer that moves it: each cycle's pass is in the history as "service", a
// shop that cannot be read backs off until it can, a state held by another writer skips the cycle, and the
// JSON-lines log (stdout and the rotating file) and .optima-sync/service.json say what happened, with no secret.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { SecretRegistry } from '../../../src/core/log';
import { environmentSecrets, registeringSecrets } from '../../../src/core/secrets';
import { JsonLinesLog, RotatingLogFile } from '../../../src/core/service/log-file';
import { OptimaService } from '../../../src/core/service/service';
import { readServiceStatus, type ServiceStatus } from '../../../src/core/service/status-file';
import { demoShopFile } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { addDemoOrders, createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TestClock } from '../../support/clock';

const MINUTE = 60_000;
const PASSWORD = 'Sekret"\\-hasło-42';

interface Harness {
  service: OptimaService;
  lines: Array<Record<string, unknown>>;
  statuses: ServiceStatus[];
  file: RotatingLogFile;
}

function makeService(dir: string, clock: TestClock, betweenCycles: (cycle: number, service: OptimaService) => Promise<void>): Harness {
  const env = { OPTIMA_SYNC_SMTP_PASSWORD: PASSWORD };
  const registry = new SecretRegistry();
  registry.add(PASSWORD);
  const lines: Array<Record<string, unknown>> = [];
  const file = new RotatingLogFile(dir);
  const log = new JsonLinesLog(
    [(line) => lines.push(JSON.parse(line) as Record<string, unknown>), (line) => file.write(line)],
    clock.now,
    (text) => registry.redact(text),
  );
  const statuses: ServiceStatus[] = [];
  let cycle = 0;
  const harness: Harness = { service: undefined as unknown as OptimaService, lines, statuses, file };
  harness.service = new OptimaService({
    dir,
    intervalMs: 5 * MINUTE,
    every: '5m',
    secrets: registeringSecrets(environmentSecrets(env), registry),
    log,
    now: clock.now,
    mailTimeoutsMs: { connection: 3000, greeting: 3000, socket: 5000 },
    timer: {
      async sleep(ms) {
        // The status file as `optima-sync status` reads it while the service sleeps.
        const status = await readServiceStatus(dir);
        if (status) statuses.push(status);
        clock.advance(ms);
        await betweenCycles(++cycle, harness.service);
      },
    },
  });
  return harness;
}

describe('service: optima-sync run over a real deployment', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none', auth: { user: 'sklep', pass: PASSWORD } });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.smtp.login = 'sklep';
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  it('runs a pass per cycle, backs off while the shop cannot be read, skips while the state is held, and stops on request', async () => {
    const clock = new TestClock();
    const shopFile = demoShopFile(deployment.dir);
    let shopText = '';
    let holder: Awaited<ReturnType<typeof openStateStore>> | undefined;
    const { service, lines, statuses, file } = makeService(deployment.dir, clock, async (cycle, running) => {
      if (cycle === 1) {
        await addDemoOrders(deployment.dir, 2, 'new');
        // The shop goes down: its listing fails for two cycles.
        shopText = await fs.readFile(shopFile, 'utf8');
        await fs.writeFile(shopFile, '{ "orders": [ broken');
      }
      if (cycle === 3) await fs.writeFile(shopFile, shopText);
      // Another writer (VS Code's pass) holds the state during cycle 5.
      if (cycle === 4) holder = await openStateStore(deployment.dir, { now: clock.now, holder: 'VS Code' });
      if (cycle === 5) await holder!.close();
      if (cycle === 6) running.stop('SIGTERM');
    });
    await service.run();
    file.close();

    const events = lines.filter((l) => l.event).map((l) => `${String(l.event)}${l.result ? `:${String(l.result)}` : ''}`);
    assert.deepEqual(
      events.filter((e) => e.startsWith('pass-') && e !== 'pass-started'),
      ['pass-finished:ok', 'pass-failed', 'pass-failed', 'pass-finished:ok', 'pass-skipped', 'pass-finished:ok'],
    );
    assert.equal(events[0], 'service-started');
    assert.deepEqual(events.slice(-2), ['stopping', 'service-stopped']);

    // Waits: 5 min, then 10 and 20 after the failures, back to 5 after the success and the skip.
    assert.deepEqual(
      statuses.map((s) => [s.state, s.consecutiveFailures, s.backoff]),
      [
        ['sleeping', 0, false],
        ['sleeping', 1, true],
        ['sleeping', 2, true],
        ['sleeping', 0, false],
        ['sleeping', 0, false],
        ['sleeping', 0, false],
      ],
    );
    const spacing = statuses.map((s) => (Date.parse(s.nextPassAt!) - Date.parse(s.updatedAt)) / MINUTE);
    assert.ok(spacing[1]! > 9 && spacing[1]! <= 10 && spacing[2]! > 19 && spacing[2]! <= 20, `backoff waits ${spacing.join(', ')}`);
    assert.ok(statuses.every((s) => s.every === '5m' && s.pid === process.pid));
    const final = await readServiceStatus(deployment.dir);
    assert.equal(final?.state, 'stopped');
    assert.equal(final?.running, false);

    // The history: every pass that ran, recorded as the service's; the failed ones with the shop's reason.
    const store = await openStateStore(deployment.dir, { now: clock.now, readOnly: true });
    try {
      const runs = store.history.recent(20).reverse();
      assert.deepEqual(
        runs.map((r) => [r.trigger, r.result]),
        [
          ['service', 'ok'],
          ['service', 'failed'],
          ['service', 'failed'],
          ['service', 'ok'],
          ['service', 'ok'],
        ],
      );
      assert.match(runs[1]!.error ?? '', /JSON|Unexpected|position/i);
      assert.equal(runs[3]!.imported, 2, 'the orders that arrived during the outage are imported once it is over');
      assert.ok(runs[0]!.emailsSent > 0);
      assert.equal(
        runs.reduce((n, r) => n + r.emailsSent, 0),
        smtp.messages.length,
      );
    } finally {
      await store.close();
    }

    // The log file holds the same lines as stdout; no line holds the SMTP password, in any form.
    const logged = readFileSync(path.join(deployment.dir, '.optima-sync', 'logs', 'optima-sync.log'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(logged.length, lines.length);
    for (const line of logged) JSON.parse(line);
    const everything = logged.join('\n') + JSON.stringify(statuses);
    assert.ok(
      smtp.messages.every((m) => m.user === 'sklep'),
      'the password was used to log in',
    );
    for (const form of [PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), Buffer.from(PASSWORD).toString('base64')]) {
      assert.ok(!everything.includes(form), `the log never shows the password (${form})`);
    }
    assert.ok(
      logged.some((l) => /skipped: The state database is in use/.test(l)),
      'the skip names why',
    );
  });

  it('rotates the log file by size and keeps the newest files', async () => {
    const file = new RotatingLogFile(deployment.dir, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) file.write(JSON.stringify({ i, pad: 'x'.repeat(40) }));
    file.close();
    const folder = path.join(deployment.dir, '.optima-sync', 'logs');
    const names = (await fs.readdir(folder)).sort();
    assert.deepEqual(names, ['optima-sync.log', 'optima-sync.log.1', 'optima-sync.log.2']);
    const read = (name: string) =>
      readFileSync(path.join(folder, name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { i: number }).i);
    for (const name of names) assert.ok(readFileSync(path.join(folder, name)).length <= 200, name);
    const kept = [...read('optima-sync.log.2'), ...read('optima-sync.log.1'), ...read('optima-sync.log')];
    assert.deepEqual(
      kept,
      Array.from({ length: kept.length }, (_, n) => 20 - kept.length + n),
      'the newest lines, in order, the oldest files dropped',
    );
  });
});
