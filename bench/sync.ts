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
  return { get: async (name) => values[name], set: async (name, value) => { values[name] = value; } };
}

export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 1000);
  const rows: string[][] = [['platform', 'orders', 'requests', 'time s', 'orders/s', 'bound s', 'ratio to bound', 'limit violations', 'journal records + checkpoints', 'e-mails', 'peak RSS MB']];
  for (const platform of ['woocommerce', 'baselinker'] as const) {
    const platformCase = PLATFORM_CASES.find((c) => c.platform === platform)!;
    const smtp = await startSmtpServer({ tls: 'none' });
    const fake = await platformCase.start({ orders: generateOrders(count, { status: 'new', firstId: 10_001 }), latencyMs: LATENCY_MS, requestsPerMinute: LIMIT.requests, rateWindowMs: LIMIT.windowMs });
    const deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, true)(s);
      s.shop = { platform, url: fake.url, importStatuses: [platformCase.statusId('new')], ...platformCase.shop };
      s.afterImport.setStatus.status = platformCase.statusId('processing');
      for (const action of Object.values(s.afterRealization) as Array<{ enabled: boolean }>) action.enabled = false;
      s.erp.realizeOnStatuses = [];
    });
    let peak = 0;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const opened = await openDeployment(deployment.dir, { secrets: memorySecrets(platformCase.secrets()), logger: new MemoryLogger(), shopRateLimit: LIMIT, now: systemClock });
    const started = performance.now();
    const summary = await runSyncPass(opened.deps, {});
    const seconds = (performance.now() - started) / 1000;
    const stats = (opened.store as SqlStateStore).persistenceStats!;
    const saves = `${stats.records} + ${stats.checkpoints}`;
    await opened.close();
    clearInterval(sampler);
    const requests = fake.state.requestLog.length;
    const bound = (requests * LIMIT.windowMs) / 1000 / LIMIT.requests;
    rows.push([platform, String(summary.imported), String(requests), seconds.toFixed(1), (summary.imported / seconds).toFixed(1), bound.toFixed(1), (bound / seconds).toFixed(2), String(fake.state.violations), saves, String(summary.emailsSent), (peak / 2 ** 20).toFixed(0)]);
    await fake.close();
    await smtp.close();
    await deployment.cleanup();
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`sync pass bench: ${count} orders, ${LATENCY_MS} ms latency, limit ${LIMIT.requests} requests per ${LIMIT.windowMs} ms window (the integrator keeps a 5% headroom under it); bound = requests / limit rate`);
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
}
