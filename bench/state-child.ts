// The child processes of `npm run bench -- state` (bundled and run with plain Node, as the extension and the
// CLI run, so that each one's peak RSS is the product's): `seed` lays down a year of history through the store
// as a year of passes would (archiving each week), `state` measures open, persist and reset, `pass` runs a sync
// pass of 1,000 new orders over that history against the servers its parent runs (bench/state-servers.ts),
// `orders-view` and `activity-view` read what those views show, `upgrade` upgrades a v6 file with history.
// Usage: node <bundle> MODE DIR ORDERS
import { cpSync, statSync } from 'node:fs';
import { systemClock } from '../src/core/clock';
import { readActivity } from '../src/core/history/activity';
import { MemoryLogger } from '../src/core/log';
import { ACTION_KINDS, type ActionKind } from '../src/core/model/actions';
import type { SecretName, SecretSource } from '../src/core/secrets';
import { activeRunIdFor, openStateStore, statePaths, type SqlStateStore } from '../src/core/state';
import { DAY_MS } from '../src/core/state/schema';
import { openDeployment } from '../src/core/sync/open';
import { runSyncPass } from '../src/core/sync/pass';
import { createTestDeployment, useSmtp } from '../test/support/deployment';
import { seedOrders, settleInErp } from '../test/support/seed-state';
import { PASS_RATE_LIMIT, type PassServers } from './state-servers';

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return {
    get: async (name) => values[name],
    set: async (name, value) => {
      values[name] = value;
    },
  };
}

const KINDS_DONE = new Set(['status-after-import', 'email-after-import']);

async function seed(dir: string, orders: number): Promise<{ seedMs: number }> {
  const started = performance.now();
  const store = await openStateStore(dir, { now: systemClock, saveDelayMs: 60_000 });
  // A year of history, laid down a week at a time as a year of passes leaves it: every order imported and
  // realized; 60 % with all five actions done, the rest with the import actions done and the realization ones
  // never enabled; 1 % with an e-mail failed for good; after each week, the settled orders older than
  // ORDER_DETAILS_DAYS move to the archive (the pass below enables the import actions only).
  const weeks = 52;
  const spacingMs = Math.floor((365 * DAY_MS) / orders);
  const firstMs = Date.now() - 366 * DAY_MS;
  for (let week = 0; week < weeks; week++) {
    const from = Math.floor((orders * week) / weeks);
    const to = Math.floor((orders * (week + 1)) / weeks);
    await seedOrders(store, to - from, {
      platform: 'woocommerce',
      startIndex: from,
      firstFetchedAt: new Date(firstMs + from * spacingMs),
      spacingMs,
      actionState: (i, kind) => {
        if (i % 100 === 7 && kind === 'email-after-import') return 'failed';
        if (i % 10 < 6 || KINDS_DONE.has(kind)) return 'done';
        return undefined;
      },
    });
    store.database.exec("UPDATE actions SET attempts = 5 WHERE state = 'failed'");
    await settleInErp(store);
    await store.archiveSettled(new Date(firstMs + to * spacingMs), [...KINDS_DONE] as ActionKind[]);
  }
  await store.close();
  return { seedMs: performance.now() - started };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function measureState(dir: string): Promise<Record<string, number>> {
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const store = await openStateStore(dir, { now: systemClock });
    opens.push(performance.now() - started);
    await store.close();
  }
  const store = await openStateStore(dir, { now: systemClock });
  const persist: number[] = [];
  const ids = store.listOrders({ limit: 200 }).map((order) => order.shopOrderId);
  for (const id of ids) {
    let started = performance.now();
    await store.markPending('woocommerce', id, 'pdf-to-shop');
    persist.push(performance.now() - started);
    started = performance.now();
    await store.markDone('woocommerce', id, 'pdf-to-shop', 'uploaded FS/1/2025.pdf');
    persist.push(performance.now() - started);
  }
  const request = {
    actions: [...ACTION_KINDS],
    until: new Date().toISOString().slice(0, 10),
    timezone: 'Europe/Warsaw',
    dryRun: false,
    user: 'bench',
  };
  let started = performance.now();
  const first = await store.reset(request);
  const resetMs = performance.now() - started;
  started = performance.now();
  await store.reset(request);
  const repeatResetMs = performance.now() - started;
  started = performance.now();
  await store.close();
  const closeMs = performance.now() - started;
  return {
    openMs: percentile(opens, 50),
    persistP50: percentile(persist, 50),
    persistP95: percentile(persist, 95),
    resetMs,
    repeatResetMs,
    closeMs,
    resetActions: Object.values(first.counts).reduce((a, b) => a + b, 0),
    fileBytes: statSync(statePaths(dir).file).size,
  };
}

