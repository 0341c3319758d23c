// A child process for the state tests (run with `node --require tsx/cjs`, or bundled): it holds the lock,
// records actions as fast as it can printing one line after each save returned, or upgrades an old file.
//   state-child.ts hold DIR          → prints "locked <pid>", then waits
//   state-child.ts record DIR START COUNT → prints "saved <orderId> <kind> <state>" after each markX resolved
//   state-child.ts upgrade DIR       → opens the state as a writer (which upgrades it) and closes; prints "steps N"
// The crash tests kill a child at a file-system step drawn from their seed (OPTIMA_KILL_AT): in the middle of a
// journal append, of a checkpoint (every seventh order), of the archive step that follows it, or of an upgrade.
import { ACTION_KINDS } from '../../src/core/model/actions';
import { openStateStore } from '../../src/core/state';
import { ORDER_DETAILS_DAYS } from '../../src/core/state/retention';
import { sampleOrder } from './seed-state';
import { daysFromTestNow, testClock } from './clock';
import { installKillSwitch, parseKillPoint, stepsTaken } from './kill-switch';

/** Whether the child fails this action of the order (every third order has none failed, so it can settle). */
function childFails(index: number, kindIndex: number): boolean {
  return index % 3 !== 0 && (index + kindIndex) % 4 === 0;
}

async function main(): Promise<void> {
  const [mode, dir, startText, countText] = process.argv.slice(2);
  if (!dir) throw new Error('usage: state-child.ts hold|record|upgrade DIR [START COUNT]');
  await installKillSwitch(dir, parseKillPoint(process.env.OPTIMA_KILL_AT));
  const store = await openStateStore(dir, { holder: `test child ${mode}`, now: testClock });
  if (mode === 'hold') {
    process.stdout.write(`locked ${process.pid}\n`);
    setInterval(() => undefined, 1000);
    return;
  }
  if (mode === 'upgrade') {
    await store.close();
    process.stdout.write(`steps ${stepsTaken()}\n`);
    return;
  }
  const start = Number(startText ?? 0);
  const count = Number(countText ?? 200);
  // The archive step runs as a pass would run it two months on: the settled orders recorded here then qualify.
  const archiveAt = daysFromTestNow(ORDER_DETAILS_DAYS + 1);
  process.stdout.write('ready\n');
  store.startRun(testClock());
  for (let i = 0; i < count; i++) {
    const order = sampleOrder(start + i);
    store.upsertOrder(order, testClock());
    for (const [k, kind] of ACTION_KINDS.entries()) {
      await store.markPending(order.platform, order.id, kind);
      process.stdout.write(`saved ${order.id} ${kind} pending\n`);
      if (childFails(i, k)) {
        await store.markFailed(order.platform, order.id, kind, 'SMTP timeout');
        process.stdout.write(`saved ${order.id} ${kind} failed\n`);
      } else {
        await store.markDone(order.platform, order.id, kind, `sent to ${order.buyer.email}`);
        process.stdout.write(`saved ${order.id} ${kind} done\n`);
      }
    }
    store.recordErpDocument(order.platform, order.id, {
      kind: 'FS',
      number: `FS/${start + i}/2026`,
      id: order.id,
      platform: order.platform,
      shopOrderId: order.id,
      issueDate: '2026-11-28',
      totalGross: order.totalGross,
    });
    store.recordSalesDocument(order.platform, order.id, {
      kind: 'FS',
      number: `FS/${start + i}/2026`,
      id: order.id,
      issueDate: '2026-11-28',
      saleDate: '2026-11-28',
      totalGross: order.totalGross,
      totalNet: 7721,
    });
    // A checkpoint now and then (as at the end of a pass), then the archive step, so kills land in both.
    if (i % 7 === 6) {
      await store.checkpoint();
      const { orders } = await store.archiveSettled(archiveAt, ACTION_KINDS);
      process.stdout.write(`archived ${orders}\n`);
    }
  }
  await store.close();
  process.stdout.write('finished\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
