// npm run bench -- sync [orders]: one sync pass end to end (fetch, import into the sandbox ERP, status change,
// e-mail through a real local SMTP server) over the WooCommerce and BaseLinker fakes with 5 ms latency and a
// scaled rate limit. Prints total time, orders/s, the ratio to the rate-limit bound, state journal records and
// checkpoints, peak memory.
import { createTestDeployment, useSmtp } from '../test/support/deployment';
import { startSmtpServer } from '../test/support/smtp';
import { generateOrders } from '../test/fakes/common/orders';
import { PLATFORM_CASES } from '../test/unit/shops/platforms';
import { MemoryLogger } from '../src/core/log';
import type { SecretName, SecretSource } from '../src/core/secrets';
import { openDeployment } from '../src/core/sync/open';
import { runSyncPass } from '../src/core/sync/pass';
import { systemClock } from '../src/core/clock';
import type { SqlStateStore } from '../src/core/state';

const LATENCY_MS = 5;
// The shops' limits (BaseLinker 100/min) scaled to a one-second window, so a pass spans many windows.
const LIMIT = { requests: Number(process.env.OPTIMA_BENCH_LIMIT ?? 20), windowMs: 1000 };

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return {
    get: async (name) => values[name],
    set: async (name, value) => {
      values[name] = value;
    },
  };
}

export interface PassThroughput {
  platform: 'woocommerce' | 'baselinker';
  imported: number;
  requests: number;
  seconds: number;
  /** The time the shop's rate limit needs for those requests, at best. */
  boundSeconds: number;
  /** boundSeconds / seconds: 1 is the limit's own pace (the integrator keeps a 5 % headroom under it). */
  ratio: number;
  violations: number;
  records: number;
  checkpoints: number;
  emailsSent: number;
  peakRssMb: number;
}

/** One pass of `count` new orders over the platform's fake (5 ms latency, LIMIT) into the sandbox ERP, e-mails to a local SMTP server. */
export async function measurePass(platform: PassThroughput['platform'], count: number): Promise<PassThroughput> {
  const platformCase = PLATFORM_CASES.find((c) => c.platform === platform)!;
  const smtp = await startSmtpServer({ tls: 'none' });
  const fake = await platformCase.start({
    orders: generateOrders(count, { status: 'new', firstId: 10_001 }),
    latencyMs: LATENCY_MS,
    requestsPerMinute: LIMIT.requests,
    rateWindowMs: LIMIT.windowMs,
  });
  const deployment = await createTestDeployment((s) => {
    useSmtp(smtp.port, true)(s);
    s.shop = { platform, url: fake.url, importStatuses: [platformCase.statusId('new')], ...platformCase.shop };
    s.afterImport.setStatus.status = platformCase.statusId('processing');
    for (const action of Object.values(s.afterRealization) as Array<{ enabled: boolean }>) action.enabled = false;
    s.erp.realizeOnStatuses = [];
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const opened = await openDeployment(deployment.dir, {
      secrets: memorySecrets(platformCase.secrets()),
      logger: new MemoryLogger(),
      shopRateLimit: LIMIT,
      now: systemClock,
    });
    const started = performance.now();
    const summary = await runSyncPass(opened.deps, {});
    const seconds = (performance.now() - started) / 1000;
    const stats = (opened.store as SqlStateStore).persistenceStats!;
    await opened.close();
    const requests = fake.state.requestLog.length;
    const boundSeconds = (requests * LIMIT.windowMs) / 1000 / LIMIT.requests;
    return {
      platform,
      imported: summary.imported,
      requests,
      seconds,
      boundSeconds,
      ratio: boundSeconds / seconds,
      violations: fake.state.violations,
      records: stats.records,
      checkpoints: stats.checkpoints,
      emailsSent: summary.emailsSent,
      peakRssMb: peak / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    await fake.close();
    await smtp.close();
    await deployment.cleanup();
  }
}

/** How the bench scales the shops' limits, for the tables' notes. */
export const SCALED_LIMIT = LIMIT;

export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 1000);
  const rows: string[][] = [
    [
      'platform',
      'orders',
      'requests',
      'time s',
      'orders/s',
      'bound s',
      'ratio to bound',
      'limit violations',
      'journal records + checkpoints',
      'e-mails',
      'peak RSS MB',
    ],
  ];
  for (const platform of ['woocommerce', 'baselinker'] as const) {
    const pass = await measurePass(platform, count);
    rows.push([
      platform,
      String(pass.imported),
      String(pass.requests),
      pass.seconds.toFixed(1),
      (pass.imported / pass.seconds).toFixed(1),
      pass.boundSeconds.toFixed(1),
      pass.ratio.toFixed(2),
      String(pass.violations),
      `${pass.records} + ${pass.checkpoints}`,
      String(pass.emailsSent),
      pass.peakRssMb.toFixed(0),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `sync pass bench: ${count} orders, ${LATENCY_MS} ms latency, limit ${LIMIT.requests} requests per ${LIMIT.windowMs} ms window (the integrator keeps a 5% headroom under it); bound = requests / limit rate`,
  );
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
}
