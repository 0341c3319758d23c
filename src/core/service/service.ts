// `optima-sync run`: the scheduler over the same core as every other pass. Each cycle opens the deployment
// (settings read afresh, the state locked only for the pass), runs a pass recorded as "service", and closes
// it (the close checkpoints the state). A state locked by another writer (VS Code, `optima-sync sync`) skips
// the cycle; a pass that cannot run (shop or ERP down, invalid settings) backs off. Every event is a JSON line.
import type { Clock } from '../clock';
import { t, plural } from '../l10n';
import type { SecretSource } from '../secrets';
import { StateLockedError } from '../state/errors';
import { openDeployment } from '../sync/open';
import { runSyncPass } from '../sync/pass';
import { failuresOf } from '../sync/report';
import type { CancellationSignal } from '../sync/types';
import type { JsonLinesLog } from './log-file';
import { type CycleOutcome, Scheduler, type SchedulerEvent, type SchedulerTimer } from './scheduler';
import { reportOpenFailure, type ServiceMemory } from './cycle-failure';
import { newServiceStatus, type ServiceStatus, writeServiceStatus } from './status-file';
import { errorMessage } from '../error-message';

export interface ServiceOptions {
  dir: string;
  /** Undefined: one pass, then the service ends (the form for systemd timers and Task Scheduler). */
  intervalMs?: number;
  /** --every as given, for the status file and the log. */
  every?: string;
  secrets: SecretSource;
  log: JsonLinesLog;
  now: Clock;
  timer: SchedulerTimer;
  maxBackoffMs?: number;
  /** How long to wait for the SMTP server (nodemailer's own limits otherwise). */
  mailTimeoutsMs?: { connection?: number; greeting?: number; socket?: number };
}

/**
 * One cycle; never throws. A deployment that cannot be opened (invalid settings, an unreadable state) is a
 * failed cycle, recorded and alerted like a failed pass; a close that fails is logged and changes no outcome.
 */
export async function runServiceCycle(
  options: ServiceOptions,
  cancel: CancellationSignal,
  stop: AbortSignal,
  memory: ServiceMemory = {},
): Promise<CycleOutcome> {
  const { log } = options;
  let opened;
  try {
    opened = await openDeployment(options.dir, {
      secrets: options.secrets,
      logger: log.logger,
      now: options.now,
      holder: 'optima-sync run',
      mailTimeoutsMs: options.mailTimeoutsMs,
      stop,
    });
  } catch (error) {
    const message = log.redact(errorMessage(error));
    if (error instanceof StateLockedError) return { kind: 'skipped', reason: message };
    await reportOpenFailure(
      { dir: options.dir, secrets: options.secrets, logger: log.logger, now: options.now, redact: log.redact },
      memory,
      message,
    );
    return { kind: 'failed', error: message };
  }
  memory.settings = opened.settings;
  let outcome: CycleOutcome;
  try {
    const summary = await runSyncPass(opened.deps, { trigger: 'service', cancel });
    outcome = { kind: 'completed', result: summary.result, summary };
    if (summary.result === 'ok') memory.alertedWithoutState = false;
  } catch (error) {
    const message = opened.deps.redact(errorMessage(error));
    outcome = cancel.cancelled
      ? { kind: 'skipped', reason: t('stopped before the pass could finish ({0})', message) }
      : { kind: 'failed', error: message };
  }
  try {
    await opened.close();
  } catch (error) {
    log.event('warn', 'close-failed', t('The deployment could not be closed cleanly: {0}', opened.deps.redact(errorMessage(error))));
  }
  return outcome;
}

function describeOutcome(outcome: CycleOutcome): string {
  switch (outcome.kind) {
    case 'completed':
      return outcome.result;
    case 'failed':
      return `failed: ${outcome.error}`;
    case 'skipped':
      return `skipped: ${outcome.reason}`;
  }
}

/** The service: logs each cycle, keeps .optima-sync/service.json current, and stops when asked. */
export class OptimaService {
  readonly scheduler: Scheduler;
  private status: ServiceStatus;
  private statusWrites: Promise<void> = Promise.resolve();

  /** What the cycles remember of each other: the last valid settings, an alert sent without a state. */
  private readonly memory: ServiceMemory = {};

