// The one command layer: every command of the manifest is registered here, by its id from package.json
// (commands.generated.ts, so a typo or a command the manifest lacks breaks tsc), through the guard of
// command-guard.ts (trust, errors, redaction, the log). Owned by the activation: made once, given to each feature.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { guardedCommand } from './command-guard';
import { OPTIMA_COMMANDS, type OptimaCommand } from './commands.generated';
import { redactWorkspaceSecrets } from './secrets';
import { refuseUntrusted } from './trust';

export type { OptimaCommand };

export class CommandLayer {
  constructor(
    private readonly log: Logger,
    private readonly channel: vscode.LogOutputChannel,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  /** Registers `handler` as command `id`; what it returns is what `executeCommand` resolves to. */
  register<Args extends unknown[], Result>(id: OptimaCommand, handler: (...args: Args) => Result | Promise<Result>): vscode.Disposable {
    return vscode.commands.registerCommand(
      id,
      guardedCommand(id, OPTIMA_COMMANDS[id].trusted, handler, {
        log: this.log,
        isTrusted: () => vscode.workspace.isTrusted,
        refuseUntrusted,
        redact: (text) => redactWorkspaceSecrets(this.secrets, text),
        notifyFailure: (message) => {
          const show = vscode.l10n.t('Show log');
          void vscode.window
            .showErrorMessage(vscode.l10n.t('The command failed: {0}', message), show)
            .then((answer) => answer === show && this.channel.show(true));
        },
      }),
    );
  }
}
