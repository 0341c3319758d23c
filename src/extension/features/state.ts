// "Reset reverse-update state…" (the seed's "Resetuj statusy aktualizacji zwrotnej"), "Prune old orders…",
// and the Orders view's "Mark as done" / "Retry" on failed or uncertain actions: one typed service, which the
// commands, the settings form's reset panel and the sync pass's bulk guard call. What cannot be undone (a reset,
// a prune, "Mark as done") always asks the user in a modal and runs only in a trusted workspace, whoever calls.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import { ACTION_KINDS, isActionKind, type ActionKind } from '../../core/model/actions';
import { enabledActions } from '../../core/sync/plan';
import { currentOsUser, parseCalendarDate, todayInZone, type ResetResult } from '../../core/state/index';
import type { FeatureContext } from '../context';
import { type Deployment, onDeployment } from '../deployments';
import type { Outcome } from '../outcome';
import { PromptStages } from '../prompt-stages';
import { actionTitle, ALL_ACTIONS, type StateAccess } from '../state-access';
import { ensureTrusted } from '../trust';

/** Arguments of optimaSync.resetState: the sync pass's bulk guard and the settings form pre-fill it. */
export interface ResetArgs {
  actions?: string[];
  until?: string;
  /** Only count, change nothing (no prompts when actions and until are given). */
  dryRun?: boolean;
}

export interface ResetCommandResult extends Outcome {
  counts?: Partial<Record<ActionKind, number>>;
  cutoff?: string;
  dryRun?: boolean;
}

export interface ActionTarget {
  folder: vscode.Uri;
  platform: string;
  shopOrderId: string;
  kind: ActionKind;
}

export type ResetPromptStage = 'actions' | 'date' | 'confirm';

async function dryRunCounts(
  state: StateAccess,
  folder: vscode.Uri,
  actions: readonly ActionKind[],
  until: string,
  timezone: string,
): Promise<ResetResult> {
  const store = await state.openForDisplay(folder);
  try {
    return await store.reset({ actions: [...actions], until, timezone, dryRun: true, user: currentOsUser() });
  } finally {
    await store.close();
  }
}

function pickedActions(value: unknown): ActionKind[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return ALL_ACTIONS.filter((kind) => value.includes(kind));
}

async function resetState(
  context: FeatureContext,
  prompts: PromptStages<ResetPromptStage>,
  deployment: Deployment,
  args: ResetArgs,
): Promise<ResetCommandResult | undefined> {
  const dryRun = args.dryRun === true;
  if (!dryRun && !ensureTrusted()) return undefined;
  let timezone: string;
  try {
    timezone = (await loadSettings(deployment.folder.fsPath)).settings.timezone;
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return { ok: false, message: (error as Error).message };
  }
  const unknown = (args.actions ?? []).filter((name) => !isActionKind(name));
  if (unknown.length > 0)
    return {
      ok: false,
      message: plural(unknown.length, { one: 'Unknown action: {1}', other: 'Unknown actions: {1}' }, unknown.join(', ')),
    };
  if (args.until !== undefined && !parseCalendarDate(args.until))
    return { ok: false, message: vscode.l10n.t('The date must be YYYY-MM-DD, e.g. {0}', todayInZone(context.clock(), timezone)) };

  let actions = pickedActions(args.actions);
  let until = args.until;
  const prefilled = actions !== undefined && actions.length > 0 && until !== undefined;
  if (!prefilled) {
    const countsToday = await dryRunCounts(
      context.state,
      deployment.folder,
      ALL_ACTIONS,
      until ?? todayInZone(context.clock(), timezone),
      timezone,
    );
    const picked = await prompts.during(
      'actions',
      vscode.window.showQuickPick(
        ALL_ACTIONS.map((kind) => ({
          label: actionTitle(kind),
          description: kind,
          detail: plural(
            countsToday.counts[kind],
            { one: '{0} order fetched up to {1} would be marked as done', other: '{0} orders fetched up to {1} would be marked as done' },
            until ?? vscode.l10n.t('today'),
          ),
          picked: actions?.includes(kind) ?? false,
          action: kind,
        })),
        {
          canPickMany: true,
          title: vscode.l10n.t('Reset reverse-update state (1/2): actions to mark as done without sending'),
          ignoreFocusOut: true,
        },
      ),
    );
    if (!picked || picked.length === 0) return undefined;
    actions = picked.map((item) => item.action);
    until = await prompts.during(
      'date',
      vscode.window.showInputBox({
        title: vscode.l10n.t('Reset reverse-update state (2/2): orders fetched up to and including'),
        prompt: vscode.l10n.t('Date YYYY-MM-DD, end of that day in {0}', timezone),
        value: until ?? todayInZone(context.clock(), timezone),
        ignoreFocusOut: true,
        validateInput: (value) =>
          parseCalendarDate(value)
            ? undefined
            : vscode.l10n.t('Enter a date as YYYY-MM-DD, e.g. {0}', todayInZone(context.clock(), timezone)),
      }),
    );
    if (!until) return undefined;
    until = until.trim();
  }
  const chosen = actions!;
  const preview = await dryRunCounts(context.state, deployment.folder, chosen, until!, timezone);
  const lines = chosen.map((kind) => `${actionTitle(kind)} (${kind}): ${preview.counts[kind]}`);
  if (dryRun) {
    return { ok: true, dryRun: true, counts: countsOf(preview, chosen), cutoff: preview.cutoff, message: lines.join('\n') };
  }
  const answer = await prompts.during(
    'confirm',
    context.prompter.modal({
      message: vscode.l10n.t(
        'Mark these actions as done, without sending, for every order fetched up to {0} inclusive ({1})?',
        until!,
        timezone,
      ),
      detail: [...lines, '', vscode.l10n.t('Actions already done stay as they are. The reset is recorded in the audit log.')].join('\n'),
      choices: [{ id: 'reset', label: vscode.l10n.t('Reset') }],
    }),
  );
  if (answer !== 'reset') return undefined;
  const result = await context.state.withWritableStore(deployment.folder, (store) =>
    store.reset({ actions: chosen, until: until!, timezone, dryRun: false, user: currentOsUser() }),
  );
  if (!result) return { ok: false, message: vscode.l10n.t('The reset did not run.') };
  const total = chosen.reduce((sum, kind) => sum + result.counts[kind], 0);
  const message = plural(
    total,
    {
      one: 'Reset up to {1}: {0} action marked as done without sending ({2}).',
      other: 'Reset up to {1}: {0} actions marked as done without sending ({2}).',
    },
    until!,
    chosen.map((kind) => `${kind} ${result.counts[kind]}`).join(', '),
  );
  context.log.info(message);
  void vscode.window.showInformationMessage(message);
  return { ok: true, dryRun: false, counts: countsOf(result, chosen), cutoff: result.cutoff, message };
}

