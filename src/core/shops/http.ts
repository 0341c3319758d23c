// The one HTTP path of every connector: Node's fetch with a timeout, the deployment's rate limiter,
// waiting out 429/Retry-After and in-body blocks, bounded jittered retries of transient failures, errors
// that quote the shop and name the fix, and trace logging with secrets redacted.
import type { Logger, SecretRegistry } from '../log';
import { plural, t } from '../l10n';
import type { RateLimiter } from './rate-limiter';
import { platformName, ShopError } from './errors';

export interface ShopRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Safe to repeat when the first attempt's fate is unknown (timeout, 5xx). Writes that create things are not. */
  idempotent: boolean;
  /** What the request does, for messages: "list orders". */
  what: string;
  /** The answer carries secrets (tokens): its body is never logged. */
  secretAnswer?: boolean;
  /** The setting that most likely fixes a 4xx answer, e.g. "shop.importStatuses". */
  setting?: string;
}

export interface ShopResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface PlatformHttpHooks {
  /** The shop's own message from an error body. */
  errorMessage(status: number, text: string): string | undefined;
  /** An in-body "blocked until" answer (BaseLinker): the instant (ms) to wait until, or undefined. */
  blockedUntil?(response: ShopResponse, now: number): number | undefined;
  /** A 200 answer that is an error all the same (BaseLinker status ERROR): its message, or undefined. */
  bodyError?(response: ShopResponse): { message: string; code?: string } | undefined;
  /** Words for the credential a 401/403 concerns, plus where to set it. */
  authHint: string;
  /** Header names whose values are never logged. */
  secretHeaders?: string[];
  /** Query parameter names whose values are never logged. */
  secretQuery?: string[];
}

export interface ShopHttpOptions {
  platform: string;
  fetch: typeof fetch;
  logger: Logger;
  secrets: SecretRegistry;
  limiter?: RateLimiter;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (5xx, network, timeout). */
  maxRetries?: number;
  backoffBaseMs?: number;
  /** Longest wait the client accepts for a rate-limit pause before giving up with an error. */
  maxRateLimitWaitMs?: number;
  random?: () => number;
  hooks: PlatformHttpHooks;
}

