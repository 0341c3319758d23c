// The Orders view: the newest orders of the deployment's state database (a page, not the history) with their ERP
// document and the state of their five reverse-update actions (icons, tooltips with dates and errors), filters
// for failed / uncertain actions, "Find an order…" (by shop order id or number, archived orders too: their month
// file is read for it), and "Mark as done" / "Retry". It reads the state read-only, refreshing when it changes.
import * as vscode from 'vscode';
import { ksefStatusText, waitsForKsef } from '../../core/ksef/describe';
import { plural } from '../../core/l10n';
import { ACTION_KINDS, type ActionKind } from '../../core/model/actions';
import { activeRunIdFor, isUncertain, type ActionRecord, type OrderWithActions } from '../../core/state/index';
import type { FeatureContext } from '../context';
import { findDeployments, type Deployment } from '../deployments';
import { actionTitle, type StateAccess } from '../state-access';
import type { ActionTarget } from './state';
import { Coalesced } from '../coalesced';

export type OrdersFilter = 'all' | 'failed' | 'uncertain' | 'attention';
type ActionDisplay = ActionRecord['state'] | 'uncertain' | 'not-attempted' | 'waiting-for-ksef';

/** How many orders (newest fetched first) the view lists per deployment. */
const ORDER_LIMIT = 200;

interface DeploymentNode {
  type: 'deployment';
  deployment: Deployment;
  label: string;
}
interface OrderNode {
  type: 'order';
  deployment: Deployment;
  order: OrderWithActions;
  activeRun: number | undefined;
}
interface ActionNode {
  type: 'action';
  deployment: Deployment;
  order: OrderWithActions;
  kind: ActionKind;
  record?: ActionRecord;
  display: ActionDisplay;
  target: ActionTarget;
}
interface MessageNode {
  type: 'message';
  text: string;
  tooltip?: string;
}
type Node = DeploymentNode | OrderNode | ActionNode | MessageNode;

function displayOf(record: ActionRecord | undefined, activeRun: number | undefined, held = false): ActionDisplay {
  if (held) return 'waiting-for-ksef';
  if (!record) return 'not-attempted';
  return isUncertain(record, activeRun) ? 'uncertain' : record.state;
}

const ICONS: Record<ActionDisplay, vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  reset: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  uncertain: new vscode.ThemeIcon('question', new vscode.ThemeColor('editorWarning.foreground')),
  pending: new vscode.ThemeIcon('sync~spin'),
  'not-attempted': new vscode.ThemeIcon('circle-large-outline'),
  'waiting-for-ksef': new vscode.ThemeIcon('watch', new vscode.ThemeColor('editorInfo.foreground')),
};

function stateText(display: ActionDisplay): string {
  switch (display) {
    case 'done':
      return vscode.l10n.t('done');
    case 'reset':
      return vscode.l10n.t('reset (done without sending)');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'uncertain':
      return vscode.l10n.t('uncertain: may have happened');
    case 'pending':
      return vscode.l10n.t('in progress');
    case 'not-attempted':
      return vscode.l10n.t('not attempted');
    case 'waiting-for-ksef':
      return vscode.l10n.t('waiting for KSeF');
  }
}

function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function matches(order: OrderWithActions, filter: OrdersFilter, activeRun: number | undefined): boolean {
  if (filter === 'all') return true;
  return order.actions.some((action) => {
    const display = displayOf(action, activeRun);
    return (filter !== 'uncertain' && display === 'failed') || (filter !== 'failed' && display === 'uncertain');
  });
}