function countsOf(result: ResetResult, actions: readonly ActionKind[]): Partial<Record<ActionKind, number>> {
  return Object.fromEntries(actions.map((kind) => [kind, result.counts[kind]]));
}

export interface PruneArgs {
  olderThanDays?: number;
}

async function pruneState(
  context: FeatureContext,
  deployment: Deployment,
  args: PruneArgs,
): Promise<{ ok: boolean; orders: number } | undefined> {
  if (!ensureTrusted()) return undefined;
  let days = args.olderThanDays;
  const settings = (await loadSettings(deployment.folder.fsPath).catch(() => undefined))?.settings;
  // Without readable settings every action kind counts as enabled: nothing with work left is pruned.
  const enabledKinds = settings ? enabledActions(settings) : ACTION_KINDS;
  if (days === undefined) {
    const configured = settings?.state.retentionDays ?? 0;
    const input = await vscode.window.showInputBox({
      title: vscode.l10n.t('Prune old orders from the reverse-update state'),
      prompt: vscode.l10n.t(
        'Delete the settled orders (realized, nothing failed, uncertain or left to do) fetched more than this many days ago',
      ),
      value: String(configured > 0 ? configured : 365),
      validateInput: (value) =>
        /^\d+$/.test(value.trim()) && Number(value) > 0 ? undefined : vscode.l10n.t('Enter a whole number of days'),
    });
    if (!input) return undefined;
    days = Number(input.trim());
  }
  const viewer = await context.state.openForDisplay(deployment.folder);
  const { orders: count } = await viewer.prune(days, context.clock(), { enabledKinds, dryRun: true }).finally(() => viewer.close());
  if (count === 0) {
    void vscode.window.showInformationMessage(
      plural(days, {
        one: 'No settled order older than {0} day: nothing to prune.',
        other: 'No settled order older than {0} days: nothing to prune.',
      }),
    );
    return { ok: true, orders: 0 };
  }
  const answer = await context.prompter.modal({
    message: plural(
      count,
      {
        one: 'Delete {0} order fetched more than {1} days ago from the reverse-update state?',
        other: 'Delete {0} orders fetched more than {1} days ago from the reverse-update state?',
      },
      days,
    ),
    detail: vscode.l10n.t(
      'Only settled orders are deleted: realized (or cancelled) in the ERP, with nothing failed, uncertain or left to do. Orders still waiting for realization or with work left stay. A pruned order keeps only its key, so the shop listing it again never imports it twice.',
    ),
    choices: [{ id: 'prune', label: vscode.l10n.t('Prune') }],
  });
  if (answer !== 'prune') return undefined;
  const result = await context.state.withWritableStore(deployment.folder, (store) =>
    store.prune(days!, context.clock(), { enabledKinds, user: currentOsUser() }),
  );
  if (!result) return undefined;
  void vscode.window.showInformationMessage(
    plural(result.orders, {
      one: 'Pruned {0} order from the reverse-update state.',
      other: 'Pruned {0} orders from the reverse-update state.',
    }),
  );
  return { ok: true, orders: result.orders };
}

