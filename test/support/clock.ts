// The one clock of the tests. No test reads the wall clock or the machine's time zone: everything that needs
// "now" (a store, the sandbox ERP, the demo shop, a pass, the CLI) gets one of these, so a test gives the
// same answer on any day, in any zone, and under `faketime` a year ahead.

/** The fixed instant of the tests: Saturday 28 November 2026, 11:00 in Warsaw (10:00 UTC, winter time). */
export const TEST_NOW = new Date('2026-11-28T10:00:00.000Z');

/** The calendar date of TEST_NOW in the deployments' zone (Europe/Warsaw). */
export const TEST_TODAY = '2026-11-28';

/** A clock that always answers the same instant (TEST_NOW unless given). */
export function fixedClock(at: Date = TEST_NOW): () => Date {
  const time = at.getTime();
  return () => new Date(time);
}

/** A clock the test moves on by hand, for code that compares instants (runs, retries, retention). */
export class TestClock {
  private time: number;

  constructor(start: Date = TEST_NOW) {
    this.time = start.getTime();
  }

  /** The clock function to inject (bound: pass `clock.now`). */
  readonly now = (): Date => new Date(this.time);

  advance(ms: number): Date {
    this.time += ms;
    return this.now();
  }

  advanceDays(days: number): Date {
    return this.advance(days * 86_400_000);
  }
}

/** TEST_NOW moved by whole days (negative: earlier). */
export function daysFromTestNow(days: number): Date {
  return new Date(TEST_NOW.getTime() + days * 86_400_000);
}

/** The fixed clock at TEST_NOW, to pass as `now` wherever the core asks for a clock. */
export const testClock: () => Date = fixedClock();