async function runStatePass(stateDir: string, servers: PassServers): Promise<Record<string, number>> {
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
    const opened = await openDeployment(deployment.dir, {
      secrets: memorySecrets({ ...servers.secrets }),
      logger: new MemoryLogger(),
      shopRateLimit: PASS_RATE_LIMIT,
      now: systemClock,
    });
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
    if (summary.imported !== 1000)
      throw new Error(`the pass imported ${summary.imported} orders, not 1000: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const paths = statePaths(deployment.dir);
    return {
      passMs,
      persistMs,
      records: stats.records,
      checkpoints: stats.checkpoints,
      planMs: plannedAt - fetchedAt,
      recordIoP50: ioSorted[Math.floor(ioSorted.length / 2)] ?? 0,
      recordBytes: stats.recordBytes,
      liveAfterPassBytes: statSync(paths.file).size,
      sandboxBytes: statSync(`${paths.folder}/sandbox.sqlite`).size,
    };
  } finally {
    await deployment.cleanup();
  }
}

/** What the Orders view reads on a refresh (a page of the newest orders), and its search for an archived order. */
async function ordersView(dir: string, archivedNumber: string): Promise<Record<string, number>> {
  let started = performance.now();
  const store = await openStateStore(dir, { readOnly: true, now: systemClock });
  try {
    await activeRunIdFor(dir, store);
    const page = store.listOrdersWithActions({ limit: 200 });
    if (page.length === 0 || store.countOrders() === 0) throw new Error('the Orders view read no page');
    const ordersViewMs = performance.now() - started;
    started = performance.now();
    const found = await store.lookupOrders({ idOrNumber: archivedNumber });
    if (found.length !== 1 || !found[0]!.archived) throw new Error(`the search for ${archivedNumber} found ${found.length}`);
    return { ordersViewMs, searchMs: performance.now() - started };
  } finally {
    await store.close();
  }
}

async function activityView(dir: string): Promise<Record<string, number>> {
  const started = performance.now();
  const activity = await readActivity(dir, { now: new Date() });
  if (!activity.hasState) throw new Error('the Activity view read no state');
  return { activityViewMs: performance.now() - started, attentionFailed: activity.attention.failed };
}

async function upgrade(dir: string): Promise<Record<string, number>> {
  const started = performance.now();
  const store = await openStateStore(dir, { now: systemClock });
  const upgradeMs = performance.now() - started;
  await store.close();
  return { upgradeMs, upgradedBytes: statSync(statePaths(dir).file).size };
}

const [mode, dir, extra] = process.argv.slice(2);
const rss = () => process.resourceUsage().maxRSS / 1024;
const modes: Record<string, () => Promise<Record<string, number>>> = {
  seed: () => seed(dir!, Number(extra)),
  state: async () => ({ ...(await measureState(dir!)), stateRssMb: rss() }),
  pass: async () => ({ ...(await runStatePass(dir!, JSON.parse(process.env.OPTIMA_BENCH_SERVERS!) as PassServers)), passRssMb: rss() }),
  'orders-view': async () => ({ ...(await ordersView(dir!, extra!)), ordersViewRssMb: rss() }),
  'activity-view': async () => ({ ...(await activityView(dir!)), activityViewRssMb: rss() }),
  upgrade: async () => ({ ...(await upgrade(dir!)), upgradeRssMb: rss() }),
};
modes[mode!]!().then(
  (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
