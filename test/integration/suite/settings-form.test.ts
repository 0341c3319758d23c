// The settings form inside a real VS Code: it is the default editor of optima-sync.json, its webview
// completes the handshake, the file opened only in the form still gets its diagnostics, "Create settings
// file" (showTextDocument) still gets a text editor, and the editor-title commands switch between the two.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { until } from '../wait';
import { extensionApi } from '../extension-api';

const VIEW_TYPE = 'optimaSync.settingsForm';

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri;
}

function writeDeployment(name: string, settings: unknown): vscode.Uri {
  const dir = path.join(workspaceRoot().fsPath, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'optima-sync.json');
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return vscode.Uri.file(file);
}


function activeTab(): vscode.TabInputCustom | vscode.TabInputText | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input : undefined;
}

suite('Settings form', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('optima-sync.optima-order-sync')?.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('optima-sync.json opens in the form by default, and the webview completes its handshake', async () => {
    const uri = writeDeployment('form-default', defaultSettings());
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await until(() => activeTab(), 'an active editor tab');
    assert.ok(tab instanceof vscode.TabInputCustom, 'the form, not the text editor');
    assert.equal((tab as vscode.TabInputCustom).viewType, VIEW_TYPE);
    const timing = await until(async () => {
      const timings = (await extensionApi()).inspect.settingsForm.timings();
      return timings.find((t) => t.file === uri.fsPath);
    }, 'the form to report that it is interactive');
    console.log(`    settings form interactive ${timing.hostMs} ms after opening`);
  });

  test('a file open only in the form still gets its diagnostics in the Problems panel', async () => {
    const settings = defaultSettings() as { email: { smtp: { port: unknown } } };
    settings.email.smtp.port = 70000;
    const uri = writeDeployment('form-diagnostics', settings);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const diagnostics = await until(() => {
      const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'optima-sync');
      return ours.length ? ours : undefined;
    }, 'diagnostics for the form-only file');
    assert.match(diagnostics[0]!.message, /65535/);
  });

  test('"Create settings file" still opens a text editor (showTextDocument is not taken over by the form)', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'form-create');
    mkdirSync(folder.fsPath, { recursive: true });
    const created = await vscode.commands.executeCommand<string>('optimaSync.createSettingsFile', folder);
    assert.equal(created, path.join(folder.fsPath, 'optima-sync.json'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created);
  });

  test('"Reopen as text" and "Open settings form" switch between the two editors of the file', async () => {
    const uri = writeDeployment('form-switch', defaultSettings());
    await vscode.commands.executeCommand('optimaSync.openSettingsForm', uri);
    await until(() => (activeTab() instanceof vscode.TabInputCustom ? true : undefined), 'the form tab');
    await vscode.commands.executeCommand('optimaSync.reopenAsText');
    await until(() => (vscode.window.activeTextEditor?.document.uri.fsPath === uri.fsPath ? true : undefined), 'the text editor');
    await vscode.commands.executeCommand('optimaSync.openSettingsForm');
    const tab = await until(() => (activeTab() instanceof vscode.TabInputCustom ? activeTab() : undefined), 'the form again');
    assert.equal(tab.uri.fsPath, uri.fsPath);
  });
});
