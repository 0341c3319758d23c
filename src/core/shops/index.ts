// The shops part's public face: the connector factory, static capabilities, credentials, the status cache
// and the demo shop.
import type { Clock } from '../clock';
import { t } from '../l10n';
import { type Logger, redactingLogger, SecretRegistry } from '../log';
import type { Platform } from '../model/order';
import { registeringSecrets, type SecretSource } from '../secrets';
import type { Settings } from '../settings/types.generated';
import { credentialUrlVerdict } from '../net/transport-security';
import { ApiloConnector, apiloHooks } from './apilo';
import type { ConnectorDeps } from './base';
import { BaseLinkerConnector } from './baselinker';
import { baselinkerHooks } from './baselinker-hooks';
import type { ShopConnector } from './connector';
import { readCredentials } from './credentials';
import { DemoShopConnector } from './demo/index';
import { platformName, ShopError } from './errors';
import { runShopConnectionTest, type ShopConnectionReport } from './connection-test';
import { type PlatformHttpHooks, ShopHttp } from './http';
import { PrestaShopConnector, prestashopHooks } from './prestashop';
import { DEFAULT_REQUESTS_PER_MINUTE, type RateLimit, RateLimiter } from './rate-limiter';
import { SellAsistConnector, sellasistHooks } from './sellasist';
import { WooCommerceConnector, woocommerceHooks } from './woocommerce';

export * from './connector';
export { platformCapabilities, PLATFORM_CAPABILITIES } from './capabilities';
export { cacheStatuses, cachedStatuses, STATUS_CACHE_KEY, type CachedStatuses } from './status-cache';
export { PDF_UPLOAD_CREDENTIALS, PLATFORM_CREDENTIALS, credentialHint, credentialDescription, type CredentialField } from './credentials';
export { ShopError, platformName, SET_CREDENTIALS_COMMAND } from './errors';
export { RateLimiter, RATE_LIMIT_HEADROOM, DEFAULT_REQUESTS_PER_MINUTE, type RateLimit } from './rate-limiter';
export { requestApiloTokens, type ApiloTokens } from './apilo-tokens';
export { uploadNameKey } from './upload-name';
export { capabilityMatrix, runShopConnectionTest, shopReportText, statusSettings, type ShopConnectionReport } from './connection-test';
export {
  DEMO_STATUSES,
  DemoShopConnector,
  demoPdfFolder,
  demoShopFile,
  listDemoOrders,
  loadDemoShop,
  seedDemoShop,
  setDemoOrderStatus,
} from './demo/index';

export interface ShopConnectorOptions {
  secrets: SecretSource;
  logger: Logger;
  secretRegistry?: SecretRegistry;
  fetch?: typeof fetch;
  /** The calendar: order and upload times of the demo shop, token expiry. */
  now: Clock;
  /** Milliseconds for waits, timeouts and the rate limit: they must advance even when the calendar is fixed (tests). */
  ticks?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The deployment folder (the demo shop keeps its orders there). Default: the current folder. */
  dir?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Retries of transient failures (default 3). */
  maxRetries?: number;
  /** First backoff step (default 500 ms; jittered, doubling). */
  backoffBaseMs?: number;
  /** Rows per list request (default: the platform's usual maximum). */
  pageSize?: number;
  /** Overrides shop.requestsPerMinute with any window (tests scale the minute down). */
  rateLimit?: RateLimit;
  /** Longest rate-limit pause accepted before failing (default 15 min). */
  maxRateLimitWaitMs?: number;
  /** Aborted when the program is stopping (a service's SIGTERM): rate-limit waits and retry pauses end at once. */
  stop?: AbortSignal;
  /** The deployment's key for the names of uploaded files (shops/upload-name.ts: uploadNameKey(store)). */
  uploadNameKey?: () => Promise<string>;
}

/** A sleep that a stop ends at once, failing the request it delays: nothing was sent, so nothing is uncertain. */
function stoppableSleep(
  platform: string,
  sleep: ((ms: number) => Promise<void>) | undefined,
  stop: AbortSignal | undefined,
): (ms: number) => Promise<void> {
  const stopped = () => new ShopError(t('{0}: not sent, the program is stopping', platformName(platform)), 'stopped', platform);
  return (ms) => {
    if (stop?.aborted) return Promise.reject(stopped());
    return new Promise<void>((resolve, reject) => {
      const onStop = () => {
        clearTimeout(timer);
        reject(stopped());
      };
      const done = () => {
        stop?.removeEventListener('abort', onStop);
        resolve();
      };
      // An injected sleep (tests) runs as it is; the real one is a timer the stop clears.
      const timer = sleep ? undefined : setTimeout(done, ms);
      if (sleep) void sleep(ms).then(done, reject);
      stop?.addEventListener('abort', onStop, { once: true });
    });
  };
}
/** Epoch milliseconds that only move forward (Retry-After may be an HTTP date). */
const processTicks = () => performance.timeOrigin + performance.now();

