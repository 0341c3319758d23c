// The settings form: a custom text editor over optima-sync.json. The TextDocument is the only model: the
// form's changes become minimal WorkspaceEdits (so undo/redo, dirty state, save and hot exit are VS Code's
// own), and every change of the document, whoever made it, is sent back to the form.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { isValidTimeZone, todayInZone } from '../../core/state/timezone';
import type { FieldChange, HostMessage, Request, RequestMethod, ResetOutcome, ServiceResult, WebviewMessage } from '../../protocol/settings-form';
import { documentState } from './document-state';
import { formHtml, webviewRoot } from './html';
import { applyFieldChanges, UneditableDocumentError } from './json-edits';
import { parseWebviewMessage } from './messages';
import type { FormServices } from './services';
import { planTemplate } from './template-plan';
import { openTemplateBody } from './templates';

/** Requests that reach a server or change state: refused in an untrusted workspace. */
const NEEDS_TRUST: ReadonlySet<RequestMethod> = new Set(['testShopConnection', 'refreshShopStatuses', 'sendTestEmail', 'reset']);
/** Coalesces bursts of document changes (typing in the text editor beside the form). */
const EXTERNAL_CHANGE_DELAY_MS = 60;

/** Today in the file's zone (still being typed, so maybe not a zone yet: then Warsaw's, the default). */
function todayIn(timeZone: unknown, now: Date): string {
  return todayInZone(now, typeof timeZone === 'string' && isValidTimeZone(timeZone) ? timeZone : 'Europe/Warsaw');
}

export interface OpenTiming {
  file: string;
  /** From resolveCustomTextEditor (or the tab being shown again: the webview reloads) to the webview's "interactive" message. */
  hostMs: number;
  /** The webview's own navigation-start → first render. */
  webviewMs: number;
}

export class SettingsFormProvider implements vscode.CustomTextEditorProvider {
  /** The last open-to-interactive timings (newest last), for the log and the end-to-end test. */
  readonly timings: OpenTiming[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: FormServices,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    let shownAt = performance.now();
    panel.onDidChangeViewState(() => {
      if (panel.visible) shownAt = performance.now();
    });
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(this.extensionUri)] };
    panel.webview.html = formHtml(panel.webview, this.extensionUri, vscode.env.language);
    const session = new FormSession(document, panel, this.services, this.log, this.clock, (webviewMs) => {
      const timing = { file: document.uri.fsPath, hostMs: Math.round(performance.now() - shownAt), webviewMs: Math.round(webviewMs) };
      this.timings.push(timing);
      if (this.timings.length > 20) this.timings.shift();
      this.log.info(`Settings form interactive ${timing.hostMs} ms after showing ${vscode.workspace.asRelativePath(document.uri)} (webview's first render: ${timing.webviewMs} ms)`);
    });
    panel.onDidDispose(() => session.dispose());
  }
}

