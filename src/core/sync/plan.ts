// Fetch, then plan: everything a pass will do is decided here, before any side effect, so that a dry run,
// the bulk guard and the real pass all see the same list.
import { plural, t } from '../l10n';
import { scopeOf } from '../outcome';
import { ACTION_PHASE, type ActionKind } from '../model/actions';
import type { ShopOrder } from '../model/order';
import type { Settings } from '../settings/types.generated';
import type { StoredOrder } from '../state/api';
import { boundForKsef, currentKsefState, handsOverPdf, ksefVerdict, type KsefObservation } from './ksef-hold';
import type { PlannedAction, PlannedOrder, SyncDependencies, SyncPlan } from './types';

/** A failed action is retried in later passes up to this many attempts in all. */
export const MAX_ATTEMPTS = 5;
export function orderKey(platform: string, shopOrderId: string): string {
  return `${platform}\u0000${shopOrderId}`;
}

export function isOrderMode(settings: Pick<Settings, 'erp'>): boolean {
  return settings.erp.importMode === 'RO' || settings.erp.importMode === 'PF';
}

/** The actions the settings enable, by phase. Realization actions exist only in RO/PF mode. */
export function enabledActions(settings: Pick<Settings, 'erp' | 'afterImport' | 'afterRealization'>): ActionKind[] {
  const { afterImport, afterRealization } = settings;
  const kinds: ActionKind[] = [];
  if (afterImport.setStatus.enabled) kinds.push('status-after-import');
  if (afterImport.sendEmail.enabled) kinds.push('email-after-import');
  if (isOrderMode(settings)) {
    if (afterRealization.setStatus.enabled) kinds.push('status-after-realization');
    if (afterRealization.sendEmail.enabled) kinds.push('email-after-realization');
    if (afterRealization.uploadSalesPdfToShop.enabled) kinds.push('pdf-to-shop');
  }
  return kinds;
}

function inImportStatuses(deps: SyncDependencies, status: string): boolean {
  const statuses = deps.settings.shop.importStatuses;
  return statuses.length === 0 || statuses.includes(status);
}

/** Decides, for one action of one order, whether the pass runs it. */
function actionDecision(deps: SyncDependencies, order: ShopOrder, kind: ActionKind): 'run' | 'retry' | 'uncertain' | 'settled' {
  const record = deps.store.getAction(order.platform, order.id, kind);
  if (!record) return 'run';
  switch (record.state) {
    case 'pending':
    case 'uncertain':
      return 'uncertain';
    case 'failed':
      return record.attempts < MAX_ATTEMPTS ? 'retry' : 'settled';
    default:
      return 'settled';
  }
}

function describeAction(deps: SyncDependencies, order: ShopOrder, kind: ActionKind, retry: boolean): PlannedAction {
  const { afterImport, afterRealization } = deps.settings;
  const email = (template: string, attachPdf: boolean): PlannedAction => {
    const { recipients, redirected } = deps.mail.recipientsFor(order.buyer.email);
    const to = recipients.join(', ');
    return {
      kind,
      retry,
      description: redirected
        ? t('e-mail "{0}" for {1} (test mode → {2})', template, order.buyer.email || '?', to)
        : t('e-mail "{0}" to {1}', template, to || '?'),
      email: { template, to: order.buyer.email, recipients, redirected, attachPdf },
    };
  };
  switch (kind) {
    case 'status-after-import':
      return { kind, retry, description: t('shop status → {0}', afterImport.setStatus.status ?? '') };
    case 'status-after-realization':
      return { kind, retry, description: t('shop status → {0}', afterRealization.setStatus.status ?? '') };
    case 'email-after-import':
      return email(afterImport.sendEmail.template ?? '', false);
    case 'email-after-realization':
      return email(afterRealization.sendEmail.template ?? '', afterRealization.sendEmail.attachSalesPdf);
    case 'pdf-to-shop':
      return { kind, retry, description: t('upload the sales-document PDF to the shop') };
  }
}

