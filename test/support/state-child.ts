// A child process for the state tests (run with `node --require tsx/cjs`): it holds the lock, or records
// actions as fast as it can, printing one line after each save returned, until it is killed.
//   state-child.ts hold DIR          → prints "locked <pid>", then waits
//   state-child.ts record DIR START COUNT → prints "saved <orderId> <kind> <state>" after each markX resolved
// The crash test kills a recording child at a file-system step drawn from its seed (OPTIMA_KILL_AT): in the
// middle of a journal append or of a checkpoint (every seventh order).
import { ACTION_KINDS } from '../../src/core/model/actions';
import { openStateStore } from '../../src/core/state';
import { sampleOrder } from './seed-state';
import { testClock } from './clock';
import { installKillSwitch, parseKillPoint } from './kill-switch';

async function main(): Promise<void> {
  const [mode, dir, startText, countText] = process.argv.slice(2);
  if (!dir) throw new Error('usage: state-child.ts hold|record DIR [COUNT]');
  await installKillSwitch(dir, parseKillPoint(process.env.OPTIMA_KILL_AT));
  const store = await openStateStore(dir, { holder: `test child ${mode}`, now: testClock });
  if (mode === 'hold') {
    process.stdout.write(`locked ${process.pid}\n`);
    setInterval(() => undefined, 1000);
    return;
  }
  const start = Number(startText ?? 0);
  const count = Number(countText ?? 200);
  process.stdout.write('ready\n');
  store.startRun(testClock());
  for (let i = 0; i < count; i++) {
    const order = sampleOrder(start + i);
    store.upsertOrder(order, testClock());
    for (const [k, kind] of ACTION_KINDS.entries()) {
      await store.markPending(order.platform, order.id, kind);
      process.stdout.write(`saved ${order.id} ${kind} pending\n`);
      if ((i + k) % 4 === 0) {
        await store.markFailed(order.platform, order.id, kind, 'SMTP timeout');
        process.stdout.write(`saved ${order.id} ${kind} failed\n`);
      } else {
        await store.markDone(order.platform, order.id, kind, `sent to ${order.buyer.email}`);
        process.stdout.write(`saved ${order.id} ${kind} done\n`);
      }
    }
    // A checkpoint now and then (as at the end of a pass), so that kills also land in the middle of one.
    if (i % 7 === 6) await store.checkpoint();
  }
  await store.close();
  process.stdout.write('finished\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
