// The service never dies of a cycle's fault: invalid settings for two cycles (recorded, alerted once through the
// last valid settings, cleared when fixed), a log that cannot be written, and a stop signal while the shop makes
// it wait (a 429 with a ten-minute Retry-After) that ends the service at once, not after the wait.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { settingsPath } from '../../../src/core/deployment/files';
import { environmentSecrets } from '../../../src/core/secrets';
import { JsonLinesLog } from '../../../src/core/service/log-file';
import { realTimer, type SchedulerTimer } from '../../../src/core/service/scheduler';
import { OptimaService } from '../../../src/core/service/service';
import { openStateStore } from '../../../src/core/state/index';
import { generateOrders } from '../../fakes/common/orders';
import { TestClock } from '../../support/clock';
import { createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { PLATFORM_CASES } from '../shops/platforms';

const MINUTE = 60_000;
const CONSULTANT = 'konsultant@example.pl';

function service(
  dir: string,
  clock: TestClock,
  sinks: Array<(line: string) => void>,
  timer: SchedulerTimer,
  env: NodeJS.ProcessEnv = {},
): OptimaService {
  return new OptimaService({
    dir,
    intervalMs: 5 * MINUTE,
    every: '5m',
    secrets: environmentSecrets(env),
    log: new JsonLinesLog(sinks, clock.now, (text) => text),
    now: clock.now,
    mailTimeoutsMs: { connection: 3000, greeting: 3000, socket: 5000 },
    timer,
  });
}

/** A timer that moves the test clock and lets the test act between cycles. */
function steppingTimer(clock: TestClock, between: (cycle: number) => Promise<void>): SchedulerTimer {
  let cycle = 0;
  return {
    async sleep(ms) {
      clock.advance(ms);
      await between(++cycle);
    },
  };
}

describe("service: a cycle's fault never ends it", function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
      s.alerts = { enabled: true, recipients: [CONSULTANT], noSuccessHours: 0 };
    });
    await seedShop(deployment.dir);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  it('invalid settings for two cycles: recorded, alerted once through the last valid settings, cleared once fixed', async () => {
    const clock = new TestClock();
    const lines: Array<Record<string, unknown>> = [];
    const file = settingsPath(deployment.dir);
    const valid = await fs.readFile(file, 'utf8');
    const timer = steppingTimer(clock, async (cycle) => {
      if (cycle === 1) await fs.writeFile(file, valid.replace('"importMode": "RO"', '"importMode": "XX"'));
      if (cycle === 3) await fs.writeFile(file, valid);
      if (cycle === 4) running.stop('SIGTERM');
    });
    const running = service(deployment.dir, clock, [(line) => lines.push(JSON.parse(line) as Record<string, unknown>)], timer);
    await running.run();

    const passes = lines.map((l) => String(l.event ?? '')).filter((e) => e.startsWith('pass-') && e !== 'pass-started');
    assert.deepEqual(passes, ['pass-finished', 'pass-failed', 'pass-failed', 'pass-finished']);
    const store = await openStateStore(deployment.dir, { now: clock.now, readOnly: true });
    const runs = store.history.recent(10).reverse();
    await store.close();
    assert.deepEqual(
      runs.map((r) => [r.trigger, r.result]),
      [
        ['service', 'ok'],
        ['service', 'failed'],
        ['service', 'failed'],
        ['service', 'ok'],
      ],
    );
    assert.match(runs[1]!.error ?? '', /importMode/);
    const alerts = smtp.messages.filter((m) => m.envelope.to.includes(CONSULTANT)).map((m) => m.parsed.subject ?? '');
    assert.equal(
      alerts.filter((s) => /the sync pass failed/.test(s) && !/resolved/.test(s)).length,
      1,
      `one alert for the streak: ${alerts.join(' | ')}`,
    );
    assert.equal(alerts.filter((s) => /resolved: the sync pass failed/.test(s)).length, 1, 'and one note when it cleared');
  });

  it('a log that cannot be written (a full disk) is said once on the other output, and every cycle still runs', async () => {
    const clock = new TestClock();
    const stdout: Array<Record<string, unknown>> = [];
    let written = 0;
    const fullDisk = () => {
      if (++written > 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const timer = steppingTimer(clock, async (cycle) => {
      if (cycle === 3) running.stop('SIGTERM');
    });
    const running = service(deployment.dir, clock, [(line) => stdout.push(JSON.parse(line) as Record<string, unknown>), fullDisk], timer);
    await running.run();
    assert.equal(stdout.filter((l) => l.event === 'log-write-failed').length, 1);
    assert.equal(stdout.filter((l) => l.event === 'pass-finished').length, 3);
    assert.equal(stdout.at(-1)?.event, 'service-stopped');
  });
});

describe('service: a stop while the shop makes it wait', function () {
  this.timeout(20_000);
  it('SIGTERM during a 429 back-off of ten minutes ends the service at once; the pass is recorded cancelled, no alert', async () => {
    const woo = PLATFORM_CASES.find((c) => c.platform === 'woocommerce')!;
    const fake = await woo.start({ orders: generateOrders(2, { status: 'new', firstId: 801 }) });
    const smtp = await startSmtpServer({ tls: 'none' });
    const deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.shop = { platform: 'woocommerce', name: 'Sklep', url: fake.url, importStatuses: [woo.statusId('new')], ...woo.shop };
      s.alerts = { enabled: true, recipients: [CONSULTANT], noSuccessHours: 0 };
    });
    try {
      for (let i = 0; i < 20; i++) fake.inject({ kind: 'rateLimit', retryAfterSeconds: 600 });
      const env = { OPTIMA_SYNC_SHOP_KEY: String(woo.secrets().shopKey), OPTIMA_SYNC_SHOP_SECRET: String(woo.secrets().shopSecret) };
      const lines: Array<Record<string, unknown>> = [];
      const running = service(
        deployment.dir,
        new TestClock(),
        [(line) => lines.push(JSON.parse(line) as Record<string, unknown>)],
        realTimer,
        env,
      );
      const finished = running.run();
      while (!lines.some((l) => String(l.msg ?? '').includes('asked to slow down')))
        await new Promise((resolve) => setTimeout(resolve, 20));
      running.stop('SIGTERM');
      // Without the stop reaching the wait, this would take the ten minutes (the test's timeout is 20 s).
      await finished;
      assert.equal(lines.at(-1)?.event, 'service-stopped');
      const store = await openStateStore(deployment.dir, { now: new TestClock().now, readOnly: true });
      const runs = store.history.recent(5);
      await store.close();
      assert.deepEqual(
        runs.map((r) => r.result),
        ['cancelled'],
      );
      assert.equal(smtp.messages.length, 0, 'a stop is no failure: no alert');
    } finally {
      await fake.close();
      await smtp.close();
      await deployment.cleanup();
    }
  });
});
