// The settings form (a custom editor, the default for optima-sync.json) and the two editor-title actions
// that switch between it and the JSON text editor.
import * as vscode from 'vscode';
import { SETTINGS_FORM_VIEW_TYPE } from '../../protocol/settings-form';
import type { FeatureContext } from '../context';
import { pickDeployment } from '../deployments';
import { SettingsFormProvider } from '../settings-form/provider';
import { FormServices } from '../settings-form/services';

/** What the settings form measured, for the in-VS Code tests. */
export interface SettingsFormInspection {
  /** Open-to-interactive time of each form opened so far. */
  timings(): ReadonlyArray<{ file: string; hostMs: number; webviewMs: number }>;
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return input.uri;
  return undefined;
}

export function settingsFormFeature({ extension, log, state, clock }: FeatureContext): SettingsFormInspection {
  const provider = new SettingsFormProvider(extension.extensionUri, new FormServices(extension.secrets, state), log, clock);
  extension.subscriptions.push(
    vscode.window.registerCustomEditorProvider(SETTINGS_FORM_VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: false,
      webviewOptions: { retainContextWhenHidden: false },
    }),
    vscode.commands.registerCommand('optimaSync.openSettingsForm', async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : (activeTabUri() ?? (await pickDeployment())?.settingsFile);
      if (!uri) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No optima-sync.json in this workspace.'));
        return;
      }
      await vscode.commands.executeCommand('vscode.openWith', uri, SETTINGS_FORM_VIEW_TYPE);
    }),
    vscode.commands.registerCommand('optimaSync.reopenAsText', async (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : activeTabUri();
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    }),
  );
  return { timings: () => provider.timings };
}
