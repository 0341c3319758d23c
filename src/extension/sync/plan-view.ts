// "Preview sync pass": the plan rendered read-only in a webview titled "Sync pass plan — <deployment>" (one
// panel per deployment, reused). The page runs no script; its only style carries the CSP nonce.
import * as vscode from 'vscode';
import type { SyncPlan } from '../../core/sync/types';
import { planReport } from '../../core/sync/report';
import { deploymentName, type Deployment } from '../deployments';
import { escapeHtml, htmlPage, newNonce } from '../html';

export const PLAN_VIEW_TYPE = 'optimaSync.syncPlan';

const STYLE = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 8px 20px 24px; }
  h1 { font-size: 1.4em; font-weight: 600; }
  h2 { font-size: 1.1em; font-weight: 600; margin-top: 24px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  th { font-weight: 600; }
  ul { margin: 0; padding-left: 18px; }
  code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
  .warning { border-left: 3px solid var(--vscode-editorWarning-foreground, var(--vscode-focusBorder)); padding: 4px 10px; font-weight: 600; }
  .muted { color: var(--vscode-descriptionForeground); }
`;

/** The whole page (exported for tests): a heading, the overview, the orders table, the uncertain actions. */
export function planDocument(plan: SyncPlan, title: string, language: string, nonce = newNonce()): string {
  const report = planReport(plan);
  const rows = report.orders.map((order) => {
    const actions = order.actions.length
      ? `<ul>${order.actions.map((a) => `<li><code>${escapeHtml(a.kind)}</code>: ${escapeHtml(a.description)}</li>`).join('')}</ul>`
      : '<span class="muted">—</span>';
    return `<tr><td>${escapeHtml(order.number)}</td><td>${escapeHtml(order.erp)}</td><td>${actions}</td></tr>`;
  });
  const table = rows.length
    ? `<table><thead><tr><th>${escapeHtml(vscode.l10n.t('Order'))}</th><th>${escapeHtml(vscode.l10n.t('ERP'))}</th><th>${escapeHtml(vscode.l10n.t('Actions'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<p>${escapeHtml(vscode.l10n.t('Nothing to do.'))}</p>`;
  const uncertain = report.uncertain.length
    ? `<h2>${escapeHtml(vscode.l10n.t('Uncertain actions (not repeated)'))}</h2><ul>${report.uncertain
        .map(
          (u) =>
            `<li>${escapeHtml(u.number)}: <code>${escapeHtml(u.kind)}</code> ${escapeHtml(vscode.l10n.t('pending since {0}', u.since))}</li>`,
        )
        .join('')}</ul>`
    : '';
  return htmlPage({
    language,
    csp: `default-src 'none'; style-src 'nonce-${nonce}'`,
    title,
    head: `<style nonce="${nonce}">${STYLE}</style>`,
    body: [
      `<h1>${escapeHtml(title)}</h1>`,
      ...report.overview.map((sentence) => `<p>${escapeHtml(sentence)}</p>`),
      report.bulkWarning ? `<p class="warning" role="alert">${escapeHtml(report.bulkWarning)}</p>` : '',
      table,
      uncertain,
    ].join('\n'),
  });
}

/** The plan panels, one per deployment folder; showing a plan again for a deployment reuses its panel. */
export class PlanViews implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  /** The last plan page shown per deployment folder (for the in-VS Code tests). */
  readonly shown = new Map<string, { title: string; html: string }>();

  show(deployment: Deployment, plan: SyncPlan): vscode.WebviewPanel {
    const key = deployment.folder.toString();
    const title = vscode.l10n.t('Sync pass plan — {0}', deploymentName(deployment));
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(undefined, false);
    } else {
      panel = vscode.window.createWebviewPanel(PLAN_VIEW_TYPE, title, vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panels.set(key, panel);
      panel.onDidDispose(() => {
        this.panels.delete(key);
        this.shown.delete(key);
      });
    }
    panel.title = title;
    panel.webview.html = planDocument(plan, title, vscode.env.language);
    this.shown.set(key, { title, html: panel.webview.html });
    return panel;
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
  }
}
