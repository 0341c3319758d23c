// Secrets in VS Code's SecretStorage, keyed per deployment folder so two deployments never share a password.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { SecretName, SecretSource } from '../core/secrets';

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
 * Asks for a password in a masked input (or takes the given value, for scripting) and keeps it in the
 * deployment's secret storage. Resolves true when stored, undefined when cancelled.
 */
export async function askAndStorePassword(storage: vscode.SecretStorage, folder: vscode.Uri, name: SecretName, texts: PasswordPrompt, log: Logger, value?: string): Promise<true | undefined> {
  const password =
    value ??
    (await vscode.window.showInputBox({
      title: texts.title,
      prompt: texts.prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (input) => (input ? undefined : vscode.l10n.t('Enter the password (Esc cancels)')),
    }));
  if (!password) return undefined;
  await deploymentSecrets(storage, folder).set!(name, password);
  log.info(texts.storedMessage);
  void vscode.window.showInformationMessage(texts.storedMessage);
  return true;
}
