// The settings file: "Create settings file", "Validate settings file", and live diagnostics on every open
// optima-sync.json (schema and cross-field problems at their line and column, updated as the user types).
// Each diagnostic's code links to its field in the settings form. Syntax errors are left to VS Code's JSON
// language features, which report them in every JSON file (ours would be a second entry for one mistake).
import * as vscode from 'vscode';
import path from 'node:path';
import { createDefaultDeployment, SettingsFileExistsError } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import { SETTINGS_FILE_NAME } from '../../core/settings/schema';
import { type SettingsProblem, validateSettingsText } from '../../core/settings/validate';
import type { Feature } from '../context';
import { findDeployments, pickDeployment } from '../deployments';
import { settingPathLabel, showSettingUri } from '../settings-form/reveal';

const DIAGNOSTIC_SOURCE = 'optima-sync';

export function isSettingsDocument(document: vscode.TextDocument): boolean {
  return path.basename(document.uri.path) === SETTINGS_FILE_NAME;
}

export function toDiagnostic(problem: SettingsProblem, file: vscode.Uri): vscode.Diagnostic {
  const range = new vscode.Range(problem.line - 1, problem.column - 1, problem.endLine - 1, problem.endColumn - 1);
  const diagnostic = new vscode.Diagnostic(
    range,
    problem.message,
    problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  // The Problems panel shows the setting's path as a link that reveals its field in the form.
  diagnostic.code = { value: settingPathLabel(problem.pointer), target: showSettingUri(file, problem.pointer) };
  return diagnostic;
}

/** The diagnostics of a settings text: every problem except syntax errors (VS Code's JSON support reports those). */
function diagnosticsOf(document: vscode.TextDocument): { diagnostics: vscode.Diagnostic[]; errors: number; problems: number } {
  const result = validateSettingsText(document.getText(), document.uri.fsPath);
  const problems = result.problems.filter((p) => p.code !== 'syntax');
  return {
    diagnostics: problems.map((p) => toDiagnostic(p, document.uri)),
    errors: result.problems.filter((p) => p.severity === 'error').length,
    problems: result.problems.length,
  };
}

export const settingsFeature: Feature = ({ extension, log, commands }) => {
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const pending = new Map<string, NodeJS.Timeout>();

  const refresh = (document: vscode.TextDocument) => {
    if (!isSettingsDocument(document)) return;
    diagnostics.set(document.uri, diagnosticsOf(document).diagnostics);
  };
  const refreshSoon = (document: vscode.TextDocument) => {
    if (!isSettingsDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        refresh(document);
      }, 150),
    );
  };

  extension.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => refreshSoon(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    { dispose: () => pending.forEach(clearTimeout) },
  );
  vscode.workspace.textDocuments.forEach(refresh);

  extension.subscriptions.push(
    commands.register('optimaSync.createSettingsFile', async (target?: vscode.Uri) => {
      const folder = target ?? (await chooseFolderForNewDeployment());
      if (!folder) return undefined;
      if (folder.scheme !== 'file') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Deployments must live on a local or remote file system folder.'));
        return undefined;
      }
      try {
        const created = await createDefaultDeployment(folder.fsPath);
        log.info(vscode.l10n.t('Created {0}', created.settingsFile));
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(created.settingsFile));
        await vscode.window.showTextDocument(document);
        return created.settingsFile;
      } catch (error) {
        if (error instanceof SettingsFileExistsError) {
          const open = vscode.l10n.t('Open it');
          const answer = await vscode.window.showWarningMessage(error.message, open);
          if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(error.file));
          return undefined;
        }
        throw error;
      }
    }),
    commands.register('optimaSync.validateSettingsFile', async () => {
      const deployment = await pickDeployment();
      if (!deployment) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No optima-sync.json in this workspace.'));
        return undefined;
      }
      const document = await vscode.workspace.openTextDocument(deployment.settingsFile);
      const result = diagnosticsOf(document);
      diagnostics.set(document.uri, result.diagnostics);
      const { errors } = result;
      if (errors === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} is valid.', vscode.workspace.asRelativePath(document.uri)));
      } else {
        await vscode.window.showTextDocument(document);
        void vscode.commands.executeCommand('workbench.actions.view.problems');
        void vscode.window.showErrorMessage(
          plural(
            errors,
            { one: '{1} has {0} problem; see the Problems panel.', other: '{1} has {0} problems; see the Problems panel.' },
            vscode.workspace.asRelativePath(document.uri),
          ),
        );
      }
      return result.problems;
    }),
  );
};

async function chooseFolderForNewDeployment(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const existing = new Set((await findDeployments()).map((d) => d.folder.toString()));
  const free = folders.filter((f) => !existing.has(f.uri.toString()));
  if (folders.length === 1) return folders[0]!.uri;
  if (free.length === 1) return free[0]!.uri;
  if (folders.length > 1) {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder of the new deployment') });
    return picked?.uri;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: vscode.l10n.t('Create settings here'),
  });
  return chosen?.[0];
}
