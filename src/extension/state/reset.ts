// "Reset reverse-update state…": the prompts (actions, date, confirmation), the dry-run counts and the reset itself.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import { isActionKind, type ActionKind } from '../../core/model/actions';
import { currentOsUser, parseCalendarDate, todayInZone, type ResetResult } from '../../core/state/index';
import type { FeatureContext } from '../context';
import type { Deployment } from '../deployments';
import type { Outcome } from '../outcome';
import type { PromptStages } from '../prompt-stages';
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

export async function resetState(
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
