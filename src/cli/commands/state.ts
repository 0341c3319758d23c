// optima-sync state: the orders in the state database with their ERP documents and per-action states (the
// newest live ones; `--order ID` also finds an archived one); `--audit` the audit log, archived rows included;
// `--prune [--older-than DAYS]` deletes old settled orders (retention).
import { loadSettings } from '../../core/deployment/files';
import { ksefStatusText, waitsForKsef } from '../../core/ksef/describe';
import { plural, t } from '../../core/l10n';
import { ACTION_KINDS } from '../../core/model/actions';
import {
  activeRunIdFor,
  currentOsUser,
  isUncertain,
  openStateStore,
  type OrderWithActions,
  type SqlStateStore,
} from '../../core/state/index';
import { enabledActions } from '../../core/sync/plan';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';

function positiveInteger(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new UsageError(t('{0} needs a whole number', flag));
  return number;
}

function orderToText(order: OrderWithActions, activeRun: number | undefined): string {
  const documents = [
    order.erpDocument?.number,
    order.salesDocument && order.salesDocument.number !== order.erpDocument?.number ? order.salesDocument.number : undefined,
  ]
    .filter(Boolean)
    .join(' → ');
  const lines = [
    `${order.number}  ${order.platform}/${order.shopOrderId}  ${t('fetched {0}', order.fetchedAt)}  ${order.customerEmail}${documents ? `  ${documents}` : ''}${order.archived ? `  ${t('(archived)')}` : ''}`,
  ];
  const ksef = ksefStatusText(order);
  if (ksef) lines.push(`  ${t('KSeF: {0}', ksef)}`);
  for (const kind of ACTION_KINDS) {
    const action = order.actions.find((a) => a.kind === kind);
    if (waitsForKsef(order, kind, action)) {
      lines.push(`  ${kind.padEnd(25)} ${t('waiting for KSeF since {0}', order.ksefHold!.since)}`);
      continue;
    }
    if (!action) {
      lines.push(`  ${kind.padEnd(25)} ${t('not attempted')}`);
      continue;
    }
    const state = isUncertain(action, activeRun) ? t('uncertain') : action.state;
    const extra = [
      action.attempts > 1 ? t('{0} attempts', action.attempts) : '',
      action.lastError ?? '',
      action.state === 'done' ? (action.detail ?? '') : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${kind.padEnd(25)} ${state.padEnd(10)} ${action.updatedAt}${extra ? `  ${extra}` : ''}`);
  }
  return lines.join('\n');
}

async function prune(context: CommandContext): Promise<number> {
  const { settings } = await loadSettings(context.dir);
  const days = positiveInteger(context.values['older-than'], '--older-than') ?? settings.state.retentionDays;
  if (days <= 0) throw new UsageError(t('Give --older-than DAYS, or set state.retentionDays in the settings'));
  const dryRun = context.values['dry-run'] === true;
  const store = await openStateStore(context.dir, {
    readOnly: dryRun,
    holder: 'optima-sync state --prune',
    logger: stderrLogger(context, false),
    confirmFreshStart: context.values['start-fresh'] === true,
    now: context.io.now,
  });
  try {
    const result = await store.prune(days, context.io.now(), { enabledKinds: enabledActions(settings), dryRun, user: currentOsUser() });
    print(context, { dryRun, olderThanDays: days, orders: result.orders }, () =>
      dryRun
        ? plural(
            result.orders,
            {
              one: '{0} settled order fetched more than {1} days ago would be pruned (realized, nothing failed, uncertain or left to do). Nothing was changed.',
              other:
                '{0} settled orders fetched more than {1} days ago would be pruned (realized, nothing failed, uncertain or left to do). Nothing was changed.',
            },
            days,
          )
        : plural(
            result.orders,
            {
              one: 'Pruned {0} settled order fetched more than {1} days ago (realized, nothing failed, uncertain or left to do).',
              other: 'Pruned {0} settled orders fetched more than {1} days ago (realized, nothing failed, uncertain or left to do).',
            },
            days,
          ),
    );
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

async function audit(context: CommandContext, limit: number): Promise<number> {
  const store = await openStateStore(context.dir, { readOnly: true, now: context.io.now });
  try {
    const rows = await store.readAudit(limit);
    print(context, { audit: rows }, () =>
      rows.length
        ? rows.map((row) => `${row.at}  ${row.user}  ${row.kind}  ${JSON.stringify(row.detail)}`).join('\n')
        : t('No audit rows in the state database of {0}', context.dir),
    );
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

export const stateCommand: CliCommand = {
  name: 'state',
  summary:
    'Show the orders in the reverse-update state with their action states; --audit the audit log; --prune deletes old settled orders',
  usage: 'state [--order ID] [--failed] [--uncertain] [--limit N] [--audit] [--prune [--older-than DAYS] [--dry-run]] [--dir D] [--json]',
  options: {
    order: { type: 'string' },
    audit: { type: 'boolean' },
    failed: { type: 'boolean' },
    uncertain: { type: 'boolean' },
    limit: { type: 'string' },
    prune: { type: 'boolean' },
    'older-than': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'start-fresh': { type: 'boolean' },
  },
  async run(context) {
    if (context.values.prune === true) return prune(context);
    if (context.values['older-than'] !== undefined) throw new UsageError(t('--older-than goes with --prune'));
    const limit = positiveInteger(context.values.limit, '--limit') ?? 50;
    if (context.values.audit === true) return audit(context, limit);
    let store: SqlStateStore;
    try {
      store = await openStateStore(context.dir, { readOnly: true, now: context.io.now });
    } catch (error) {
      print(context, { error: (error as Error).message }, () => (error as Error).message);
      return EXIT_FAILED;
    }
    try {
      const activeRun = await activeRunIdFor(context.dir, store);
      const orderId = typeof context.values.order === 'string' ? context.values.order : undefined;
      const states = [
        ...(context.values.failed ? ['failed' as const] : []),
        ...(context.values.uncertain ? ['pending' as const, 'uncertain' as const] : []),
      ];
      // One order: live, or settled history read from its month of the archive.
      let orders = orderId
        ? await store.lookupOrders({ shopOrderId: orderId })
        : store.listOrdersWithActions({ limit, withActionStates: states.length ? states : undefined });
      if (context.values.uncertain && !context.values.failed)
        orders = orders.filter((o) => o.actions.some((a) => isUncertain(a, activeRun)));
      if (orderId && orders.length === 0) {
        print(context, { orders: [] }, () => t('No order {0} in the state database of {1}', orderId, context.dir));
        return EXIT_FAILED;
      }
      const counts = store.countActionStates();
      const total = store.countOrders();
      print(
        context,
        {
          file: store.file,
          orders: total,
          actionStates: counts,
          shown: orders.map((o) => ({
            platform: o.platform,
            shopOrderId: o.shopOrderId,
            number: o.number,
            customerEmail: o.customerEmail,
            shopCreatedAt: o.shopCreatedAt,
            fetchedAt: o.fetchedAt,
            shopStatus: o.shopStatus,
            erpDocument: o.erpDocument,
            salesDocument: o.salesDocument,
            ...(o.ksefHold ? { waitingForKsef: o.ksefHold } : {}),
            actions: o.actions.map((a) => ({ ...a, uncertain: isUncertain(a, activeRun) })),
            ...(o.archived ? { archived: true } : {}),
            ...(orderId ? { order: o.order } : {}),
          })),
        },
        () =>
          [
            plural(
              total,
              {
                one: '{0} order in {1}; actions: {2} done, {3} reset, {4} failed, {5} uncertain, {6} in progress',
                other: '{0} orders in {1}; actions: {2} done, {3} reset, {4} failed, {5} uncertain, {6} in progress',
              },
              store.file,
              counts.done,
              counts.reset,
              counts.failed,
              counts.uncertain + (activeRun === undefined ? counts.pending : 0),
              activeRun === undefined ? 0 : counts.pending,
            ),
            ...orders.map((o) => orderToText(o, activeRun)),
            ...(orders.length < total && !orderId ? [t('(showing {0}; use --limit N or --order ID)', orders.length)] : []),
          ].join('\n'),
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
