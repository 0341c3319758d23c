// Carries out a plan, order by order. Every side effect is recorded pending (and saved) before it is
// attempted and done/failed after, so a crash can at worst leave an action "uncertain", never repeat it.
import { isErpDocumentPending, type ErpDocument, type SalesDocument } from '../erp/gateway';
import { t } from '../l10n';
import type { ActionKind } from '../model/actions';
import { todayInZone } from '../state/timezone';
import { ORDER_DETAILS_DAYS } from '../state/retention';
import type { PlannedAction, PlannedOrder, SyncDependencies, SyncOptions, SyncSummary } from './types';

/** Orders in flight at once by default; a crash leaves at most this many orders with uncertain actions. */
export const DEFAULT_CONCURRENCY = 6;

interface OrderContext {
  planned: PlannedOrder;
  erpDocument?: ErpDocument;
  salesDocument?: SalesDocument;
  pdf?: { fileName: string; bytes: Uint8Array };
}

export class PlanExecutor {
  constructor(
    private readonly deps: SyncDependencies,
    private readonly options: SyncOptions,
    private readonly summary: SyncSummary,
  ) {}

  private event(planned: PlannedOrder, message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    const line = `${planned.number}: ${message}`;
    this.deps.logger[level](line);
    this.options.onEvent?.({ type: 'order', orderNumber: planned.number, message, level });
  }

  private error(planned: PlannedOrder, action: SyncSummary['errors'][number]['action'], error: unknown): string {
    const message = this.deps.redact(error instanceof Error ? error.message : String(error));
    this.summary.errors.push({ order: planned.number, action, message });
    return message;
  }

  /**
   * Runs every planned order; stops between orders (never inside an action) when cancelled. Several orders are
   * in flight at once: their shop and mail round trips overlap, and the state store writes the records of all
   * of them in one save (group commit), which bounds the write rate. Each order's own steps stay in sequence,
   * and orders are taken (and imported, so numbered) in plan order.
   */
  async run(orders: PlannedOrder[]): Promise<'ok' | 'cancelled'> {
    let next = 0;
    let finished = 0;
    let cancelled = false;
    const worker = async () => {
      while (next < orders.length) {
        if (this.options.cancel?.cancelled) {
          cancelled = true;
          return;
        }
        await this.runOrder(orders[next++]!);
        this.options.onEvent?.({ type: 'progress', done: ++finished, total: orders.length });
      }
    };
    const concurrency = Math.max(1, Math.min(this.options.concurrency ?? DEFAULT_CONCURRENCY, orders.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (cancelled) {
      this.skipRemaining(orders.slice(next));
      return 'cancelled';
    }
    return 'ok';
  }

  private skipRemaining(orders: PlannedOrder[]): void {
    for (const planned of orders) {
      for (const action of [...planned.importActions, ...planned.realizationActions]) this.summary.actions[action.kind].skipped++;
    }
  }

  private async runOrder(planned: PlannedOrder): Promise<void> {
    const { deps } = this;
    const context: OrderContext = { planned, erpDocument: planned.erpDocument, salesDocument: planned.salesDocument };

    if (planned.documentIsNew && context.erpDocument) {
      deps.store.recordErpDocument(planned.platform, planned.shopOrderId, context.erpDocument);
      if (context.erpDocument.salesDocument) deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, context.erpDocument.salesDocument);
      this.summary.imported++;
      this.event(planned, t('found in the ERP as {0} {1}', context.erpDocument.kind, context.erpDocument.number));
    } else if (planned.importInto) {
      try {
        const document = await deps.erp.importOrder(planned.order, deps.settings.erp.importMode);
        deps.store.recordErpDocument(planned.platform, planned.shopOrderId, document);
        if (document.salesDocument) deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, document.salesDocument);
        context.erpDocument = document;
        context.salesDocument = document.salesDocument ?? context.salesDocument;
        this.summary.imported++;
        this.event(planned, t('imported as {0} {1}', document.kind, document.number));
      } catch (error) {
        this.skip([...planned.importActions, ...planned.realizationActions]);
        if (isErpDocumentPending(error)) {
          // A read-only ERP: the document has not been entered yet; no failure, look again next pass.
          this.summary.waitingForErp++;
          this.event(planned, deps.redact(error.message));
          return;
        }
        this.summary.importFailed++;
        this.event(planned, t('import failed: {0}', this.error(planned, 'import', error)), 'error');
        deps.store.saveSoon();
        return;
      }
    }

    await this.runActions(context, planned.importActions);

    if (planned.realization && !context.salesDocument && context.erpDocument) {
      try {
        context.salesDocument =
          planned.realization === 'by-status' && deps.erp.realize
            ? await deps.erp.realize(context.erpDocument, planned.order, todayInZone(deps.now(), deps.settings.timezone))
            : await deps.erp.findRealization(context.erpDocument);
      } catch (error) {
        this.event(planned, t('realization failed: {0}', this.error(planned, 'realization', error)), 'error');
      }
      if (context.salesDocument) {
        deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, context.salesDocument);
        this.summary.realized++;
        this.event(planned, t('realized by {0} {1}', context.salesDocument.kind, context.salesDocument.number));
      }
    } else if (context.salesDocument && planned.realizationIsNew) {
      deps.store.recordSalesDocument(planned.platform, planned.shopOrderId, context.salesDocument);
      this.summary.realized++;
      this.event(planned, t('realized by {0} {1}', context.salesDocument.kind, context.salesDocument.number));
    }