/**
 * Builds the plan from the fetched orders and the stored state. Reads the shop (current status of orders
 * waiting for realization by status) and the ERP (realizations), writes nothing.
 */
export async function planPass(deps: SyncDependencies, fetched: ShopOrder[], newOrders: number): Promise<SyncPlan> {
  const { settings, store, erp } = deps;
  const kinds = enabledActions(settings);
  const orderMode = isOrderMode(settings);
  const realizeOnStatuses = settings.erp.realizeOnStatuses;

  // Candidates: what was just fetched, plus the stored orders that still have work (not in the ERP yet, an
  // enabled action not settled, or waiting for realization by shop status). An indexed query finds those,
  // so the cost follows the open work, not the history.
  const candidates = new Map<string, { order: ShopOrder; stored?: StoredOrder; fresh: boolean }>();
  const openWork = store.listOpenWork({
    platform: settings.shop.platform,
    kinds,
    maxAttempts: MAX_ATTEMPTS,
    importStatuses: settings.shop.importStatuses,
    awaitingRealization: orderMode && erp.realize !== undefined && realizeOnStatuses.length > 0,
  });
  for (const stored of openWork) {
    candidates.set(orderKey(stored.platform, stored.shopOrderId), { order: stored.order, stored, fresh: false });
  }
  for (const order of fetched) {
    const key = orderKey(order.platform, order.id);
    const stored = candidates.get(key)?.stored ?? store.getOrder(order.platform, order.id);
    if (!stored && store.isPruned(order.platform, order.id)) {
      deps.logger.info(t('{0}: settled earlier and kept in the history (archived or pruned); not imported again', order.number));
      continue;
    }
    candidates.set(key, { order, stored, fresh: true });
  }

  const uncertain: SyncPlan['uncertain'] = [];
  const orders: PlannedOrder[] = [];
  const ksef: KsefObservation[] = [];
  let customerEmails = 0;
  let testModeEmails = 0;

  const problems: SyncPlan['problems'] = [];
  const problem = (order: ShopOrder, stage: SyncPlan['problems'][number]['stage'], error: unknown) => {
    const message = deps.redact(error instanceof Error ? error.message : String(error));
    problems.push({ order: order.number, stage, message });
    deps.logger.error(`${order.number}: ${message}`);
  };
  // An ERP that fails for every order (unreachable, a refused token) is asked no more in this pass: one problem
  // says why, and the orders that needed it wait for the next pass.
  let erpDown = false;
  let waitingForErp = 0;
  const lookup = async <T>(
    order: ShopOrder,
    stage: SyncPlan['problems'][number]['stage'],
    read: () => Promise<T>,
  ): Promise<{ value?: T; failed: boolean }> => {
    if (erpDown) {
      waitingForErp++;
      return { failed: true };
    }
    try {
      return { value: await read(), failed: false };
    } catch (error) {
      problem(order, stage, error);
      if (scopeOf(error) === 'server') erpDown = true;
      return { failed: true };
    }
  };

  for (const { order: knownOrder, stored, fresh } of candidates.values()) {
    let order = knownOrder;
    let erpDocument = stored?.erpDocument;
    let documentIsNew = false;
    if (!erpDocument && inImportStatuses(deps, order.status)) {
      // The ERP may hold the order already: imported by an interrupted pass, or (a read-only ERP such as the
      // real Optima) entered by another path. Looking it up is a read; several matches are reported.
      const found = await lookup(order, 'import', () => erp.findDocument(order.platform, order.id, order.number));
      if (found.failed) continue;
      erpDocument = found.value;
      documentIsNew = erpDocument !== undefined;
    }
    let salesDocument = stored?.salesDocument ?? erpDocument?.salesDocument;
    const planned: PlannedOrder = {
      platform: order.platform,
      shopOrderId: order.id,
      number: order.number,
      customerEmail: order.buyer.email,
      order,
      detailsKept: fresh || stored?.detailsKept !== false,
      importActions: [],
      realizationActions: [],
      documentIsNew,
    };

    if (!erpDocument) {
      if (!inImportStatuses(deps, order.status)) continue;
      planned.importInto = settings.erp.importMode;
    } else {
      planned.erpDocument = erpDocument;
    }

    const realizationKinds = kinds.filter((k) => ACTION_PHASE[k] === 'realization');
    if (orderMode && !salesDocument && (erpDocument || planned.importInto)) {
      if (erpDocument) {
        // A failure (e.g. an RO realized into two sales documents) is reported; the rest of the pass goes on.
        const document = erpDocument;
        salesDocument = (await lookup(order, 'realization', () => erp.findRealization(document))).value;
      }
      if (salesDocument) {
        planned.realization = 'found';
        planned.realizationIsNew = true;
      } else if (erp.realize && realizeOnStatuses.length > 0) {
        // Orders not fetched in this pass: re-read their shop status, which may now realize them.
        if (!fresh && erpDocument) {
          try {
            order = await deps.shop.getOrder(order.id);
            planned.order = order;
          } catch (error) {
            deps.logger.warn(t('Order {0}: could not re-read its shop status: {1}', order.number, deps.redact((error as Error).message)));
          }
        }
        if (realizeOnStatuses.includes(order.status)) planned.realization = 'by-status';
      }
    } else if (salesDocument) {
      planned.realization = 'found';
    }
    planned.salesDocument = salesDocument;

    for (const kind of kinds) {
      if (ACTION_PHASE[kind] === 'realization' && !planned.realization) continue;
      const decision = actionDecision(deps, order, kind);
      if (decision === 'uncertain') {
        const record = store.getAction(order.platform, order.id, kind)!;
        uncertain.push({ shopOrderId: order.id, number: order.number, kind, since: record.updatedAt });
        continue;
      }
      if (decision === 'settled') continue;
      const action = describeAction(deps, order, kind, decision === 'retry');
      (realizationKinds.includes(kind) ? planned.realizationActions : planned.importActions).push(action);
    }
    // KSeF: the PDF of a known FS bound for KSeF waits for its number (one realized in this pass: the executor).
    if (salesDocument && boundForKsef(deps, salesDocument) && planned.realizationActions.some((action) => handsOverPdf(deps, action))) {
      const sales = salesDocument;
      const state = (await lookup(order, 'realization', () => currentKsefState(deps, sales))).value;
      if (state) planned.salesDocument = { ...sales, ksef: state };
      const verdict = ksefVerdict(deps, { ...planned, stored }, sales, planned.realizationActions, state);
      planned.realizationActions = verdict.go;
      if (verdict.observation) ksef.push(verdict.observation);
    }
    for (const action of [...planned.importActions, ...planned.realizationActions]) {
      if (!action.email) continue;
      if (action.email.redirected) testModeEmails++;
      else customerEmails++;
    }

    const hasWork =
      planned.importInto ||
      planned.documentIsNew ||
      planned.realization === 'by-status' ||
      planned.realizationIsNew ||
      planned.importActions.length > 0 ||
      planned.realizationActions.length > 0;
    if (hasWork) orders.push(planned);
  }

  if (waitingForErp > 0) {
    const message = plural(waitingForErp, {
      one: 'The ERP was not asked about {0} more order after it failed for every order; it waits for the next pass.',
      other: 'The ERP was not asked about {0} more orders after it failed for every order; they wait for the next pass.',
    });
    problems.push({ order: '—', stage: 'import', message });
    deps.logger.warn(message);
  }
  orders.sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt) || a.shopOrderId.localeCompare(b.shopOrderId));
  return {
    fetched: fetched.length,
    newOrders,
    orders,
    customerEmails,
    testModeEmails,
    bulkLimit: settings.email.bulkLimit,
    uncertain,
    problems,
    ksef,
  };
}