const MAX_LOGGED_BODY = 2000;
const MAX_RATE_LIMIT_WAITS = 10;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry a credential whatever the platform (the platforms add their own: X-BLToken, apiKey). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export class ShopHttp {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly random: () => number;
  /** Counters for the connection test and the bench. */
  readonly stats = { requests: 0, retries: 0, rateLimitWaits: 0 };

  constructor(private readonly options: ShopHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15 * 60_000;
    this.random = options.random ?? Math.random;
  }

  /** The client's own clock (milliseconds that only move forward; tests move it): for time budgets. */
  ticks(): number {
    return this.options.clock();
  }

  private get name(): string {
    return platformName(this.options.platform);
  }

  private redactUrl(url: string): string {
    const parsed = new URL(url);
    for (const key of this.options.hooks.secretQuery ?? []) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, 'REDACTED');
    if (parsed.username || parsed.password) {
      parsed.username = 'REDACTED';
      parsed.password = '';
    }
    return this.options.secrets.redact(decodeURI(parsed.toString()));
  }

  private describeHeaders(headers: Record<string, string> | undefined): string {
    const secret = new Set(['authorization', ...(this.options.hooks.secretHeaders ?? []).map((h) => h.toLowerCase())]);
    return Object.entries(headers ?? {})
      .map(([key, value]) => `${key}: ${secret.has(key.toLowerCase()) ? 'REDACTED' : value}`)
      .join('; ');
  }

  private describeBody(body: string | Uint8Array | undefined): string {
    if (body === undefined) return '';
    if (typeof body !== 'string') return ` <${body.byteLength} bytes>`;
    return ' ' + this.options.secrets.redact(body.length > MAX_LOGGED_BODY ? body.slice(0, MAX_LOGGED_BODY) + '…' : body);
  }

  private backoff(attempt: number): number {
    // Full jitter: a random wait up to base·2^attempt, so several clients never retry in step.
    return Math.round(this.random() * this.backoffBaseMs * 2 ** attempt) + 1;
  }

  private fail(message: string, kind: ShopError['kind'], status?: number, shopMessage?: string, answerLost = false): ShopError {
    const redacted = shopMessage === undefined ? undefined : this.options.secrets.redact(shopMessage);
    return new ShopError(this.options.secrets.redact(message), kind, this.options.platform, status, redacted, answerLost);
  }

  async send(request: ShopRequest): Promise<ShopResponse> {
    const { logger, hooks } = this.options;
    let attempt = 0;
    let rateLimitWaits = 0;
    for (;;) {
      await this.options.limiter?.acquire();
      const started = this.options.clock();
      logger.trace(
        `→ ${request.method} ${this.redactUrl(request.url)} [${this.describeHeaders(request.headers)}]${this.describeBody(request.body)}`,
      );
      this.stats.requests++;
      let response: ShopResponse;
      try {
        const answer = await this.fetchFollowingRedirects(request, AbortSignal.timeout(this.timeoutMs));
        response = { status: answer.status, headers: answer.headers, text: await answer.text() };
      } catch (error) {
        // A redirect refused by the transport policy: nothing went where it must not, and repeating changes nothing.
        if (error instanceof ShopError) throw error;
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        const cause = timedOut ? t('no answer within {0} s', this.timeoutMs / 1000) : describeNetworkError(error);
        logger.trace(`← ${request.method} ${this.redactUrl(request.url)} failed: ${cause}`);
        // A refused connection never reached the shop, so even a non-idempotent request may be repeated.
        const neverSent = !timedOut && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(cause);
        if (attempt < this.maxRetries && (request.idempotent || neverSent)) {
          await this.retryWait(attempt++, request, cause);
          continue;
        }
        // Sent, and no answer: a write may have been carried out (an idempotent one is checked by the caller).
        const answerLost = !neverSent && request.method !== 'GET';
        const uncertain =
          answerLost && !request.idempotent ? ' ' + t('It may have been carried out: check the order in the shop before retrying.') : '';
        throw this.fail(
          plural(
            attempt + 1,
            {
              one: '{1}: {2} failed after {0} attempt: {3}. Check shop.url and the network.',
              other: '{1}: {2} failed after {0} attempts: {3}. Check shop.url and the network.',
            },
            this.name,
            t(request.what),
            cause,
          ) + uncertain,
          timedOut ? 'timeout' : 'unavailable',
          undefined,
          undefined,
          answerLost,
        );
      }
      const elapsed = this.options.clock() - started;
      logger.trace(
        `← ${response.status} ${request.method} ${this.redactUrl(request.url)} (${elapsed} ms)${request.secretAnswer && response.status < 300 ? ` <${response.text.length} characters, not logged>` : this.describeBody(response.text)}`,
      );

      const now = this.options.clock();
      const blockedUntil =
        response.status === 429
          ? now + (retryAfterMs(response.headers.get('retry-after'), now) ?? 60_000)
          : hooks.blockedUntil?.(response, now);
      if (blockedUntil !== undefined) {
        const wait = Math.max(0, blockedUntil - now);
        if (wait > this.maxRateLimitWaitMs || rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
          throw this.fail(
            t(
              '{0}: {1} is rate-limited for {2} s more ({3}). Lower shop.requestsPerMinute or try later.',
              this.name,
              t(request.what),
              Math.ceil(wait / 1000),
              hooks.errorMessage(response.status, response.text) ?? `HTTP ${response.status}`,
            ),
            'rateLimit',
            response.status,
          );
        }
        rateLimitWaits++;
        this.stats.rateLimitWaits++;
        logger.warn(t('{0} asked to slow down; waiting {1} s', this.name, Math.ceil(wait / 1000)));
        this.options.limiter?.pauseUntil(blockedUntil);
        if (!this.options.limiter) await this.options.sleep(wait);
        continue;
      }
      if (response.status >= 500) {
        const shopMessage = hooks.errorMessage(response.status, response.text);
        if (attempt < this.maxRetries && request.idempotent) {
          await this.retryWait(attempt++, request, `HTTP ${response.status}`);
          continue;
        }
        throw this.fail(
          plural(
            attempt + 1,
            { one: '{1}: {2} failed: HTTP {3} {4} (after {0} attempt).', other: '{1}: {2} failed: HTTP {3} {4} (after {0} attempts).' },
            this.name,
            t(request.what),
            response.status,
            shopMessage ?? '',
          ),
          'unavailable',
          response.status,
          shopMessage,
        );
      }
      if (response.status >= 400) {
        const shopMessage = hooks.errorMessage(response.status, response.text) ?? '';
        if (response.status === 401 || response.status === 403) {
          throw this.fail(
            t(
              '{0} rejected the credentials while trying to {1}: HTTP {2} {3}. Check {4}',
              this.name,
              t(request.what),
              response.status,
              shopMessage,
              hooks.authHint,
            ),
            'auth',
            response.status,
            shopMessage,
          );
        }
        const setting = request.setting ?? 'shop.url';
        throw this.fail(
          t('{0}: {1} failed: HTTP {2} {3}. Check the setting {4}.', this.name, t(request.what), response.status, shopMessage, setting),
          response.status === 404 ? 'notFound' : 'request',
          response.status,
          shopMessage,
        );
      }
      const bodyError = hooks.bodyError?.(response);
      if (bodyError) {
        const setting = request.setting ?? 'shop.url';
        const auth = /TOKEN|AUTH/i.test(bodyError.code ?? '') && !/BLOCKED/.test(bodyError.code ?? '');
        throw this.fail(
          auth
            ? t(
                '{0} rejected the credentials while trying to {1}: {2} {3}. Check {4}',
                this.name,
                t(request.what),
                bodyError.code ?? '',
                bodyError.message,
                hooks.authHint,
              )
            : t(
                '{0}: {1} failed: {2} {3}. Check the setting {4}.',
                this.name,
                t(request.what),
                bodyError.code ?? '',
                bodyError.message,
                setting,
              ),
          auth ? 'auth' : 'request',
          response.status,
          bodyError.message,
        );
      }
      return response;
    }
  }

  /** Whether the request carries a credential (a header or query parameter the platform names, user info). */
  private carriesCredentials(request: ShopRequest): boolean {
    const names = new Set([...CREDENTIAL_HEADERS, ...(this.options.hooks.secretHeaders ?? []).map((h) => h.toLowerCase())]);
    if (Object.keys(request.headers ?? {}).some((key) => names.has(key.toLowerCase()))) return true;
    const url = new URL(request.url);
    return Boolean(url.username || url.password) || (this.options.hooks.secretQuery ?? []).some((key) => url.searchParams.has(key));
  }

  /**
   * fetch with redirects followed by hand (fetch itself would forward the platforms' credential headers to any
   * host): never from https to plain http, never to another origin with credentials, and a write only by
   * 307/308, which keep its method and body. A refusal is a `transport` ShopError; nothing is sent there.
   */
  private async fetchFollowingRedirects(request: ShopRequest, signal: AbortSignal): Promise<Response> {
    const refuse = (message: string) => this.fail(message, 'transport');
    const what = t(request.what);
    let url = new URL(request.url);
    for (let hop = 0; ; hop++) {
      const answer = await this.options.fetch(url.toString(), {
        method: request.method,
        headers: request.headers,
        body: request.body as RequestInit['body'],
        signal,
        redirect: 'manual',
      });
      const location = REDIRECT_STATUSES.has(answer.status) ? answer.headers.get('location') : null;
      if (location === null) return answer;
      await answer.body?.cancel().catch(() => undefined);
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        throw refuse(
          t('{0}: {1}: the shop answered HTTP {2} with an invalid redirect address. Check shop.url.', this.name, what, answer.status),
        );
      }
      const shown = this.redactUrl(target.toString());
      this.options.logger.trace(`↪ ${answer.status} ${request.method} ${this.redactUrl(url.toString())} → ${shown}`);
      if (hop >= MAX_REDIRECTS) throw refuse(t('{0}: {1}: more than {2} redirects. Check shop.url.', this.name, what, MAX_REDIRECTS));
      if (url.protocol === 'https:' && target.protocol !== 'https:') {
        throw refuse(
          t(
            "{0}: {1}: the shop redirected the request from https to plain http ({2}); the shop's keys never travel unencrypted. Check shop.url.",
            this.name,
            what,
            shown,
          ),
        );
      }
      if (target.origin !== url.origin && this.carriesCredentials(request)) {
        throw refuse(
          t(
            "{0}: {1}: the shop redirected the request to another address ({2}); the shop's keys are never sent to another site. If the shop lives there now, set shop.url to that address.",
            this.name,
            what,
            target.origin,
          ),
        );
      }
      if (request.method !== 'GET' && answer.status !== 307 && answer.status !== 308) {
        // fetch would turn the write into a GET and drop its body; the address is what needs fixing.
        throw refuse(
          t(
            '{0}: {1}: the shop answered HTTP {2} with a redirect to {3}; a change is never re-sent as a read. Set shop.url to the address the shop uses now.',
            this.name,
            what,
            answer.status,
            shown,
          ),
        );
      }
      url = target;
      this.stats.requests++;
      await this.options.limiter?.acquire();
    }
  }

  private async retryWait(attempt: number, request: ShopRequest, cause: string): Promise<void> {
    const wait = this.backoff(attempt);
    this.stats.retries++;
    this.options.logger.debug(`${this.name}: ${request.what}: ${cause}; retry ${attempt + 1}/${this.maxRetries} in ${wait} ms`);
    await this.options.sleep(wait);
  }

  /** Sends and parses a JSON answer. */
  async json<T>(request: ShopRequest): Promise<T> {
    const response = await this.send(request);
    return parseJson<T>(response.text, this.name, request.what);
  }
}

export function parseJson<T>(text: string, name: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ShopError(t('{0}: {1}: the answer is not JSON: {2}', name, t(what), text.slice(0, 200)), 'request', name);
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [cause?.code, cause?.message ?? (error as Error).message].filter(Boolean).join(' ');
}

export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
