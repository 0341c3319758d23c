// What a failed side effect becomes in the state, and which kinds of work a pass stops. A definite failure of
// the order is retried up to MAX_ATTEMPTS; a definite failure of the server (SMTP login, a shop down for every
// order) is retried next pass without using an attempt, and stops that kind of work for this pass; an uncertain
// one (sent, no answer) is never retried by a pass, unless the platform can be asked and says it did not happen.
import { t } from '../l10n';
import type { ActionKind } from '../model/actions';
import { outcomeOf, scopeOf, type FailureScope } from '../outcome';
import { ShopError } from '../shops/errors';

/** The kinds of work a pass does, each stopped on its own after a failure every order would hit. */
export type WorkKind = 'mail' | 'shop' | 'erp';

export const WORK_OF_ACTION: Record<ActionKind, WorkKind> = {
  'status-after-import': 'shop',
  'email-after-import': 'mail',
  'status-after-realization': 'shop',
  'email-after-realization': 'mail',
  'pdf-to-shop': 'shop',
};

/** How a side effect ended, ready to be recorded. */
export type RecordedOutcome =
  { state: 'done'; detail: string } | { state: 'failed'; error: string; scope: FailureScope } | { state: 'uncertain'; reason: string };

/**
 * A 5xx answer alone may be this order's own trouble (a shop plugin failing on one order): it stops the shop's
 * work only when the next shop request of the pass fails the same way. A refusal of the credentials, a rate
 * limit given up on or a connection that cannot be made stop it at once.
 */
function answeredWith5xx(error: unknown): boolean {
  return error instanceof ShopError && error.kind === 'unavailable' && (error.status ?? 0) >= 500;
}

/** Per kind of work: stopped for the rest of the pass after a failure every order would hit, said once. */
export class WorkGates {
  private readonly stopped = new Map<WorkKind, string>();
  private readonly suspect = new Set<WorkKind>();

  constructor(private readonly say: (work: WorkKind, reason: string) => void) {}

  reasonStopped(work: WorkKind): string | undefined {
    return this.stopped.get(work);
  }

  /** The kinds of work stopped in this pass, with why. */
  get stops(): Array<{ work: WorkKind; reason: string }> {
    return [...this.stopped].map(([work, reason]) => ({ work, reason }));
  }

  /** A request of this kind of work got an answer it wanted: an earlier lone 5xx was the order's. */
  noteSuccess(work: WorkKind): void {
    this.suspect.delete(work);
  }

  /** A failure of the server: stops the work now, or at the second 5xx in a row. */
  noteServerFailure(work: WorkKind, error: unknown, reason: string): void {
    if (this.stopped.has(work)) return;
    if (answeredWith5xx(error) && !this.suspect.has(work)) {
      this.suspect.add(work);
      return;
    }
    this.stopped.set(work, reason);
    this.say(work, reason);
  }

  stop(work: WorkKind, reason: string): void {
    if (this.stopped.has(work)) return;
    this.stopped.set(work, reason);
    this.say(work, reason);
  }
}

/** The outcome of a failure as the error describes it (before any check with the platform). */
export function failureOutcome(error: unknown, message: string): RecordedOutcome {
  if (outcomeOf(error) === 'uncertain') return { state: 'uncertain', reason: message };
  return { state: 'failed', error: message, scope: scopeOf(error) };
}

/**
 * A status change whose answer was lost is checked against the order: the shop shows the status → done; it does
 * not → the change did not happen, so a later pass may safely set it (definite, the server's: no attempt); the
 * order cannot be read either → uncertain.
 */
export async function checkStatusAfterLostAnswer(
  readStatus: () => Promise<string>,
  status: string,
  message: string,
): Promise<RecordedOutcome> {
  let current: string;
  try {
    current = await readStatus();
  } catch {
    return { state: 'uncertain', reason: message };
  }
  if (current === status)
    return { state: 'done', detail: t('shop status set to {0} (the answer was lost; confirmed by reading the order back)', status) };
  return {
    state: 'failed',
    error: t('{0} The order still has status {1}, so the change did not happen; it is tried again next pass.', message, current),
    scope: 'server',
  };
}

/** The consultant's words for a stopped kind of work. */
export function stoppedWorkMessage(work: WorkKind, reason: string): string {
  switch (work) {
    case 'mail':
      return t(
        'E-mail sending stopped for the rest of this pass after: {0} The remaining e-mails stay unsent and go out with the next pass; no order used an attempt.',
        reason,
      );
    case 'shop':
      return t(
        'Shop updates stopped for the rest of this pass after: {0} The remaining status changes and uploads wait for the next pass; no order used an attempt.',
        reason,
      );
    case 'erp':
      return t('ERP imports stopped for the rest of this pass after: {0} The remaining orders wait for the next pass.', reason);
  }
}
