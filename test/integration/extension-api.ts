// The API the extension's activate returns in ExtensionMode.Test: how the in-VS Code tests see what the UI
// shows (the open prompt, the Orders view's rows, the e-mail preview) and answer the password boxes and modal
// dialogs VS Code does not show while it runs tests, without any command the package does not declare.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi, ExtensionTestApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'optima-sync.optima-order-sync';

export async function extensionApi(): Promise<ExtensionTestApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  assert.ok('prompts' in api, 'the test hooks exist: VS Code runs the extension in ExtensionMode.Test');
  return api as ExtensionTestApi;
}
