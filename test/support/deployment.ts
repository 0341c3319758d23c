// A real deployment folder in a temp directory: the default settings (as init writes them) with the test's
// changes, the demo shop seeded, and helpers to run passes the way the CLI does.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDefaultDeployment, settingsPath } from '../../src/core/deployment/files';
import { MemoryLogger } from '../../src/core/log';
import type { ShopOrder } from '../../src/core/model/order';
import { environmentSecrets } from '../../src/core/secrets';
import { demoShopFile, loadDemoShop, seedDemoShop } from '../../src/core/shops/demo/index';
import { openDeployment } from '../../src/core/sync/open';
import { runSyncPass } from '../../src/core/sync/pass';
import type { SyncOptions, SyncSummary } from '../../src/core/sync/types';
import { TEST_NOW, testClock } from './clock';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TestDeployment {
  dir: string;
  editSettings(edit: (settings: Json) => void): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createTestDeployment(edit?: (settings: Json) => void): Promise<TestDeployment> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-deployment-'));
  await createDefaultDeployment(dir);
  const deployment: TestDeployment = {
    dir,
    async editSettings(change) {
      const file = settingsPath(dir);
      const settings = JSON.parse(await fs.readFile(file, 'utf8')) as Json;
      change(settings);
      await fs.writeFile(file, JSON.stringify(settings, null, 2) + '\n');
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
  if (edit) await deployment.editSettings(edit);
  return deployment;
}

/** Points the deployment's SMTP at a loopback server, without TLS or login. */
export function useSmtp(port: number, testMode: boolean) {
  return (settings: Json) => {
    // The local test server takes any rate: the product's default of 5 per second would only slow the tests.
    settings.email.smtp = { host: '127.0.0.1', port, login: '', tls: false, ignoreCertificateErrors: false, messagesPerSecond: 100 };
    settings.email.testMode.enabled = testMode;
  };
}

/** A deployment whose e-mail goes to the loopback SMTP server at `port` (no bulk guard in the way), its demo shop seeded. */
export async function createMailingDeployment(port: number): Promise<TestDeployment> {
  const deployment = await createTestDeployment((s) => {
    useSmtp(port, false)(s);
    s.email.bulkLimit = 100;
    withoutKsef(s);
  });
  await seedShop(deployment.dir);
  return deployment;
}

/** KSeF off, for tests of other things whose FSs go out as soon as they are issued (the hold: ksef-hold.test.ts). */
export function withoutKsef(settings: Json): void {
  settings.erp.ksef = { enabled: false };
}

/** Seeds the demo shop, then adds `extra` more new orders (copies of the samples with their own ids). */
export async function seedShop(dir: string, extra = 0): Promise<ShopOrder[]> {
  await seedDemoShop(dir, { now: TEST_NOW });
  if (extra > 0) await addDemoOrders(dir, extra, 'new');
  return (await loadDemoShop(dir, TEST_NOW)).orders;
}

/** Adds new orders to the demo shop, as customers placing them now would. */
export async function addDemoOrders(dir: string, count: number, status: string): Promise<ShopOrder[]> {
  const shop = await loadDemoShop(dir, TEST_NOW);
  const template = shop.orders;
  let nextId = Math.max(...shop.orders.map((o) => Number(o.id))) + 1;
  const latest = Math.max(...shop.orders.map((o) => Date.parse(o.updatedAt)), TEST_NOW.getTime());
  const added: ShopOrder[] = [];
  for (let i = 0; i < count; i++) {
    const source = template[i % template.length]!;
    const id = String(nextId++);
    const at = new Date(latest + 1000 * (i + 1)).toISOString();
    const [local, domain] = source.buyer.email.split('@');
    added.push({
      ...structuredClone(source),
      id,
      number: `DEMO/${id}`,
      status,
      createdAt: at,
      updatedAt: at,
      buyer: { ...source.buyer, email: `${local}+${id}@${domain}` },
    });
  }
  shop.orders.push(...added);
  // Atomically, as the demo shop itself writes: a pass in another process never reads half a file.
  const temp = `${demoShopFile(dir)}.test-${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(shop, null, 2) + '\n');
  await fs.rename(temp, demoShopFile(dir));
  return added;
}

/** One pass as the CLI runs it; `now` moves the pass to another day (retention, retries). */
export async function runPass(
  dir: string,
  options: SyncOptions = {},
  env: NodeJS.ProcessEnv = {},
  now: () => Date = testClock,
): Promise<SyncSummary & { log: string }> {
  const logger = new MemoryLogger();
  const opened = await openDeployment(dir, {
    secrets: environmentSecrets(env),
    logger,
    now,
    mailTimeoutsMs: { connection: 3000, greeting: 3000, socket: 5000 },
  });
  try {
    const summary = await runSyncPass(opened.deps, options);
    return { ...summary, log: logger.text() };
  } finally {
    await opened.close();
  }
}

export function doneCount(summary: SyncSummary): number {
  return Object.values(summary.actions).reduce((n, c) => n + c.done, 0);
}
