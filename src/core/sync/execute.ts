// Carries out a plan, order by order. Every side effect is recorded pending (and saved) before it is attempted
// and its outcome after: done, failed (definite) or uncertain (sent, no answer). A crash, a lost answer or a
// state that can no longer be written leaves an action uncertain at worst, never repeats it.
import { isErpDocumentPending } from '../erp/gateway';
import { t } from '../l10n';
import { outcomeOf, scopeOf } from '../outcome';
import { todayInZone } from '../state/timezone';
import { boundForKsef, currentKsefState, handsOverPdf, ksefVerdict, type KsefObservation } from './ksef-hold';
import { checkStatusAfterLostAnswer, failureOutcome, WORK_OF_ACTION, type RecordedOutcome, type WorkKind } from './outcomes';
import { PassControl } from './pass-control';
import { performAction, targetStatus, type OrderContext } from './perform';
import type { PlannedAction, PlannedOrder } from './types';

/** Orders in flight at once by default; a crash leaves at most this many orders with uncertain actions. */
export const DEFAULT_CONCURRENCY = 6;

/** The state could not record an outcome (disk full, closed store): the pass stops before any further side effect. */
export class StateWriteStoppedPass extends Error {
  constructor(cause: unknown) {
    super(
      t(
        'The pass stopped: the state database could not be written ({0}). Nothing more was sent.',
        cause instanceof Error ? cause.message : String(cause),
      ),
      { cause },
    );
    this.name = 'StateWriteStoppedPass';
  }
}

export class PlanExecutor extends PassControl {
  /** The KSeF state of the FSs this pass realized itself, and what it holds for them (the pass records them). */
  readonly ksefObservations: KsefObservation[] = [];

  /**
   * Runs every planned order; stops between actions (never inside one) when cancelled or when the state cannot
   * be written. Several orders are in flight at once: their shop and mail round trips overlap, and the state
   * store writes the records of all of them in one save (group commit). Each order's own steps stay in sequence,
   * and orders are taken (and imported, so numbered) in plan order.
   */
  async run(orders: PlannedOrder[]): Promise<'ok' | 'cancelled'> {
    let next = 0;
    let finished = 0;
    const worker = async () => {
      while (next < orders.length && !this.stopping) {
        const planned = orders[next++]!;
        try {
          await this.runOrder(planned);
        } catch (error) {
          this.fault ??= { error };
          return;
        }
        try {
          this.options.onEvent?.({ type: 'progress', done: ++finished, total: orders.length });
        } catch {
          // A listener's fault is not the pass's.
        }
      }
    };
    const concurrency = Math.max(1, Math.min(this.options.concurrency ?? DEFAULT_CONCURRENCY, orders.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
    this.skip(orders.slice(next).flatMap((planned) => [...planned.importActions, ...planned.realizationActions]));
    if (this.stateFailure !== undefined) throw new StateWriteStoppedPass(this.stateFailure);
    if (this.fault) throw this.fault.error;
    return this.options.cancel?.cancelled ? 'cancelled' : 'ok';
  }

  /** One order: its import (or the document found), its post-import actions, realization, its post-realization actions. */
  private async runOrder(planned: PlannedOrder): Promise<void> {
    const { deps } = this;
    const context: OrderContext = { planned, erpDocument: planned.erpDocument, salesDocument: planned.salesDocument };

    if (planned.documentIsNew && context.erpDocument) {
      deps.store.recordErpDocument(planned.platform, planned.shopOrderId, context.erpDocument);
      if (context.erpDocument.salesDocument)
        deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, context.erpDocument.salesDocument);
      this.summary.imported++;
      this.event(planned, t('found in the ERP as {0} {1}', context.erpDocument.kind, context.erpDocument.number));
    } else if (planned.importInto) {
      if (!(await this.importOrder(planned, context))) return;
    }

    await this.runActions(context, planned.importActions);

    if (planned.realization && !context.salesDocument && context.erpDocument) {
      if (this.gates.reasonStopped('erp') === undefined && !this.stopping) {
        try {
          context.salesDocument =
            planned.realization === 'by-status' && deps.erp.realize
              ? await deps.erp.realize(context.erpDocument, planned.order, todayInZone(deps.now(), deps.settings.timezone))
              : await deps.erp.findRealization(context.erpDocument);
        } catch (error) {
          const message = this.error(planned, 'realization', error);
          this.event(planned, t('realization failed: {0}', message), 'error');
          if (scopeOf(error) === 'server') this.gates.noteServerFailure('erp', error, message);
        }
      }
      if (context.salesDocument) this.recordRealization(planned, context);
    } else if (context.salesDocument && planned.realizationIsNew) {
      this.recordRealization(planned, context);
    }

    if (context.salesDocument) await this.runActions(context, await this.releasedByKsef(planned, context));
    else this.skip(planned.realizationActions);
    deps.store.saveSoon();
  }

  /**
   * The realization actions that may go now. The plan held those of a sales document it knew; for one realized
   * in this pass (the sandbox, by shop status) the same KSeF rule is applied here, before any of them runs.
   */
  private async releasedByKsef(planned: PlannedOrder, context: OrderContext): Promise<PlannedAction[]> {
    const sales = context.salesDocument!;
    if (
      planned.salesDocument ||
      !boundForKsef(this.deps, sales) ||
      !planned.realizationActions.some((action) => handsOverPdf(this.deps, action))
    )
      return planned.realizationActions;
    let state;
    try {
      state = await currentKsefState(this.deps, sales);
      context.salesDocument = { ...sales, ksef: state };
    } catch (error) {
      // Unknown: the PDF actions wait for the next pass, which asks again.
      this.event(planned, t('its KSeF state could not be read: {0}', this.error(planned, 'realization', error)), 'warn');
    }
    const verdict = ksefVerdict(this.deps, planned, sales, planned.realizationActions, state);
    if (verdict.observation) this.ksefObservations.push(verdict.observation);
    return verdict.go;
  }

  private recordRealization(planned: PlannedOrder, context: OrderContext): void {
    this.deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, context.salesDocument!);
    this.summary.realized++;
    this.event(planned, t('realized by {0} {1}', context.salesDocument!.kind, context.salesDocument!.number));
  }

