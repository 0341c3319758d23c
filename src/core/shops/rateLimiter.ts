// Keeps a deployment's requests under the shop's limit. Requests are spaced evenly at a slightly lower
// rate than the limit (no bursts), so every window of the shop's length — however the shop aligns it and
// whatever the network jitter — holds fewer requests than the limit.

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length; 60 000 ms for "per minute". */
  windowMs: number;
}

/** Share of the limit actually used: the margin absorbs clock and latency jitter between client and shop. */
export const RATE_LIMIT_HEADROOM = 0.95;

export class RateLimiter {
  private lastStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly intervalMs: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    const effective = Math.max(1, Math.floor(limit.requests * RATE_LIMIT_HEADROOM));
    this.intervalMs = limit.windowMs / effective;
  }

  /**
   * Resolves when the next request may start. Callers take turns, and the spacing is measured from the
   * moment the previous request really started — a timer that fires late never lets two requests bunch up.
   */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = Math.max(this.lastStart + this.intervalMs, this.pausedUntil) - this.clock();
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      this.lastStart = this.clock();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The shop told us to wait (429/blocked token): no request starts before `until`. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}

export const DEFAULT_REQUESTS_PER_MINUTE: Record<string, number | undefined> = {
  baselinker: 100,
  apilo: 150,
};
