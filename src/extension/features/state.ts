// "Reset reverse-update state…" (the seed's "Resetuj statusy aktualizacji zwrotnej"), "Prune old orders…",
// and the Orders view's "Mark as done" / "Retry" on failed or uncertain actions: one typed service, which the
// commands, the settings form's reset panel and the sync pass's bulk guard call. What cannot be undone (a reset,
// a prune, "Mark as done") always asks the user in a modal and runs only in a trusted workspace, whoever calls.
// The operations themselves live in src/extension/state/ (reset, prune, resolve-action).
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { type Deployment, onDeployment } from '../deployments';
import { PromptStages } from '../prompt-stages';
import { pruneState, type PruneArgs } from '../state/prune';
import { resetState, type ResetArgs, type ResetCommandResult, type ResetPromptStage } from '../state/reset';
import { resolveAction, targetOf, type ActionTarget } from '../state/resolve-action';

export type { PruneArgs } from '../state/prune';
export type { ResetArgs, ResetCommandResult, ResetPromptStage } from '../state/reset';
export type { ActionTarget } from '../state/resolve-action';

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
