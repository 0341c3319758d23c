// Nothing is sent or synced from an untrusted workspace: its settings could point at any host.
import * as vscode from 'vscode';

/** Tells the user why nothing happened. */
export function refuseUntrusted(): void {
  void vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Optima Order Sync does not send e-mails, sync orders or change state in an untrusted workspace. Trust this folder first.',
    ),
  );
}

/** For the services the settings form calls too: true when trusted, else the warning above and false. */
export function ensureTrusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  refuseUntrusted();
  return false;
}