class FormSession {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly folder: vscode.Uri;
  private ready = false;
  private ackSeq = 0;
  private documentTimer: NodeJS.Timeout | undefined;
  private edits: Promise<void> = Promise.resolve();
  /** The shop platform the last context was made for (the cached statuses are per platform). */
  private contextPlatform: string | undefined;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly services: FormServices,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly onInteractive: (webviewMs: number) => void,
  ) {
    this.folder = vscode.Uri.joinPath(document.uri, '..');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === document.uri.toString() && event.contentChanges.length > 0) this.sendDocumentSoon();
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.ready) void this.sendContext();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.sendContext()),
    );
  }

  dispose(): void {
    clearTimeout(this.documentTimer);
    this.disposables.forEach((d) => d.dispose());
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private sendDocument(): void {
    clearTimeout(this.documentTimer);
    this.documentTimer = undefined;
    if (!this.ready) return;
    this.post({ kind: 'notification', method: 'document', params: documentState(this.document.getText(), this.document.uri.fsPath, this.ackSeq) });
    const platform = this.peek().platform;
    if (platform !== undefined && platform !== this.contextPlatform) void this.sendContext();
  }

  private sendDocumentSoon(): void {
    if (this.documentTimer) return;
    this.documentTimer = setTimeout(() => this.sendDocument(), EXTERNAL_CHANGE_DELAY_MS);
  }

  /** A few top-level values without validating (undefined while the JSON is broken). */
  private peek(): { platform?: string; timezone?: string } {
    try {
      const data = JSON.parse(this.document.getText()) as { shop?: { platform?: unknown }; timezone?: unknown };
      return {
        ...(typeof data.shop?.platform === 'string' ? { platform: data.shop.platform } : {}),
        ...(typeof data.timezone === 'string' ? { timezone: data.timezone } : {}),
      };
    } catch {
      return {};
    }
  }

  private async sendContext(): Promise<void> {
    this.contextPlatform = this.peek().platform;
    const context = await this.services.context(this.folder, this.contextPlatform);
    this.post({ kind: 'notification', method: 'context', params: context });
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Settings form: ignored a message that does not match the protocol');
      return;
    }
    void this.handle(message).catch((error: unknown) => this.log.error(`Settings form: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.kind) {
      case 'notification':
        if (message.method === 'ready') {
          // A new webview page (first open, or shown again): its edit numbers start from 1.
          this.ready = true;
          this.ackSeq = 0;
          const timezone = this.peek().timezone;
          this.post({
            kind: 'notification',
            method: 'init',
            params: { language: vscode.env.language, l10n: vscode.l10n.bundle, today: todayIn(timezone, this.clock()) },
          });
          this.sendDocument();
          await this.sendContext();
        } else {
          this.onInteractive(message.params.ms);
        }
        return;
      case 'command':
        if (message.method === 'edit') return this.enqueueEdit(message.params.seq, message.params.changes);
        if (message.method === 'reopenAsText') {
          await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', this.panel.viewColumn);
          return;
        }
        return this.openTemplate(message.params.action);
      case 'request':
        return this.answer(message);
    }
  }

  /** Edits run one after another, each against the document's current text. */
  private enqueueEdit(seq: number, changes: FieldChange[]): Promise<void> {
    this.edits = this.edits.then(() => this.applyChanges(changes, seq)).catch((error: unknown) => {
      if (!(error instanceof UneditableDocumentError)) throw error;
    });
    return this.edits.finally(() => this.sendDocument());
  }

  private async applyChanges(changes: FieldChange[], seq?: number): Promise<void> {
    // Acknowledge before applying: the change event fires inside applyEdit, and the state it sends must
    // already count this edit as seen, or the form would keep showing its own pending value forever.
    if (seq !== undefined) this.ackSeq = Math.max(this.ackSeq, seq);
    const { replacement } = applyFieldChanges(this.document.getText(), changes);
    if (!replacement) return;
    const edit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(this.document.positionAt(replacement.offset), this.document.positionAt(replacement.offset + replacement.length));
    edit.replace(this.document.uri, range, replacement.text);
    await vscode.workspace.applyEdit(edit);
  }

  private async openTemplate(action: 'afterImport' | 'afterRealization'): Promise<void> {
    const settings = documentState(this.document.getText(), '', 0).settings;
    if (!settings) return;
    const plan = planTemplate(settings, action);
    if (plan.changes.length) await this.applyChanges(plan.changes);
    if (!plan.bodyFile) {
      await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', vscode.ViewColumn.Beside);
      return;
    }
    await openTemplateBody(this.folder, plan);
    await this.services.previewTemplate(this.folder, plan.name);
  }

  private async answer(request: Request): Promise<void> {
    let result: ServiceResult | ResetOutcome;
    if (NEEDS_TRUST.has(request.method) && !vscode.workspace.isTrusted) {
      result = { ok: false, message: vscode.l10n.t('Not allowed in an untrusted workspace: trust this folder first.') };
    } else {
      result = await this.run(request);
    }
    this.post({ kind: 'response', id: request.id, ok: true, result });
    if (request.method !== 'resetPreview' && request.method !== 'sendTestEmail') await this.sendContext();
  }

  private run(request: Request): Promise<ServiceResult | ResetOutcome> {
    const folder = this.folder;
    switch (request.method) {
      case 'testShopConnection':
        return this.services.testShopConnection(folder);
      case 'refreshShopStatuses':
        return this.services.refreshShopStatuses(folder);
      case 'setShopCredentials':
        return this.services.setShopCredentials(folder);
      case 'setSmtpPassword':
        return this.services.setSmtpPassword(folder);
      case 'sendTestEmail':
        return this.services.sendTestEmail(folder, (request as Request<'sendTestEmail'>).params.to);
      case 'resetPreview':
      case 'reset': {
        const { actions, until } = (request as Request<'reset'>).params;
        return this.services.reset(folder, actions, until, request.method === 'resetPreview');
      }
      default:
        return Promise.resolve({ ok: false, message: vscode.l10n.t('Not available yet') });
    }
  }
}