    if (context.salesDocument) await this.runActions(context, planned.realizationActions);
    else this.skip(planned.realizationActions);
    deps.store.saveSoon();
  }

  private skip(actions: PlannedAction[]): void {
    for (const action of actions) this.summary.actions[action.kind].skipped++;
  }

  /**
   * Each action: recorded pending and saved, attempted, then recorded done/failed. The outcome's save is not
   * awaited before the next action's pending save, which carries it (and the other orders' records) along, so
   * a crash leaves at most the action under way uncertain in each order in flight.
   */
  private async runActions(context: OrderContext, actions: PlannedAction[]): Promise<void> {
    if (actions.length === 0) return;
    const { store } = this.deps;
    const { planned } = context;
    // Re-check: another decision (a reset, "mark as done") may have settled an action since planning.
    const runnable = actions.filter((action) => {
      const record = store.getAction(planned.platform, planned.shopOrderId, action.kind);
      const ok = !record || record.state === 'failed';
      if (!ok) this.summary.actions[action.kind].skipped++;
      return ok;
    });
    const outcomes: Array<Promise<void>> = [];
    for (const action of runnable) {
      // E-mails wait their turn; once sending has stopped for this pass (login, connection) they stay unsent.
      const turn = action.email && this.deps.mail.claim ? await this.deps.mail.claim() : undefined;
      if (turn === false) {
        this.summary.actions[action.kind].skipped++;
        continue;
      }
      await store.markPending(planned.platform, planned.shopOrderId, action.kind);
      try {
        const detail = await this.perform(context, action);
        outcomes.push(store.markDone(planned.platform, planned.shopOrderId, action.kind, detail));
        this.summary.actions[action.kind].done++;
        this.event(planned, `${action.kind}: ${detail}`);
      } catch (error) {
        const message = this.error(planned, action.kind, error);
        outcomes.push(store.markFailed(planned.platform, planned.shopOrderId, action.kind, message));
        this.summary.actions[action.kind].failed++;
        this.event(planned, t('{0} failed: {1}', action.kind, message), 'error');
      } finally {
        turn?.();
      }
    }
    await Promise.all(outcomes);
  }

  private async salesPdf(context: OrderContext): Promise<{ fileName: string; bytes: Uint8Array }> {
    context.pdf ??= await this.deps.erp.salesDocumentPdf(context.salesDocument!);
    return context.pdf;
  }

  private async perform(context: OrderContext, action: PlannedAction): Promise<string> {
    const { deps } = this;
    const { planned } = context;
    const order = planned.order;
    const kind: ActionKind = action.kind;
    switch (kind) {
      case 'status-after-import':
      case 'status-after-realization': {
        const status = (kind === 'status-after-import' ? deps.settings.afterImport : deps.settings.afterRealization).setStatus.status!;
        await deps.shop.setStatus(order.id, status);
        return t('shop status set to {0}', status);
      }
      case 'email-after-import':
      case 'email-after-realization': {
        const email = action.email!;
        if (!order.buyer.email) throw new Error(t('the order has no customer e-mail address'));
        if (!planned.detailsKept) throw new Error(t('the order was settled more than {0} days ago and keeps only its summary, not the lines a message needs; reset this action for old orders instead', ORDER_DETAILS_DAYS));
        const rendered = await deps.mail.render(email.template, { order, erpDocument: context.erpDocument, salesDocument: context.salesDocument });
        const attachments = [];
        if (email.attachPdf && context.salesDocument) {
          const pdf = await this.salesPdf(context);
          attachments.push({ filename: pdf.fileName, content: pdf.bytes, contentType: 'application/pdf' });
        }
        const sent = await deps.mail.send({ ...rendered, to: order.buyer.email, attachments });
        this.summary.emailsSent++;
        const where = email.redirected ? t('{0} (test mode → {1})', order.buyer.email, sent.accepted.join(', ')) : sent.accepted.join(', ');
        return t('e-mail sent to {0}{1}, message id {2}', where, attachments.length ? t(' with {0}', attachments[0]!.filename) : '', sent.messageId);
      }
      case 'pdf-to-shop': {
        const sales = context.salesDocument!;
        if (!deps.shop.capabilities.uploadSalesPdf) {
          // The shop takes no files: its number is what it can get (PrestaShop, SellAsist).
          if (!deps.shop.capabilities.documentNumber || !deps.shop.writeDocumentNumber) throw new Error(t('the {0} shop cannot receive sales-document PDFs', deps.shop.platform));
          await deps.shop.writeDocumentNumber(order.id, sales.number);
          return t('sales-document number {0} written to the order in the shop', sales.number);
        }
        const pdf = await this.salesPdf(context);
        await deps.shop.uploadSalesPdf(order.id, {
          fileName: pdf.fileName,
          bytes: pdf.bytes,
          documentNumber: sales.number,
          kind: sales.kind,
          totalGross: sales.totalGross,
          totalNet: sales.totalNet,
          currency: order.currency,
        });
        return t('{0} uploaded to the shop', pdf.fileName);
      }
    }
  }
}
