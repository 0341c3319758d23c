// The e-mail preview beside the editor: one reused webview panel that shows the message as it would leave
// (From, To after the test-mode rewrite, subject, attachments, rendered HTML) and re-renders as the template or
// the settings change. The webview runs no script: the header links are command URIs, and the rendered mail
// sits in a sandboxed <iframe srcdoc> under a CSP that loads nothing remote unless the user allows images.
import * as vscode from 'vscode';
import type { EmailPreview } from '../../core/mail';
import type { OptimaCommand } from '../commands';
import { escapeHtml, htmlPage } from '../html';

export const PREVIEW_VIEW_TYPE = 'optimaSync.emailPreview';
export const PICK_ORDER_COMMAND: OptimaCommand = 'optimaSync.previewPickOrder';
export const TOGGLE_REMOTE_IMAGES_COMMAND: OptimaCommand = 'optimaSync.previewToggleRemoteImages';

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return vscode.l10n.t('made at send time');
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toLocaleString(vscode.env.language, { maximumFractionDigits: 1 })} KB`;
}

export interface PreviewState {
  preview: EmailPreview;
  allowRemoteImages: boolean;
}

/** The whole webview document (exported for tests): host-side HTML with a strict CSP, no script. */
export function previewDocument(webview: Pick<vscode.Webview, 'cspSource'>, state: PreviewState): string {
  const { preview, allowRemoteImages } = state;
  const imageSources = `data: ${webview.cspSource}${allowRemoteImages ? ' https:' : ''}`;
  // The mail's own inline styles need 'unsafe-inline' (an srcdoc frame inherits this policy); nothing can run:
  // no script-src (default 'none'), and the frame's sandbox has no allow-scripts.
  const csp = `default-src 'none'; img-src ${imageSources}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
  const row = (label: string, value: string, extra = '') => `<tr><th>${escapeHtml(label)}</th><td${extra}>${value}</td></tr>`;
  const command = (id: string, label: string) => `<a href="command:${id}">${escapeHtml(label)}</a>`;
  const problems = preview.problems.length
    ? `<section class="problems" role="alert"><h2>${escapeHtml(vscode.l10n.t('Template problems'))}</h2><ul>${preview.problems
        .map(
          (p) =>
            `<li><code>${escapeHtml(vscode.workspace.asRelativePath(p.file))}:${p.line}:${p.column}</code> ${escapeHtml(p.message)}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const error = preview.error ? `<section class="problems" role="alert"><p>${escapeHtml(preview.error)}</p></section>` : '';
  const to =
    escapeHtml(preview.to.join(', ')) +
    (preview.testMode
      ? ` <span class="badge">${escapeHtml(vscode.l10n.t('test mode: the customer {0} gets nothing', preview.originalTo))}</span>`
      : '');
  const attachments = preview.attachments.length
    ? preview.attachments.map((a) => `${escapeHtml(a.filename)} <span class="muted">(${escapeHtml(formatSize(a.size))})</span>`).join(', ')
    : `<span class="muted">${escapeHtml(vscode.l10n.t('none'))}</span>`;
  const rendered = !preview.error && preview.problems.length === 0;
  const frame = rendered
    ? `<iframe title="${escapeHtml(vscode.l10n.t('Rendered e-mail'))}" sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(preview.html)}"></iframe>`
    : '';
  return htmlPage({
    language: vscode.env.language,
    csp,
    head: `<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 12px 16px; }
  table.headers { border-collapse: collapse; margin-bottom: 8px; width: 100%; }
  table.headers th { text-align: left; font-weight: 600; padding: 2px 12px 2px 0; white-space: nowrap; vertical-align: top; color: var(--vscode-descriptionForeground); }
  table.headers td { padding: 2px 0; word-break: break-word; }
  .subject { font-weight: 600; }
  .badge { display: inline-block; padding: 0 6px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); font-size: 0.9em; }
  .muted { color: var(--vscode-descriptionForeground); }
  .actions { margin: 4px 0 10px; display: flex; gap: 16px; flex-wrap: wrap; }
  .actions a { color: var(--vscode-textLink-foreground); }
  .problems { border-left: 3px solid var(--vscode-editorError-foreground); padding: 4px 10px; margin: 8px 0; background: var(--vscode-inputValidation-errorBackground); }
  .problems h2 { font-size: 1em; margin: 4px 0; }
  iframe { width: 100%; height: calc(100vh - 190px); min-height: 320px; border: 1px solid var(--vscode-panel-border); background: #ffffff; }
</style>`,
    body: `<table class="headers">
${row(vscode.l10n.t('Template'), escapeHtml(preview.templateName))}
${row(vscode.l10n.t('Order'), escapeHtml(preview.orderLabel))}
${row(vscode.l10n.t('From'), escapeHtml(preview.from || vscode.l10n.t('(email.from is not set)')))}
${row(vscode.l10n.t('To'), to)}
${row(vscode.l10n.t('Subject'), escapeHtml(preview.subject), ' class="subject"')}
${row(vscode.l10n.t('Attachments'), attachments)}
</table>
<div class="actions">
${command(PICK_ORDER_COMMAND, vscode.l10n.t('Choose order…'))}
${command(TOGGLE_REMOTE_IMAGES_COMMAND, allowRemoteImages ? vscode.l10n.t('Block remote images') : vscode.l10n.t('Allow remote images (this preview only)'))}
</div>
${error}${problems}${frame}`,
  });
}

/** The preview panel beside the editor; the mail feature keeps one and reuses it. */
export class EmailPreviewPanel {
  private lastHtml = '';
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    onDispose: () => void,
  ) {
    panel.onDidDispose(
      () => {
        onDispose();
        this.disposables.forEach((d) => d.dispose());
      },
      null,
      this.disposables,
    );
  }

  /** Opens a new panel; `onDispose` runs once when the user closes it. */
  static create(onDispose: () => void): EmailPreviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      vscode.l10n.t('E-mail preview'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: false,
        enableCommandUris: [PICK_ORDER_COMMAND, TOGGLE_REMOTE_IMAGES_COMMAND],
        localResourceRoots: [],
        retainContextWhenHidden: false,
      },
    );
    return new EmailPreviewPanel(panel, onDispose);
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn, true);
  }

  /** Replaces the content only when it changed (an identical render does not reload the frame). */
  update(state: PreviewState): void {
    const html = previewDocument(this.panel.webview, state);
    if (html === this.lastHtml) return;
    this.lastHtml = html;
    this.panel.title = vscode.l10n.t('E-mail: {0}', state.preview.templateName);
    this.panel.webview.html = html;
  }

  /** The page the pane shows now. */
  get html(): string {
    return this.panel.webview.html;
  }

  dispose(): void {
    this.panel.dispose();
  }
}
