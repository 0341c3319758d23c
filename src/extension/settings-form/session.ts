// One open form: its webview's end of the protocol. The TextDocument is the only model: the form's changes
// become minimal WorkspaceEdits (so undo/redo, dirty state, save and hot exit are VS Code's own), and every
// change of the document, whoever made it, is sent back to the form.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { isValidTimeZone, todayInZone } from '../../core/state/timezone';
import type {
  FieldChange,
  HostMessage,
  Request,
  RequestHandlers,
  RequestMethod,
  Response,
  WebviewMessage,
} from '../../protocol/settings-form';
import type { Deployment } from '../deployments';
import { documentState } from './document-state';
import { showIn, TEXT_EDITOR } from './editor-switch';
import { PLATFORMS_WITH_PDF_UPLOAD, type FormContextSource } from './form-context';
import { applyFieldChanges, UneditableDocumentError } from './json-edits';
import { parseWebviewMessage } from './messages';
import { planTemplate, planTemplateBody, type TemplatePlan } from './template-plan';
import { openTemplateBody } from './templates';

/** Coalesces bursts of document changes (typing in the text editor beside the form). */
const EXTERNAL_CHANGE_DELAY_MS = 60;
/** Answers after which the secrets or the shop's statuses may have changed: the context is sent again. */
const CHANGES_CONTEXT: ReadonlySet<RequestMethod> = new Set([
  'setShopCredentials',
  'testShopConnection',
  'refreshShopStatuses',
  'setErpPassword',
  'setErpBridgeToken',
  'setSmtpPassword',
  'setAlertsSmtpPassword',
  'reset',
]);

/** Today in the file's zone (still being typed, so maybe not a zone yet: then Warsaw's, the default). */
function todayIn(timeZone: unknown, now: Date): string {
  return todayInZone(now, typeof timeZone === 'string' && isValidTimeZone(timeZone) ? timeZone : 'Europe/Warsaw');
}

export interface SessionOptions {
  document: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  deployment: Deployment;
  handlers: RequestHandlers;
  context: FormContextSource;
  log: Logger;
  clock: Clock;
  onInteractive: (webviewMs: number) => void;
  /** The page loaded its script and asked for the document (where an open's time goes: loading, or rendering). */
  onReady?: () => void;
  /** The setting to reveal once the page is ready (asked for while it was not). */
  takePendingReveal: () => string | undefined;
  /** The "Preview e-mail template" of the services, after "Message template…" opened a body file. */
  previewTemplate: (name: string) => Promise<unknown>;
}

export class FormSession {
  private readonly disposables: vscode.Disposable[] = [];
  /** The page is loaded and listening (a hidden webview is discarded, and reloads when shown again). */
  private ready = false;
  private ackSeq = 0;
  private documentTimer: NodeJS.Timeout | undefined;
  private edits: Promise<void> = Promise.resolve();
  /** The shop platform the last context was made for (the cached statuses are per platform). */
  private contextPlatform: string | undefined;

