// Opening the reverse-update state of a deployment folder: .optima-sync/state.sqlite, created on first use,
// one writer at a time (lock file), migrated forward, and never silently replaced when it cannot be read.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { ActionRecord } from './api';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../log';
import { t } from '../l10n';
import { CorruptStateError, NewerStateVersionError } from './errors';
import { acquireLock, activeLockOwner, LockHandle } from './lock';
import { DERIVED_TABLES, migrate, SCHEMA_VERSION, schemaVersion } from './schema';
import { loadSqlJs } from './sqljs';
import { SqlStateStore } from './store';
import { writeFileAtomic } from './atomic-file';
import { applyRecords, ChangeLog, decodeRecord } from './change-log';
import { checkpointOf, JournalWriter, nodeJournalFiles, readJournal, type JournalContents, type JournalFileSystem } from './journal';
import { StatePersistence } from './persistence';
import { SUMMARY_FILE } from './summary';
import { PRIVATE_FILE_MODE, securePrivateFolder } from '../deployment/private-files';

export * from './api';
export { CorruptStateError, NewerStateVersionError, ReadOnlyStateError, StateLockedError, type LockOwner } from './errors';
export { SqlStateStore } from './store';
export type { OrderWithActions } from './queries';
export { SCHEMA_VERSION } from './schema';
export { PASS_TRIGGERS, PassHistory, type AlertCondition, type AlertRecord, type PassResult, type PassTrigger, type RunRecord } from './history';
export { endOfDayInZone, isValidTimeZone, parseCalendarDate, todayInZone } from './timezone';
export { activeLockOwner, readLock } from './lock';
export { readStateSummary, type StateSummary } from './summary';

export const STATE_FOLDER = '.optima-sync';
export const STATE_FILE = 'state.sqlite';
export const STATE_JOURNAL = 'state.journal';

export interface StatePaths {
  folder: string;
  file: string;
  lock: string;
  journal: string;
}

export function statePaths(dir: string): StatePaths {
  const folder = path.join(dir, STATE_FOLDER);
  return { folder, file: path.join(folder, STATE_FILE), lock: path.join(folder, 'state.lock'), journal: path.join(folder, STATE_JOURNAL) };
}

export interface OpenStateOptions {
  logger?: Logger;
  now: Clock;
  /** The user confirmed starting with an empty state after the file could not be read. */
  confirmFreshStart?: boolean;
  /** Display only: no lock, no file created, nothing saved. */
  readOnly?: boolean;
  /** Named in the lock, shown to a second writer ("optima-sync sync", "VS Code"). */
  holder?: string;
  /** Delay of saveSoon() in milliseconds (default 500). */
  saveDelayMs?: number;
  /** How the journal's records reach the disk (default: the real file system). */
  journalFiles?: JournalFileSystem;
}

/**
 * An action that may or may not have happened: recorded uncertain (its answer was lost), or left pending by an
 * earlier run (the process died between recording and finishing it). It is never repeated automatically; the
 * consultant marks it done or retries it.
 */
export function isUncertain(action: Pick<ActionRecord, 'state' | 'runId'>, activeRunId?: number): boolean {
  return action.state === 'uncertain' || (action.state === 'pending' && (activeRunId === undefined || action.runId !== activeRunId));
}

/** The run whose pending actions are still in flight: this store's own, or a live writer's unfinished one. */
export async function activeRunIdFor(dir: string, store: SqlStateStore): Promise<number | undefined> {
  if (!store.readOnly) return store.activeRunId;
  if (!(await activeLockOwner(statePaths(dir).lock))) return undefined;
  const row = store.database.exec('SELECT MAX(id) FROM runs WHERE finished_at IS NULL')[0]?.values[0]?.[0];
  return row === null || row === undefined ? undefined : Number(row);
}

