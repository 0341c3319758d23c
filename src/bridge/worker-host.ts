// The HTTP side's handle on the COM worker child process: starts it (and its one login), hands it one job
// at a time, kills it when a job runs past the time limit, and starts a new one after a crash. A job whose
// worker died is reported as WorkerLostError: the caller decides what that means (a create is checked).
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { silentLogger, type Logger } from '../core/log';
import { BridgeJobError, type SerializedJobError } from './errors';
import type { Job, JobResult, WorkerConfig, WorkerMessage } from './worker/protocol';

/** The job's worker stopped (crash, or killed at the time limit) before it answered. */
export class WorkerLostError extends Error {
  constructor(
    readonly reason: 'crashed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

export interface WorkerEntry {
  script: string;
  execArgv: string[];
}

/** dist/bridge-worker.js beside the bundled CLI; the TypeScript entry (through tsx) when run from sources. */
export function defaultWorkerEntry(): WorkerEntry {
  const bundled = path.join(__dirname, 'bridge-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(bundled)) return { script: bundled, execArgv: [] };
  return { script: path.join(__dirname, 'worker', 'main.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

export interface WorkerHostOptions {
  config: WorkerConfig;
  /** A job (a COM conversation) that takes longer is abandoned and its worker killed. */
  jobTimeoutMs: number;
  /** How long a failed login is reported before the next attempt. */
  loginRetryMs?: number;
  startTimeoutMs?: number;
  entry?: WorkerEntry;
  logger?: Logger;
  now?: () => number;
}

interface Pending {
  child: ChildProcess;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WorkerHost {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private loginFailure: { error: SerializedJobError; until: number } | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => number;
  /** Workers started so far (the first one included). */
  starts = 0;

  constructor(private readonly options: WorkerHostOptions) {
    this.log = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the next login attempt, while the last one failed. */
  retryAfterSeconds(): number {
    return this.loginFailure ? Math.max(1, Math.ceil((this.loginFailure.until - this.now()) / 1000)) : 0;
  }

  /** Runs one job; jobs run one after another. Throws BridgeJobError (the job's answer) or WorkerLostError. */
  run<J extends Job>(job: J): Promise<JobResult<J>> {
    const result = this.chain.then(() => this.runNow(job));
    this.chain = result.catch(() => undefined);
    return result as Promise<JobResult<J>>;
  }

  private async runNow(job: Job): Promise<unknown> {
    const child = await this.worker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log.warn(
          `Optima bridge: the ${job.type} job passed its time limit of ${this.options.jobTimeoutMs / 1000} s; restarting the COM worker`,
        );
        this.drop(
          child,
          new WorkerLostError('timeout', `The COM worker did not finish the ${job.type} job within ${this.options.jobTimeoutMs / 1000} s`),
        );
      }, this.options.jobTimeoutMs);
      this.pending.set(id, {
        child,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ kind: 'job', id, job });
    });
  }

  private worker(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    if (this.loginFailure && this.now() < this.loginFailure.until) {
      return Promise.reject(new BridgeJobError(this.loginFailure.error.status, this.loginFailure.error.body));
    }
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private start(): Promise<ChildProcess> {
    const entry = this.options.entry ?? defaultWorkerEntry();
    this.starts++;
    const child = fork(entry.script, [], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new BridgeJobError(503, { code: 'WORKER_UNAVAILABLE', message: 'The COM worker did not log in to Optima in time' }));
      }, this.options.startTimeoutMs ?? 120_000);
      child.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') {
          clearTimeout(timer);
          this.loginFailure = undefined;
          this.child = child;
          this.log.info(`Optima bridge: COM worker ${child.pid ?? ''} logged in`);
          resolve(child);
        } else if (message.kind === 'login-failed') {
          clearTimeout(timer);
          this.loginFailure = { error: message.error, until: this.now() + (this.options.loginRetryMs ?? 30_000) };
          this.log.error(`Optima bridge: ${message.error.body.message}`);
          child.kill();
          reject(new BridgeJobError(message.error.status, message.error.body));
        } else if (message.kind === 'result') {
          const pending = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.ok) pending?.resolve(message.result);
          else pending?.reject(new BridgeJobError(message.error.status, message.error.body));
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.child === child) this.child = undefined;
        reject(
          new BridgeJobError(503, {
            code: 'WORKER_UNAVAILABLE',
            message: `The COM worker stopped before it logged in (exit ${code ?? signal ?? ''})`,
          }),
        );
        this.failPending(child, new WorkerLostError('crashed', `The COM worker stopped (exit ${code ?? signal ?? ''}) before it answered`));
      });
      child.send({ kind: 'start', config: this.options.config });
    });
  }

  private drop(child: ChildProcess, error: WorkerLostError): void {
    if (this.child === child) this.child = undefined;
    this.failPending(child, error);
    child.kill('SIGKILL');
  }

  private failPending(child: ChildProcess, error: WorkerLostError): void {
    for (const [id, pending] of this.pending) {
      if (pending.child !== child) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  }
}
