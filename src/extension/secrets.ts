// Secrets in VS Code's SecretStorage, keyed per deployment folder so two deployments never share a password.
import * as vscode from 'vscode';
import { redactSecrets, type Logger } from '../core/log';
import { SECRET_NAMES, type SecretName, type SecretSource } from '../core/secrets';
import { findDeployments } from './deployments';
import type { Prompter } from './prompter';

export function secretKey(folder: vscode.Uri, name: SecretName): string {
  return `optimaSync/${name}/${folder.toString()}`;
}

export function deploymentSecrets(
  storage: vscode.SecretStorage,
  folder: vscode.Uri,
): SecretSource & {
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
export async function askAndStorePassword(
  prompter: Prompter,
  storage: vscode.SecretStorage,
  folder: vscode.Uri,
  name: SecretName,
  texts: PasswordPrompt,
  log: Logger,
): Promise<true | undefined> {
  const password = await prompter.secret({
    title: texts.title,
    prompt: texts.prompt,
    required: vscode.l10n.t('Enter the password (Esc cancels)'),
  });
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
  const message = vscode.l10n.t(
    "Secrets are typed only into VS Code's password box, never passed to a command. Scripts use the CLI, which reads them from environment variables (OPTIMA_SYNC_SMTP_PASSWORD, OPTIMA_SYNC_SHOP_KEY, …).",
  );
  log.warn(message);
  void vscode.window.showErrorMessage(message);
  return true;
}

/** The values hidden in a secret (the Apilo tokens are JSON: each string inside counts on its own). */
function secretValues(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object') return [value, ...Object.values(parsed).filter((v): v is string => typeof v === 'string')];
  } catch {
    // Not JSON: the value itself.
  }
  return [value];
}

/**
 * Removes from `text` every secret stored for the workspace's deployments. For unexpected errors, which may have
 * quoted a secret from anywhere: it reads the secret storage, so it runs on failures, not on every log line.
 */
export async function redactWorkspaceSecrets(storage: vscode.SecretStorage, text: string): Promise<string> {
  const values: string[] = [];
  for (const deployment of await findDeployments().catch(() => [])) {
    for (const name of SECRET_NAMES) {
      const value = await storage.get(secretKey(deployment.folder, name));
      if (value) values.push(...secretValues(value));
    }
  }
  return redactSecrets(text, values);
}
