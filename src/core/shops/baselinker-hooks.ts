// How BaseLinker reports failures: an answer envelope with status ERROR (often with HTTP 200), and a blocked
// token with the local time it is blocked until. The HTTP layer reads these through the platform hooks.
import { t } from '../l10n';
import { credentialHint } from './credentials';
import type { PlatformHttpHooks, ShopResponse } from './http';
import { localToUtcMs } from './normalize';

export interface BlAnswer {
  status: 'SUCCESS' | 'ERROR';
  error_code?: string;
  error_message?: string;
}

/** "Query limit exceeded, token blocked until 2024-05-03 17:15:34" — Polish local time (UNCONFIRMED: no zone is given). */
const BLOCKED_UNTIL = /blocked until (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/i;

export function baselinkerHooks(): PlatformHttpHooks {
  const answer = (response: ShopResponse): BlAnswer | undefined => {
    try {
      return JSON.parse(response.text) as BlAnswer;
    } catch {
      return undefined;
    }
  };
  return {
    errorMessage: (_status, body) => {
      try {
        const parsed = JSON.parse(body) as BlAnswer;
        return [parsed.error_code, parsed.error_message].filter(Boolean).join(': ') || undefined;
      } catch {
        return body.slice(0, 200) || undefined;
      }
    },
    blockedUntil: (response, now) => {
      const parsed = answer(response);
      if (parsed?.status !== 'ERROR' || parsed.error_code !== 'ERROR_BLOCKED_TOKEN') return undefined;
      const match = BLOCKED_UNTIL.exec(parsed.error_message ?? '');
      const until = match ? localToUtcMs(match[1]!, 'Europe/Warsaw') : NaN;
      // One second of margin: the shop's clock and ours are not the same; an unreadable time means a minute.
      return Number.isFinite(until) ? Math.max(until + 1000, now + 1000) : now + 60_000;
    },
    bodyError: (response) => {
      const parsed = answer(response);
      if (!parsed || parsed.status !== 'ERROR') return undefined;
      return { code: parsed.error_code, message: parsed.error_message ?? '' };
    },
    authHint: t('the BaseLinker API token. {0}', credentialHint('baselinker')),
    secretHeaders: ['X-BLToken'],
  };
}
