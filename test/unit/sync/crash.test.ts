// Crash injection: sync passes in child processes killed (SIGKILL) at random moments. Whatever the moment,
// no customer receives the same e-mail twice, every action ends done, failed or uncertain, and a later pass
// completes the rest.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ACTION_PHASE } from '../../../src/core/model/actions';
import { listDemoOrders, setDemoOrderStatus } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { addDemoOrders, createTestDeployment, runPass, seedShop, TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, TestSmtpServer } from '../../support/smtp';

const KILLS = Number(process.env.OPTIMA_CRASH_KILLS ?? 100);
const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'out', 'test', 'sync-child.js');

/** A deterministic pseudo-random sequence, so a failing run can be repeated with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function runChild(dir: string, killAfterMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, dir], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe('sync pass: crash injection', function () {
  this.timeout(600_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;

  before(async () => {
    // Bundled once: a child starts in a fraction of a second, so 100 kills fit in the suite's time.
    await esbuild.build({ entryPoints: [path.join(ROOT, 'test/support/sync-child.ts')], outfile: CHILD, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'error' });
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 10_000;
    });
    await seedShop(deployment.dir, 10);
  });
  after(async () => {
    await smtp?.close();
    await deployment?.cleanup();
  });

  it(`${KILLS} kills at random moments: no e-mail twice, every action settled or uncertain, a later pass completes the rest`, async () => {
    const next = random(Number(process.env.OPTIMA_CRASH_SEED ?? 20261128));
    // The first pass imports the seeded shop; then the kill moment is drawn within the length of the last
    // pass that ran to its end here (machines differ, and so do passes).
    await runChild(deployment.dir, 120_000);
    let passMs = 1000;

    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Keep work flowing: new orders arrive, waiting orders get paid (realized by the next pass).
      await addDemoOrders(deployment.dir, 1 + Math.floor(next() * 3), next() < 0.3 ? 'paid' : 'new');
      const waiting = (await listDemoOrders(deployment.dir)).filter((o) => o.status === 'processing');
      for (const order of waiting.slice(0, Math.floor(next() * 3))) await setDemoOrderStatus(deployment.dir, order.id, 'paid');
      const started = Date.now();
      const outcome = await runChild(deployment.dir, Math.floor(next() * passMs));
      // Killed: the window grows until a pass gets through; finished: it becomes that pass's length.
      if (outcome.killed) {
        killed++;
        passMs *= 1.15;
      } else {
        passMs = Math.max(200, Date.now() - started);
      }
    }
    // Then passes that are left to finish.
    await runPass(deployment.dir, { allowBulk: true });
    const last = await runPass(deployment.dir, { allowBulk: true });
    console.log(`      crash injection: ${killed}/${KILLS} passes killed mid-way (last window ${Math.round(passMs)} ms), ${smtp.messages.length} e-mails received, ${last.uncertain.length} uncertain actions left`);
    assert.ok(killed >= KILLS * 0.5, `most passes were actually killed (${killed})`);

    // No customer ever receives the same e-mail twice.
    const received = new Map<string, number>();
    for (const message of smtp.messages) {
      const key = `${message.envelope.to.join(',')}|${message.parsed.subject}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
    const twice = [...received].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'an e-mail reached a customer twice');

    const store = await openStateStore(deployment.dir, { readOnly: true });
    try {
      const orders = store.listOrders();
      assert.ok(orders.length > KILLS, `orders flowed in (${orders.length})`);
      const settled = new Set(['done', 'failed', 'pending']);
      const actions = store.listActions();
      for (const action of actions) assert.ok(settled.has(action.state), `${action.shopOrderId} ${action.kind} is ${action.state}`);
      for (const action of actions) {
        if (!action.kind.startsWith('email')) continue;
        const order = orders.find((o) => o.shopOrderId === action.shopOrderId)!;
        const count = smtp.messages.filter((m) => m.envelope.to.includes(order.customerEmail) && (m.parsed.subject ?? '').includes(order.number) && (ACTION_PHASE[action.kind] === 'import') === (m.parsed.subject ?? '').startsWith('Przyjęliśmy')).length;
        if (action.state === 'done') assert.equal(count, 1, `${order.number} ${action.kind} done: exactly one e-mail`);
        else assert.ok(count <= 1, `${order.number} ${action.kind} ${action.state}: at most one e-mail`);
      }
      // A later pass completed the rest: every imported order has its import actions, every realized one its
      // realization actions, recorded (done, or uncertain where a kill hit the moment of sending).
      for (const order of orders) {
        const kinds = new Set(actions.filter((a) => a.shopOrderId === order.shopOrderId).map((a) => a.kind));
        if (!order.erpDocument) continue;
        for (const kind of ['status-after-import', 'email-after-import'] as const) assert.ok(kinds.has(kind), `${order.number} lacks ${kind}`);
        if (order.salesDocument) for (const kind of ['status-after-realization', 'email-after-realization', 'pdf-to-shop'] as const) assert.ok(kinds.has(kind), `${order.number} lacks ${kind}`);
      }
      const done = actions.filter((a) => a.state === 'done').length;
      const uncertain = actions.filter((a) => a.state === 'pending').length;
      console.log(`      ${orders.length} orders, ${actions.length} actions: ${done} done, ${uncertain} uncertain, ${actions.length - done - uncertain} failed`);
    } finally {
      await store.close();
    }
    // The state file itself always loaded: every child opened it after the previous one was killed.
    await fs.access(path.join(deployment.dir, '.optima-sync', 'state.sqlite'));
  });
});
