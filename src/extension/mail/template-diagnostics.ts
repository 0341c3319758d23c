// Template problems (syntax errors, unknown variables) as diagnostics on templates/*.html and, for inline
// parts, on optima-sync.json; refreshed (debounced) as the files change, cleared when fixed.
import * as vscode from 'vscode';
import { checkTemplates, type TemplateProblem, withSettingsText } from '../../core/mail';
import type { Deployment } from '../deployments';
import { currentText, settingsOf } from './deployment-files';

const DIAGNOSTIC_SOURCE = 'optima-sync templates';

export class TemplateDiagnostics {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Files that got diagnostics per deployment folder, to clear them when fixed. */
  private readonly owned = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  refreshSoon(deployment: Deployment): void {
    const key = deployment.folder.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh(deployment);
      }, 300),
    );
  }

  refresh(deployment: Deployment): TemplateProblem[] {
    const key = deployment.folder.toString();
    const loaded = settingsOf(deployment);
    const problems = loaded.settings
      ? withSettingsText(deployment.settingsFile.fsPath, loaded.text ?? '', () =>
          checkTemplates(loaded.settings!, deployment.folder.fsPath, currentText),
        )
      : [];
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const position = new vscode.Position(problem.line - 1, problem.column - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(position, position.translate(0, 1)),
        problem.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = problem.code;
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
    }
    for (const file of this.owned.get(key) ?? []) if (!byFile.has(file)) this.collection.delete(vscode.Uri.file(file));
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    this.owned.set(key, new Set(byFile.keys()));
    return problems;
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.collection.dispose();
  }
}
