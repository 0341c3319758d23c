// What the mail feature reads of a deployment: the settings and templates as the user sees them (an open
// editor's unsaved text first, else the disk), and which deployment and template a template file belongs to.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_FILE_NAME } from '../../core/settings/schema';
import type { Settings } from '../../core/settings/types.generated';
import { validateSettingsText } from '../../core/settings/validate';
import { type Deployment, deploymentOf } from '../deployments';

export function isTemplateFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.path.endsWith('.html') && path.posix.basename(path.posix.dirname(uri.path)) === 'templates';
}

/** The text of a file as the user sees it: the open editor's (maybe unsaved) text, else the disk. */
export function currentText(file: string): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return open ? open.getText() : readFileSync(file, 'utf8');
}

/** The deployment's settings, from the (maybe unsaved) settings text; undefined with the reason when invalid. */
export function settingsOf(deployment: Deployment): { settings?: Settings; text?: string; error?: string } {
  let text: string;
  try {
    text = currentText(deployment.settingsFile.fsPath);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const result = validateSettingsText(text, deployment.settingsFile.fsPath);
  if (!result.settings) {
    return {
      text,
      error: vscode.l10n.t(
        '{0} has errors; fix them to preview or send ({1})',
        SETTINGS_FILE_NAME,
        result.problems
          .filter((p) => p.severity === 'error')
          .map((p) => `${p.line}:${p.column} ${p.message}`)
          .slice(0, 3)
          .join('; '),
      ),
    };
  }
  return { settings: result.settings, text };
}

/** The deployment holding a template file: the nearest optima-sync.json above its templates/ folder. */
export async function deploymentOfTemplate(uri: vscode.Uri): Promise<Deployment | undefined> {
  const folder = vscode.Uri.joinPath(uri, '..', '..');
  const candidate = vscode.Uri.joinPath(folder, SETTINGS_FILE_NAME);
  try {
    await vscode.workspace.fs.stat(candidate);
    return deploymentOf(candidate);
  } catch {
    return undefined;
  }
}

/** The name of the template whose bodyFile is `file`. */
export function templateOfFile(settings: Settings, folder: vscode.Uri, file: vscode.Uri): string | undefined {
  return Object.entries(settings.templates).find(
    ([, entry]) => entry.bodyFile && path.resolve(folder.fsPath, entry.bodyFile) === file.fsPath,
  )?.[0];
}
