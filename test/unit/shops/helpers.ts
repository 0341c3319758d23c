// Shared set-up of the connector tests: settings for a platform pointing at a fake, secrets, logger.
import { MemoryLogger, SecretRegistry } from '../../../src/core/log';
import type { SecretName, SecretSource } from '../../../src/core/secrets';
import { defaultSettings } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/types.generated';
import { createShopConnector, type ShopConnectorOptions } from '../../../src/core/shops/index';
import type { ShopConnector } from '../../../src/core/shops/connector';
import type { ShopOrder } from '../../../src/core/model/order';
import { testClock } from '../../support/clock';

export function settingsFor(
  platform: Settings['shop']['platform'],
  url: string | undefined,
  shop: Partial<Settings['shop']> = {},
): Settings {
  const base = defaultSettings() as unknown as Settings;
  return {
    ...base,
    shop: {
      platform,
      name: 'Sklep testowy',
      url,
      importStatuses: [],
      woocommerce: { taxIdMetaKey: '_billing_nip', salesDocumentNote: 'private' },
      baselinker: {},
      apilo: {},
      ...shop,
    },
  } as Settings;
}

export function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource & { values: Partial<Record<SecretName, string>> } {
  return {
    values,
    async get(name) {
      return values[name];
    },
    async set(name, value) {
      values[name] = value;
    },
  };
}

/** The deployment's upload-name key as the state database would hold it (a fixed one: names are then stable). */
export const TEST_UPLOAD_NAME_KEY = '5f1c0e9a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f';

export interface Connected {
  connector: ShopConnector;
  logger: MemoryLogger;
  registry: SecretRegistry;
}

export async function connect(settings: Settings, secrets: SecretSource, options: Partial<ShopConnectorOptions> = {}): Promise<Connected> {
  const logger = new MemoryLogger();
  const registry = new SecretRegistry();
  const connector = await createShopConnector(settings, {
    secrets,
    logger,
    now: testClock,
    secretRegistry: registry,
    backoffBaseMs: 5,
    rateLimit: { requests: 60_000, windowMs: 60_000 },
    timeoutMs: 10_000,
    uploadNameKey: async () => TEST_UPLOAD_NAME_KEY,
    ...options,
  });
  return { connector, logger, registry };
}

/** Every order of a listing, following the cursor until nothing more waits; the final cursor too. */
export async function listAll(
  connector: ShopConnector,
  cursor: string | undefined,
  statuses: readonly string[],
): Promise<{ orders: ShopOrder[]; cursor: string | undefined; calls: number }> {
  const orders: ShopOrder[] = [];
  let calls = 0;
  for (;;) {
    const page = await connector.listOrders(cursor, statuses);
    calls++;
    orders.push(...page.orders);
    cursor = page.cursor;
    if (!page.more) return { orders, cursor, calls };
    if (calls > 1000) throw new Error('listing never ends');
  }
}
