// The Orders view's "Mark as done" / "Retry" on one failed or uncertain action: its target, and its resolution in the state.
import * as vscode from 'vscode';
import { isActionKind, type ActionKind } from '../../core/model/actions';
import { currentOsUser } from '../../core/state/index';
import type { FeatureContext } from '../context';
import { actionTitle } from '../state-access';
import { ensureTrusted } from '../trust';

export interface ActionTarget {
  folder: vscode.Uri;
  platform: string;
  shopOrderId: string;
  kind: ActionKind;
}

export function targetOf(value: unknown): ActionTarget | undefined {
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

export async function resolveAction(context: FeatureContext, target: ActionTarget, resolution: 'done' | 'retry'): Promise<boolean> {
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
  } else if (await mayHaveHappened(context, target)) {
    // A definite failure is safe to retry; an uncertain action may have reached the customer already.
    const answer = await context.prompter.modal({
      message: vscode.l10n.t('Retry {0} of order {1}?', actionTitle(target.kind), order),
      detail: vscode.l10n.t(
        'Its answer was lost, so it may have happened already: an e-mail may reach the customer twice. Retry only when you checked that it did not happen. The decision is recorded in the audit log.',
      ),
      choices: [{ id: 'retry', label: vscode.l10n.t('Retry') }],
    });
    if (answer !== 'retry') return false;
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

/** Uncertain (or pending, which outside a pass reads as uncertain), or unreadable: ask rather than guess. */
async function mayHaveHappened(context: FeatureContext, target: ActionTarget): Promise<boolean> {
  try {
    const store = await context.state.openForDisplay(target.folder);
    try {
      const state = store.getAction(target.platform, target.shopOrderId, target.kind)?.state;
      return state !== 'failed';
    } finally {
      await store.close();
    }
  } catch {
    return true;
  }
}
