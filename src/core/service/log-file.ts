// The service's log: one JSON object per line, to stdout (journald, the Windows event log via a wrapper) and to
// .optima-sync/logs/optima-sync.log, rotated by size (optima-sync.log.1 … .N, the oldest dropped). Lines are
// written synchronously, one write per line, so a service killed at any moment has logged everything up to
// it; stream-based rotating writers buffer, which is what this must not do. Every line passes the redactor.
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { t } from '../l10n';
import type { Logger, LogLevel } from '../log';
import { makePrivateFolderSync, PRIVATE_FILE_MODE } from '../deployment/private-files';
import { errorMessage } from '../error-message';

export const LOG_FOLDER = path.join('.optima-sync', 'logs');
export const LOG_FILE = 'optima-sync.log';

export interface RotationPolicy {
  /** A file is rotated before a line would take it past this size (default 1 MiB). */
  maxBytes: number;
  /** Rotated files kept beside the current one (default 4: optima-sync.log.1 … .4). */
  keep: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { maxBytes: 1024 * 1024, keep: 4 };

export class RotatingLogFile {
  readonly file: string;
  private fd: number | undefined;
  private size = 0;

  constructor(
    dir: string,
    private readonly policy: RotationPolicy = DEFAULT_ROTATION,
  ) {
    const folder = path.join(dir, LOG_FOLDER);
    makePrivateFolderSync(folder);
    this.file = path.join(folder, LOG_FILE);
    this.open();
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', PRIVATE_FILE_MODE);
    this.size = statSync(this.file).size;
  }

  write(line: string): void {
    const bytes = Buffer.from(line + '\n', 'utf8');
    if (this.size > 0 && this.size + bytes.length > this.policy.maxBytes) this.rotate();
    if (this.fd === undefined) this.open();
    writeSync(this.fd!, bytes);
    this.size += bytes.length;
  }

  private rotate(): void {
    this.close();
    const { keep } = this.policy;
    rmSync(`${this.file}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      try {
        renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (keep > 0) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.open();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A Logger for the core plus structured events, each a JSON line to every sink, secrets removed. */
export class JsonLinesLog {
  readonly logger: Logger;

  constructor(
    private readonly sinks: Array<(line: string) => void>,
    private readonly now: Clock,
    /** Removes every known secret from a text (also used for the status file). */
    readonly redact: (text: string) => string,
    verbose = false,
  ) {
    const write = (level: LogLevel) => (message: string) => this.write(level, message);
    const quiet = () => {};
    this.logger = {
      trace: verbose ? write('trace') : quiet,
      debug: verbose ? write('debug') : quiet,
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
    };
  }

  /** A named event ("pass-finished") with its figures. */
  event(level: LogLevel, event: string, message: string, fields: LogFields = {}): void {
    this.write(level, message, { event, ...fields });
  }

  private write(level: LogLevel, message: string, fields: LogFields = {}): void {
    // Redacted before JSON escaping, so a secret with quotes or backslashes is still recognised.
    const clean = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? this.redact(value) : value]),
    );
    const line = JSON.stringify({ time: this.now().toISOString(), level, msg: this.redact(message), ...clean });
    for (const sink of this.sinks) {
      try {
        sink(line);
      } catch (error) {
        this.sinkFailed(sink, error);
      }
    }
  }

  /** Sinks that have failed: each says so once, on the other sinks. */
  private readonly failing = new Set<(line: string) => void>();

  /** A line that cannot be written (a full disk, a file being rotated) never stops the service: it is said once. */
  private sinkFailed(sink: (line: string) => void, error: unknown): void {
    if (this.failing.has(sink)) return;
    this.failing.add(sink);
    const notice = JSON.stringify({
      time: this.now().toISOString(),
      level: 'warn',
      event: 'log-write-failed',
      msg: this.redact(t('A log line could not be written ({0}); the service goes on, and says so once.', errorMessage(error))),
    });
    for (const other of this.sinks) {
      if (other === sink) continue;
      try {
        other(notice);
      } catch {
        // Nowhere left to say it.
      }
    }
  }
}
