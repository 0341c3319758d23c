// "Run sync pass", "Preview sync pass", auto-sync, and the offer to reset when the settings enable a new
// action (the status bar, which shows the pass history, is status-bar.ts). Every pass goes through the core's
// runSyncPass with VS Code-backed collaborators.
// The passes themselves run in ../sync/controller.ts; the offer to reset is ../sync/enabled-action-watcher.ts.
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { findDeployments, onDeployment } from '../deployments';
import { SyncController } from '../sync/controller';
import { EnabledActionWatcher } from '../sync/enabled-action-watcher';
import type { StateService } from './state';

export function syncFeature(context: FeatureContext, state: StateService): SyncController {
  const controller = new SyncController(context, state);
  const watcher = new EnabledActionWatcher(context, state);
  const { extension } = context;
  extension.subscriptions.push(
    controller,
    context.commands.register(
      'optimaSync.runSyncPass',
      onDeployment((d) => controller.run(d)),
    ),
    context.commands.register(
      'optimaSync.previewSyncPass',
      onDeployment((d) => controller.preview(d)),
    ),
    vscode.workspace.onDidSaveTextDocument(async (document) => {
      if (!document.uri.path.endsWith('/optima-sync.json')) return;
      await watcher.onSaved(document.uri);
      await controller.refreshSchedules();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void controller.refreshSchedules()),
  );
  // Searching the workspace can take a while: never make activation wait for it.
  void findDeployments().then(
    (deployments) => {
      for (const d of deployments) void watcher.remember(d.settingsFile);
      return controller.refreshSchedules();
    },
    (error: unknown) => context.log.warn(String(error)),
  );
  return controller;
}
