// The settings form (a custom editor, the default for optima-sync.json), the two editor-title actions that
// switch between it and the JSON text editor in place, and "Show in the settings form" for a problem (the
// Problems panel's code link and the diagnostic's Quick Fix).
import * as vscode from 'vscode';
import { SETTINGS_FORM_VIEW_TYPE } from '../../protocol/settings-form';
import type { FeatureContext } from '../context';
import { pickDeployment } from '../deployments';
import { activeEditorUri, showIn, TEXT_EDITOR } from '../settings-form/editor-switch';
import type { FormServices } from '../settings-form/form-actions';
import { SettingsFormProvider } from '../settings-form/provider';
import { pointerOfDiagnostic, SHOW_SETTING_COMMAND } from '../settings-form/reveal';

/** What the settings form measured, for the in-VS Code tests. */
export interface SettingsFormInspection {
  /** Open-to-interactive time of each form opened so far. */
  timings(): ReadonlyArray<{ file: string; hostMs: number; webviewMs: number; readyMs: number }>;
}

function uriArgument(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value ? vscode.Uri.parse(value) : undefined;
}

export function settingsFormFeature(
  { extension, log, state, clock, commands }: FeatureContext,
  services: FormServices,
): SettingsFormInspection {
  const provider = new SettingsFormProvider(extension, services, log, clock, state);
  const showSetting = async (file: unknown, pointer: unknown) => {
    const uri = uriArgument(file);
    if (!uri || typeof pointer !== 'string') return;
    provider.reveal(uri, pointer);
    await showIn(uri, SETTINGS_FORM_VIEW_TYPE);
  };
  extension.subscriptions.push(
    vscode.window.registerCustomEditorProvider(SETTINGS_FORM_VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: false,
      webviewOptions: { retainContextWhenHidden: false },
    }),
    commands.register('optimaSync.openSettingsForm', async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : (activeEditorUri() ?? (await pickDeployment())?.settingsFile);
      if (!uri) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No optima-sync.json in this workspace.'));
        return;
      }
      await showIn(uri, SETTINGS_FORM_VIEW_TYPE);
    }),
    commands.register('optimaSync.reopenAsText', async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : activeEditorUri();
      if (uri) await showIn(uri, TEXT_EDITOR);
    }),
    commands.register(SHOW_SETTING_COMMAND, showSetting),
    vscode.languages.registerCodeActionsProvider(
      { pattern: '**/optima-sync.json' },
      {
        provideCodeActions: (document, _range, context) =>
          context.diagnostics.flatMap((diagnostic) => {
            const pointer = pointerOfDiagnostic(diagnostic);
            if (pointer === undefined) return [];
            const action = new vscode.CodeAction(vscode.l10n.t('Show in the settings form'), vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.command = { command: SHOW_SETTING_COMMAND, title: action.title, arguments: [document.uri.toString(), pointer] };
            return [action];
          }),
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  return { timings: () => provider.timings };
}
