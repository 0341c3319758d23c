// The archive files: settled history out of the live database, one SQLite file per month of the orders' fetch
// (.optima-sync/archive/2026-03.sqlite), holding those orders as the live database held them (summary, ERP
// documents, action records) and the audit rows of that month. A file is read whole into memory only while
// something needs old orders, and closed after; it is replaced whole and atomically (temp file, fsync, rename),
// like a checkpoint, so a crash leaves the old file or the new one.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { t } from '../../l10n';
import { makePrivateFolder } from '../../deployment/private-files';
import { writeFileAtomic } from '../atomic-file';
import { openBytes, readIfExists, reasonOf, tune } from '../database-file';

export const ARCHIVE_FOLDER = 'archive';

/** The version of the archive files' own schema (PRAGMA user_version). */
export const ARCHIVE_VERSION = 2;

/** v2: the KSeF columns of erp_documents (state schema 8). A version-1 file gets them when it is opened. */
const KSEF_COLUMNS = [
  'ksef_status TEXT',
  'ksef_number TEXT',
  'ksef_accepted_ms INTEGER',
  'ksef_reason TEXT',
  'ksef_hash TEXT',
  'ksef_held INTEGER',
  'ksef_held_ms INTEGER',
];

// The tables the live database's SELECTs read (state/rows.ts), so that they read an archive file unchanged; the
// details tables stay empty (a settled old order keeps only its summary and no outcome texts).
const ARCHIVE_SCHEMA = `
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  shop_order_id TEXT NOT NULL,
  number TEXT NOT NULL,
  fetched_ms INTEGER NOT NULL,
  shop_status TEXT NOT NULL,
  erp_stage INTEGER NOT NULL,
  UNIQUE (platform, shop_order_id)
);
CREATE INDEX orders_number ON orders (number);
CREATE TABLE order_details (order_id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
CREATE TABLE order_summaries (order_id INTEGER PRIMARY KEY, summary BLOB NOT NULL);
CREATE TABLE erp_documents (
  order_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, number TEXT NOT NULL, erp_id TEXT NOT NULL, issue_day INTEGER NOT NULL,
  total_gross INTEGER NOT NULL, recorded_ms INTEGER NOT NULL, sales_kind TEXT, sales_number TEXT, sales_id TEXT, sales_issue_day INTEGER,
  sales_sale_day INTEGER, sales_total_gross INTEGER, sales_total_net INTEGER, realized_ms INTEGER,
  ${KSEF_COLUMNS.join(', ')}
);
CREATE TABLE actions (
  order_id INTEGER NOT NULL, kind INTEGER NOT NULL, fetched_ms INTEGER NOT NULL, state TEXT, updated_ms INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, run_id INTEGER, PRIMARY KEY (order_id, kind)
) WITHOUT ROWID;
CREATE TABLE action_details (order_id INTEGER NOT NULL, kind INTEGER NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (order_id, kind)) WITHOUT ROWID;
CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, kind TEXT NOT NULL, detail_json TEXT NOT NULL);
`;

/** The month (YYYYMM, UTC) of an instant: the archive file an order fetched then belongs to. */
export function monthOf(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
}

/** The first instant of a month, and of the month after it. */
export function monthRange(month: number): { startMs: number; endMs: number } {
  const year = Math.floor(month / 100);
  const index = (month % 100) - 1;
  return { startMs: Date.UTC(year, index, 1), endMs: Date.UTC(year, index + 1, 1) };
}

export function archiveFile(stateFolder: string, month: number): string {
  return path.join(stateFolder, ARCHIVE_FOLDER, `${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}.sqlite`);
}

export class ArchiveUnreadableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      t(
        'The archive file {0} could not be read ({1}); nothing was changed. The orders archived in it stay archived, and new ones of that month stay in the live state until it can be read.',
        file,
        reason,
      ),
    );
    this.name = 'ArchiveUnreadableError';
  }
}

/** One month's archive, open in memory. `changed` notes whether it has to be written back. */
export class ArchiveMonth {
  changed = false;

  private constructor(
    readonly month: number,
    readonly file: string,
    readonly database: Database,
  ) {}

  /**
   * Opens the month's file (an empty archive when there is none). `forWriting` proves every page first: a file
   * that is going to be replaced must be whole, or its rows would be lost with it.
   */
  static async open(SQL: SqlJsStatic, stateFolder: string, month: number, forWriting: boolean): Promise<ArchiveMonth> {
    const file = archiveFile(stateFolder, month);
    const bytes = await readIfExists(file);
    if (!bytes) {
      const database = new SQL.Database();
      database.exec(ARCHIVE_SCHEMA);
      database.exec(`PRAGMA user_version = ${ARCHIVE_VERSION}`);
      tune(database);
      return new ArchiveMonth(month, file, database);
    }
    let database: Database;
    try {
      database = openBytes(SQL, bytes, !forWriting);
    } catch (error) {
      throw new ArchiveUnreadableError(file, reasonOf(error));
    }
    let version = Number(database.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
    if (version === 1) {
      // In memory: a file read only for display stays as it is; one written back is version 2.
      for (const column of KSEF_COLUMNS) database.exec(`ALTER TABLE erp_documents ADD COLUMN ${column}`);
      database.exec(`PRAGMA user_version = ${ARCHIVE_VERSION}`);
      version = ARCHIVE_VERSION;
    }
    if (version !== ARCHIVE_VERSION) {
      database.close();
      throw new ArchiveUnreadableError(
        file,
        t('archive version {0}, this version of Optima Order Sync reads {1}', version, ARCHIVE_VERSION),
      );
    }
    tune(database);
    return new ArchiveMonth(month, file, database);
  }

  /** Replaces the file with the month's content (atomically), when it changed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    // Customers' data, like the rest of .optima-sync: a folder only its owner may enter.
    await makePrivateFolder(path.dirname(this.file));
    await writeFileAtomic(this.file, this.database.export());
    this.changed = false;
  }

  close(): void {
    this.database.close();
  }
}

/** Runs `work` on a month's archive and closes it after, whatever happens. */
export async function withArchiveMonth<T>(
  SQL: SqlJsStatic,
  stateFolder: string,
  month: number,
  forWriting: boolean,
  work: (archive: ArchiveMonth) => Promise<T> | T,
): Promise<T> {
  const archive = await ArchiveMonth.open(SQL, stateFolder, month, forWriting);
  try {
    return await work(archive);
  } finally {
    archive.close();
  }
}

/** Deletes a month's file (every order in it was pruned and it holds no audit row); a missing file is fine. */
export async function removeArchiveFile(stateFolder: string, month: number): Promise<void> {
  await fs.unlink(archiveFile(stateFolder, month)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Temp files of an archive write that was killed mid-way (the caller holds the state lock). */
export async function removeAbandonedArchiveTemps(stateFolder: string): Promise<void> {
  const folder = path.join(stateFolder, ARCHIVE_FOLDER);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) if (/\.sqlite\.tmp-/.test(name)) await fs.unlink(path.join(folder, name)).catch(() => undefined);
}
