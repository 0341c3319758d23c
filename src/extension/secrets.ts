// Secrets in VS Code's SecretStorage, keyed per deployment folder so two deployments never share a password.
import * as vscode from 'vscode';
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
