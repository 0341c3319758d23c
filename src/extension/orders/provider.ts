// The Orders view's data provider: the newest orders of each deployment's state (or a search), re-read when the state changes.
import * as vscode from 'vscode';
import { waitsForKsef } from '../../core/ksef/describe';
import { plural } from '../../core/l10n';
import { ACTION_KINDS } from '../../core/model/actions';
import { activeRunIdFor } from '../../core/state/index';
import { Coalesced } from '../coalesced';
import { findDeployments, type Deployment } from '../deployments';
import type { StateAccess } from '../state-access';
import { displayOf, matches, type Node, type OrdersFilter } from './nodes';
import { actionItem, orderItem } from './tree-items';

/** How many orders (newest fetched first) the view lists per deployment. */
const ORDER_LIMIT = 200;

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
        return orderItem(node);
      case 'action':
        return actionItem(node);
    }
  }
}
