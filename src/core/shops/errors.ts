// The errors a connector raises. Each one says what the shop answered and which setting or credential
// fixes it, so the consultant never needs to read a stack trace.
import { PLATFORM_NAMES } from '../model/platforms';
import { t } from '../l10n';
import type { FailureOutcome, FailureScope, SideEffectFailure } from '../outcome';

/** `transport`: refused by the product before anything reached the shop (plain http, a redirect off the shop's origin); `stopped`: not sent, the program is stopping. */
export type ShopErrorKind =
  'auth' | 'request' | 'notFound' | 'rateLimit' | 'unavailable' | 'timeout' | 'capability' | 'credentials' | 'transport' | 'stopped';

/** Kinds that every order would hit alike: the pass stops the shop's work and no order's attempt counts. */
const SERVER_WIDE_KINDS: ReadonlySet<ShopErrorKind> = new Set([
  'auth',
  'rateLimit',
  'unavailable',
  'timeout',
  'capability',
  'credentials',
  'transport',
  'stopped',
]);

export class ShopError extends Error implements SideEffectFailure {
  /** Whether the request may have taken effect (it went out and its answer was lost). */
  readonly outcome: FailureOutcome;
  readonly scope: FailureScope;

  constructor(
    message: string,
    readonly kind: ShopErrorKind,
    readonly platform: string,
    /** HTTP status, when there was an answer. */
    readonly status?: number,
    /** The shop's own message, as it sent it (redacted). */
    readonly shopMessage?: string,
    /** Set by the HTTP client when the request was sent and no answer came. */
    answerLost = false,
  ) {
    super(message);
    this.name = 'ShopError';
    this.outcome = answerLost ? 'uncertain' : 'definite';
    this.scope = SERVER_WIDE_KINDS.has(kind) ? 'server' : 'order';
  }
  /** Permanent errors (4xx, capability, credentials) should not be retried by the sync pass. */
  get permanent(): boolean {
    return (
      this.kind === 'auth' ||
      this.kind === 'request' ||
      this.kind === 'notFound' ||
      this.kind === 'capability' ||
      this.kind === 'credentials' ||
      this.kind === 'transport'
    );
  }
}

export { PLATFORM_NAMES };

const NAMES: ReadonlyMap<string, string> = new Map(Object.entries(PLATFORM_NAMES));

export function platformName(platform: string): string {
  return NAMES.get(platform) ?? platform;
}

export const SET_CREDENTIALS_COMMAND = 'Optima Sync: Set shop credentials…';

export function capabilityRefusal(platform: string): ShopError {
  return new ShopError(
    t('{0} cannot receive sales-document PDFs through its API; turn off afterRealization.uploadSalesPdfToShop', platformName(platform)),
    'capability',
    platform,
  );
}
