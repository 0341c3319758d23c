// The service's loop: one pass at a time, started every interval (start to start; a pass that overruns is
// followed at once, never by two at the same time). After a failed cycle the wait doubles per consecutive
// failure, capped, and a completed pass resets it. stop() ends the sleep at once, or asks the pass under way to
// stop between actions; the loop then returns. Time and sleeping are injected, so tests drive it by hand.
import type { Clock } from '../clock';
import type { PassResult } from '../history/runs';
import type { CancellationSignal, SyncSummary } from '../sync/types';
import { errorMessage } from '../error-message';

/** What one cycle came to: a pass that ran (whatever its result), a failure (backoff), or a skip (state in use). */
export type CycleOutcome =
  { kind: 'completed'; result: PassResult; summary: SyncSummary } | { kind: 'failed'; error: string } | { kind: 'skipped'; reason: string };

export interface SchedulerTimer {
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimer: SchedulerTimer = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};

export type SchedulerEvent =
  | { type: 'cycle-started'; cycle: number; at: Date }
  | {
      type: 'cycle-finished';
      cycle: number;
      outcome: CycleOutcome;
      consecutiveFailures: number;
      next?: { at: Date; delayMs: number; backoff: boolean };
    }
  | { type: 'stopped'; cycles: number };

export interface SchedulerOptions {
  intervalMs: number;
  /** The longest wait after failures (default 1 hour, never below the interval). */
  maxBackoffMs?: number;
  clock: Clock;
  timer: SchedulerTimer;
  /**
   * One cycle; it must not throw (a failure is an outcome). `cancel` turns true and `stop` aborts when the service
   * is stopping: the pass stops between actions, and waits (rate limits, retries) end at once.
   */
  runCycle(cancel: CancellationSignal, stop: AbortSignal): Promise<CycleOutcome>;
  /** Awaited: the service writes its status file before the loop goes on. */
  onEvent?(event: SchedulerEvent): void | Promise<void>;
  /** Stop after this many cycles (the one-shot form runs one). */
  maxCycles?: number;
}

export const DEFAULT_MAX_BACKOFF_MS = 3_600_000;

/** The time from one cycle's start to the next: the interval, doubled per consecutive failure, capped. */
export function cycleSpacing(intervalMs: number, consecutiveFailures: number, maxBackoffMs = DEFAULT_MAX_BACKOFF_MS): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, maxBackoffMs);
  return Math.min(cap, intervalMs * 2 ** Math.min(consecutiveFailures, 30));
}

export class Scheduler {
  private readonly wake = new AbortController();
  private readonly cancel = { cancelled: false };

  constructor(private readonly options: SchedulerOptions) {}

  get stopping(): boolean {
    return this.cancel.cancelled;
  }

  /** Graceful stop: the pass under way finishes its actions in flight, a sleep ends at once. */
  stop(): void {
    this.cancel.cancelled = true;
    this.wake.abort();
  }

  /** Runs cycles until stopped (or maxCycles); resolves with the last outcome. */
  async run(): Promise<{ cycles: number; last?: CycleOutcome }> {
    const { clock, intervalMs, maxCycles } = this.options;
    let failures = 0;
    let cycles = 0;
    let last: CycleOutcome | undefined;
    while (!this.cancel.cancelled) {
      const startedAt = clock();
      cycles++;
      await this.options.onEvent?.({ type: 'cycle-started', cycle: cycles, at: startedAt });
      try {
        last = await this.options.runCycle(this.cancel, this.wake.signal);
      } catch (error) {
        // A cycle must not throw; if one does, it is a failed cycle, never the end of the service.
        last = { kind: 'failed', error: errorMessage(error) };
      }
      if (last.kind === 'failed') failures++;
      else if (last.kind === 'completed') failures = 0;
      if (this.cancel.cancelled || (maxCycles !== undefined && cycles >= maxCycles)) {
        await this.options.onEvent?.({ type: 'cycle-finished', cycle: cycles, outcome: last, consecutiveFailures: failures });
        break;
      }
      const nextAt = new Date(startedAt.getTime() + cycleSpacing(intervalMs, failures, this.options.maxBackoffMs));
      const delayMs = Math.max(0, nextAt.getTime() - clock().getTime());
      await this.options.onEvent?.({
        type: 'cycle-finished',
        cycle: cycles,
        outcome: last,
        consecutiveFailures: failures,
        next: { at: nextAt, delayMs, backoff: failures > 0 },
      });
      await this.options.timer.sleep(delayMs, this.wake.signal);
    }
    await this.options.onEvent?.({ type: 'stopped', cycles });
    return { cycles, last };
  }
}
