// One sync pass: fetch → record → plan → bulk guard → act → summary.
import { ACTION_KINDS, type ActionKind } from '../model/actions';
import { plural, t } from '../l10n';
import { bestEffortLogger } from '../log';
import { raiseAlerts, type PassOutcome } from '../alerts/alerts';
import { PlanExecutor } from './execute';
import { cursorKey, fetchOrders } from './fetch';
import { enabledActions, planPass } from './plan';
import { noteKsefObservations, recordKsefObservations } from './ksef-hold';
import { failuresOf } from './report';
import { ORDER_DETAILS_DAYS } from '../state/retention';
import type { ActionCounts, SyncDependencies, SyncOptions, SyncPlan, SyncSummary } from './types';
import { errorMessage } from '../error-message';

export class BulkGuardError extends Error {
  constructor(readonly plan: SyncPlan) {
    super(
      t(
        'This pass would e-mail {0} customers, more than email.bulkLimit ({1}); nothing was sent. Reset the reverse-update state for old orders, or allow it (CLI: --allow-bulk).',
        plan.customerEmails,
        plan.bulkLimit,
      ),
    );
  }
}

function emptyCounts(): Record<ActionKind, ActionCounts> {
  return Object.fromEntries(ACTION_KINDS.map((k) => [k, { done: 0, failed: 0, uncertain: 0, skipped: 0 }])) as Record<
    ActionKind,
    ActionCounts
  >;
}

/**
 * A pass, recorded in the history with what started it (a dry run is not recorded): a pass that throws is
 * recorded as failed with its reason. After a recorded pass, the alerts are checked and the history's retention
 * applied.
 */
export async function runSyncPass(deps: SyncDependencies, options: SyncOptions = {}): Promise<SyncSummary> {
  if (options.dryRun) return pass(deps, options, undefined);
  const runId = deps.store.startRun(deps.now(), options.trigger);
  let summary: SyncSummary;
  try {
    summary = await pass(deps, options, runId);
  } catch (error) {
    const message = deps.redact(errorMessage(error));
    // Stopped on request (a service's SIGTERM ending a wait): cancelled, which raises no alert.
    const result = options.cancel?.cancelled ? 'cancelled' : 'failed';
    try {
      await deps.store.finishRun(runId, deps.now(), { result, counts: {}, error: message });
    } catch {
      // The state cannot be written (closed, disk full): the pass's own error is the one to report.
    }
    await afterPass(deps, { result, error: message });
    throw error;
  }
  await afterPass(deps, { result: summary.result, summary, error: summary.errors[0]?.message });
  return summary;
}