  constructor(private readonly options: SessionOptions) {
    const { document, panel } = options;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === document.uri.toString() && event.contentChanges.length > 0) this.sendDocumentSoon();
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.sendContext()),
    );
  }

  dispose(): void {
    clearTimeout(this.documentTimer);
    this.disposables.forEach((d) => d.dispose());
  }

  /** Reveals a setting's field now; false when the page cannot take it yet (it asks for pending reveals when ready). */
  reveal(pointer: string): boolean {
    if (!this.ready) return false;
    this.post({ kind: 'notification', method: 'reveal', params: { pointer } });
    return true;
  }

  private post(message: HostMessage | Response): void {
    void this.options.panel.webview.postMessage(message);
  }

  private get document(): vscode.TextDocument {
    return this.options.document;
  }

  private sendDocument(): void {
    clearTimeout(this.documentTimer);
    this.documentTimer = undefined;
    if (!this.ready) return;
    this.post({
      kind: 'notification',
      method: 'document',
      params: documentState(this.document.getText(), this.document.uri.fsPath, this.ackSeq),
    });
    const platform = this.peek().platform;
    if (platform !== undefined && platform !== this.contextPlatform) void this.sendContext();
  }

  private sendDocumentSoon(): void {
    if (this.documentTimer) return;
    this.documentTimer = setTimeout(() => this.sendDocument(), EXTERNAL_CHANGE_DELAY_MS);
  }

  /** A few top-level values without validating (empty while the JSON is broken). */
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
    const context = await this.options.context.context(this.options.deployment.folder, this.contextPlatform);
    if (this.ready) this.post({ kind: 'notification', method: 'context', params: context });
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.options.log.warn('Settings form: ignored a message that does not match the protocol');
      return;
    }
    void this.handle(message).catch((error: unknown) =>
      this.options.log.error(`Settings form: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.method) {
      case 'ready':
        this.options.onReady?.();
        return this.start();
      case 'interactive':
        return this.options.onInteractive(message.params.ms);
      case 'edit':
        return this.enqueueEdit(message.params.seq, message.params.changes);
      case 'reopenAsText':
        return showIn(this.document.uri, TEXT_EDITOR);
      case 'openTemplate':
      case 'openTemplateBody':
        return this.openTemplate(message.method === 'openTemplate' ? { action: message.params.action } : { name: message.params.name });
      default:
        return this.answer(message);
    }
  }

  /** A new page (first open, or shown again): its edit numbers start from 1. */
  private async start(): Promise<void> {
    this.ready = true;
    this.ackSeq = 0;
    this.post({
      kind: 'notification',
      method: 'init',
      params: {
        language: vscode.env.language,
        l10n: vscode.l10n.bundle,
        today: todayIn(this.peek().timezone, this.options.clock()),
        trusted: vscode.workspace.isTrusted,
        platformsWithPdfUpload: PLATFORMS_WITH_PDF_UPLOAD,
      },
    });
    this.sendDocument();
    const pointer = this.options.takePendingReveal();
    if (pointer !== undefined) this.reveal(pointer);
    await this.sendContext();
  }

  /** Edits run one after another, each against the document's current text. */
  private enqueueEdit(seq: number, changes: FieldChange[]): Promise<void> {
    this.edits = this.edits
      .then(() => this.applyChanges(changes, seq))
      .catch((error: unknown) => {
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
    const range = new vscode.Range(
      this.document.positionAt(replacement.offset),
      this.document.positionAt(replacement.offset + replacement.length),
    );
    edit.replace(this.document.uri, range, replacement.text);
    await vscode.workspace.applyEdit(edit);
  }

  private async openTemplate(which: { action: 'afterImport' | 'afterRealization' } | { name: string }): Promise<void> {
    const settings = documentState(this.document.getText(), '', 0).settings;
    if (!settings) return;
    const plan: TemplatePlan | undefined =
      'action' in which ? planTemplate(settings, which.action) : planTemplateBody(settings, which.name);
    if (!plan) return;
    if (plan.changes.length) await this.applyChanges(plan.changes);
    if (!plan.bodyFile) {
      // An inline body: it is edited in the JSON text, opened beside the form.
      await vscode.commands.executeCommand('vscode.openWith', this.document.uri, TEXT_EDITOR, vscode.ViewColumn.Beside);
      return;
    }
    await openTemplateBody(this.options.deployment.folder, plan);
    await this.options.previewTemplate(plan.name);
  }

  private async answer<M extends RequestMethod>(request: Request<M>): Promise<void> {
    const handler: RequestHandlers[M] = this.options.handlers[request.method];
    let response: Response<M>;
    try {
      response = { kind: 'response', id: request.id, method: request.method, ok: true, result: await handler(request.params) };
    } catch (error) {
      response = {
        kind: 'response',
        id: request.id,
        method: request.method,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    this.post(response);
    if (CHANGES_CONTEXT.has(request.method)) await this.sendContext();
  }
}
