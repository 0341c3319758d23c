// Secrets in VS Code's SecretStorage, keyed per deployment folder so two deployments never share a password.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { SecretName, SecretSource } from '../core/secrets';
import type { Prompter } from './prompter';

export function secretKey(folder: vscode.Uri, name: SecretName): string {
  return `optimaSync/${name}/${folder.toString()}`;
}

export function deploymentSecrets(storage: vscode.SecretStorage, folder: vscode.Uri): SecretSource & {
  delete(name: SecretName): Promise<void>;
  has(name: SecretName): Promise<boolean>;
} {
  return {
    get: async (name) => (await storage.get(secretKey(folder, name))) || undefined,
    set: async (name, value) => storage.store(secretKey(folder, name), value),
    delete: async (name) => storage.delete(secretKey(folder, name)),
    has: async (name) => Boolean(await storage.get(secretKey(folder, name))),
  };
}

export interface PasswordPrompt {
  /** Input box title, e.g. "SMTP password for shop-a". */
  title: string;
  /** What the password is for ("Password of the SMTP login jan@…. It is kept in VS Code's secret storage…"). */
  prompt: string;
  /** Logged and shown once stored; names the folder, never the value. */
  storedMessage: string;
}

/**
 * Asks for a password in a masked input and keeps it in the deployment's secret storage. Resolves true when
 * stored, undefined when cancelled. There is no way to hand it a value: scripts use the CLI's environment.
 */
export async function askAndStorePassword(prompter: Prompter, storage: vscode.SecretStorage, folder: vscode.Uri, name: SecretName, texts: PasswordPrompt, log: Logger): Promise<true | undefined> {
  const password = await prompter.secret({ title: texts.title, prompt: texts.prompt, required: vscode.l10n.t('Enter the password (Esc cancels)') });
  if (!password) return undefined;
  await deploymentSecrets(storage, folder).set!(name, password);
  log.info(texts.storedMessage);
  void vscode.window.showInformationMessage(texts.storedMessage);
  return true;
}

/**
 * A command that sets a secret was given arguments beyond the deployment folder (a script passing the value):
 * refused with the way scripts do it. True when refused.
 */
export function refusedSecretArguments(rest: readonly unknown[], log: Logger): boolean {
  if (rest.every((value) => value === undefined)) return false;
  const message = vscode.l10n.t('Secrets are typed only into VS Code\'s password box, never passed to a command. Scripts use the CLI, which reads them from environment variables (OPTIMA_SYNC_SMTP_PASSWORD, OPTIMA_SYNC_SHOP_KEY, …).');
  log.warn(message);
  void vscode.window.showErrorMessage(message);
  return true;
}
