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
import { acquireLock, activeLockOwner, type LockHandle } from './lock';
import { DERIVED_TABLES, migrate, SCHEMA_VERSION, schemaVersion } from './schema';
import { loadSqlJs } from './sqljs';
import { SqlStateStore } from './store';
import { writeFileAtomic } from './atomic-file';
import { removeAbandonedArchiveTemps } from './archive/files';
import { companionPaths, COMPANIONS } from './companion';
import { continueJournal, loadDatabaseFile, startPersistence, tune } from './database-file';
import { checkpointOf, JournalWriter, nodeJournalFiles, type JournalFileSystem } from './journal';
import { PRIVATE_FILE_MODE, securePrivateFolder } from '../deployment/private-files';
import { SUMMARY_FILE } from './summary';
import { upgradeStateFile } from './upgrade';

export * from './api';
export { CorruptStateError, NewerStateVersionError, ReadOnlyStateError, StateLockedError, type LockOwner } from './errors';
export { SqlStateStore } from './store';
export type { OrderQuery, OrderWithActions } from './queries';
export type { CompanionDatabase, CompanionName } from './companion';
export { CompanionUnreadableError } from './companion';
export { ArchiveUnreadableError } from './archive/index';
export { SCHEMA_VERSION } from './schema';
export {
  PASS_TRIGGERS,
  PassHistory,
  type AlertCondition,
  type AlertRecord,
  type PassResult,
  type PassTrigger,
  type RunRecord,
} from '../history/runs';
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
  const storeOptions = { SQL, file: paths.file, folder: paths.folder, logger, now, saveDelayMs: options.saveDelayMs };
  const check = (database: Database) => checkVersion(database, paths.file);

  if (options.readOnly) {
    const outcome = await loadDatabaseFile(SQL, paths, { logger, derivedTables: DERIVED_TABLES, check });
    if ('unreadable' in outcome) throw new CorruptStateError(paths.file, undefined, outcome.unreadable);
    const database = 'loaded' in outcome ? outcome.loaded.database : new SQL.Database();
    // An older file is upgraded in memory only: a reader writes nothing (its history stays live until a writer opens it).
    migrate(database);
    tune(database);
    return new SqlStateStore({ ...storeOptions, database, readOnly: true });
  }

  await ensureStateFolder(paths.folder, logger);
  const lock = await acquireLock(paths.lock, { logger, now: now(), holder: options.holder });
  try {
    await removeAbandonedTempFiles(paths);
    const { database, journal, replayed } = await loadForWriting(SQL, paths, options, logger, check);
    const persistence = startPersistence(paths, database, journal, { logger, saveDelayMs: options.saveDelayMs, replayed });
    return new SqlStateStore({ ...storeOptions, database, readOnly: false, lock, persistence });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

interface LoadedForWriting {
  database: Database;
  journal: JournalWriter;
  /** Records replayed from the journal (folded into the file at the next checkpoint). */
  replayed: number;
}

async function loadForWriting(
  SQL: SqlJsStatic,
  paths: StatePaths,
  options: OpenStateOptions,
  logger: Logger,
  check: (database: Database) => void,
): Promise<LoadedForWriting> {
  const files = options.journalFiles ?? nodeJournalFiles;
  const outcome = await loadDatabaseFile(SQL, paths, { logger, derivedTables: DERIVED_TABLES, check });
  if ('loaded' in outcome) {
    const { database } = outcome.loaded;
    if (schemaVersion(database) < SCHEMA_VERSION) {
      const upgraded = await upgradeStateFile(SQL, database, paths, { logger, now: options.now });
      return {
        database: upgraded.database,
        journal: await JournalWriter.start(paths.journal, checkpointOf(upgraded.bytes), files),
        replayed: 0,
      };
    }
    return { database, journal: await continueJournal(paths, outcome.loaded, files), replayed: outcome.loaded.replayed };
  }
  const now = options.now;
  if ('unreadable' in outcome) {
    const movedTo = await moveAside(paths.file, now());
    logger.error(t('The state database {0} could not be read ({1}); moved aside to {2}', paths.file, outcome.unreadable, movedTo));
    if (!options.confirmFreshStart) throw new CorruptStateError(paths.file, movedTo, outcome.unreadable);
    return freshDatabase(SQL, paths, movedTo, logger, now, files);
  }
  const asides = await corruptAsides(paths);
  if (asides.length > 0 && !options.confirmFreshStart) {
    const aside = path.join(paths.folder, asides[asides.length - 1]!);
    throw new CorruptStateError(paths.file, aside, t('an earlier state database was unreadable and is kept as {0}', aside));
  }
  return freshDatabase(SQL, paths, asides.length ? path.join(paths.folder, asides[asides.length - 1]!) : undefined, logger, now, files);
}

async function freshDatabase(
  SQL: SqlJsStatic,
  paths: StatePaths,
  replaces: string | undefined,
  logger: Logger,
  now: () => Date,
  files: JournalFileSystem,
): Promise<LoadedForWriting> {
  const database = new SQL.Database();
  migrate(database);
  const at = now().toISOString();
  database.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['createdAt', at]);
  if (replaces) {
    database.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['freshStartAfterCorruption', replaces]);
    database.run('INSERT INTO audit (at, user, kind, detail_json) VALUES (?, ?, ?, ?)', [
      at,
      currentOsUser(),
      'fresh-start',
      JSON.stringify({ replaces }),
    ]);
    logger.warn(
      t(
        'Started a fresh state database; the unreadable one is kept as {0}. The first sync pass will stop at the bulk e-mail guard.',
        replaces,
      ),
    );
  }
  const bytes = database.export();
  await writeFileAtomic(paths.file, bytes);
  return { database, journal: await JournalWriter.start(paths.journal, checkpointOf(bytes), files), replayed: 0 };
}

function checkVersion(database: Database, file: string): void {
  const version = schemaVersion(database);
  if (version > SCHEMA_VERSION) {
    database.close();
    throw new NewerStateVersionError(file, version, SCHEMA_VERSION);
  }
}

async function ensureStateFolder(folder: string, logger: Logger): Promise<void> {
  await securePrivateFolder(folder, logger);
  await fs
    .writeFile(path.join(folder, '.gitignore'), '*\n', { flag: 'wx', mode: PRIVATE_FILE_MODE })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
}

/** Temp files of a checkpoint that was killed mid-write (we hold the lock, so no other writer owns them). */
async function removeAbandonedTempFiles(paths: StatePaths): Promise<void> {
  const companions = COMPANIONS.flatMap((name) => Object.values(companionPaths(paths.folder, name)));
  const prefixes = [paths.file, paths.journal, SUMMARY_FILE, ...companions].map((file) => `${path.basename(file)}.tmp-`);
  for (const name of await fs.readdir(paths.folder)) {
    if (prefixes.some((prefix) => name.startsWith(prefix))) await fs.unlink(path.join(paths.folder, name)).catch(() => undefined);
  }
  await removeAbandonedArchiveTemps(paths.folder);
}

async function corruptAsides(paths: StatePaths): Promise<string[]> {
  const prefix = `${path.basename(paths.file)}.corrupt-`;
  return (await fs.readdir(paths.folder)).filter((name) => name.startsWith(prefix)).sort();
}

async function moveAside(file: string, now: Date): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
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
