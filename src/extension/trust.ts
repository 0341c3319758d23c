// Nothing is sent or synced from an untrusted workspace: its settings could point at any host.
import * as vscode from 'vscode';

export function ensureTrusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    vscode.l10n.t('Optima Order Sync does not send e-mails, sync orders or change state in an untrusted workspace. Trust this folder first.'),
  );
  return false;
}

/** A command handler that refuses (with the warning above) in an untrusted workspace. */
export function whenTrusted<Args extends unknown[], T>(handler: (...args: Args) => Promise<T>): (...args: Args) => Promise<T | undefined> {
  return async (...args) => (ensureTrusted() ? handler(...args) : undefined);
}
