// One sql.js database file with its journal beside it, as the state (state.sqlite + state.journal) and its
// companion databases (sandbox.sqlite + sandbox.journal) keep them: reading it whole into memory, proving it is a
// whole SQLite file, replaying its journal, and the persistence that makes later changes durable.
import { promises as fs } from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import { t } from '../l10n';
import type { Logger } from '../log';
import { applyRecords, ChangeLog, decodeRecord } from './change-log';
import {
  checkpointOf,
  JournalWriter,
  nodeJournalFiles,
  readJournal,
  type JournalContents,
  type JournalFileSystem,
  type JournalHeader,
} from './journal';
import { StatePersistence } from './persistence';

export interface DatabaseFilePaths {
  file: string;
  journal: string;
}

/** A database file loaded for a writer: what it read, so the caller can decide how the journal goes on. */
export interface LoadedDatabase {
  database: Database;
  /** Size and checksum of the file read (the bytes themselves are not kept: the database holds its own copy). */
  checkpoint: JournalHeader['database'];
  /** Bytes of the journal up to the end of the last record applied: a writer goes on from there. */
  journalBytes: number;
  /** The bytes are the checkpoint the journal continues (our own, whole). */
  trusted: boolean;
  /** Records applied from the journal. */
  replayed: number;
}

export type LoadOutcome = { loaded: LoadedDatabase } | { unreadable: string } | { missing: true };

export interface LoadOptions {
  logger: Logger;
  /** Tables kept by triggers from other tables: a journal replay applies their images after the others'. */
  derivedTables?: readonly string[];
  /** Runs on the loaded database before the journal is applied (a version check); may throw. */
  check?: (database: Database) => void;
}

/**
 * Reads a database file and its journal. The journal first: a checkpoint written between the two reads then
 * shows as a journal of an older file (ignored) instead of hiding changes.
 */
export async function loadDatabaseFile(SQL: SqlJsStatic, paths: DatabaseFilePaths, options: LoadOptions): Promise<LoadOutcome> {
  const journal = await readJournal(paths.journal);
  const bytes = await readIfExists(paths.file);
  if (!bytes) return { missing: true };
  const trusted = trustedCheckpoint(journal, bytes);
  let database: Database;
  try {
    database = openBytes(SQL, bytes, trusted);
  } catch (error) {
    return { unreadable: reasonOf(error) };
  }
  options.check?.(database);
  const { applied: replayed, validBytes } = replayJournal(database, journal, trusted, paths, options);
  return { loaded: { database, checkpoint: checkpointOf(bytes), journalBytes: validBytes, trusted, replayed } };
}

/**
 * The journal writer that goes on from a loaded file: the same journal when it was ours (cut after the last
 * record applied, so nothing appended later lies behind a record a replay could not apply), else a new one.
 */
export function continueJournal(
  paths: DatabaseFilePaths,
  loaded: LoadedDatabase,
  files: JournalFileSystem = nodeJournalFiles,
): Promise<JournalWriter> {
  return loaded.trusted
    ? JournalWriter.continue(paths.journal, loaded.journalBytes, files)
    : JournalWriter.start(paths.journal, loaded.checkpoint, files);
}

/** Starts a writer's persistence over a loaded database (change triggers installed). */
export function startPersistence(
  paths: DatabaseFilePaths,
  database: Database,
  journal: JournalWriter,
  options: { logger: Logger; saveDelayMs?: number; replayed?: number },
): StatePersistence {
  tune(database);
  const changes = new ChangeLog(database);
  changes.install();
  const persistence = new StatePersistence({
    file: paths.file,
    database,
    journal,
    changes,
    logger: options.logger,
    saveDelayMs: options.saveDelayMs,
  });
  persistence.noteReplayed(options.replayed ?? 0);
  return persistence;
}

/** Whether the journal was started for exactly these bytes: they are then our own checkpoint, whole. */
export function trustedCheckpoint(journal: JournalContents, bytes: Uint8Array): boolean {
  const expected = journal.header?.database;
  if (!expected || expected.bytes !== bytes.length) return false;
  return expected.crc32 === checkpointOf(bytes).crc32;
}

/**
 * Applies the journal's records to the checkpoint just loaded. A journal of another (older) file is ignored; a
 * torn or damaged tail is dropped with a warning (its change was never reported saved). Returns the records
 * applied and where the last of them ends.
 */
function replayJournal(
  database: Database,
  journal: JournalContents,
  trusted: boolean,
  paths: DatabaseFilePaths,
  options: LoadOptions,
): { applied: number; validBytes: number } {
  const { logger } = options;
  if (!trusted) {
    if (journal.records.length > 0)
      logger.warn(t('The state journal {0} belongs to an earlier copy of the database and was not applied', paths.journal));
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
  applyRecords(database, records, options.derivedTables);
  if (journal.dropped) {
    logger.warn(
      t(
        'The state journal {0} ended in an incomplete record ({1}, {2} bytes at offset {3}); it was dropped: it had not been reported saved',
        paths.journal,
        journal.dropped.reason,
        journal.dropped.bytes,
        journal.dropped.offset,
      ),
    );
  }
  return { applied: records.length, validBytes: records.length === 0 ? journal.headerBytes : journal.recordEnds[records.length - 1]! };
}

/** Opens the bytes and proves they are a whole SQLite database (a truncated file fails the page check). */
export function openBytes(SQL: SqlJsStatic, bytes: Uint8Array, trusted: boolean): Database {
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
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC)
    throw new Error(t('not an SQLite database'));
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
export function tune(database: Database): void {
  database.exec('PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -2048; PRAGMA temp_store = MEMORY;');
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function readIfExists(file: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
