// The service's loop in process, with the test clock and a timer that moves that clock instead of waiting:
// the spacing of passes, the backoff after failures and its reset, skips, and stopping in a sleep or a pass.
import assert from 'node:assert/strict';
import { type CycleOutcome, cycleSpacing, Scheduler, type SchedulerEvent, type SchedulerTimer } from '../../../src/core/service/scheduler';
import { parseInterval, formatInterval, IntervalError } from '../../../src/core/service/interval';
import type { SyncSummary } from '../../../src/core/sync/types';
import { TestClock } from '../../support/clock';

const MINUTE = 60_000;
const completed: CycleOutcome = { kind: 'completed', result: 'ok', summary: {} as SyncSummary };
const failed: CycleOutcome = { kind: 'failed', error: 'The shop did not answer' };
const skipped: CycleOutcome = { kind: 'skipped', reason: 'The state database is in use by another process' };

/** Sleeps by moving the test clock; records every wait. */
function clockTimer(clock: TestClock, onSleep?: (ms: number) => void): SchedulerTimer & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    async sleep(ms) {
      waits.push(ms);
      clock.advance(ms);
      onSleep?.(ms);
    },
  };
}

describe('service: the scheduler loop', () => {
  it('parses --every with seconds, minutes and hours, and refuses the rest', () => {
    assert.equal(parseInterval('30s'), 30_000);
    assert.equal(parseInterval('5m'), 5 * MINUTE);
    assert.equal(parseInterval('2h'), 120 * MINUTE);
    assert.equal(parseInterval('15'), 15 * MINUTE, 'a bare number is minutes, like schedule.autoSyncMinutes');
    for (const bad of ['0s', '25h', '5 minutes', '-1m', '1.5m', '']) assert.throws(() => parseInterval(bad), IntervalError, bad);
    assert.deepEqual([300_000, 90_000, 7_200_000].map(formatInterval), ['5m', '90s', '2h']);
  });

  it('doubles the spacing per consecutive failure up to the cap, never below the interval', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((n) => cycleSpacing(5 * MINUTE, n) / MINUTE),
      [5, 10, 20, 40, 60, 60],
    );
    assert.equal(cycleSpacing(2 * 3_600_000, 3), 2 * 3_600_000, 'an interval above the cap is never shortened');
    assert.equal(cycleSpacing(1000, 40), 3_600_000, 'many failures do not overflow');
  });

  it('spaces passes start to start, backs off after failures, resets after a success, and treats a skip as no failure', async () => {
    const clock = new TestClock();
    const script = [completed, failed, failed, completed, skipped, failed];
    const starts: number[] = [];
    const timer = clockTimer(clock);
    const events: SchedulerEvent[] = [];
    const scheduler: Scheduler = new Scheduler({
      intervalMs: 5 * MINUTE,
      clock: clock.now,
      timer,
      onEvent: (event) => {
        events.push(event);
      },
      async runCycle() {
        starts.push(clock.now().getTime());
        clock.advance(30_000); // every pass takes 30 s
        const outcome = script.shift()!;
        if (script.length === 0) scheduler.stop();
        return outcome;
      },
    });
    const { cycles, last } = await scheduler.run();
    assert.equal(cycles, 6);
    assert.deepEqual(last, failed);
    const gaps = starts.slice(1).map((start, i) => (start - starts[i]!) / MINUTE);
    // ok → 5, failed → 10, failed → 20, ok → 5 (reset), skipped → 5.
    assert.deepEqual(gaps, [5, 10, 20, 5, 5]);
    assert.deepEqual(
      timer.waits.map((ms) => ms / 1000),
      [270, 570, 1170, 270, 270],
      'the pass time is part of the spacing',
    );
    const finished = events.filter((e): e is Extract<SchedulerEvent, { type: 'cycle-finished' }> => e.type === 'cycle-finished');
    assert.deepEqual(
      finished.map((e) => e.next?.backoff),
      [false, true, true, false, false, undefined],
    );
    assert.deepEqual(
      finished.map((e) => e.consecutiveFailures),
      [0, 1, 2, 0, 0, 1],
    );
    assert.equal(events.at(-1)?.type, 'stopped');
  });

  it('a pass longer than the interval is followed at once, never overlapped', async () => {
    const clock = new TestClock();
    const timer = clockTimer(clock);
    let running = 0;
    let count = 0;
    const scheduler: Scheduler = new Scheduler({
      intervalMs: MINUTE,
      clock: clock.now,
      timer,
      async runCycle() {
        running++;
        assert.equal(running, 1, 'one pass at a time');
        clock.advance(3 * MINUTE);
        running--;
        if (++count === 3) scheduler.stop();
        return completed;
      },
    });
    await scheduler.run();
    assert.deepEqual(timer.waits, [0, 0]);
  });

  it('stop() during a sleep ends it at once; stop() during a pass lets the pass finish and starts no other', async () => {
    const clock = new TestClock();
    let cycles = 0;
    let release!: () => void;
    const sleeping = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = new Scheduler({
      intervalMs: 5 * MINUTE,
      clock: clock.now,
      timer: {
        sleep: (_ms, signal) =>
          new Promise((resolve) => {
            release();
            signal.addEventListener('abort', () => resolve(), { once: true });
          }),
      },
      async runCycle() {
        cycles++;
        return completed;
      },
    });
    const run = scheduler.run();
    await sleeping;
    scheduler.stop();
    assert.equal((await run).cycles, 1);
    assert.equal(cycles, 1);

    const signals: boolean[] = [];
    let inPass = 0;
    const second = new Scheduler({
      intervalMs: 5 * MINUTE,
      clock: clock.now,
      timer: clockTimer(clock),
      async runCycle(cancel) {
        inPass++;
        second.stop(); // SIGTERM arrives in the middle of the pass
        signals.push(cancel.cancelled);
        return { kind: 'completed', result: 'cancelled', summary: {} as SyncSummary };
      },
    });
    const result = await second.run();
    assert.deepEqual(signals, [true], 'the pass sees the stop through its cancellation signal');
    assert.equal(inPass, 1);
    assert.equal(result.cycles, 1);
  });

  it('the one-shot form runs exactly one cycle and does not sleep', async () => {
    const clock = new TestClock();
    const timer = clockTimer(clock);
    const scheduler = new Scheduler({ intervalMs: 0, maxCycles: 1, clock: clock.now, timer, runCycle: async () => failed });
    const result = await scheduler.run();
    assert.equal(result.cycles, 1);
    assert.deepEqual(result.last, failed);
    assert.deepEqual(timer.waits, []);
  });
});