export async function openStateStore(dir: string, options: OpenStateOptions): Promise<SqlStateStore> {
  const logger = options.logger ?? silentLogger;
  const { now } = options;
  const paths = statePaths(dir);
  const SQL = await loadSqlJs();
  const storeOptions = { file: paths.file, logger, now };

  if (options.readOnly) {
    // The journal first: a checkpoint written between the two reads then shows as a journal of an older file.
    const journal = await readJournal(paths.journal);
    const bytes = await readIfExists(paths.file);
    let database: Database;
    if (bytes) {
      try {
        database = loadDatabase(SQL, bytes, trustedCheckpoint(journal, bytes));
      } catch (error) {
        throw new CorruptStateError(paths.file, undefined, reasonOf(error));
      }
      checkVersion(database, paths.file);
      replayJournal(database, journal, bytes, paths, logger);
    } else {
      database = new SQL.Database();
    }
    migrate(database);
    tune(database);
    return new SqlStateStore({ ...storeOptions, database, readOnly: true });
  }

  await ensureStateFolder(paths.folder, logger);
  const lock = await acquireLock(paths.lock, { logger, now: now(), holder: options.holder });
  try {
    await removeAbandonedTempFiles(paths);
    const { database, journal } = await loadForWriting(SQL, paths, options, logger, now);
    tune(database);
    const changes = new ChangeLog(database);
    changes.install();
    const persistence = new StatePersistence({ file: paths.file, database, journal: journal.writer, changes, logger, saveDelayMs: options.saveDelayMs });
    persistence.noteReplayed(journal.replayed);
    return new SqlStateStore({ ...storeOptions, database, readOnly: false, lock, persistence });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

interface LoadedJournal {
  writer: JournalWriter;
  /** Records replayed from it (folded into the file at the next checkpoint). */
  replayed: number;
}

async function loadForWriting(SQL: SqlJsStatic, paths: StatePaths, options: OpenStateOptions, logger: Logger, now: () => Date): Promise<{ database: Database; journal: LoadedJournal }> {
  const files = options.journalFiles ?? nodeJournalFiles;
  const contents = await readJournal(paths.journal);
  const bytes = await readIfExists(paths.file);
  if (bytes) {
    let database: Database | undefined;
    let reason = '';
    const trusted = trustedCheckpoint(contents, bytes);
    try {
      database = loadDatabase(SQL, bytes, trusted);
    } catch (error) {
      reason = reasonOf(error);
    }
    if (database) {
      checkVersion(database, paths.file);
      const { applied: replayed, validBytes } = replayJournal(database, contents, bytes, paths, logger);
      const from = schemaVersion(database);
      if (from < SCHEMA_VERSION) {
        // Keep the file as it was before changing its shape: a failed upgrade must not cost the state.
        await fs.copyFile(paths.file, `${paths.file}.v${from}-backup`);
        migrate(database);
        const upgraded = database.export();
        await writeFileAtomic(paths.file, upgraded);
        logger.info(t('Upgraded the state database {0} from schema version {1} to {2}', paths.file, from, SCHEMA_VERSION));
        return { database, journal: { writer: await JournalWriter.start(paths.journal, checkpointOf(upgraded), files), replayed: 0 } };
      }
      const writer = trusted
        ? await JournalWriter.continue(paths.journal, validBytes, files)
        : await JournalWriter.start(paths.journal, checkpointOf(bytes), files);
      return { database, journal: { writer, replayed } };
    }
    const movedTo = await moveAside(paths.file, now());
    logger.error(t('The state database {0} could not be read ({1}); moved aside to {2}', paths.file, reason, movedTo));
    if (!options.confirmFreshStart) throw new CorruptStateError(paths.file, movedTo, reason);
    return freshDatabase(SQL, paths, movedTo, logger, now, files);
  }
  const asides = await corruptAsides(paths);
  if (asides.length > 0 && !options.confirmFreshStart) {
    const aside = path.join(paths.folder, asides[asides.length - 1]!);
    throw new CorruptStateError(paths.file, aside, t('an earlier state database was unreadable and is kept as {0}', aside));
  }
  return freshDatabase(SQL, paths, asides.length ? path.join(paths.folder, asides[asides.length - 1]!) : undefined, logger, now, files);
}

async function freshDatabase(SQL: SqlJsStatic, paths: StatePaths, replaces: string | undefined, logger: Logger, now: () => Date, files: JournalFileSystem): Promise<{ database: Database; journal: LoadedJournal }> {
  const database = new SQL.Database();
  migrate(database);
  const at = now().toISOString();
  database.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['createdAt', at]);
  if (replaces) {
    database.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['freshStartAfterCorruption', replaces]);
    database.run('INSERT INTO audit (at, user, kind, detail_json) VALUES (?, ?, ?, ?)', [at, currentOsUser(), 'fresh-start', JSON.stringify({ replaces })]);
    logger.warn(t('Started a fresh state database; the unreadable one is kept as {0}. The first sync pass will stop at the bulk e-mail guard.', replaces));
  }
  const bytes = database.export();
  await writeFileAtomic(paths.file, bytes);
  return { database, journal: { writer: await JournalWriter.start(paths.journal, checkpointOf(bytes), files), replayed: 0 } };
}

/** Whether the journal was started for exactly these bytes: they are then our own checkpoint, whole. */
function trustedCheckpoint(journal: JournalContents, bytes: Uint8Array): boolean {
  const expected = journal.header?.database;
  if (!expected || expected.bytes !== bytes.length) return false;
  return expected.crc32 === checkpointOf(bytes).crc32;
}