export function rateLimitFor(settings: Settings, override?: RateLimit): RateLimit | undefined {
  if (override) return override;
  const perMinute = settings.shop.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE[settings.shop.platform];
  return perMinute ? { requests: perMinute, windowMs: 60_000 } : undefined;
}

function hooksFor(settings: Settings): PlatformHttpHooks {
  switch (settings.shop.platform) {
    case 'prestashop':
      return prestashopHooks();
    case 'woocommerce':
      return woocommerceHooks(settings.shop.url ?? '');
    case 'baselinker':
      return baselinkerHooks();
    case 'apilo':
      return apiloHooks();
    case 'sellasist':
      return sellasistHooks();
    default:
      return { errorMessage: () => undefined, authHint: '' };
  }
}

/**
 * The shop's keys go with every request: a plain http shop.url is refused unless it is this computer or
 * shop.allowInsecureHttp says so (then warned), the policy of the SMTP login (net/transport-security.ts).
 */
function checkShopTransport(settings: Settings, logger: Logger): void {
  const url = settings.shop.url;
  if (!url) return;
  const verdict = credentialUrlVerdict(url, settings.shop.allowInsecureHttp === true);
  if (verdict !== 'refused' && verdict !== 'allowed') return;
  const host = new URL(url).host;
  if (verdict === 'allowed') {
    logger.warn(
      t(
        "shop.url is plain http: the shop's keys travel unencrypted to {0} and anyone on the network path could read them. Use the shop's https:// address",
        host,
      ),
    );
    return;
  }
  throw new ShopError(
    t(
      "Nothing was sent: shop.url is plain http, so the shop's keys would go to {0} unencrypted. Use the shop's https:// address. Only if the network to the shop is protected otherwise, set shop.allowInsecureHttp.",
      host,
    ),
    'transport',
    settings.shop.platform,
  );
}

/** The HTTP client a platform's connector uses (exported for the Apilo authorization-code exchange). */
export function createShopHttp(settings: Settings, options: ShopConnectorOptions & { secretRegistry: SecretRegistry }): ShopHttp {
  checkShopTransport(settings, options.logger);
  const clock = options.ticks ?? processTicks;
  const sleep = stoppableSleep(settings.shop.platform, options.sleep, options.stop);
  const limit = rateLimitFor(settings, options.rateLimit);
  return new ShopHttp({
    platform: settings.shop.platform,
    fetch: options.fetch ?? globalThis.fetch,
    logger: redactingLogger(options.logger, options.secretRegistry),
    secrets: options.secretRegistry,
    limiter: limit ? new RateLimiter(limit, clock, sleep) : undefined,
    clock,
    sleep,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    backoffBaseMs: options.backoffBaseMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs,
    hooks: hooksFor(settings),
  });
}

/** The connector of the deployment's platform; throws naming the missing credential and where to set it. */
export async function createShopConnector(settings: Settings, options: ShopConnectorOptions): Promise<ShopConnector & { http?: ShopHttp }> {
  const platform = settings.shop.platform as Platform;
  const { now } = options;
  if (platform === 'demo') return new DemoShopConnector(options.dir ?? process.cwd(), now, options.pageSize ?? 50);
  const secretRegistry = options.secretRegistry ?? new SecretRegistry();
  const secrets = registeringSecrets(options.secrets, secretRegistry);
  const http = createShopHttp(settings, { ...options, secretRegistry });
  const credentials = await readCredentials(platform, secrets);
  // One key per connector, saved before the first upload uses it (orders in flight share the same promise).
  let uploadKey: Promise<string> | undefined;
  const uploadNameKey = options.uploadNameKey && (() => (uploadKey ??= options.uploadNameKey!()));
  const deps: ConnectorDeps = {
    settings,
    http,
    credentials,
    secrets,
    secretRegistry,
    logger: redactingLogger(options.logger, secretRegistry),
    now,
    pageSize: options.pageSize,
    uploadNameKey,
  };
  const connector = (() => {
    switch (platform) {
      case 'prestashop':
        return new PrestaShopConnector(deps);
      case 'woocommerce':
        return new WooCommerceConnector(deps);
      case 'baselinker':
        return new BaseLinkerConnector(deps);
      case 'apilo':
        return new ApiloConnector(deps);
      case 'sellasist':
        return new SellAsistConnector(deps);
      default:
        throw new Error(`Unknown shop platform "${String(platform)}"`);
    }
  })();
  return Object.assign(connector, { http });
}

/** Connects with the deployment's settings and reports: auth, statuses, unknown status ids, capabilities. */
export async function testShopConnection(settings: Settings, options: ShopConnectorOptions): Promise<ShopConnectionReport> {
  return runShopConnectionTest(settings, () => createShopConnector(settings, options));
}