async function pass(deps: SyncDependencies, options: SyncOptions, runId: number | undefined): Promise<SyncSummary> {
  const { store } = deps;
  const logger = bestEffortLogger(deps.logger);
  const startedAt = deps.now();
  const dryRun = runId === undefined;

  const fetched = await fetchOrders(deps);
  let newOrders = 0;
  if (dryRun) {
    newOrders = fetched.orders.filter((o) => !store.getOrder(o.platform, o.id)).length;
  } else {
    // Recording what was fetched is no side effect outside this machine, and it must happen even when the
    // bulk guard stops the pass: the reset ("mark as done up to a date") works on fetched orders.
    const fetchedAt = deps.now();
    for (const order of fetched.orders) if (store.upsertOrder(order, fetchedAt).isNew) newOrders++;
    if (fetched.cursor !== undefined) store.setMeta(cursorKey(deps.settings.shop.platform), fetched.cursor);
    await store.saveNow();
  }
  // The listing failed part-way: what was read is recorded above (and the cursor saved); the pass stops here.
  if (fetched.failure) throw fetched.failure;
  options.onEvent?.({ type: 'fetched', count: fetched.orders.length, newOrders });
  logger.info(
    plural(
      fetched.orders.length,
      { one: 'Fetched {0} order from the shop, {1} new', other: 'Fetched {0} orders from the shop, {1} new' },
      newOrders,
    ),
  );

  const plan = await planPass(deps, fetched.orders, newOrders);
  const plannedActions = plan.orders.reduce((n, o) => n + o.importActions.length + o.realizationActions.length, 0);
  options.onEvent?.({ type: 'planned', orders: plan.orders.length, actions: plannedActions, customerEmails: plan.customerEmails });

  const summary: SyncSummary = {
    result: 'ok',
    dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    fetched: plan.fetched,
    newOrders,
    imported: 0,
    importFailed: 0,
    waitingForErp: 0,
    realized: 0,
    actions: emptyCounts(),
    emailsSent: 0,
    customerEmailsPlanned: plan.customerEmails,
    bulkLimit: plan.bulkLimit,
    errors: plan.problems.map((p) => ({ order: p.order, action: p.stage, message: p.message })),
    uncertain: [...plan.uncertain],
    stopped: [],
    waitingForKsef: [],
    rejectedByKsef: [],
    plan,
  };
  for (const item of plan.uncertain) summary.actions[item.kind].uncertain++;
  for (const item of plan.uncertain)
    logger.warn(
      t(
        '{0}: {1} is uncertain since {2} (it may have happened); not repeated — mark it done or retry it',
        item.number,
        item.kind,
        item.since,
      ),
    );

  const finish = async (result: SyncSummary['result']): Promise<SyncSummary> => {
    summary.result = result;
    summary.finishedAt = deps.now().toISOString();
    if (runId !== undefined) {
      const counts: Record<string, number> = {
        fetched: summary.fetched,
        imported: summary.imported,
        emailsSent: summary.emailsSent,
        errors: summary.errors.length,
      };
      for (const kind of ACTION_KINDS)
        for (const [state, n] of Object.entries(summary.actions[kind])) if (n) counts[`${kind}.${state}`] = n;
      await store.finishRun(runId, deps.now(), {
        result,
        counts,
        error: summary.errors[0]?.message,
        imported: summary.imported,
        emailsSent: summary.emailsSent,
        failed: failuresOf(summary),
        uncertain: summary.uncertain.length,
      });
    }
    return summary;
  };

  if (dryRun) {
    noteKsefObservations(summary, plan.ksef, deps.now());
    return finish('ok');
  }
  if (plan.customerEmails > plan.bulkLimit && !options.allowBulk) {
    logger.warn(new BulkGuardError(plan).message);
    return finish('blocked');
  }

  const executor = new PlanExecutor(deps, options, summary);
  try {
    const outcome = await executor.run(plan.orders);
    summary.stopped = executor.stoppedWork;
    // After the executor: a document it recorded in this pass is in the state for its KSeF state to join.
    await recordKsefObservations(deps, [...plan.ksef, ...executor.ksefObservations], summary);
    return await finish(outcome);
  } finally {
    await pruneSettled(deps);
    // The pass's journal records are folded into the database file once, here, not after every action. Every
    // record is already durable in the journal, so a checkpoint that fails (a full disk) loses nothing: it is said,
    // and never hides why the pass itself stopped.
    try {
      await store.checkpoint();
    } catch (error) {
      logger.warn(
        t(
          'Could not fold the journal into the state database: {0}. The changes are kept in the journal.',
          deps.redact((error as Error).message),
        ),
      );
    }
  }
}

/** After a recorded pass: the alerts, and the history's retention (passes older than state.retentionDays). */
async function afterPass(deps: SyncDependencies, outcome: PassOutcome): Promise<void> {
  await raiseAlerts(deps, outcome);
  const days = deps.settings.state.retentionDays;
  if (!(days > 0)) return;
  try {
    await deps.store.history.prune(new Date(deps.now().getTime() - days * 86_400_000));
  } catch (error) {
    deps.logger.warn(t('Could not prune old passes from the history: {0}', deps.redact((error as Error).message)));
  }
}

/**
 * Retention, said in the log: settled orders past state.retentionDays leave the state after a pass, and those
 * past ORDER_DETAILS_DAYS move to the archive (the live state is what stays in memory while a pass runs).
 */
async function pruneSettled(deps: SyncDependencies): Promise<void> {
  const days = deps.settings.state.retentionDays;
  try {
    if (days > 0) {
      const { orders } = await deps.store.prune(days, deps.now(), { enabledKinds: enabledActions(deps.settings), user: 'sync pass' });
      if (orders > 0)
        deps.logger.info(
          plural(
            orders,
            {
              one: 'Pruned {0} settled order fetched more than {1} days ago (state.retentionDays)',
              other: 'Pruned {0} settled orders fetched more than {1} days ago (state.retentionDays)',
            },
            days,
          ),
        );
    }
    const { orders } = await deps.store.archiveSettled(deps.now(), enabledActions(deps.settings));
    if (orders > 0)
      deps.logger.info(t('Moved settled orders fetched more than {0} days ago to the archive: {1}', ORDER_DETAILS_DAYS, orders));
  } catch (error) {
    deps.logger.warn(t('Could not prune old orders from the state: {0}', deps.redact((error as Error).message)));
  }
}
