// The Activity view (optimaSync.activity, beside the Orders view): passes per day, the last passes, and links
// to the orders that need attention. Refreshed when a state file or the service's status file changes.
import * as vscode from 'vscode';
import { ACTIVITY_VIEW_ID, type ActivityData, type OrdersFilterName } from '../../protocol/activity';
import { ActivityViewProvider } from '../activity/provider';
import type { FeatureContext } from '../context';

/** What the Activity view shows, for the in-VS Code tests. */
export interface ActivityInspection {
  /** The data last sent to the view (undefined before it was shown). */
  data(): ActivityData | undefined;
  /** Reads the history again and returns what the view now shows. */
  refresh(): Promise<ActivityData | undefined>;
  /** How many messages from the webview the gate dropped. */
  dropped(): number;
}

export interface ActivityFeature {
  inspection: ActivityInspection;
  /** Reveals the view (the status bar's menu). */
  show(): Promise<void>;
}

export function activityFeature(context: FeatureContext, showOrders: (filter: OrdersFilterName) => Promise<void>): ActivityFeature {
  const provider = new ActivityViewProvider(context.extension.extensionUri, context.clock, context.log, { showOrders });
  const watcher = vscode.workspace.createFileSystemWatcher('**/.optima-sync/{state.sqlite,service.json}');
  context.extension.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(ACTIVITY_VIEW_ID, provider),
    watcher,
    watcher.onDidChange(() => provider.refreshSoon.request()),
    watcher.onDidCreate(() => provider.refreshSoon.request()),
    watcher.onDidDelete(() => provider.refreshSoon.request()),
    context.state.onDidChange(() => provider.refreshSoon.request()),
    context.commands.register('optimaSync.activity.refresh', () => provider.refresh()),
  );
  return {
    inspection: { data: () => provider.data, refresh: () => provider.refresh(), dropped: () => provider.dropped },
    show: async () => {
      await vscode.commands.executeCommand(`${ACTIVITY_VIEW_ID}.focus`);
    },
  };
}
