// The settings form: a custom text editor over optima-sync.json. Each open form is a FormSession; the provider
// keeps them by file so a problem's "Show in the settings form" reaches the right one.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { deploymentOf } from '../deployments';
import type { StateAccess } from '../state-access';
import { formRequestHandlers, type FormServices } from './form-actions';
import { FormContextSource } from './form-context';
import { formHtml, webviewRoot } from './html';
import { FormSession } from './session';

export interface OpenTiming {
  file: string;
  /** From resolveCustomTextEditor (or the tab being shown again: the webview reloads) to the webview's "interactive" message. */
  hostMs: number;
  /** The webview's own navigation-start → first render. */
  webviewMs: number;
  /** From the same start as hostMs to the page's "ready" (its script loaded and run): the rest is the first render. */
  readyMs: number;
}

export class SettingsFormProvider implements vscode.CustomTextEditorProvider {
  /** The last open-to-interactive timings (newest last), for the log and the end-to-end test. */
  readonly timings: OpenTiming[] = [];
  private readonly sessions = new Map<string, FormSession>();
  /** Settings to reveal, per file, once its form is (again) ready. */
  private readonly pendingReveals = new Map<string, string>();
  private readonly context: FormContextSource;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly services: FormServices,
    private readonly log: Logger,
    private readonly clock: Clock,
    state: StateAccess,
  ) {
    this.context = new FormContextSource(extension.secrets, state);
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    let shownAt = performance.now();
    let readyAt = shownAt;
    panel.onDidChangeViewState(() => {
      if (panel.visible) shownAt = performance.now();
    });
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(this.extension.extensionUri)] };
    panel.webview.html = formHtml(panel.webview, this.extension.extensionUri, vscode.env.language);
    const key = document.uri.toString();
    const deployment = deploymentOf(document.uri);
    const session = new FormSession({
      document,
      panel,
      deployment,
      handlers: formRequestHandlers(this.services, deployment, this.context),
      context: this.context,
      log: this.log,
      clock: this.clock,
      onInteractive: (webviewMs) => this.reportInteractive(document, performance.now() - shownAt, webviewMs, readyAt - shownAt),
      onReady: () => {
        readyAt = performance.now();
      },
      takePendingReveal: () => {
        const pointer = this.pendingReveals.get(key);
        this.pendingReveals.delete(key);
        return pointer;
      },
      previewTemplate: (name) => this.services.mail.previewTemplate(deployment.folder, { template: name }),
    });
    this.sessions.set(key, session);
    panel.onDidDispose(() => {
      session.dispose();
      if (this.sessions.get(key) === session) this.sessions.delete(key);
    });
  }

  /** Reveals a setting in the file's form now if it is showing, else as soon as it is. */
  reveal(file: vscode.Uri, pointer: string): void {
    const key = file.toString();
    if (this.sessions.get(key)?.reveal(pointer)) return;
    this.pendingReveals.set(key, pointer);
  }

  private reportInteractive(document: vscode.TextDocument, hostMs: number, webviewMs: number, readyMs: number): void {
    const timing = {
      file: document.uri.fsPath,
      hostMs: Math.round(hostMs),
      webviewMs: Math.round(webviewMs),
      readyMs: Math.round(readyMs),
    };
    this.timings.push(timing);
    if (this.timings.length > 20) this.timings.shift();
    this.log.info(
      `Settings form interactive ${timing.hostMs} ms after showing ${vscode.workspace.asRelativePath(document.uri)} (page ready after ${timing.readyMs} ms; webview's first render: ${timing.webviewMs} ms)`,
    );
  }
}
