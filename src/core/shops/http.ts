// The one HTTP path of every connector: Node's fetch with a timeout, the deployment's rate limiter,
// waiting out 429/Retry-After and in-body blocks, bounded jittered retries of transient failures, errors
// that quote the shop and name the fix, and trace logging with secrets redacted.
import { plural, t } from '../l10n';
import { platformName, ShopError } from './errors';
import { parseJson, retryAfterMs } from './http-helpers';
import { describeBody, describeHeaders, redactUrl } from './http-redaction';
import { fetchFollowingRedirects } from './http-redirects';
import type { ShopHttpOptions, ShopRequest, ShopResponse } from './http-types';

// The connectors and the factory import the HTTP layer from here.
export { basicAuth, joinUrl, parseJson, retryAfterMs } from './http-helpers';
export type { PlatformHttpHooks, ShopHttpOptions, ShopRequest, ShopResponse } from './http-types';

const MAX_RATE_LIMIT_WAITS = 10;

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
        `→ ${request.method} ${redactUrl(this.options, request.url)} [${describeHeaders(this.options, request.headers)}]${describeBody(this.options, request.body)}`,
      );
      this.stats.requests++;
      let response: ShopResponse;
      try {
        const answer = await fetchFollowingRedirects(
          { options: this.options, name: this.name, stats: this.stats, refuse: (message) => this.fail(message, 'transport') },
          request,
          AbortSignal.timeout(this.timeoutMs),
        );
        response = { status: answer.status, headers: answer.headers, text: await answer.text() };
      } catch (error) {
        // A redirect refused by the transport policy: nothing went where it must not, and repeating changes nothing.
        if (error instanceof ShopError) throw error;
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        const cause = timedOut ? t('no answer within {0} s', this.timeoutMs / 1000) : describeNetworkError(error);
        logger.trace(`← ${request.method} ${redactUrl(this.options, request.url)} failed: ${cause}`);
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
        `← ${response.status} ${request.method} ${redactUrl(this.options, request.url)} (${elapsed} ms)${request.secretAnswer && response.status < 300 ? ` <${response.text.length} characters, not logged>` : describeBody(this.options, response.text)}`,
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

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [cause?.code, cause?.message ?? (error as Error).message].filter(Boolean).join(' ');
}