function targetOf(value: unknown): ActionTarget | undefined {
  const candidate = (value && typeof value === 'object' && 'target' in value ? (value as { target: unknown }).target : value) as
    Partial<ActionTarget> | undefined;
  if (
    !candidate ||
    !(candidate.folder instanceof vscode.Uri) ||
    !candidate.platform ||
    !candidate.shopOrderId ||
    !candidate.kind ||
    !isActionKind(candidate.kind)
  )
    return undefined;
  return candidate as ActionTarget;
}

async function resolveAction(context: FeatureContext, target: ActionTarget, resolution: 'done' | 'retry'): Promise<boolean> {
  if (!ensureTrusted()) return false;
  const order = `${target.platform}/${target.shopOrderId}`;
  if (resolution === 'done') {
    // Never attempted again: if it did not happen, the customer never gets it.
    const answer = await context.prompter.modal({
      message: vscode.l10n.t('Mark {0} of order {1} as done?', actionTitle(target.kind), order),
      detail: vscode.l10n.t(
        'It will never be attempted again. Do this only when you checked that it happened (or must not happen). The decision is recorded in the audit log.',
      ),
      choices: [{ id: 'done', label: vscode.l10n.t('Mark as done') }],
    });
    if (answer !== 'done') return false;
  }
  const done = await context.state.withWritableStore(target.folder, async (store) => {
    await store.resolveAction(target.platform, target.shopOrderId, target.kind, resolution, currentOsUser());
    return true;
  });
  if (!done) return false;
  const message =
    resolution === 'done'
      ? vscode.l10n.t('{0} of order {1} marked as done; it will not be repeated.', actionTitle(target.kind), order)
      : vscode.l10n.t('{0} of order {1} will be tried again on the next sync pass.', actionTitle(target.kind), order);
  context.log.info(message);
  void vscode.window.showInformationMessage(message);
  return true;
}

/** What the state feature shows, for the in-VS Code tests. */
export interface StateInspection {
  /** The step of "Reset reverse-update state…" on screen, if any. */
  resetPromptStage(): ResetPromptStage | undefined;
}

export class StateService implements StateInspection {
  private readonly prompts = new PromptStages<ResetPromptStage>();

  constructor(private readonly context: FeatureContext) {}

  resetPromptStage(): ResetPromptStage | undefined {
    return this.prompts.current;
  }

  /**
   * Marks actions as done without sending for the orders fetched up to a date: asks for what `args` leaves
   * out and always confirms in a modal (trusted workspace only); `dryRun` only counts. Undefined when a prompt
   * was dismissed.
   */
  reset(deployment: Deployment, args: ResetArgs = {}): Promise<ResetCommandResult | undefined> {
    return resetState(this.context, this.prompts, deployment, args);
  }

  /** Deletes settled orders fetched more than N days ago (asked, default state.retentionDays), after a modal. */
  prune(deployment: Deployment, args: PruneArgs = {}): Promise<{ ok: boolean; orders: number } | undefined> {
    return pruneState(this.context, deployment, args);
  }

  /** "Mark as done" (after a modal) / "Retry" on a failed or uncertain action; trusted workspace only. */
  resolveAction(target: ActionTarget, resolution: 'done' | 'retry'): Promise<boolean> {
    return resolveAction(this.context, target, resolution);
  }
}

export function stateFeature(context: FeatureContext): StateService {
  const service = new StateService(context);
  const onTarget =
    (resolution: 'done' | 'retry') =>
    async (node?: unknown): Promise<boolean> => {
      const target = targetOf(node);
      if (target) return service.resolveAction(target, resolution);
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a failed or uncertain action in the Orders view.'));
      return false;
    };
  context.extension.subscriptions.push(
    context.commands.register(
      'optimaSync.resetState',
      onDeployment((d, args?: ResetArgs) => service.reset(d, args ?? {})),
    ),
    context.commands.register(
      'optimaSync.pruneState',
      onDeployment((d, args?: PruneArgs) => service.prune(d, args ?? {})),
    ),
    context.commands.register('optimaSync.markActionDone', onTarget('done')),
    context.commands.register('optimaSync.retryAction', onTarget('retry')),
  );
  return service;
}
