// The sync passes of this window: running one (interactive or auto-sync), the bulk guard's follow-up, deactivation, the auto-sync timers.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import { errorMessage } from '../../core/error-message';
import { plural } from '../../core/l10n';
import { todayInZone } from '../../core/state/index';
import { openDeployment } from '../../core/sync/open';
import { runSyncPass } from '../../core/sync/pass';
import type { SyncSummary } from '../../core/sync/types';
import type { FeatureContext } from '../context';
import { type Deployment, findDeployments } from '../deployments';
import type { StateService } from '../features/state';
import { deploymentSecrets } from '../secrets';
import { ensureTrusted } from '../trust';
import { askBulk, bulkActions } from './bulk-guard';
import { PlanViews } from './plan-view';

export interface RunOptions {
  dryRun?: boolean;
  allowBulk?: boolean;
  /** Interactive: progress notification and modals. Auto-sync runs quietly. */
  interactive?: boolean;
}

/** A pass of this window starting or ending; `notRun`: it could not start (locked state, invalid settings). */
export interface PassActivity {
  folder: vscode.Uri;
  running: boolean;
  notRun?: string;
}

export class SyncController implements vscode.Disposable {
  private readonly running = new Set<string>();
  private readonly runningChanged = new vscode.EventEmitter<PassActivity>();
  /** A pass of this window started or ended, or could not run (the status bar shows it). */
  readonly onDidChangeRunning = this.runningChanged.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Aborted when the extension deactivates: passes stop between actions, and their shop waits end at once. */
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly context: FeatureContext,
    private readonly state: StateService,
  ) {}

  private secretsFor(deployment: Deployment) {
    return deploymentSecrets(this.context.extension.secrets, deployment.folder);
  }

  /** Opens the deployment, explaining a lock, a corrupt state or invalid settings in the user's words. */
  private async open(deployment: Deployment, interactive: boolean) {
    const open = (startFresh: boolean) =>
      openDeployment(deployment.folder.fsPath, {
        secrets: this.secretsFor(deployment),
        logger: this.context.log,
        holder: 'VS Code',
        startFresh,
        now: this.context.clock,
        stop: this.stopping.signal,
      });
    try {
      return await open(false);
    } catch (error) {
      const explained = await this.context.state.explainStateError(error, { interactive, settingsFile: deployment.settingsFile });
      return explained === 'start-fresh' ? open(true) : undefined;
    }
  }

  /**
   * Deactivation: every pass in progress stops between actions (the action under way finishes and is recorded)
   * and no new one starts; resolves when they have closed their state.
   */
  async stopAll(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  async run(deployment: Deployment, options: RunOptions = {}): Promise<SyncSummary | undefined> {
    if (this.stopping.signal.aborted) return undefined;
    const pass = this.runTracked(deployment, options);
    this.inFlight.add(pass);
    try {
      return await pass;
    } finally {
      this.inFlight.delete(pass);
    }
  }

  private async runTracked(deployment: Deployment, options: RunOptions): Promise<SyncSummary | undefined> {
    if (!ensureTrusted()) return undefined;
    const key = deployment.folder.toString();
    if (this.running.has(key)) {
      if (options.interactive !== false)
        void vscode.window.showInformationMessage(vscode.l10n.t('A sync pass is already running for this deployment.'));
      return undefined;
    }
    this.running.add(key);
    this.runningChanged.fire({ folder: deployment.folder, running: true });
    try {
      const summary = await this.runOnce(deployment, options);
      if (summary?.result === 'blocked' && options.interactive !== false && !options.dryRun) {
        const answer = await askBulk(this.context.prompter, summary.customerEmailsPlanned, summary.bulkLimit);
        if (answer === 'send') return await this.runOnce(deployment, { ...options, allowBulk: true });
        if (answer === 'reset') {
          const actions = bulkActions(summary);
          const settings = (await loadSettings(deployment.folder.fsPath)).settings;
          await this.state.reset(deployment, { actions, until: todayInZone(this.context.clock(), settings.timezone) });
        }
      }
      return summary;
    } finally {
      this.running.delete(key);
      this.runningChanged.fire({ folder: deployment.folder, running: false });
    }
  }

  private async runOnce(deployment: Deployment, options: RunOptions): Promise<SyncSummary | undefined> {
    const interactive = options.interactive !== false;
    const opened = await this.open(deployment, interactive);
    if (!opened) {
      this.runningChanged.fire({ folder: deployment.folder, running: false, notRun: vscode.l10n.t('did not run') });
      return undefined;
    }
    const { log, channel } = this.context;
    const stopping = this.stopping.signal;
    log.info(
      vscode.l10n.t(
        'Sync pass for {0}{1}',
        vscode.workspace.asRelativePath(deployment.folder),
        options.dryRun ? vscode.l10n.t(' (dry run)') : '',
      ),
    );
    try {
      const execute = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken) =>
        runSyncPass(opened.deps, {
          dryRun: options.dryRun,
          allowBulk: options.allowBulk,
          trigger: interactive ? 'vscode' : 'auto-sync',
          cancel: {
            get cancelled() {
              return token?.isCancellationRequested === true || stopping.aborted;
            },
          },
          onEvent: (event) => {
            if (!progress) return;
            if (event.type === 'fetched')
              progress.report({ message: plural(event.count, { one: '{0} order fetched', other: '{0} orders fetched' }) });
            if (event.type === 'progress')
              progress.report({ increment: 100 / event.total, message: vscode.l10n.t('{0}/{1} orders', event.done, event.total) });
          },
        });
      const summary = interactive
        ? await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Optima Sync'), cancellable: true },
            (progress, token) => execute(progress, token),
          )
        : await execute();
      this.report(summary, interactive);
      return summary;
    } catch (error) {
      const message = opened.deps.redact(errorMessage(error));
      log.error(vscode.l10n.t('The sync pass could not run: {0}', message));
      if (interactive) {
        const show = vscode.l10n.t('Show log');
        void vscode.window
          .showErrorMessage(vscode.l10n.t('The sync pass could not run: {0}', message), show)
          .then((a) => a === show && channel.show(true));
      }
      return undefined;
    } finally {
      await opened.close();
      this.context.state.announceChange(deployment.folder);
    }
  }

  private report(summary: SyncSummary, interactive: boolean): void {
    const done = Object.values(summary.actions).reduce((n, c) => n + c.done, 0);
    const failed = Object.values(summary.actions).reduce((n, c) => n + c.failed, 0) + summary.importFailed;
    const uncertain = summary.uncertain.length;
    const text = vscode.l10n.t(
      '{0} imported, {1} actions done, {2} failed, {3} uncertain, {4} e-mails sent',
      summary.imported,
      done,
      failed,
      uncertain,
      summary.emailsSent,
    );
    this.context.log.info(text);
    if (!interactive || summary.dryRun || summary.result === 'blocked') return;
    const show = vscode.l10n.t('Show log');
    const head = summary.result === 'cancelled' ? vscode.l10n.t('Sync pass cancelled.') : vscode.l10n.t('Sync pass completed.');
    const notify = failed + uncertain > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void notify(`${head} ${text}`, show).then((a) => a === show && this.context.channel.show(true));
  }

  /** Auto-sync: one timer per deployment, from schedule.autoSyncMinutes, only in a trusted workspace. */
  async refreshSchedules(): Promise<void> {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    if (!vscode.workspace.isTrusted) return;
    for (const deployment of await findDeployments()) {
      let minutes: number;
      try {
        minutes = (await loadSettings(deployment.folder.fsPath)).settings.schedule.autoSyncMinutes;
      } catch {
        continue;
      }
      if (minutes > 0) {
        this.timers.set(
          deployment.folder.toString(),
          setInterval(() => void this.run(deployment, { interactive: false }), minutes * 60_000),
        );
        this.context.log.info(
          vscode.l10n.t('Auto-sync every {0} min for {1}', minutes, vscode.workspace.asRelativePath(deployment.folder)),
        );
      }
    }
  }

  /** Plans shown by "Preview sync pass": rendered, read-only, titled "Sync pass plan — <deployment>". */
  readonly plans = new PlanViews();

  async preview(deployment: Deployment): Promise<SyncSummary | undefined> {
    const summary = await this.run(deployment, { dryRun: true });
    if (summary?.plan) this.plans.show(deployment, summary.plan);
    return summary;
  }

  dispose(): void {
    this.runningChanged.dispose();
    this.plans.dispose();
    for (const timer of this.timers.values()) clearInterval(timer);
  }
}
