// How the in-memory state reaches the disk: each save appends the rows changed since the last one to the
// journal (a record of this pass's work, not of the history), and a checkpoint (an atomic export of the whole
// database, then a fresh journal) follows a pass, a large change, a schema change, a journal past its limit,
// and close. Saves that callers wait for are grouped: callers arriving while a save is written share the next.
import type { Database } from 'sql.js';
import { t } from '../l10n';
import type { Logger } from '../log';
import { writeFileAtomic } from './atomic-file';
import { type ChangeLog, encodeRecord } from './change-log';
import { checkpointOf, type JournalWriter } from './journal';

export interface PersistenceOptions {
  file: string;
  database: Database;
  journal: JournalWriter;
  changes: ChangeLog;
  logger: Logger;
  /** Delay of saveSoon(): bursts of small changes within it become one record. */
  saveDelayMs?: number;
  /** A journal longer than this is folded into the database at the next save. */
  journalLimitBytes?: number;
  /** A save of more changed rows than this is a checkpoint (a bulk change, e.g. a prune). */
  largeChangeRows?: number;
}

/** What persisting cost so far (the bench reads it). */
export interface PersistenceStats {
  records: number;
  recordBytes: number;
  /** Main-thread time of each record (changed rows read and encoded), in milliseconds (the last 10,000). */
  recordCpuMs: number[];
  /** Time from handing a record to the file system until it is synced (other work runs meanwhile). */
  recordIoMs: number[];
  checkpoints: number;
  /** Main-thread time of the checkpoints (export, checksum). */
  checkpointCpuMs: number;
  /** Whole duration of the checkpoints (with the file written, synced and renamed). */
  checkpointMs: number;
}

const DEFAULT_JOURNAL_LIMIT = 4 * 1024 * 1024;
const DEFAULT_LARGE_CHANGE = 20_000;

export class StatePersistence {
  readonly stats: PersistenceStats = {
    records: 0,
    recordBytes: 0,
    recordCpuMs: [],
    recordIoMs: [],
    checkpoints: 0,
    checkpointCpuMs: 0,
    checkpointMs: 0,
  };
  private readonly saveDelayMs: number;
  private readonly journalLimit: number;
  private readonly largeChange: number;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** The next save is a checkpoint (asked for, or the journal can no longer be trusted after a failed write). */
  private checkpointDue = false;
  private journalRecords = 0;

  constructor(private readonly options: PersistenceOptions) {
    this.saveDelayMs = options.saveDelayMs ?? 500;
    this.journalLimit = options.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT;
    this.largeChange = options.largeChangeRows ?? DEFAULT_LARGE_CHANGE;
  }

  /** Records replayed from the journal at open count as unfolded: the next checkpoint folds them in. */
  noteReplayed(records: number): void {
    this.journalRecords += records;
  }

  get hasUnsavedChanges(): boolean {
    return this.saveTimer !== undefined || this.checkpointDue || this.changed();
  }

  private changed(): boolean {
    return this.options.changes.hasChanges || this.options.changes.schemaChanged;
  }

  saveSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow().catch((error: unknown) =>
        this.options.logger.error(t('Could not save the state database {0}: {1}', this.options.file, String(error))),
      );
    }, this.saveDelayMs);
  }

  /**
   * Makes everything recorded so far durable before resolving. A caller arriving while a save is being written
   * waits for the one queued after it, which all such callers share (group commit).
   */
  saveNow(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (!this.saving) {
      if (!this.checkpointDue && !this.changed()) return Promise.resolve();
      this.saving = this.writeOnce().finally(() => {
        this.saving = undefined;
      });
      return this.saving;
    }
    if (!this.queued) {
      this.queued = this.saving
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.saveNow();
        });
    }
    return this.queued;
  }

  /** Folds the journal into the database file (end of a pass, close). */
  checkpoint(): Promise<void> {
    if (this.journalRecords === 0 && !this.changed() && !this.checkpointDue) return this.saving ?? Promise.resolve();
    this.checkpointDue = true;
    return this.saveNow();
  }

  private async writeOnce(): Promise<void> {
    const { changes } = this.options;
    if (this.checkpointDue || changes.schemaChanged || changes.pending > this.largeChange) return this.writeCheckpoint();
    const started = performance.now();
    const keys = changes.takeKeys();
    if (keys.length === 0) return;
    const payload = encodeRecord(changes.recordOf(keys));
    const encoded = performance.now();
    try {
      await this.options.journal.append(payload);
    } catch (error) {
      changes.restore(keys);
      throw error;
    }
    this.note(encoded - started, performance.now() - encoded, payload.length);
    if (this.options.journal.bytes > this.journalLimit) this.checkpointDue = true;
  }

  private note(cpuMs: number, ioMs: number, bytes: number): void {
    const { stats } = this;
    stats.records++;
    stats.recordBytes += bytes;
    for (const [samples, value] of [
      [stats.recordCpuMs, cpuMs],
      [stats.recordIoMs, ioMs],
    ] as const) {
      samples.push(value);
      if (samples.length > 10_000) samples.splice(0, samples.length - 10_000);
    }
    this.journalRecords++;
  }

  private async writeCheckpoint(): Promise<void> {
    const { changes, database, journal, file } = this.options;
    const started = performance.now();
    // Synchronously: the export holds every change made so far, and changes made while it is written are
    // noted again (with the triggers of any new table) for the journal that follows it.
    const schemaChanged = changes.schemaChanged;
    const keys = changes.takeKeys();
    let bytes: Uint8Array | undefined = database.export();
    if (schemaChanged) changes.install();
    const checkpoint = checkpointOf(bytes);
    const cpuMs = performance.now() - started;
    try {
      await writeFileAtomic(file, bytes);
      bytes = undefined;
      await journal.restart(checkpoint);
    } catch (error) {
      // The journal may now belong to an older checkpoint: only a checkpoint can make these changes durable.
      changes.restore(keys);
      this.checkpointDue = true;
      throw error;
    }
    this.checkpointDue = false;
    this.journalRecords = 0;
    this.stats.checkpoints++;
    this.stats.checkpointCpuMs += cpuMs;
    this.stats.checkpointMs += performance.now() - started;
  }

  /** Saves what is left and folds the journal in; the journal file stays, holding only its header. */
  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      await this.checkpoint();
      if (this.queued) await this.queued;
    } finally {
      await this.options.journal.close();
    }
  }
}
