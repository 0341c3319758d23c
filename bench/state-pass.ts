// The pass of `npm run bench -- state`: 1,000 new orders from the WooCommerce fake (5 ms latency, 20 requests/s)
// over a deployment whose state holds the seeded history; e-mails through a real local SMTP server (test mode).
import { cpSync } from 'node:fs';
import { systemClock } from '../src/core/clock';
import { MemoryLogger } from '../src/core/log';
import type { SecretName, SecretSource } from '../src/core/secrets';
import { statePaths, type SqlStateStore } from '../src/core/state';
import { openDeployment } from '../src/core/sync/open';
import { runSyncPass } from '../src/core/sync/pass';
import { generateOrders } from '../test/fakes/common/orders';
import { createTestDeployment, useSmtp } from '../test/support/deployment';
import { startSmtpServer } from '../test/support/smtp';
import { PLATFORM_CASES } from '../test/unit/shops/platforms';

const LIMIT = { requests: 20, windowMs: 1000 };

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return { get: async (name) => values[name], set: async (name, value) => { values[name] = value; } };
}

/** What the parent process serves for the pass (the shop fake and the SMTP server run there, outside the measured child). */
export interface PassServers {
  shopUrl: string;
  shop: Record<string, unknown>;
  statusNew: string;
  statusProcessing: string;
  secrets: Partial<Record<SecretName, string>>;
  smtpPort: number;
}

export async function startPassServers(): Promise<{ servers: PassServers; close(): Promise<void> }> {
  const platformCase = PLATFORM_CASES.find((c) => c.platform === 'woocommerce')!;
  const smtp = await startSmtpServer({ tls: 'none' });
  const fake = await platformCase.start({ orders: generateOrders(1000, { status: 'new', firstId: 10_001 }), latencyMs: 5, requestsPerMinute: LIMIT.requests, rateWindowMs: LIMIT.windowMs });
  return {
    servers: { shopUrl: fake.url, shop: { ...platformCase.shop }, statusNew: platformCase.statusId('new'), statusProcessing: platformCase.statusId('processing'), secrets: platformCase.secrets(), smtpPort: smtp.port },
    async close() {
      await fake.close();
      await smtp.close();
    },
  };
}

export async function runStatePass(stateDir: string, servers: PassServers): Promise<Record<string, number>> {
  const deployment = await createTestDeployment((s) => {
    useSmtp(servers.smtpPort, true)(s);
    s.shop = { platform: 'woocommerce', url: servers.shopUrl, importStatuses: [servers.statusNew], ...servers.shop };
    s.afterImport.setStatus.status = servers.statusProcessing;
    for (const action of Object.values(s.afterRealization) as Array<{ enabled: boolean }>) action.enabled = false;
    s.erp.realizeOnStatuses = [];
    s.email.bulkLimit = 100_000;
  });
  try {
    cpSync(statePaths(stateDir).folder, statePaths(deployment.dir).folder, { recursive: true });
    const opened = await openDeployment(deployment.dir, { secrets: memorySecrets({ ...servers.secrets }), logger: new MemoryLogger(), shopRateLimit: LIMIT, now: systemClock });
    let fetchedAt = 0;
    let plannedAt = 0;
    const started = performance.now();
    const summary = await runSyncPass(opened.deps, {
      onEvent: (event) => {
        if (event.type === 'fetched') fetchedAt = performance.now();
        if (event.type === 'planned') plannedAt = performance.now();
      },
    });
    const passMs = performance.now() - started;
    const stats = (opened.store as SqlStateStore).persistenceStats!;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    // Persisting holds the pass up by its main-thread work and by the checkpoints (awaited at the end); while a
    // journal record is being synced the other orders of the pass go on (recordIoMs is reported apart).
    const persistMs = sum(stats.recordCpuMs) + stats.checkpointMs;
    const ioSorted = [...stats.recordIoMs].sort((a, b) => a - b);
    await opened.close();
    if (summary.imported !== 1000) throw new Error(`the pass imported ${summary.imported} orders, not 1000: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    return { passMs, persistMs, records: stats.records, checkpoints: stats.checkpoints, planMs: plannedAt - fetchedAt, recordIoP50: ioSorted[Math.floor(ioSorted.length / 2)] ?? 0, recordBytes: stats.recordBytes };
  } finally {
    await deployment.cleanup();
  }
}
