// Crash injection: sync passes in child processes killed (SIGKILL) at a file-system step drawn from a seed,
// sometimes in the middle of a write. Wherever the kill lands,
// no customer receives the same e-mail twice, every action ends done, failed or uncertain, and a later pass
// completes the rest.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ACTION_PHASE } from '../../../src/core/model/actions';
import { DEFAULT_CONCURRENCY } from '../../../src/core/sync/execute';
import { listDemoOrders, setDemoOrderStatus } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import {
  addDemoOrders,
  createTestDeployment,
  runPass,
  seedShop,
  type TestDeployment,
  useSmtp,
  withoutKsef,
} from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { crashKills, crashSeed, seededRandom } from '../../support/crash-counts';
import { formatKillPoint, type KillPoint } from '../../support/kill-switch';
import { TEST_NOW, testClock } from '../../support/clock';

const KILLS = crashKills(12, 100);
const SEED = crashSeed(20261128);
/**
 * Kill points: file-system step 1…MAX_STEP of a pass, log-uniform, so that early steps (the import) and the
 * late ones of a long pass (the reverse update) are both hit; a whole pass here takes 50-250 steps.
 */
const MAX_STEP = 400;
const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'out', 'test', 'sync-child.js');

interface ChildOutcome {
  killed: boolean;
  code: number | null;
  steps?: number;
}

function runChild(dir: string, killAt: KillPoint | undefined): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, OPTIMA_KILL_AT: killAt ? formatKillPoint(killAt) : '' };
    const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    // A pass that hangs is a failure of its own, not a kill: it gets two minutes.
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const steps = out.trim() ? (JSON.parse(out.trim().split('\n').pop()!) as { steps: number }).steps : undefined;
      resolve({ killed: signal === 'SIGKILL', code, steps });
    });
  });
}

describe('sync pass: crash injection', function () {
  this.timeout(600_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;

  before(async () => {
    // Bundled once: a child starts in a fraction of a second, so 100 kills fit in the suite's time.
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'test/support/sync-child.ts')],
      outfile: CHILD,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      withoutKsef(s);
      s.email.bulkLimit = 10_000;
    });
    await seedShop(deployment.dir, 10);
  });
  after(async () => {
    await smtp?.close();
    await deployment?.cleanup();
  });

  it(`${KILLS} kills at seeded file-system steps: no e-mail twice, every action settled or uncertain, a later pass completes the rest`, async () => {
    const next = seededRandom(SEED);
    const first = await runChild(deployment.dir, undefined);
    assert.equal(first.code, 0, 'the first pass (importing the seeded shop) runs to its end');

    let killed = 0;
    const finishedSteps: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Keep work flowing: new orders arrive, waiting orders get paid (realized by the next pass).
      await addDemoOrders(deployment.dir, 1 + Math.floor(next() * 3), next() < 0.3 ? 'paid' : 'new');
      const waiting = (await listDemoOrders(deployment.dir, TEST_NOW)).filter((o) => o.status === 'processing');
      for (const order of waiting.slice(0, Math.floor(next() * 3))) await setDemoOrderStatus(deployment.dir, order.id, 'paid', TEST_NOW);
      // Half of the kills tear the write they land on (part of its bytes reach the file).
      const killAt: KillPoint = { step: Math.ceil(MAX_STEP ** next()), fraction: next() < 0.5 ? 0 : next() };
      const outcome = await runChild(deployment.dir, killAt);
      assert.ok(
        outcome.killed || outcome.code === 0,
        `seed ${SEED}, kill ${i} at step ${formatKillPoint(killAt)}: the pass failed with exit code ${outcome.code}`,
      );
      if (outcome.killed) killed++;
      else finishedSteps.push(outcome.steps ?? 0);
    }
    // Then passes that are left to finish.
    await runPass(deployment.dir, { allowBulk: true });
    const last = await runPass(deployment.dir, { allowBulk: true });
    console.log(
      `      crash injection (seed ${SEED}): ${killed}/${KILLS} passes killed mid-way, the others took ${finishedSteps.join(', ') || '-'} steps; ${smtp.messages.length} e-mails received, ${last.uncertain.length} uncertain actions left`,
    );
    assert.ok(killed >= KILLS * 0.4, `most passes were actually killed (${killed} of ${KILLS})`);

    // No customer ever receives the same e-mail twice.
    const received = new Map<string, number>();
    for (const message of smtp.messages) {
      const key = `${message.envelope.to.join(',')}|${message.parsed.subject}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
    const twice = [...received].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'an e-mail reached a customer twice');

    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    try {
      const orders = store.listOrders();
      assert.ok(orders.length > KILLS, `orders flowed in (${orders.length})`);
      // Every server answered: an action is done, or left pending by a pass that was killed while it was under
      // way (uncertain), never failed; and at most the actions in flight of each killed pass are left so.
      const actions = store.listActions();
      for (const action of actions)
        assert.ok(action.state === 'done' || action.state === 'pending', `${action.shopOrderId} ${action.kind} is ${action.state}`);
      const unfinishedRuns = new Set(
        (store.database.exec('SELECT id FROM runs WHERE finished_at IS NULL')[0]?.values ?? []).map((row) => Number(row[0])),
      );
      const pending = actions.filter((a) => a.state === 'pending');
      for (const action of pending)
        assert.ok(
          action.runId !== undefined && unfinishedRuns.has(action.runId),
          `${action.shopOrderId} ${action.kind} is pending, but its pass (${action.runId}) was not killed`,
        );
      assert.ok(pending.length <= killed * DEFAULT_CONCURRENCY, `${pending.length} uncertain actions from ${killed} killed passes`);
      for (const action of actions) {
        if (!action.kind.startsWith('email')) continue;
        const order = orders.find((o) => o.shopOrderId === action.shopOrderId)!;
        const count = smtp.messages.filter(
          (m) =>
            m.envelope.to.includes(order.customerEmail) &&
            (m.parsed.subject ?? '').includes(order.number) &&
            (ACTION_PHASE[action.kind] === 'import') === (m.parsed.subject ?? '').startsWith('Przyjęliśmy'),
        ).length;
        if (action.state === 'done') assert.equal(count, 1, `${order.number} ${action.kind} done: exactly one e-mail`);
        else assert.ok(count <= 1, `${order.number} ${action.kind} ${action.state}: at most one e-mail`);
      }
      // A later pass completed the rest: every imported order has its import actions, every realized one its
      // realization actions, recorded (done, or uncertain where a kill hit the moment of sending).
      for (const order of orders) {
        const kinds = new Set(actions.filter((a) => a.shopOrderId === order.shopOrderId).map((a) => a.kind));
        if (!order.erpDocument) continue;
        for (const kind of ['status-after-import', 'email-after-import'] as const)
          assert.ok(kinds.has(kind), `${order.number} lacks ${kind}`);
        if (order.salesDocument)
          for (const kind of ['status-after-realization', 'email-after-realization', 'pdf-to-shop'] as const)
            assert.ok(kinds.has(kind), `${order.number} lacks ${kind}`);
      }
      const done = actions.filter((a) => a.state === 'done').length;
      const uncertain = actions.filter((a) => a.state === 'pending').length;
      console.log(
        `      ${orders.length} orders, ${actions.length} actions: ${done} done, ${uncertain} uncertain, ${actions.length - done - uncertain} failed`,
      );
    } finally {
      await store.close();
    }
    // The state file itself always loaded: every child opened it after the previous one was killed.
    await fs.access(path.join(deployment.dir, '.optima-sync', 'state.sqlite'));
  });
});
