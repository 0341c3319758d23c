// How a failed side effect ended, in the terms of the at-most-once rule. A failure is *definite* only when the
// other side said no before acting (an SMTP reply before the data, an HTTP 4xx/5xx answer, a connection that
// was never made); it is *uncertain* when the request or the message went out and no answer came. It belongs to
// the *order* (a rejected recipient, a status the shop refuses for that order) or to the *server* (a login, a
// connection, a shop answering 401/429/5xx): only failures of the order use one of its attempts.

export type FailureOutcome = 'definite' | 'uncertain';
export type FailureScope = 'order' | 'server';

/** What an error of a side effect may say about itself; errors that say nothing are definite and the order's. */
export interface SideEffectFailure {
  readonly outcome?: FailureOutcome;
  readonly scope?: FailureScope;
}

function field<T extends string>(error: unknown, name: keyof SideEffectFailure, allowed: readonly T[]): T | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function outcomeOf(error: unknown): FailureOutcome {
  return field(error, 'outcome', ['definite', 'uncertain'] as const) ?? 'definite';
}

export function scopeOf(error: unknown): FailureScope {
  return field(error, 'scope', ['order', 'server'] as const) ?? 'order';
}

/**
 * The answer to a request that went out was lost, but a check (the order's status, the product's own marker on a
 * note or file) proved it did not take effect: repeating it is safe, so the failure is definite.
 */
export class CheckedNotDoneError extends Error implements SideEffectFailure {
  readonly outcome = 'definite' as const;
  constructor(
    message: string,
    readonly scope: FailureScope = 'server',
  ) {
    super(message);
    this.name = 'CheckedNotDoneError';
  }
}
