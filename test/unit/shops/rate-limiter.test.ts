// The limiter on its own, with a simulated clock: even spacing under the limit, turns kept when several
// callers wait at once, late timers never bunching requests, pauses honoured.
import assert from 'node:assert/strict';
import { RateLimiter } from '../../../src/core/shops/rate-limiter';

function simulated(lateBy: (call: number) => number = () => 0) {
  let now = 0;
  let calls = 0;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms + lateBy(calls++);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('rate limiter', () => {
  it("starts requests below the limit without bursts, so no window of the limit's length holds more than allowed", async () => {
    const time = simulated();
    const limiter = new RateLimiter({ requests: 100, windowMs: 60_000 }, time.clock, time.sleep);
    const starts: number[] = [];
    for (let i = 0; i < 300; i++) {
      await limiter.acquire();
      starts.push(time.clock());
    }
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((s) => s >= starts[i]! && s < starts[i]! + 60_000).length;
      assert.ok(inWindow <= 100, `${inWindow} requests in the minute from ${starts[i]}`);
    }
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= limiter.minimumGapMs - 1e-6, 'no burst');
    assert.ok(starts.at(-1)! >= 2 * 60_000, '300 requests take at least three windows');
  });

  it('stays under the limit with concurrent callers and late timers, and catches up after a late timer', async () => {
    const time = simulated((call) => (call % 3 === 0 ? 250 : 0));
    const limiter = new RateLimiter({ requests: 20, windowMs: 1000 }, time.clock, time.sleep);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 120 }, async () => {
        await limiter.acquire();
        starts.push(time.clock());
      }),
    );
    const sorted = [...starts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      assert.ok(sorted[i]! - sorted[i - 1]! >= limiter.minimumGapMs - 1e-9, `gap ${sorted[i]! - sorted[i - 1]!} ms`);
    for (const start of sorted) assert.ok(sorted.filter((s) => s >= start && s < start + 1000).length <= 20, `window from ${start}`);
  });

  it('waits out a pause the shop asked for', async () => {
    const time = simulated();
    const limiter = new RateLimiter({ requests: 1000, windowMs: 1000 }, time.clock, time.sleep);
    await limiter.acquire();
    limiter.pauseUntil(5000);
    await limiter.acquire();
    assert.ok(time.clock() >= 5000);
  });
});
