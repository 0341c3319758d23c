// The bulk guard of a sync pass: asking the user when a pass would e-mail too many customers, and what "Reset these instead" resets.
import * as vscode from 'vscode';
import { plural } from '../../core/l10n';
import type { ActionKind } from '../../core/model/actions';
import type { SyncSummary } from '../../core/sync/types';
import type { Prompter } from '../prompter';

export type BulkAnswer = 'send' | 'reset' | 'cancel';

/** The bulk guard's question: only the user answers it (the prompter; nothing outside can replace it). */
export async function askBulk(prompter: Prompter, count: number, limit: number): Promise<BulkAnswer> {
  const answer = await prompter.modal({
    message: plural(
      count,
      {
        one: 'This pass would e-mail {0} customer (limit {1}). Nothing has been sent.',
        other: 'This pass would e-mail {0} customers (limit {1}). Nothing has been sent.',
      },
      limit,
    ),
    detail: vscode.l10n.t(
      'Orders fetched before today would get e-mails about old events. "Reset these instead" marks the actions as done for every order fetched up to today, without sending.',
    ),
    choices: [
      { id: 'send', label: vscode.l10n.t('Send anyway') },
      { id: 'reset', label: vscode.l10n.t('Reset these instead') },
    ],
  });
  return answer ?? 'cancel';
}

/** The e-mail actions a blocked plan wanted to run: what "Reset these instead" offers to reset. */
export function bulkActions(summary: SyncSummary): ActionKind[] {
  const kinds = new Set<ActionKind>();
  for (const order of summary.plan?.orders ?? [])
    for (const a of [...order.importActions, ...order.realizationActions]) if (a.email && !a.email.redirected) kinds.add(a.kind);
  return [...kinds];
}
