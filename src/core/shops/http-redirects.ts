// Redirects followed by hand, so a shop's keys never leave for plain http or another site and a write is never
// re-sent as a read.
import { t } from '../l10n';
import type { ShopError } from './errors';
import { redactUrl } from './http-redaction';
import type { PlatformHttpHooks, ShopHttpOptions, ShopRequest } from './http-types';

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry a credential whatever the platform (the platforms add their own: X-BLToken, apiKey). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** What the redirect loop needs of the client that sends the request. */
export interface RedirectContext {
  options: ShopHttpOptions;
  /** The platform's display name, for messages. */
  name: string;
  /** The client's counters: each redirect followed is one more request. */
  stats: { requests: number };
  /** A `transport` ShopError (the request is refused; nothing is sent there). */
  refuse(message: string): ShopError;
}

/** Whether the request carries a credential (a header or query parameter the platform names, user info). */
function carriesCredentials(hooks: PlatformHttpHooks, request: ShopRequest): boolean {
  const names = new Set([...CREDENTIAL_HEADERS, ...(hooks.secretHeaders ?? []).map((h) => h.toLowerCase())]);
  if (Object.keys(request.headers ?? {}).some((key) => names.has(key.toLowerCase()))) return true;
  const url = new URL(request.url);
  return Boolean(url.username || url.password) || (hooks.secretQuery ?? []).some((key) => url.searchParams.has(key));
}

/**
 * fetch with redirects followed by hand (fetch itself would forward the platforms' credential headers to any
 * host): never from https to plain http, never to another origin with credentials, and a write only by
 * 307/308, which keep its method and body. A refusal is a `transport` ShopError; nothing is sent there.
 */
export async function fetchFollowingRedirects(context: RedirectContext, request: ShopRequest, signal: AbortSignal): Promise<Response> {
  const { options, name, stats, refuse } = context;
  const what = t(request.what);
  let url = new URL(request.url);
  for (let hop = 0; ; hop++) {
    const answer = await options.fetch(url.toString(), {
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
      throw refuse(t('{0}: {1}: the shop answered HTTP {2} with an invalid redirect address. Check shop.url.', name, what, answer.status));
    }
    const shown = redactUrl(options, target.toString());
    options.logger.trace(`↪ ${answer.status} ${request.method} ${redactUrl(options, url.toString())} → ${shown}`);
    if (hop >= MAX_REDIRECTS) throw refuse(t('{0}: {1}: more than {2} redirects. Check shop.url.', name, what, MAX_REDIRECTS));
    if (url.protocol === 'https:' && target.protocol !== 'https:') {
      throw refuse(
        t(
          "{0}: {1}: the shop redirected the request from https to plain http ({2}); the shop's keys never travel unencrypted. Check shop.url.",
          name,
          what,
          shown,
        ),
      );
    }
    if (target.origin !== url.origin && carriesCredentials(options.hooks, request)) {
      throw refuse(
        t(
          "{0}: {1}: the shop redirected the request to another address ({2}); the shop's keys are never sent to another site. If the shop lives there now, set shop.url to that address.",
          name,
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
          name,
          what,
          answer.status,
          shown,
        ),
      );
    }
    url = target;
    stats.requests++;
    await options.limiter?.acquire();
  }
}
