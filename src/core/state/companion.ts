// Companion databases: another core module's tables in a file of their own beside the state, under the state's
// lock and kept durable the same way (a journal, checkpoints): the sandbox ERP's sandbox.sqlite. A trial on the
// sandbox then costs the state only its own orders. Their tables are named `<name>_…`; state files before
// schema 7 held them, and the upgrade moves them out (moveCompanionTables).
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { t } from '../l10n';
import type { Logger } from '../log';
import { writeFileAtomic } from './atomic-file';
import { continueJournal, loadDatabaseFile, startPersistence, type DatabaseFilePaths } from './database-file';
import { ReadOnlyStateError } from './errors';
import { copyTables } from './copy-tables';
import { checkpointOf, JournalWriter } from './journal';
import type { StatePersistence } from './persistence';

/** What a module keeping its own tables needs: the database, and saving it (the store's lock covers it). */
export interface CompanionDatabase {
  readonly database: Database;
  /** Marks the database changed (a save follows shortly). */
  saveSoon(): void;
  /** Resolves when every change so far is on disk. */
  saveNow(): Promise<void>;
}

/** The companion databases there are (each name is also the prefix of its tables). */
export const COMPANIONS = ['sandbox'] as const;
export type CompanionName = (typeof COMPANIONS)[number];

export class CompanionUnreadableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(t('The database {0} could not be read ({1}); nothing was changed. Move it aside to start it anew.', file, reason));
    this.name = 'CompanionUnreadableError';
  }
}

export function companionPaths(folder: string, name: CompanionName): DatabaseFilePaths {
  return { file: path.join(folder, `${name}.sqlite`), journal: path.join(folder, `${name}.journal`) };
}

export class Companion implements CompanionDatabase {
  constructor(
    readonly database: Database,
    private readonly persistence: StatePersistence | undefined,
  ) {}

  saveSoon(): void {
    this.persistence?.saveSoon();
  }

  saveNow(): Promise<void> {
    return this.persistence ? this.persistence.saveNow() : Promise.reject(new ReadOnlyStateError());
  }

  /** Folds the journal into the file (a pass's end). */
  checkpoint(): Promise<void> {
    return this.persistence?.checkpoint() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    try {
      await this.persistence?.close();
    } finally {
      this.database.close();
    }
  }
}

export interface OpenCompanionOptions {
  readOnly: boolean;
  logger: Logger;
  saveDelayMs?: number;
  /** The state database: before schema 7 the companion's tables lived there. */
  main: Database;
}

/** Opens (a writer: creates on first use) the companion database `name` in the state folder. */
export async function openCompanion(
  SQL: SqlJsStatic,
  folder: string,
  name: CompanionName,
  options: OpenCompanionOptions,
): Promise<Companion> {
  const paths = companionPaths(folder, name);
  if (tablesOf(options.main, name).length > 0) {
    // A state file not upgraded yet (a reader of an older file): its tables are the companion's content.
    if (options.readOnly) return new Companion(copyTables(SQL, options.main, companionTables(name)), undefined);
    await moveCompanionTables(SQL, options.main, folder, name);
  }
  const outcome = await loadDatabaseFile(SQL, paths, { logger: options.logger });
  if ('unreadable' in outcome) throw new CompanionUnreadableError(paths.file, outcome.unreadable);
  if (options.readOnly) return new Companion('loaded' in outcome ? outcome.loaded.database : new SQL.Database(), undefined);
  if ('loaded' in outcome) {
    const { database, replayed } = outcome.loaded;
    const journal = await continueJournal(paths, outcome.loaded);
    return new Companion(
      database,
      startPersistence(paths, database, journal, { logger: options.logger, saveDelayMs: options.saveDelayMs, replayed }),
    );
  }
  // A new one: its first save is a checkpoint (the module creates its tables first), so the file appears then.
  const database = new SQL.Database();
  const journal = await JournalWriter.start(paths.journal, checkpointOf(new Uint8Array(0)));
  return new Companion(database, startPersistence(paths, database, journal, { logger: options.logger, saveDelayMs: options.saveDelayMs }));
}

/**
 * Moves the companion's tables out of the state database into their own file (written whole, with a fresh
 * journal), then drops them from the state database; the caller saves that. Until the state file is written
 * without them, its copy stays the one that counts: a crash in between repeats the move.
 */
export async function moveCompanionTables(SQL: SqlJsStatic, main: Database, folder: string, name: CompanionName): Promise<void> {
  const tables = tablesOf(main, name);
  if (tables.length === 0) return;
  const paths = companionPaths(folder, name);
  const copy = copyTables(SQL, main, companionTables(name));
  try {
    const bytes = copy.export();
    await writeFileAtomic(paths.file, bytes);
    await (await JournalWriter.start(paths.journal, checkpointOf(bytes))).close();
  } finally {
    copy.close();
  }
  for (const table of tables) main.exec(`DROP TABLE IF EXISTS "${table.replace(/"/g, '""')}"`);
}

/** The condition over sqlite_master's tbl_name that picks the companion's tables. */
function companionTables(name: CompanionName): string {
  return `tbl_name LIKE '${name}\\_%' ESCAPE '\\'`;
}

function tablesOf(database: Database, name: CompanionName): string[] {
  const rows =
    database.exec(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '${name}\\_%' ESCAPE '\\' ORDER BY name`)[0]?.values ??
    [];
  return rows.map((row) => String(row[0]));
}
