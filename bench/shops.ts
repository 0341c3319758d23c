// Listing 1,000 orders through each connector over its fake (5 ms latency, a limit of 6,000 requests per
// minute scaled to 100 per second in both the client and the fake): wall time, requests, how close the
// request rate comes to the limit (target ≥ 0.9 of the bound) and the violations the fake counted (0); then
// one status-membership check per platform (bounded requests, 0 violations).
// Usage: npm run bench -- shops [orders=1000] [latencyMs=5] [requestsPerSecond=100]
import { MemoryLogger, SecretRegistry } from '../src/core/log';
import { createShopConnector } from '../src/core/shops/index';
import type { FakeOptions, FakeShop } from '../test/fakes/common/server';
import { generateOrders } from '../test/fakes/common/orders';
import { PLATFORM_CASES } from '../test/unit/shops/platforms';
import { memorySecrets, settingsFor } from '../test/unit/shops/helpers';
import { systemClock } from '../src/core/clock';

interface Row {
  platform: string;
  orders: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  ratio: number;
  ordersPerSecond: number;
  violations: number;
}

type PlatformCase = (typeof PLATFORM_CASES)[number];
type Connector = Awaited<ReturnType<typeof createShopConnector>>;

/**
 * Runs `work` for each platform against its fake, with a connector limited to `perSecond` that has already
 * authenticated and read its statuses; `requests()` counts the requests made since then.
 */
async function eachPlatform(
  options: FakeOptions,
  perSecond: number,
  work: (platform: PlatformCase, connector: Connector, fake: FakeShop<unknown>, requests: () => number) => Promise<void>,
): Promise<void> {
  for (const platform of PLATFORM_CASES) {
    const fake: FakeShop<unknown> = await platform.start(options);
    try {
      const connector = await createShopConnector(settingsFor(platform.platform, fake.url, platform.shop), {
        secrets: memorySecrets(platform.secrets()),
        logger: new MemoryLogger(),
        secretRegistry: new SecretRegistry(),
        now: systemClock,
        rateLimit: { requests: perSecond, windowMs: 1000 },
      });
      // Authenticate (Apilo exchanges its code) and warm the status names before timing.
      await connector.listStatuses();
      const before = fake.state.requestLog.length;
      await work(platform, connector, fake, () => fake.state.requestLog.length - before);
    } finally {
      await fake.close();
    }
  }
}

export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 1000);
  const latencyMs = Number(args[1] ?? 5);
  const perSecond = Number(args[2] ?? 100);
  const fixtures = generateOrders(count, { seed: 11 });
  const rows: Row[] = [];
  await eachPlatform(
    { orders: fixtures, latencyMs, requestsPerMinute: perSecond, rateWindowMs: 1000 },
    perSecond,
    async (platform, connector, fake, requestsSince) => {
      const started = performance.now();
      let cursor: string | undefined;
      let listed = 0;
      for (;;) {
        const page = await connector.listOrders(cursor, []);
        listed += page.orders.length;
        cursor = page.cursor;
        if (!page.more) break;
      }
      const seconds = (performance.now() - started) / 1000;
      const requests = requestsSince();
      const requestsPerSecond = requests / seconds;
      rows.push({
        platform: platform.platform,
        orders: listed,
        requests,
        seconds,
        requestsPerSecond,
        ratio: requestsPerSecond / perSecond,
        ordersPerSecond: listed / seconds,
        violations: fake.state.violations,
      });
    },
  );
  const header = `| platform | orders | requests | time (s) | requests/s | of the bound (${perSecond}/s = ${perSecond * 60}/min) | orders/s | violations |`;
  const lines = [header, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    lines.push(
      `| ${row.platform} | ${row.orders} | ${row.requests} | ${row.seconds.toFixed(2)} | ${row.requestsPerSecond.toFixed(1)} | ${row.ratio.toFixed(2)} | ${row.ordersPerSecond.toFixed(0)} | ${row.violations} |`,
    );
  }
  process.stdout.write(`Shop connectors: ${count} orders, ${latencyMs} ms latency\n${lines.join('\n')}\n`);
  await membershipCheck(fixtures, latencyMs, perSecond);
  await limiterOnly(latencyMs, perSecond);
}

/** The status-membership check of one pass over the same shop, as if the state knew none of its orders (the worst case). */
async function membershipCheck(fixtures: ReturnType<typeof generateOrders>, latencyMs: number, perSecond: number): Promise<void> {
  const lines = ['| platform | orders found | requests | time (s) | violations |', '| --- | ---: | ---: | ---: | ---: |'];
  await eachPlatform(
    { orders: fixtures, latencyMs, requestsPerMinute: perSecond, rateWindowMs: 1000 },
    perSecond,
    async (platform, connector, fake, requestsSince) => {
      const started = performance.now();
      const missed = await connector.listMissed!([platform.statusId('paid')], () => false, undefined);
      const seconds = (performance.now() - started) / 1000;
      lines.push(
        `| ${platform.platform} | ${missed.orders.length} | ${requestsSince()} | ${seconds.toFixed(2)} | ${fake.state.violations} |`,
      );
    },
  );
  process.stdout.write(`\nStatus-membership check (orders now in one import status, none known)\n${lines.join('\n')}\n`);
}

/** The limiter alone: 300 small calls (list statuses) per platform, where the limit and not the page work binds. */
async function limiterOnly(latencyMs: number, perSecond: number): Promise<void> {
  const lines = [
    `| platform | calls | time (s) | requests/s | of the bound (${perSecond}/s) | violations |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  await eachPlatform(
    { orders: generateOrders(3), latencyMs, requestsPerMinute: perSecond, rateWindowMs: 1000 },
    perSecond,
    async (platform, connector, fake, requestsSince) => {
      const started = performance.now();
      for (let i = 0; i < 300; i++) await connector.listStatuses();
      const seconds = (performance.now() - started) / 1000;
      const rate = requestsSince() / seconds;
      lines.push(
        `| ${platform.platform} | 300 | ${seconds.toFixed(2)} | ${rate.toFixed(1)} | ${(rate / perSecond).toFixed(2)} | ${fake.state.violations} |`,
      );
    },
  );
  process.stdout.write(`\nRate limiter alone (300 × list statuses, ${latencyMs} ms latency)\n${lines.join('\n')}\n`);
}
