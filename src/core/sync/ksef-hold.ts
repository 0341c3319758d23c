// The KSeF hold. An FS bound for KSeF is legally issued only with its KSeF number, so with erp.ksef on the
// actions that hand it to the buyer as a PDF — the e-mail after realization with the PDF attached, the PDF
// upload to the shop — wait until the ERP says KSeF numbered it. A held action is not attempted, not failed and
// uses no attempt: it is still to do (so its order is not settled), and the pass records why it waits. A PA, an
// FS outside KSeF, a status change, an e-mail without the PDF and a shop that takes only the number go at once.
// An FS that KSeF rejected fails its held actions with the ERP's reason; nothing is sent. The plan decides for a
// sales document it knows; the executor asks the same for one it realizes itself (the sandbox, by shop status).
import type { SalesDocument } from '../erp/gateway';
import type { KsefState } from '../ksef/state';
import { t } from '../l10n';
import type { ActionKind } from '../model/actions';
import type { StoredOrder } from '../state/api';
import type { PlannedAction, PlannedOrder, SyncDependencies, SyncSummary } from './types';

/** What a pass learnt of one order's sales document in KSeF, and what it holds or fails for it. */
export interface KsefObservation {
  platform: string;
  shopOrderId: string;
  number: string;
  salesNumber: string;
  state: KsefState;
  /** The actions that wait for the KSeF number. */
  held: ActionKind[];
  /** Actions KSeF's rejection fails now (not those failed for it by an earlier pass). */
  rejected: Array<{ kind: ActionKind; message: string }>;
  /** When the hold began (an earlier pass), else now. */
  since?: string;
}

/** Whether the action hands the sales document to the buyer as a PDF (what KSeF holds). */
export function handsOverPdf(deps: Pick<SyncDependencies, 'shop'>, action: Pick<PlannedAction, 'kind' | 'email'>): boolean {
  if (action.kind === 'email-after-realization') return action.email?.attachPdf === true;
  // A shop that takes no file gets the document's number only, which is no copy of the invoice.
  return action.kind === 'pdf-to-shop' && deps.shop.capabilities.uploadSalesPdf;
}

/** A sales document KSeF may hold: an FS with erp.ksef on. */
export function boundForKsef(deps: Pick<SyncDependencies, 'settings'>, sales: SalesDocument): boolean {
  return deps.settings.erp.ksef?.enabled === true && sales.kind === 'FS';
}

export function rejectionMessage(salesNumber: string, state: KsefState): string {
  return t(
    'KSeF rejected {0}: {1}. Nothing was sent; correct the invoice in the ERP (once KSeF accepts it, the next pass sends it).',
    salesNumber,
    state.reason ?? t('no reason given'),
  );
}

/**
 * Splits the actions of a sales document by its KSeF state: those that go, the held ones, and those the
 * rejection fails now (an action already failed with the same message stays as it is: no new failure).
 * `state` undefined: the ERP could not say (reported elsewhere); the PDF actions wait for the next pass.
 */
export function ksefVerdict(
  deps: Pick<SyncDependencies, 'shop' | 'store'>,
  planned: Pick<PlannedOrder, 'platform' | 'shopOrderId' | 'number'> & { stored?: StoredOrder },
  sales: SalesDocument,
  actions: readonly PlannedAction[],
  state: KsefState | undefined,
): { go: PlannedAction[]; observation?: KsefObservation } {
  const go: PlannedAction[] = [];
  const held: ActionKind[] = [];
  const rejected: KsefObservation['rejected'] = [];
  for (const action of actions) {
    if (!handsOverPdf(deps, action) || state?.status === 'accepted' || state?.status === 'outside') {
      go.push(action);
    } else if (state?.status === 'rejected') {
      const message = rejectionMessage(sales.number, state);
      const record = deps.store.getAction(planned.platform, planned.shopOrderId, action.kind);
      if (record?.state !== 'failed' || record.lastError !== message) rejected.push({ kind: action.kind, message });
    } else {
      held.push(action.kind);
    }
  }
  if (!state) return { go };
  return {
    go,
    observation: {
      platform: planned.platform,
      shopOrderId: planned.shopOrderId,
      number: planned.number,
      salesNumber: sales.number,
      state,
      held,
      rejected,
      ...(planned.stored?.ksefHold ? { since: planned.stored.ksefHold.since } : {}),
    },
  };
}

/** The KSeF state the ERP gives now, unless the state already knows a final one (accepted, outside). */
export async function currentKsefState(deps: Pick<SyncDependencies, 'erp'>, sales: SalesDocument): Promise<KsefState> {
  const known = sales.ksef;
  if (known && (known.status === 'accepted' || known.status === 'outside')) return known;
  return deps.erp.ksef(sales);
}

/** The summary's lines for what a pass (or a dry run) learnt: the orders waiting for KSeF, those it rejected. */
export function noteKsefObservations(
  summary: Pick<SyncSummary, 'waitingForKsef' | 'rejectedByKsef'>,
  observations: readonly KsefObservation[],
  now: Date,
): void {
  for (const seen of observations) {
    if (seen.held.length > 0) {
      summary.waitingForKsef.push({
        shopOrderId: seen.shopOrderId,
        number: seen.number,
        salesDocument: seen.salesNumber,
        kinds: seen.held,
        since: seen.since ?? now.toISOString(),
      });
    }
    if (seen.state.status === 'rejected') {
      summary.rejectedByKsef.push({
        shopOrderId: seen.shopOrderId,
        number: seen.number,
        salesDocument: seen.salesNumber,
        reason: seen.state.reason ?? '',
      });
    }
  }
}

/**
 * Records what the pass learnt: the KSeF state and the holds (observations, like a fetched order), and the
 * rejection's failures (definite, the order's: nothing was attempted, so no attempt is used).
 */
export async function recordKsefObservations(
  deps: Pick<SyncDependencies, 'store' | 'now' | 'logger'>,
  observations: readonly KsefObservation[],
  summary: SyncSummary,
): Promise<void> {
  noteKsefObservations(summary, observations, deps.now());
  for (const seen of observations) {
    deps.store.recordKsef(seen.platform, seen.shopOrderId, seen.state, seen.held);
    if (seen.held.length > 0)
      deps.logger.info(
        t(
          '{0}: the e-mail with the PDF and the upload of {1} wait for KSeF to number it: {2}',
          seen.number,
          seen.salesNumber,
          seen.held.join(', '),
        ),
      );
    for (const { kind, message } of seen.rejected) {
      await deps.store.markFailed(seen.platform, seen.shopOrderId, kind, message, 'order');
      summary.actions[kind].failed++;
      summary.errors.push({ order: seen.number, action: kind, message });
      deps.logger.error(`${seen.number}: ${kind}: ${message}`);
    }
  }
  if (observations.length > 0) deps.store.saveSoon();
}
