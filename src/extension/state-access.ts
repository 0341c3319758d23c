// Opening a deployment's state database from VS Code: read-only for display; briefly locked for a write, with
// a lock held by a sync pass and an unreadable file explained in the user's words. Writers announce changes
// so the Orders view refreshes at once (the file watcher catches writes by the CLI and other windows).
// One instance per activation, owned (and disposed) by the extension's feature context.
import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { InvalidSettingsError } from '../core/deployment/files';
import { ACTION_KINDS, type ActionKind } from '../core/model/actions';
import type { Logger } from '../core/log';
import { CorruptStateError, openStateStore, type SqlStateStore, StateLockedError } from '../core/state/index';
import type { Prompter } from './prompter';

/** Localized titles of the reverse-update actions (the names stay the CLI's). */
export function actionTitle(kind: ActionKind): string {
  switch (kind) {
    case 'status-after-import':
      return vscode.l10n.t('Status after import');
    case 'email-after-import':
      return vscode.l10n.t('E-mail after import');
    case 'status-after-realization':
      return vscode.l10n.t('Status after realization');
    case 'email-after-realization':
      return vscode.l10n.t('E-mail after realization');
    case 'pdf-to-shop':
      return vscode.l10n.t('Sales-document PDF to the shop');
  }
}

export const ALL_ACTIONS: readonly ActionKind[] = ACTION_KINDS;

export class StateAccess implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the deployment folder after a command of this extension changed its state. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly prompter: Prompter,
  ) {}

  announceChange(folder: vscode.Uri): void {
    this.changed.fire(folder);
  }

  openForDisplay(folder: vscode.Uri): Promise<SqlStateStore> {
    return openStateStore(folder.fsPath, { readOnly: true, now: this.clock });
  }

  /**
   * Runs `work` with the store locked for writing. Returns undefined (after telling the user) when a sync pass
   * holds the lock or the file is unreadable and the user does not start fresh.
   */
  async withWritableStore<T>(folder: vscode.Uri, work: (store: SqlStateStore) => Promise<T>): Promise<T | undefined> {
    const open = (confirmFreshStart: boolean) =>
      openStateStore(folder.fsPath, { holder: 'VS Code', logger: this.log, confirmFreshStart, now: this.clock });
    let store: SqlStateStore;
    try {
      store = await open(false);
    } catch (error) {
      if ((await this.explainStateError(error)) !== 'start-fresh') return undefined;
      store = await open(true);
    }
    try {
      return await work(store);
    } finally {
      await store.close();
      this.announceChange(folder);
    }
  }

  /**
   * The one explanation of a deployment or state that cannot be opened, in the user's words: a lock held by
   * another pass (a warning), an unreadable state file (kept aside; the user may start with an empty one:
   * 'start-fresh'), invalid settings (with the way to the problems). 'explained' when the user was told;
   * anything else is rethrown for the command layer. `interactive: false` (auto-sync) only logs.
   */
  async explainStateError(
    error: unknown,
    options: { interactive?: boolean; settingsFile?: vscode.Uri } = {},
  ): Promise<'start-fresh' | 'explained'> {
    const interactive = options.interactive !== false;
    if (error instanceof StateLockedError) {
      this.log.warn(error.message);
      if (interactive) void vscode.window.showWarningMessage(vscode.l10n.t('The reverse-update state is in use: {0}', error.message));
      return 'explained';
    }
    if (error instanceof CorruptStateError) {
      this.log.error(error.message);
      return interactive && (await this.askFreshStart(error)) ? 'start-fresh' : 'explained';
    }
    if (error instanceof InvalidSettingsError) {
      this.log.error(error.message);
      const settingsFile = options.settingsFile;
      if (!interactive || !settingsFile) return 'explained';
      const show = vscode.l10n.t('Show problems');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('The settings file is invalid; the pass did not run.'), show)
        .then(async (answer) => {
          if (answer !== show) return;
          await vscode.window.showTextDocument(settingsFile);
          await vscode.commands.executeCommand('workbench.actions.view.problems');
        });
      return 'explained';
    }
    throw error;
  }

  /** The state file could not be read (and was kept aside): whether the user starts with an empty one. */
  private async askFreshStart(error: CorruptStateError): Promise<boolean> {
    const answer = await this.prompter.modal({
      message: error.message,
      error: true,
      detail: vscode.l10n.t(
        'The unreadable file was kept aside. With an empty state every old order looks new; the bulk guard will stop the first pass before it e-mails customers.',
      ),
      choices: [{ id: 'fresh', label: vscode.l10n.t('Start with an empty state') }],
    });
    return answer === 'fresh';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
