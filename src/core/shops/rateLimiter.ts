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
  private nextSlot = 0;
  readonly intervalMs: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    const effective = Math.max(1, Math.floor(limit.requests * RATE_LIMIT_HEADROOM));
    this.intervalMs = limit.windowMs / effective;
  }

  /** Resolves when the next request may start; callers queue in order. */
  async acquire(): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }

  /** The shop told us to wait (429/blocked token): no request starts before `until`. */
  pauseUntil(until: number): void {
    this.nextSlot = Math.max(this.nextSlot, until);
  }
}

export const DEFAULT_REQUESTS_PER_MINUTE: Record<string, number | undefined> = {
  baselinker: 100,
  apilo: 150,
};
