// What the parent of `npm run bench -- state` serves for the pass child: the WooCommerce fake (5 ms latency,
// 20 requests/s) with 1,000 new orders and a real local SMTP server. They run in the parent, so the child's
// peak RSS is the product's alone.
import type { SecretName } from '../src/core/secrets';
import { generateOrders } from '../test/fakes/common/orders';
import { startSmtpServer } from '../test/support/smtp';
import { PLATFORM_CASES } from '../test/unit/shops/platforms';

/** The shop's rate limit, given to the fake and to the pass alike. */
export const PASS_RATE_LIMIT = { requests: 20, windowMs: 1000 };

export interface PassServers {
  shopUrl: string;
  shop: Record<string, unknown>;
  statusNew: string;
  statusProcessing: string;
  secrets: Partial<Record<SecretName, string>>;
  smtpPort: number;
}

export async function startPassServers(): Promise<{ servers: PassServers; close(): Promise<void> }> {
  const platformCase = PLATFORM_CASES.find((c) => c.platform === 'woocommerce')!;
  const smtp = await startSmtpServer({ tls: 'none' });
  const fake = await platformCase.start({
    orders: generateOrders(1000, { status: 'new', firstId: 10_001 }),
    latencyMs: 5,
    requestsPerMinute: PASS_RATE_LIMIT.requests,
    rateWindowMs: PASS_RATE_LIMIT.windowMs,
  });
  return {
    servers: {
      shopUrl: fake.url,
      shop: { ...platformCase.shop },
      statusNew: platformCase.statusId('new'),
      statusProcessing: platformCase.statusId('processing'),
      secrets: platformCase.secrets(),
      smtpPort: smtp.port,
    },
    async close() {
      await fake.close();
      await smtp.close();
    },
  };
}
