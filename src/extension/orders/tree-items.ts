// How the Orders view renders an order and an action: icons, descriptions and the tooltips with dates and errors.
import * as vscode from 'vscode';
import { ksefStatusText } from '../../core/ksef/describe';
import { ACTION_KINDS } from '../../core/model/actions';
import { actionTitle } from '../state-access';
import { displayOf, type ActionDisplay, type ActionNode, type OrderNode } from './nodes';

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

export function orderItem(node: OrderNode): vscode.TreeItem {
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

export function actionItem(node: ActionNode): vscode.TreeItem {
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