  /** Imports the order into the ERP; false when it is not there afterwards (its actions wait). */
  private async importOrder(planned: PlannedOrder, context: OrderContext): Promise<boolean> {
    const { deps } = this;
    const allActions = [...planned.importActions, ...planned.realizationActions];
    if (this.gates.reasonStopped('erp') !== undefined || this.stopping) {
      this.skip(allActions);
      return false;
    }
    let document;
    try {
      document = await deps.erp.importOrder(planned.order, deps.settings.erp.importMode);
    } catch (error) {
      this.skip(allActions);
      if (isErpDocumentPending(error)) {
        // A read-only ERP: the document has not been entered yet; no failure, look again next pass.
        this.summary.waitingForErp++;
        this.event(planned, deps.redact(error.message));
        return false;
      }
      this.summary.importFailed++;
      const message = this.error(planned, 'import', error);
      this.event(planned, t('import failed: {0}', message), 'error');
      if (scopeOf(error) === 'server' || outcomeOf(error) === 'uncertain') this.gates.noteServerFailure('erp', error, message);
      deps.store.saveSoon();
      return false;
    }
    deps.store.recordErpDocument(planned.platform, planned.shopOrderId, document);
    if (document.salesDocument) deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, document.salesDocument);
    this.gates.noteSuccess('erp');
    context.erpDocument = document;
    context.salesDocument = document.salesDocument ?? context.salesDocument;
    this.summary.imported++;
    this.event(planned, t('imported as {0} {1}', document.kind, document.number));
    return true;
  }

  /**
   * Each action: recorded pending and saved, attempted, then its outcome recorded. The outcome's save is not
   * awaited before the next action's pending save, which carries it (and the other orders' records) along, so
   * a crash leaves at most the action under way uncertain in each order in flight.
   */
  private async runActions(context: OrderContext, actions: PlannedAction[]): Promise<void> {
    if (actions.length === 0) return;
    const { store } = this.deps;
    const { planned } = context;
    const outcomes: Array<Promise<void>> = [];
    for (const action of actions) {
      // Re-check: another decision (a reset, "mark as done") may have settled the action since planning.
      const record = store.getAction(planned.platform, planned.shopOrderId, action.kind);
      const work = WORK_OF_ACTION[action.kind];
      if ((record && record.state !== 'failed') || this.stopping || this.gates.reasonStopped(work) !== undefined) {
        this.summary.actions[action.kind].skipped++;
        continue;
      }
      // E-mails wait their turn; once sending has stopped for this pass (login, connection) they stay unsent.
      const turn = action.email && this.deps.mail.claim ? await this.deps.mail.claim() : undefined;
      if (turn === false || (turn && (this.stopping || this.gates.reasonStopped(work) !== undefined))) {
        if (turn) turn();
        this.summary.actions[action.kind].skipped++;
        continue;
      }
      try {
        try {
          await store.markPending(planned.platform, planned.shopOrderId, action.kind);
        } catch (error) {
          // Nothing that the state cannot record is sent: this and every later action is skipped.
          this.stateWriteFailed(error);
          this.summary.actions[action.kind].skipped++;
          continue;
        }
        const outcome = await this.attempt(context, action, work);
        outcomes.push(this.record(planned, action, outcome));
      } finally {
        turn?.();
      }
    }
    await Promise.all(outcomes);
  }

  /** The side effect, and what its failure means: checked with the shop where it can be asked. */
  private async attempt(context: OrderContext, action: PlannedAction, work: WorkKind): Promise<RecordedOutcome> {
    const { deps } = this;
    const { planned } = context;
    try {
      const detail = await performAction(deps, context, action, () => {
        this.summary.emailsSent++;
      });
      this.gates.noteSuccess(work);
      return { state: 'done', detail };
    } catch (error) {
      const message = this.describe(error);
      let outcome = failureOutcome(error, message);
      if (outcome.state === 'uncertain' && (action.kind === 'status-after-import' || action.kind === 'status-after-realization')) {
        outcome = await checkStatusAfterLostAnswer(
          async () => (await deps.shop.getOrder(planned.order.id)).status,
          targetStatus(deps, action.kind),
          message,
        );
      }
      if (outcome.state !== 'done') {
        this.summary.errors.push({
          order: planned.number,
          action: action.kind,
          message: outcome.state === 'failed' ? outcome.error : outcome.reason,
        });
        if (scopeOf(error) === 'server' || outcome.state === 'uncertain') this.gates.noteServerFailure(work, error, message);
      }
      return outcome;
    }
  }

  /** Records the outcome first; the counts, the log line and the event follow and cannot undo it. */
  private record(planned: PlannedOrder, action: PlannedAction, outcome: RecordedOutcome): Promise<void> {
    const { store } = this.deps;
    const { platform, shopOrderId } = planned;
    let saved: Promise<void>;
    try {
      saved =
        outcome.state === 'done'
          ? store.markDone(platform, shopOrderId, action.kind, outcome.detail)
          : outcome.state === 'failed'
            ? store.markFailed(platform, shopOrderId, action.kind, outcome.error, outcome.scope)
            : store.markUncertain(platform, shopOrderId, action.kind, outcome.reason);
    } catch (error) {
      saved = Promise.reject(error);
    }
    const counts = this.summary.actions[action.kind];
    if (outcome.state === 'done') {
      counts.done++;
      this.event(planned, `${action.kind}: ${outcome.detail}`);
    } else if (outcome.state === 'failed') {
      counts.failed++;
      this.event(planned, t('{0} failed: {1}', action.kind, outcome.error), 'error');
    } else {
      counts.uncertain++;
      this.summary.uncertain.push({ shopOrderId, number: planned.number, kind: action.kind, since: this.deps.now().toISOString() });
      this.event(planned, t('{0} is uncertain: {1}', action.kind, outcome.reason), 'warn');
    }
    return saved.catch((error: unknown) => this.stateWriteFailed(error));
  }
}
