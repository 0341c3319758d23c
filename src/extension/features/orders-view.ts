// The Orders view: the newest orders of the deployment's state database (a page, not the history) with their ERP
// document and the state of their five reverse-update actions (icons, tooltips with dates and errors), filters
// for failed / uncertain actions, "Find an order…" (by shop order id or number, archived orders too: their month
// file is read for it), and "Mark as done" / "Retry". It reads the state read-only, refreshing when it changes.
// The tree itself (nodes, provider, rendering) lives in src/extension/orders/; here are the commands and the test snapshot.
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import type { Node, OrdersFilter } from '../orders/nodes';
import { OrdersProvider } from '../orders/provider';
import type { ActionTarget } from '../state/resolve-action';

export type { OrdersFilter } from '../orders/nodes';

/** One row of the Orders view as plain data: what the user sees (label, description, icon) and its menu key. */
export interface OrdersViewRow {
  label: string;
  description: string;
  contextValue: string | undefined;
  icon: string | undefined;
  /** On action rows: what "Mark as done" / "Retry" act on. */
  target?: ActionTarget;
  children?: OrdersViewRow[];
}

/** What the view shows, two levels below its roots. */
async function snapshot(provider: OrdersProvider, node?: Node, depth = 0): Promise<OrdersViewRow[]> {
  const children = await provider.getChildren(node);
  const result: OrdersViewRow[] = [];
  for (const child of children) {
    const item = provider.getTreeItem(child);
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const entry: OrdersViewRow = {
      label,
      description: typeof item.description === 'string' ? item.description : '',
      contextValue: item.contextValue,
      icon,
    };
    if (child.type === 'action') entry.target = child.target;
    if (depth < 2 && (child.type === 'order' || child.type === 'deployment')) entry.children = await snapshot(provider, child, depth + 1);
    result.push(entry);
  }
  return result;
}

/** What the Orders view shows, for the in-VS Code tests. */
export interface OrdersViewInspection {
  rows(): Promise<OrdersViewRow[]>;
  /** The filter in force. */
  filter(): OrdersFilter;
}

export interface OrdersViewFeature {
  inspection: OrdersViewInspection;
  /** Shows the view with this filter (the Activity view's links to the orders that need attention). */
  showFiltered(filter: OrdersFilter): Promise<void>;
}

export function ordersViewFeature({ extension, state, commands }: FeatureContext): OrdersViewFeature {
  const provider = new OrdersProvider(state);
  const view = vscode.window.createTreeView('optimaSync.orders', { treeDataProvider: provider, showCollapseAll: true });
  const setFilter = async (filter: OrdersFilter, search?: string) => {
    provider.filter = filter;
    provider.search = search;
    view.description =
      search !== undefined
        ? vscode.l10n.t('order {0}', search)
        : filter === 'all'
          ? undefined
          : filter === 'failed'
            ? vscode.l10n.t('failed')
            : filter === 'uncertain'
              ? vscode.l10n.t('uncertain')
              : vscode.l10n.t('failed or uncertain');
    await vscode.commands.executeCommand('setContext', 'optimaSync.orders.filtered', filter !== 'all' || search !== undefined);
    provider.refresh();
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/.optima-sync/state.sqlite');
  provider.visible = view.visible;
  extension.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility((event) => provider.setVisible(event.visible)),
    watcher,
    watcher.onDidChange(() => provider.refreshSoon.request()),
    watcher.onDidCreate(() => provider.refreshSoon.request()),
    watcher.onDidDelete(() => provider.refreshSoon.request()),
    state.onDidChange(() => provider.refresh()),
    commands.register('optimaSync.orders.refresh', () => provider.refresh()),
    commands.register('optimaSync.orders.filter', async (filter?: OrdersFilter) => {
      if (filter === undefined) {
        const choices: Array<{ label: string; filter: OrdersFilter }> = [
          { label: vscode.l10n.t('All orders'), filter: 'all' },
          { label: vscode.l10n.t('Orders with a failed or uncertain action'), filter: 'attention' },
          { label: vscode.l10n.t('Orders with a failed action'), filter: 'failed' },
          { label: vscode.l10n.t('Orders with an uncertain action'), filter: 'uncertain' },
        ];
        filter = (await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Show which orders?') }))?.filter;
        if (!filter) return;
      }
      await setFilter(filter);
    }),
    commands.register('optimaSync.orders.clearFilter', () => setFilter('all')),
    commands.register('optimaSync.orders.find', async (query?: string) => {
      query ??= await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Find an order by its shop order id or number (archived orders too)'),
        placeHolder: vscode.l10n.t('e.g. 1042 or ZAM/1042/2026'),
      });
      if (!query?.trim()) return;
      await setFilter('all', query.trim());
      await vscode.commands.executeCommand('optimaSync.orders.focus');
    }),
  );
  return {
    inspection: { rows: () => snapshot(provider), filter: () => provider.filter },
    async showFiltered(filter) {
      await setFilter(filter);
      await vscode.commands.executeCommand('optimaSync.orders.focus');
    },
  };
}
