// optima-sync shop test | statuses | set-status: check the shop connection (credentials from
// OPTIMA_SYNC_SHOP_KEY / OPTIMA_SYNC_SHOP_SECRET / OPTIMA_SYNC_APILO_TOKEN_FILE), list and cache its statuses,
// and change a demo-shop order's status as the merchant would.
import { loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { redactingLogger, SecretRegistry } from '../../core/log';
import { environmentSecrets } from '../../core/secrets';
import type { Settings } from '../../core/settings/types.generated';
import {
  cacheStatuses,
  DEMO_STATUSES,
  setDemoOrderStatus,
  type ShopConnectionReport,
  shopReportText,
  testShopConnection,
} from '../../core/shops/index';
import type { ShopStatus } from '../../core/shops/connector';
import { openStateStore } from '../../core/state/index';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';

/** Keeps the statuses for the settings form; a running sync holding the lock only costs the cache. */
async function cache(context: CommandContext, settings: Settings, statuses: ShopStatus[]): Promise<string | undefined> {
  try {
    const store = await openStateStore(context.dir, { holder: 'optima-sync shop', now: context.io.now });
    try {
      cacheStatuses(store, settings.shop.platform, statuses, context.io.now());
    } finally {
      await store.close();
    }
    return undefined;
  } catch (error) {
    return t('The statuses were not cached: {0}', (error as Error).message);
  }
}

async function connectionReport(context: CommandContext): Promise<{ report: ShopConnectionReport; settings: Settings } | number> {
  let settings: Settings;
  try {
    settings = (await loadSettings(context.dir)).settings;
  } catch (error) {
    const message = (error as Error).message;
    print(context, { ok: false, error: message }, () => message);
    return EXIT_FAILED;
  }
  const registry = new SecretRegistry();
  const logger = redactingLogger(stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1'), registry);
  const report = await testShopConnection(settings, {
    secrets: environmentSecrets(context.io.env),
    logger,
    secretRegistry: registry,
    dir: context.dir,
    now: context.io.now,
  });
  return { report: JSON.parse(registry.redact(JSON.stringify(report))) as ShopConnectionReport, settings };
}

async function test(context: CommandContext, statusesOnly: boolean): Promise<number> {
  const result = await connectionReport(context);
  if (typeof result === 'number') return result;
  const { report, settings } = result;
  const cacheProblem = report.ok ? await cache(context, settings, report.statuses) : undefined;
  if (cacheProblem) context.io.err(`[warn] ${cacheProblem}`);
  if (statusesOnly) {
    print(context, { ok: report.ok, platform: report.platform, statuses: report.statuses, error: report.error }, () =>
      report.ok ? report.statuses.map((s) => `${s.id}\t${s.name}`).join('\n') : t('✘ {0}: {1}', report.platformName, report.error ?? ''),
    );
  } else {
    print(context, { ...report, cached: report.ok && !cacheProblem }, () => shopReportText(report));
  }
  return report.ok ? EXIT_OK : EXIT_FAILED;
}

async function setStatus(context: CommandContext, orderId: string, status: string): Promise<number> {
  const { settings } = await loadSettings(context.dir);
  if (settings.shop.platform !== 'demo') {
    const message = t(
      'shop set-status changes orders of the demo shop only (shop.platform is "{0}"); change real orders in the shop itself.',
      settings.shop.platform,
    );
    print(context, { ok: false, error: message }, () => message);
    return EXIT_FAILED;
  }
  try {
    const order = await setDemoOrderStatus(context.dir, orderId, status, context.io.now());
    print(context, { ok: true, orderId: order.id, number: order.number, status: order.status }, () =>
      t('Demo order {0} is now "{1}" ({2})', order.number, order.status, order.statusName ?? ''),
    );
    return EXIT_OK;
  } catch (error) {
    const message = (error as Error).message;
    print(context, { ok: false, error: message }, () => message);
    return EXIT_FAILED;
  }
}

export const shopCommand: CliCommand = {
  name: 'shop',
  summary: "Test the shop connection, list (and cache) its statuses, change a demo-shop order's status",
  usage: 'shop test|statuses [--dir D] [--json] | shop set-status ORDER STATUS',
  async run(context) {
    const [action, ...rest] = context.positionals;
    if (action === 'test' || action === 'statuses') {
      if (rest.length) throw new UsageError(t('Unexpected argument "{0}".', rest[0]!));
      return test(context, action === 'statuses');
    }
    if (action === 'set-status') {
      if (rest.length !== 2)
        throw new UsageError(
          t('Give the order and the status, e.g. shop set-status 1001 paid (statuses: {0}).', DEMO_STATUSES.map((s) => s.id).join(', ')),
        );
      return setStatus(context, rest[0]!, rest[1]!);
    }
    throw new UsageError(t('Say what to do: shop test, shop statuses or shop set-status.'));
  },
};
