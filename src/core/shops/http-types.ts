// The shapes of the HTTP layer: a request and its answer, the platform hooks, and the client's options.
import type { Logger, SecretRegistry } from '../log';
import type { RateLimiter } from './rate-limiter';

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
