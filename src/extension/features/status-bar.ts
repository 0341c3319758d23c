// The status bar item: the last real pass of the workspace's deployments from the pass history (whoever ran
// it: this window, auto-sync, the CLI, the service; dry runs are not passes), what needs attention, and a
// spinner while this window runs one. It reads the summary each writer of a state leaves beside it.
import * as vscode from 'vscode';
import { deploymentTimeZone, readActivity, type ActivitySnapshot } from '../../core/history/activity';
import { readServiceStatus } from '../../core/service/status-file';
import { resultTitle, runFigures, triggerTitle } from '../../core/history/format';
import { readStateSummary, statePaths, type RunRecord, type StateSummary } from '../../core/state/index';
import { Coalesced } from '../coalesced';
import type { FeatureContext } from '../context';
import { findDeployments } from '../deployments';
import type { PassActivity, SyncController } from '../sync/controller';
import { executeOptimaCommand } from '../run-command';

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

/** What the item shows of one deployment: the state's summary, the service's status file, the zone. */
interface LastPassSnapshot extends Pick<StateSummary, 'lastPass' | 'failed' | 'uncertain'> {
  service?: ActivitySnapshot['service'];
  timeZone: string;
}

/**
 * Reads the summary a state's writer leaves when it closes (a few hundred bytes), never the database itself:
 * the item is always on screen, and a long history is tens of MiB. Only a state that no writer has closed
 * since the summary exists (an upgrade) is read once, read-only.
 */
async function readLastPass(dir: string, now: Date): Promise<LastPassSnapshot> {
  const [summary, service, timeZone] = await Promise.all([
    readStateSummary(statePaths(dir).folder),
    readServiceStatus(dir),
    deploymentTimeZone(dir),
  ]);
  if (summary) return { ...summary, service, timeZone };
  const activity = await readActivity(dir, { now, days: 0, passes: 5, attentionLimit: 0 });
  return {
    lastPass: activity.passes.find((pass) => pass.finishedAt),
    failed: activity.attention.failed,
    uncertain: activity.attention.uncertain,
    service: activity.service,
    timeZone,
  };
}

export class LastPassStatusBar implements vscode.Disposable, StatusBarInspection {
  private readonly item: vscode.StatusBarItem;
  private readonly running = new Set<string>();
  private notRun: string | undefined;
  /** Re-reads at most once a second while a pass writes its state. */
  readonly refreshSoon = new Coalesced(1000, () => void this.refresh());
  private snapshots: Array<{ label: string; snapshot: LastPassSnapshot }> = [];

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
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
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
        read.push({
          label: vscode.workspace.asRelativePath(deployment.folder),
          snapshot: await readLastPass(deployment.folder.fsPath, this.context.clock()),
        });
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
      failed += snapshot.failed;
      uncertain += snapshot.uncertain;
      const run = snapshot.lastPass;
      if (run?.finishedAt && (!last || run.finishedAt > last.run.finishedAt!)) last = { label, run, timeZone: snapshot.timeZone };
    }
    const attention = failed + uncertain;
    const broken = last?.run.result === 'failed' || last?.run.result === 'blocked';
    const icon = broken || this.notRun ? '$(error)' : attention > 0 ? '$(warning)' : last ? '$(check)' : '$(sync)';
    this.item.text = `${icon} Optima Sync${last ? ` ${localTime(last.run.finishedAt!, last.timeZone)}` : ''}${attention > 0 ? ` · ${attention}` : ''}`;
    const lines: string[] = [];
    if (last) {
      lines.push(
        vscode.l10n.t(
          'Last sync pass at {0} ({1}, {2}): {3}.',
          localTime(last.run.finishedAt!, last.timeZone),
          triggerTitle(last.run.trigger),
          last.label,
          resultTitle(last.run),
        ),
      );
      lines.push(runFigures(last.run) + '.');
      if (last.run.error) lines.push(last.run.error);
    } else {
      lines.push(vscode.l10n.t('No sync pass recorded yet.'));
    }
    if (this.notRun) lines.push(vscode.l10n.t('The last pass started in this window {0}: see the log.', this.notRun));
    lines.push(
      attention > 0
        ? vscode.l10n.t('Needs attention: {0} failed, {1} uncertain.', failed, uncertain)
        : vscode.l10n.t('Nothing needs attention.'),
    );
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
  const watcher = vscode.workspace.createFileSystemWatcher('**/.optima-sync/{summary.json,service.json}');
  context.extension.subscriptions.push(
    bar,
    watcher,
    watcher.onDidChange(() => bar.refreshSoon.request()),
    watcher.onDidCreate(() => bar.refreshSoon.request()),
    watcher.onDidDelete(() => bar.refreshSoon.request()),
    context.state.onDidChange(() => bar.refreshSoon.request()),
    sync.onDidChangeRunning((event) => bar.onPassActivity(event)),
    context.commands.register('optimaSync.statusBarMenu', async () => {
      const choices = [
        { label: vscode.l10n.t('$(sync) Run sync pass'), run: () => executeOptimaCommand('optimaSync.runSyncPass') },
        { label: vscode.l10n.t('$(graph) Show activity'), run: showActivity },
        { label: vscode.l10n.t('$(output) Show log'), run: () => executeOptimaCommand('optimaSync.showLog') },
      ];
      const picked = await vscode.window.showQuickPick(choices);
      if (picked) await picked.run();
    }),
  );
  void bar.refresh();
  return bar;
}
