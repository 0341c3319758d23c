// Finds the deployment (a folder with optima-sync.json) a command works on: the active editor's, the only
// one in the workspace, or the one the user picks.
import * as vscode from 'vscode';
import { SETTINGS_FILE_NAME } from '../core/settings/schema';
import { executeOptimaCommand } from './run-command';

export interface Deployment {
  /** The folder that holds optima-sync.json. */
  folder: vscode.Uri;
  settingsFile: vscode.Uri;
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function deploymentOf(settingsFile: vscode.Uri): Deployment {
  return { folder: parentOf(settingsFile), settingsFile };
}

/** How a deployment is named to the user: its folder relative to the workspace, or the workspace folder's name when it is one. */
export function deploymentName(deployment: Deployment): string {
  const relative = vscode.workspace.asRelativePath(deployment.folder, false);
  if (relative && relative !== deployment.folder.fsPath && relative !== deployment.folder.path) return relative;
  return vscode.workspace.getWorkspaceFolder(deployment.folder)?.name ?? deployment.folder.path.split('/').filter(Boolean).pop() ?? '';
}

export function deploymentInFolder(folder: vscode.Uri): Deployment {
  return { folder, settingsFile: vscode.Uri.joinPath(folder, SETTINGS_FILE_NAME) };
}

/**
 * The deployment a command works on: the folder it was given (a Uri or a path, from a script or a menu),
 * else the active editor's, the only one, or the one the user picks (undefined when cancelled or none).
 */
export async function deploymentFromArgument(folder: unknown): Promise<Deployment | undefined> {
  if (folder instanceof vscode.Uri) return deploymentInFolder(folder);
  if (typeof folder === 'string' && folder) return deploymentInFolder(vscode.Uri.file(folder));
  return requireDeployment();
}

/** A command handler over a service method: (folder?, …rest) → the deployment resolved, then `work`. */
export function onDeployment<Rest extends unknown[], T>(
  work: (deployment: Deployment, ...rest: Rest) => Promise<T>,
): (folder?: unknown, ...rest: Rest) => Promise<T | undefined> {
  return async (folder, ...rest) => {
    const deployment = await deploymentFromArgument(folder);
    return deployment ? work(deployment, ...rest) : undefined;
  };
}

/** The deployment of the active editor: the nearest optima-sync.json in its folder or above, inside the workspace. */
async function fromActiveEditor(): Promise<Deployment | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme === 'untitled') return undefined;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!workspaceFolder) return undefined;
  let folder = parentOf(document.uri);
  for (let depth = 0; depth < 20; depth++) {
    const candidate = vscode.Uri.joinPath(folder, SETTINGS_FILE_NAME);
    if (await exists(candidate)) return deploymentOf(candidate);
    if (folder.toString() === workspaceFolder.uri.toString()) break;
    folder = parentOf(folder);
  }
  return undefined;
}

export async function findDeployments(): Promise<Deployment[]> {
  const files = await vscode.workspace.findFiles(`**/${SETTINGS_FILE_NAME}`, '**/node_modules/**', 50);
  return files.sort((a, b) => a.path.localeCompare(b.path)).map(deploymentOf);
}

/** The deployment to act on, or undefined when there is none (the caller explains) or the user cancelled. */
export async function pickDeployment(): Promise<Deployment | undefined> {
  const active = await fromActiveEditor();
  if (active) return active;
  const all = await findDeployments();
  if (all.length <= 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((d) => ({ label: vscode.workspace.asRelativePath(d.folder), description: d.settingsFile.fsPath, deployment: d })),
    { placeHolder: vscode.l10n.t('Which deployment?') },
  );
  return picked?.deployment;
}

/** Like pickDeployment, but tells the user how to create one when there is none. */
export async function requireDeployment(): Promise<Deployment | undefined> {
  const deployment = await pickDeployment();
  if (!deployment && (await findDeployments()).length === 0) {
    const create = vscode.l10n.t('Create settings file');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('No optima-sync.json in this workspace.'), create);
    if (answer === create) await executeOptimaCommand('optimaSync.createSettingsFile');
  }
  return deployment;
}