  constructor(private readonly options: ServiceOptions) {
    this.status = newServiceStatus(options.now(), options.every);
    this.scheduler = new Scheduler({
      intervalMs: options.intervalMs ?? 0,
      maxCycles: options.intervalMs === undefined ? 1 : undefined,
      maxBackoffMs: options.maxBackoffMs,
      clock: options.now,
      timer: options.timer,
      runCycle: (cancel, stop) => runServiceCycle(options, cancel, stop, this.memory),
      onEvent: (event) => this.onEvent(event),
    });
  }

  /** Runs until stopped (or after the one pass); the last cycle's outcome. */
  async run(): Promise<CycleOutcome | undefined> {
    const { log } = this.options;
    log.event(
      'info',
      'service-started',
      this.options.every
        ? t('Optima Sync service started in {0}: a pass every {1}', this.options.dir, this.options.every)
        : t('Optima Sync service started in {0}: one pass', this.options.dir),
      { dir: this.options.dir, every: this.options.every, pid: process.pid },
    );
    const { last } = await this.scheduler.run();
    await this.statusWrites;
    return last;
  }

  stop(signal: string): void {
    if (this.scheduler.stopping) return;
    this.options.log.event('info', 'stopping', t('{0} received: stopping after the actions under way', signal), { signal });
    this.scheduler.stop();
  }

  private update(change: Partial<ServiceStatus>): Promise<void> {
    this.status = { ...this.status, ...change, updatedAt: this.options.now().toISOString() };
    const snapshot = this.status;
    this.statusWrites = this.statusWrites
      .then(() => writeServiceStatus(this.options.dir, snapshot))
      .catch((error: Error) => this.options.log.logger.warn(t('Could not write the service status file: {0}', error.message)));
    return this.statusWrites;
  }

  private onEvent(event: SchedulerEvent): Promise<void> {
    const { log } = this.options;
    if (event.type === 'cycle-started') {
      log.event('info', 'pass-started', t('Pass {0} started', event.cycle), { cycle: event.cycle });
      return this.update({ state: 'running-pass', cycles: event.cycle, nextPassAt: undefined, backoff: undefined });
    }
    if (event.type === 'stopped') {
      log.event(
        'info',
        'service-stopped',
        plural(event.cycles, { one: 'Optima Sync service stopped after {0} pass', other: 'Optima Sync service stopped after {0} passes' }),
        { cycles: event.cycles },
      );
      return this.update({ state: 'stopped', nextPassAt: undefined, backoff: undefined });
    }
    const { outcome, cycle, next } = event;
    const fields = {
      cycle,
      consecutiveFailures: event.consecutiveFailures,
      nextPassAt: next?.at.toISOString(),
      delayMs: next?.delayMs,
      backoff: next?.backoff,
    };
    if (outcome.kind === 'completed') {
      const s = outcome.summary;
      const failed = failuresOf(s);
      log.event(
        s.result === 'ok' ? 'info' : 'warn',
        'pass-finished',
        t(
          'Pass {0}: {1}; {2} imported, {3} e-mails sent, {4} failed, {5} uncertain',
          cycle,
          s.result,
          s.imported,
          s.emailsSent,
          failed,
          s.uncertain.length,
        ),
        {
          ...fields,
          result: s.result,
          fetched: s.fetched,
          imported: s.imported,
          realized: s.realized,
          emailsSent: s.emailsSent,
          failed,
          uncertain: s.uncertain.length,
        },
      );
    } else if (outcome.kind === 'failed') {
      log.event('error', 'pass-failed', t('Pass {0} failed: {1}', cycle, outcome.error), { ...fields, error: outcome.error });
    } else {
      log.event('info', 'pass-skipped', t('Pass {0} skipped: {1}', cycle, outcome.reason), { ...fields, reason: outcome.reason });
    }
    return this.update({
      state: next ? 'sleeping' : this.status.state,
      nextPassAt: next?.at.toISOString(),
      backoff: next?.backoff,
      consecutiveFailures: event.consecutiveFailures,
      lastCycle: { at: this.options.now().toISOString(), outcome: log.redact(describeOutcome(outcome)) },
    });
  }
}
