// "Prune old orders…": asks for the age, counts the settled orders, confirms in a modal, then deletes them.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import { ACTION_KINDS } from '../../core/model/actions';
import { enabledActions } from '../../core/sync/plan';
import { currentOsUser } from '../../core/state/index';
import type { FeatureContext } from '../context';
import type { Deployment } from '../deployments';
import { ensureTrusted } from '../trust';

export interface PruneArgs {
  olderThanDays?: number;
}

export async function pruneState(
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
