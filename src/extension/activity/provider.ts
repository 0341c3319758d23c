// The Activity view's host side: a webview view under the same strict CSP as the settings form (nonce, only
// dist/webview/activity.js), fed from the pass history by readActivity, which opens the state read-only and
// closes it at once. It re-reads when the state changes (this window's commands, or the file written by the
// CLI, the service or another window) and only while it is visible; every incoming message is validated.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { readActivity, type ActivitySnapshot } from '../../core/history/activity';
import { resultTitle, runFigures, triggerTitle } from '../../core/history/format';
import type { Logger } from '../../core/log';
import { ACTIVITY_PROTOCOL, type ActivityData, type ActivityHostMessage, type OrdersFilterName } from '../../protocol/activity';
import { findDeployments, type Deployment } from '../deployments';
import { webviewPage, webviewRoot } from '../settings-form/html';
import { Coalesced } from '../coalesced';
import { webviewGate } from '../webview-gate';

export const parseActivityMessage = webviewGate(ACTIVITY_PROTOCOL);

export function toActivityData(snapshot: ActivitySnapshot, deployments: string[], selected: number): ActivityData {
  const service = snapshot.service;
  return {
    deployments,
    selected,
    timeZone: snapshot.timeZone,
    hasState: snapshot.hasState,
    days: snapshot.days,
    passes: snapshot.passes.map((p) => ({
      startedAt: p.startedAt,
      finishedAt: p.finishedAt,
      trigger: p.trigger,
      result: p.result,
      imported: p.imported,
      emailsSent: p.emailsSent,
      failed: p.failed,
      uncertain: p.uncertain,
      ...(p.error ? { error: p.error } : {}),
      who: triggerTitle(p.trigger),
      outcome: resultTitle(p),
      figures: runFigures(p),
    })),
    lastSuccessAt: snapshot.lastSuccess?.finishedAt,
    attention: {
      failed: snapshot.attention.failed,
      uncertain: snapshot.attention.uncertain,
      items: snapshot.attention.items.map((i) => ({
        number: i.number,
        kind: i.kind,
        state: i.state,
        ...(i.error ? { error: i.error } : {}),
      })),
    },
    ...(snapshot.waitingForKsef.length > 0 ? { waitingForKsef: snapshot.waitingForKsef } : {}),
    service: service && {
      running: service.running,
      every: service.every,
      state: service.state,
      nextPassAt: service.nextPassAt,
      backoff: service.backoff,
      updatedAt: service.updatedAt,
    },
  };
}

export interface ActivityActions {
  /** Shows the Orders view with this filter. */
  showOrders(filter: OrdersFilterName): Promise<void>;
}

export class ActivityViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private selected = 0;
  /** Bursts of changes (a pass writes the file more than once) become one read a second at most. */
  readonly refreshSoon = new Coalesced(1000, () => void this.refresh());
  private lastData: ActivityData | undefined;
  /** Messages dropped by the gate (tests check that a forged one is). */
  dropped = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly actions: ActivityActions,
  ) {}

  /** What the view shows now (tests). */
  get data(): ActivityData | undefined {
    return this.lastData;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(this.extensionUri)] };
    view.webview.html = webviewPage(view.webview, this.extensionUri, {
      bundle: 'activity.js',
      title: 'Activity',
      language: vscode.env.language,
    });
    view.webview.onDidReceiveMessage((raw) => void this.receive(raw));
    view.onDidChangeVisibility(() => view.visible && this.refreshSoon.request());
    view.onDidDispose(() => {
      this.view = undefined;
    });
  }

  private post(message: ActivityHostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseActivityMessage(raw);
    if (!message) {
      this.dropped++;
      this.log.warn('Activity view: ignored a message that does not match the protocol');
      return;
    }
    switch (message.method) {
      case 'ready':
        this.ready = true;
        this.post({ kind: 'notification', method: 'init', params: { language: vscode.env.language, l10n: vscode.l10n.bundle } });
        await this.refresh();
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'selectDeployment':
        this.selected = message.params.index;
        await this.refresh();
        return;
      case 'showOrders':
        await this.actions.showOrders(message.params.filter);
    }
  }

  /** Reads the history of the chosen deployment and sends it (only while the view is shown). */
  async refresh(): Promise<ActivityData | undefined> {
    if (!this.view || !this.ready || !this.view.visible) return undefined;
    const deployments = await findDeployments();
    const labels = deployments.map((d: Deployment) => vscode.workspace.asRelativePath(d.folder));
    if (this.selected >= deployments.length) this.selected = 0;
    const deployment = deployments.at(this.selected);
    let data: ActivityData;
    if (!deployment) {
      data = {
        deployments: [],
        selected: 0,
        timeZone: 'UTC',
        hasState: false,
        days: [],
        passes: [],
        attention: { failed: 0, uncertain: 0, items: [] },
        error: vscode.l10n.t('No optima-sync.json in this workspace.'),
      };
    } else {
      try {
        data = toActivityData(await readActivity(deployment.folder.fsPath, { now: this.clock() }), labels, this.selected);
      } catch (error) {
        data = {
          deployments: labels,
          selected: this.selected,
          timeZone: 'UTC',
          hasState: false,
          days: [],
          passes: [],
          attention: { failed: 0, uncertain: 0, items: [] },
          error: vscode.l10n.t('The pass history cannot be read: {0}', (error as Error).message),
        };
      }
    }
    this.lastData = data;
    this.post({ kind: 'notification', method: 'data', params: data });
    return data;
  }

  dispose(): void {
    this.refreshSoon.dispose();
  }
}
