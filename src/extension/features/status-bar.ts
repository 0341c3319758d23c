// The status bar item: the last real pass of the workspace's deployments from the pass history (whoever ran
// it: this window, auto-sync, the CLI, the service; dry runs are not passes), what needs attention, and a
// spinner while this window runs one. It re-reads the history when a state file changes, read-only.
import * as vscode from 'vscode';
import { readActivity, type ActivitySnapshot } from '../../core/history/activity';
import { resultTitle, runFigures, triggerTitle } from '../../core/history/format';
import type { RunRecord } from '../../core/state/index';
import { Coalesced } from '../coalesced';
import type { FeatureContext } from '../context';
import { findDeployments } from '../deployments';
import type { PassActivity, SyncController } from './sync';

export interface StatusBarInspection {
  /** What the item shows now. */
  readonly text: string;
  readonly tooltip: string;
  /** Re-reads the history now (instead of after the file watcher's coalescing delay). */
  refresh(): Promise<void>;
}

/** The time in the deployment's zone, as the Activity view and `optima-sync status` show it. */
function localTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit', timeZone });
}

export class LastPassStatusBar implements vscode.Disposable, StatusBarInspection {
  private readonly item: vscode.StatusBarItem;
  private readonly running = new Set<string>();
  private notRun: string | undefined;
  /** Re-reads at most once a second while a pass writes its state. */
  readonly refreshSoon = new Coalesced(1000, () => void this.refresh());
  private snapshots: Array<{ label: string; snapshot: ActivitySnapshot }> = [];

  constructor(private readonly context: FeatureContext) {
    this.item = vscode.window.createStatusBarItem('optimaSync.lastPass', vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Optima Sync: last pass');
    this.item.command = 'optimaSync.statusBarMenu';
    this.item.text = '$(sync) Optima Sync';
    this.item.tooltip = vscode.l10n.t('No sync pass recorded yet. Click to run one.');
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
  }

  onPassActivity(event: PassActivity): void {
    const key = event.folder.toString();
    if (event.running) {
      this.running.add(key);
      this.notRun = undefined;
    } else {
      this.running.delete(key);
      if (event.notRun) this.notRun = event.notRun;
    }
    this.render();
    if (!event.running) void this.refresh();
  }

  async refresh(): Promise<void> {
    const deployments = await findDeployments();
    const read: typeof this.snapshots = [];
    for (const deployment of deployments) {
      try {
        read.push({ label: vscode.workspace.asRelativePath(deployment.folder), snapshot: await readActivity(deployment.folder.fsPath, { now: this.context.clock(), days: 0, passes: 5, attentionLimit: 0 }) });
      } catch (error) {
        this.context.log.debug(`Status bar: the history of ${deployment.folder.fsPath} cannot be read: ${String(error)}`);
      }
    }
    this.snapshots = read;
    if (deployments.length > 0) this.item.show();
    else this.item.hide();
    this.render();
  }

  private render(): void {
    if (this.running.size > 0) {
      this.item.text = '$(sync~spin) Optima Sync';
      return;
    }
    let last: { label: string; run: RunRecord; timeZone: string } | undefined;
    let failed = 0;
    let uncertain = 0;
    for (const { label, snapshot } of this.snapshots) {
      failed += snapshot.attention.failed;
      uncertain += snapshot.attention.uncertain;
      const run = snapshot.passes.find((p) => p.finishedAt);
      if (run && (!last || run.finishedAt! > last.run.finishedAt!)) last = { label, run, timeZone: snapshot.timeZone };
    }
    const attention = failed + uncertain;
    const broken = last?.run.result === 'failed' || last?.run.result === 'blocked';
    const icon = broken || this.notRun ? '$(error)' : attention > 0 ? '$(warning)' : last ? '$(check)' : '$(sync)';
    this.item.text = `${icon} Optima Sync${last ? ` ${localTime(last.run.finishedAt!, last.timeZone)}` : ''}${attention > 0 ? ` · ${attention}` : ''}`;
    const lines: string[] = [];
    if (last) {
      lines.push(vscode.l10n.t('Last sync pass at {0} ({1}, {2}): {3}.', localTime(last.run.finishedAt!, last.timeZone), triggerTitle(last.run.trigger), last.label, resultTitle(last.run)));
      lines.push(runFigures(last.run) + '.');
      if (last.run.error) lines.push(last.run.error);
    } else {
      lines.push(vscode.l10n.t('No sync pass recorded yet.'));
    }
    if (this.notRun) lines.push(vscode.l10n.t('The last pass started in this window {0}: see the log.', this.notRun));
    lines.push(attention > 0 ? vscode.l10n.t('Needs attention: {0} failed, {1} uncertain.', failed, uncertain) : vscode.l10n.t('Nothing needs attention.'));
    for (const { label, snapshot } of this.snapshots) {
      const next = snapshot.service?.running ? snapshot.service.nextPassAt : undefined;
      if (next) lines.push(vscode.l10n.t('Service ({0}): next pass at {1}.', label, localTime(next, snapshot.timeZone)));
    }
    lines.push(vscode.l10n.t('Click to run a pass, show the activity or the log.'));
    this.item.tooltip = lines.join('\n');
  }

  dispose(): void {
    this.refreshSoon.dispose();
    this.item.dispose();
  }
}

/** The status bar item and its menu; `showActivity` reveals the Activity view. */
export function statusBarFeature(context: FeatureContext, sync: SyncController, showActivity: () => Promise<void>): StatusBarInspection {
  const bar = new LastPassStatusBar(context);
  const watcher = vscode.workspace.createFileSystemWatcher('**/.optima-sync/{state.sqlite,service.json}');
  context.extension.subscriptions.push(
    bar,
    watcher,
    watcher.onDidChange(() => bar.refreshSoon.request()),
    watcher.onDidCreate(() => bar.refreshSoon.request()),
    watcher.onDidDelete(() => bar.refreshSoon.request()),
    context.state.onDidChange(() => bar.refreshSoon.request()),
    sync.onDidChangeRunning((event) => bar.onPassActivity(event)),
    vscode.commands.registerCommand('optimaSync.statusBarMenu', async () => {
      const choices = [
        { label: vscode.l10n.t('$(sync) Run sync pass'), run: () => vscode.commands.executeCommand('optimaSync.runSyncPass') },
        { label: vscode.l10n.t('$(graph) Show activity'), run: showActivity },
        { label: vscode.l10n.t('$(output) Show log'), run: () => vscode.commands.executeCommand('optimaSync.showLog') },
      ];
      const picked = await vscode.window.showQuickPick(choices);
      if (picked) await picked.run();
    }),
  );
  void bar.refresh();
  return bar;
}
