// Runs one of the extension's own commands by its id, checked against package.json (commands.generated.ts).
import * as vscode from 'vscode';
import type { OptimaCommand } from './commands.generated';

export function executeOptimaCommand<Result = unknown>(id: OptimaCommand, ...args: unknown[]): Thenable<Result | undefined> {
  return vscode.commands.executeCommand<Result | undefined>(id, ...args);
}
