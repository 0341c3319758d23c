// One sync pass: fetch → record → plan → bulk guard → act → summary.
import { ACTION_KINDS, ActionKind } from '../model/actions';
import { plural, t } from '../l10n';
import { PlanExecutor } from './execute';
import { cursorKey, fetchOrders } from './fetch';
import { planPass } from './plan';
import type { ActionCounts, SyncDependencies, SyncOptions, SyncPlan, SyncSummary } from './types';

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
  return Object.fromEntries(ACTION_KINDS.map((k) => [k, { done: 0, failed: 0, uncertain: 0, skipped: 0 }])) as Record<ActionKind, ActionCounts>;
}

export async function runSyncPass(deps: SyncDependencies, options: SyncOptions = {}): Promise<SyncSummary> {
  const { store, logger } = deps;
  const startedAt = deps.now();
  const dryRun = options.dryRun === true;
  const runId = dryRun ? undefined : store.startRun(startedAt);

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
  logger.info(plural(fetched.orders.length, { one: 'Fetched {0} order from the shop, {1} new', other: 'Fetched {0} orders from the shop, {1} new' }, newOrders));

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
    uncertain: plan.uncertain,
    plan,
  };
  for (const item of plan.uncertain) summary.actions[item.kind].uncertain++;
  for (const item of plan.uncertain) logger.warn(t('{0}: {1} is uncertain (left pending by an interrupted pass since {2}); not repeated — mark it done or retry it', item.number, item.kind, item.since));

  const finish = async (result: SyncSummary['result']): Promise<SyncSummary> => {
    summary.result = result;
    summary.finishedAt = deps.now().toISOString();
    if (runId !== undefined) {
      const counts: Record<string, number> = { fetched: summary.fetched, imported: summary.imported, emailsSent: summary.emailsSent, errors: summary.errors.length };
      for (const kind of ACTION_KINDS) for (const [state, n] of Object.entries(summary.actions[kind])) if (n) counts[`${kind}.${state}`] = n;
      await store.finishRun(runId, deps.now(), { result: result === 'ok' ? 'ok' : result, counts, error: summary.errors[0]?.message });
    }
    return summary;
  };

  if (dryRun) return finish('ok');
  if (plan.customerEmails > plan.bulkLimit && !options.allowBulk) {
    logger.warn(new BulkGuardError(plan).message);
    return finish('blocked');
  }

  const executor = new PlanExecutor(deps, options, summary);
  try {
    const outcome = await executor.run(plan.orders);
    return await finish(outcome);
  } finally {
    await pruneSettled(deps);
    // The pass's journal records are folded into the database file once, here, not after every action.
    await store.checkpoint();
  }
}

/** Retention (state.retentionDays): settled orders older than that leave the state after a pass, said in the log. */
async function pruneSettled(deps: SyncDependencies): Promise<void> {
  const days = deps.settings.state.retentionDays;
  if (!(days > 0)) return;
  try {
    const { orders } = await deps.store.prune(days, deps.now(), { user: 'sync pass' });
    if (orders > 0) deps.logger.info(plural(orders, { one: 'Pruned {0} settled order fetched more than {1} days ago (state.retentionDays)', other: 'Pruned {0} settled orders fetched more than {1} days ago (state.retentionDays)' }, days));
  } catch (error) {
    deps.logger.warn(t('Could not prune old orders from the state: {0}', deps.redact((error as Error).message)));
  }
}
