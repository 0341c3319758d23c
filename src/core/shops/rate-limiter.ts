// Keeps a deployment's requests under the shop's limit. Counted on the moments requests really start (after
// any late timer), no window of the shop's length ever holds more than 95 % of the limit — however the shop
// aligns its window — and requests are never closer than three quarters of the even spacing (no bursts).
export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length; 60 000 ms for "per minute". */
  windowMs: number;
}

/** Share of the limit actually used: the margin absorbs clock and latency jitter between client and shop. */
export const RATE_LIMIT_HEADROOM = 0.95;

export class RateLimiter {
  /** Start times of the requests in the current window, oldest first. */
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Requests allowed per window after the headroom. */
  readonly allowed: number;
  /** The even spacing at the allowed rate. */
  readonly intervalMs: number;
  /** The closest two requests ever start (catching up after a late timer never turns into a burst). */
  readonly minimumGapMs: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.allowed = Math.max(1, Math.floor(limit.requests * RATE_LIMIT_HEADROOM));
    this.intervalMs = limit.windowMs / this.allowed;
    this.minimumGapMs = this.intervalMs * 0.75;
  }

  /**
   * Resolves when the next request may start. Callers take turns; a timer that fires late delays that request
   * only, and the window count lets the following ones catch up without ever exceeding the limit.
   */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock();
        while (this.starts.length && this.starts[0]! <= now - this.limit.windowMs) this.starts.shift();
        const last = this.starts.at(-1);
        const wait = Math.max(
          this.starts.length >= this.allowed ? this.starts[0]! + this.limit.windowMs - now : 0,
          last === undefined ? 0 : last + this.minimumGapMs - now,
          this.pausedUntil - now,
        );
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      this.starts.push(this.clock());
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
