// The API the extension's activate returns: how the in-VS Code tests see what the UI shows (the open prompt,
// the Orders view's rows, the e-mail preview) without any command the package does not declare.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'optima-sync.optima-order-sync';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}