/**
 * Applies the journal's records to the checkpoint just loaded. A journal of another (older) file is ignored; a
 * torn or damaged tail is dropped with a warning (its change was never reported saved). Returns the records
 * applied and where the last of them ends: a writer continues the journal from there, never behind a record it
 * could not apply.
 */
function replayJournal(database: Database, journal: JournalContents, bytes: Uint8Array, paths: StatePaths, logger: Logger): { applied: number; validBytes: number } {
  if (!trustedCheckpoint(journal, bytes)) {
    if (journal.records.length > 0) logger.warn(t('The state journal {0} belongs to an earlier copy of the database and was not applied', paths.journal));
    return { applied: 0, validBytes: journal.validBytes };
  }
  const records = [];
  for (const payload of journal.records) {
    try {
      records.push(decodeRecord(payload));
    } catch {
      logger.warn(t('The state journal {0} has an unreadable record; it and the records after it were dropped', paths.journal));
      break;
    }
  }
  applyRecords(database, records, DERIVED_TABLES);
  if (journal.dropped) {
    logger.warn(t('The state journal {0} ended in an incomplete record ({1}, {2} bytes at offset {3}); it was dropped: it had not been reported saved', paths.journal, journal.dropped.reason, journal.dropped.bytes, journal.dropped.offset));
  }
  const validBytes = records.length === 0 ? journal.headerBytes : journal.recordEnds[records.length - 1]!;
  return { applied: records.length, validBytes };
}

/** Opens the bytes and proves they are a whole SQLite database (a truncated file fails the page check). */
function loadDatabase(SQL: SqlJsStatic, bytes: Uint8Array, trusted: boolean): Database {
  checkHeader(bytes);
  const database = new SQL.Database(bytes);
  // Bytes that match the journal's checksum are our own checkpoint, whole: the page check (a read of every
  // page) is needed only for a file we did not just write.
  if (trusted) return database;
  try {
    const rows = database.exec('PRAGMA quick_check')[0]?.values.map((row) => String(row[0])) ?? [];
    if (rows.join() !== 'ok') throw new Error(rows.slice(0, 3).join('; '));
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Cheap structural checks of the file header: not SQLite at all, or shorter than the pages it declares. */
function checkHeader(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new Error(t('the file is empty'));
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC) throw new Error(t('not an SQLite database'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28);
  const headerCountValid = view.getUint32(24) === view.getUint32(92);
  if (headerCountValid && pages > 0 && bytes.length < pages * pageSize) {
    throw new Error(t('the file is truncated ({0} of {1} bytes)', bytes.length, pages * pageSize));
  }
}

/**
 * The database lives in memory and reaches the disk only by export, so SQLite's rollback journal can stay in
 * memory too (it still serves ROLLBACK); its pages already are in memory, so a small page cache suffices.
 */
function tune(database: Database): void {
  database.exec('PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -2048; PRAGMA temp_store = MEMORY;');
}

function checkVersion(database: Database, file: string): void {
  const version = schemaVersion(database);
  if (version > SCHEMA_VERSION) {
    database.close();
    throw new NewerStateVersionError(file, version, SCHEMA_VERSION);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readIfExists(file: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function ensureStateFolder(folder: string, logger: Logger): Promise<void> {
  await securePrivateFolder(folder, logger);
  await fs.writeFile(path.join(folder, '.gitignore'), '*\n', { flag: 'wx', mode: PRIVATE_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** Temp files of a checkpoint that was killed mid-write (we hold the lock, so no other writer owns them). */
async function removeAbandonedTempFiles(paths: StatePaths): Promise<void> {
  const prefixes = [paths.file, paths.journal, SUMMARY_FILE].map((file) => `${path.basename(file)}.tmp-`);
  for (const name of await fs.readdir(paths.folder)) {
    if (prefixes.some((prefix) => name.startsWith(prefix))) await fs.unlink(path.join(paths.folder, name)).catch(() => undefined);
  }
}

async function corruptAsides(paths: StatePaths): Promise<string[]> {
  const prefix = `${path.basename(paths.file)}.corrupt-`;
  return (await fs.readdir(paths.folder)).filter((name) => name.startsWith(prefix)).sort();
}

async function moveAside(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const target = `${file}.corrupt-${stamp}${n ? `-${n}` : ''}`;
    try {
      await fs.link(file, target);
      await fs.unlink(file);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The OS user recorded in the audit log. */
export function currentOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
export type { LockHandle };