export class OrdersProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter: OrdersFilter = 'all';
  /** A shop order id or number looked up in the live state and the archive (it replaces the list). */
  search: string | undefined;
  /** Whether the view is on screen; a hidden view only notes that it is stale (reading a big file costs). */
  visible = true;
  private stale = false;
  /** Coalesces bursts of file events (a pass saves after every action) into one re-read per second at most. */
  readonly refreshSoon = new Coalesced(1000, () => this.refresh());

  constructor(private readonly state: StateAccess) {}

  refresh(): void {
    if (!this.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.changed.fire(undefined);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) this.refresh();
  }

  dispose(): void {
    this.refreshSoon.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const deployments = await findDeployments();
      if (deployments.length === 0) return [];
      if (deployments.length === 1) return this.ordersOf(deployments[0]!);
      return deployments.map((deployment) => ({
        type: 'deployment',
        deployment,
        label: vscode.workspace.asRelativePath(deployment.folder),
      }));
    }
    if (node.type === 'deployment') return this.ordersOf(node.deployment);
    if (node.type === 'order') {
      return ACTION_KINDS.map((kind) => {
        const record = node.order.actions.find((a) => a.kind === kind);
        const display = displayOf(record, node.activeRun, waitsForKsef(node.order, kind, record));
        return {
          type: 'action',
          deployment: node.deployment,
          order: node.order,
          kind,
          record,
          display,
          target: { folder: node.deployment.folder, platform: node.order.platform, shopOrderId: node.order.shopOrderId, kind },
        };
      });
    }
    return [];
  }

  private async ordersOf(deployment: Deployment): Promise<Node[]> {
    let store;
    try {
      store = await this.state.openForDisplay(deployment.folder);
    } catch (error) {
      return [{ type: 'message', text: vscode.l10n.t('The state database cannot be read'), tooltip: (error as Error).message }];
    }
    try {
      const activeRun = await activeRunIdFor(deployment.folder.fsPath, store);
      if (this.search !== undefined) {
        const found = await store.lookupOrders({ idOrNumber: this.search });
        const nodes: Node[] = found.map((order) => ({ type: 'order', deployment, order, activeRun }));
        return nodes.length
          ? nodes
          : [{ type: 'message', text: vscode.l10n.t('No order {0} in the state, live or archived', this.search) }];
      }
      const states =
        this.filter === 'failed'
          ? ['failed' as const]
          : this.filter === 'uncertain'
            ? ['pending' as const, 'uncertain' as const]
            : this.filter === 'attention'
              ? ['failed' as const, 'pending' as const, 'uncertain' as const]
              : undefined;
      const orders = store
        .listOrdersWithActions({ limit: ORDER_LIMIT, withActionStates: states })
        .filter((order) => matches(order, this.filter, activeRun));
      const nodes: Node[] = orders.map((order) => ({ type: 'order', deployment, order, activeRun }));
      const total = store.countOrders();
      if (orders.length === 0 && total > 0) nodes.push({ type: 'message', text: vscode.l10n.t('No order matches the filter') });
      if (this.filter === 'all' && total > orders.length) {
        nodes.push({
          type: 'message',
          text: plural(total - orders.length, { one: '{0} older order not shown', other: '{0} older orders not shown' }),
          tooltip: vscode.l10n.t('The view lists the newest {0} orders. Use the filter, or optima-sync state --order ID.', ORDER_LIMIT),
        });
      }
      return nodes;
    } finally {
      await store.close();
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'deployment': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = 'deployment';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'order':
        return this.orderItem(node);
      case 'action':
        return this.actionItem(node);
    }
  }

  private orderItem(node: OrderNode): vscode.TreeItem {
    const { order } = node;
    const displays = ACTION_KINDS.map((kind) =>
      displayOf(
        order.actions.find((a) => a.kind === kind),
        node.activeRun,
      ),
    );
    const attention = displays.some((d) => d === 'failed' || d === 'uncertain');
    const item = new vscode.TreeItem(
      order.number,
      attention ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `${node.deployment.folder.toString()}#${order.platform}/${order.shopOrderId}`;
    const documents = [
      order.erpDocument?.number,
      order.salesDocument && order.salesDocument.number !== order.erpDocument?.number ? order.salesDocument.number : undefined,
    ].filter(Boolean);
    item.description = [
      documents.join(' → ') || vscode.l10n.t('no ERP document'),
      order.customerEmail,
      ...(order.ksefHold ? [vscode.l10n.t('waiting for KSeF')] : []),
      ...(order.archived ? [vscode.l10n.t('archived')] : []),
    ].join(' · ');
    item.iconPath = attention
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
      : new vscode.ThemeIcon(displays.every((d) => d === 'done' || d === 'reset') ? 'pass' : 'package');
    item.contextValue = attention ? 'order.attention' : 'order';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${order.number}** · ${order.platform} ${order.shopOrderId}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Customer')}: ${order.customerEmail}  \n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Created in the shop')}: ${localTime(order.shopCreatedAt)}  \n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Fetched')}: ${localTime(order.fetchedAt)}  \n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Shop status')}: ${order.order.statusName ?? order.shopStatus}  \n`);
    if (order.erpDocument)
      tooltip.appendMarkdown(`${vscode.l10n.t('ERP document')}: ${order.erpDocument.number} (${order.erpDocument.issueDate})  \n`);
    if (order.salesDocument)
      tooltip.appendMarkdown(`${vscode.l10n.t('Realized by')}: ${order.salesDocument.number} (${order.salesDocument.issueDate})  \n`);
    const ksef = ksefStatusText(order);
    if (ksef) tooltip.appendMarkdown(`KSeF: ${ksef}  \n`);
    item.tooltip = tooltip;
    return item;
  }

  private actionItem(node: ActionNode): vscode.TreeItem {
    const item = new vscode.TreeItem(actionTitle(node.kind), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.deployment.folder.toString()}#${node.order.platform}/${node.order.shopOrderId}#${node.kind}`;
    const record = node.record;
    item.description = record ? `${stateText(node.display)} · ${localTime(record.updatedAt)}` : stateText(node.display);
    item.iconPath = ICONS[node.display];
    item.contextValue = `action.${node.display}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${actionTitle(node.kind)}** (\`${node.kind}\`): ${stateText(node.display)}\n\n`);
    if (record) {
      tooltip.appendMarkdown(`${vscode.l10n.t('Last change')}: ${localTime(record.updatedAt)}  \n`);
      tooltip.appendMarkdown(`${vscode.l10n.t('Attempts')}: ${record.attempts}  \n`);
      if (record.lastError) tooltip.appendMarkdown(`${vscode.l10n.t('Error')}: ${record.lastError}  \n`);
      if (record.detail) tooltip.appendMarkdown(`${vscode.l10n.t('Outcome')}: ${record.detail}  \n`);
    }
    if (node.display === 'waiting-for-ksef') {
      tooltip.appendMarkdown(
        `\n${vscode.l10n.t('Waiting since {0} for KSeF to number the invoice: the e-mail with the PDF and the upload go by themselves once the ERP has its KSeF number.', localTime(node.order.ksefHold!.since))}`,
      );
    }
    if (node.display === 'uncertain') {
      tooltip.appendMarkdown(
        `\n${vscode.l10n.t('A sync pass stopped after starting this action, so it may or may not have happened. It is not repeated automatically: check, then "Mark as done" or "Retry".')}`,
      );
    }
    item.tooltip = tooltip;
    return item;
  }
}

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
