// Which rows changed since the last journal record, for every table in the state file (ours and the sandbox
// ERP's, which writes its tables directly). Temporary triggers note the key of each inserted, updated or
// deleted row; a record then carries the rows' images as they are now (or their deletion). Replaying an image
// twice gives the same row, so replay is idempotent. Schema changes are not journaled: they force a checkpoint.
import type { Database, SqlValue, Statement } from 'sql.js';
import { SqlRunner } from './sql';

interface TableInfo {
  name: string;
  /** Rowid tables: ['rowid']; WITHOUT ROWID tables: their primary key columns. */
  key: string[];
  columns: string[];
  /** Whether the row images carry the rowid apart from the columns (a rowid table without an INTEGER PRIMARY KEY). */
  hiddenRowid: boolean;
}

/** A journal record: the images of the rows changed since the previous one. */
export interface ChangeRecord {
  /** Per table, the columns of its images. */
  columns: Record<string, string[]>;
  /** [table, key values, row values or null for a deleted row]. */
  rows: Array<[string, SqlValue[], SqlValue[] | null]>;
}

type ChangedKey = [string, SqlValue, SqlValue];

const CHANGES = 'temp.optima_changes';

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class ChangeLog {
  private tables = new Map<string, TableInfo>();
  private schemaVersion = -1;
  /** Statements are prepared once: a save runs these for every record. */
  private readonly sql: SqlRunner;
  private readonly imageStatements = new Map<string, Statement>();

  constructor(private readonly database: Database) {
    this.sql = new SqlRunner(database);
  }

  /** (Re)creates the triggers for every table; call after the schema changed (a checkpoint follows). */
  install(): void {
    const db = this.database;
    // No unique key: a trigger's OR IGNORE would be overridden by an outer upsert's conflict policy, and a NOT
    // EXISTS check costs a scan per row. Duplicates are merged when the keys are taken.
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS optima_changes (tbl TEXT NOT NULL, k1 NOT NULL, k2 NOT NULL)`);
    for (const row of db.exec("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'optima_change_%'")[0]?.values ??
      []) {
      db.exec(`DROP TRIGGER temp.${quote(String(row[0]))}`);
    }
    for (const statement of this.imageStatements.values()) statement.free();
    this.imageStatements.clear();
    this.tables = describeTables(db);
    [...this.tables.values()].forEach((info, index) => {
      const name = `'${info.name.replace(/'/g, "''")}'`;
      const keys = (row: 'NEW' | 'OLD') => [
        ...info.key.map((column) => `${row}.${quote(column)}`),
        ...(info.key.length === 1 ? ['0'] : []),
      ];
      const note = (row: 'NEW' | 'OLD') => `INSERT INTO ${CHANGES} (tbl, k1, k2) VALUES (${name}, ${keys(row).join(', ')});`;
      const table = `main.${quote(info.name)}`;
      db.exec(`CREATE TEMP TRIGGER optima_change_${index}_i AFTER INSERT ON ${table} BEGIN ${note('NEW')} END;
        CREATE TEMP TRIGGER optima_change_${index}_u AFTER UPDATE ON ${table} BEGIN ${note('OLD')} ${note('NEW')} END;
        CREATE TEMP TRIGGER optima_change_${index}_d AFTER DELETE ON ${table} BEGIN ${note('OLD')} END;`);
    });
    this.schemaVersion = this.currentSchemaVersion();
  }

  /** Whether a table was created, altered or dropped since install(): such changes need a checkpoint. */
  get schemaChanged(): boolean {
    return this.currentSchemaVersion() !== this.schemaVersion;
  }

  private currentSchemaVersion(): number {
    return this.sql.number('PRAGMA main.schema_version');
  }

  /** Whether any row changed since the last take(). */
  get hasChanges(): boolean {
    return this.sql.number(`SELECT EXISTS (SELECT 1 FROM ${CHANGES}) AS changed`) === 1;
  }

  /** How many row changes were noted since the last take() (a row changed twice counts twice). */
  get pending(): number {
    return this.sql.number(`SELECT COUNT(*) AS n FROM ${CHANGES}`);
  }

  /** Takes the changed keys (forgetting them); give them back with restore() if their record is not written. */
  takeKeys(): ChangedKey[] {
    const keys = this.sql
      .all(`SELECT DISTINCT tbl, k1, k2 FROM ${CHANGES}`)
      .map((row) => [String(row.tbl), row.k1!, row.k2!] as ChangedKey);
    this.sql.run(`DELETE FROM ${CHANGES}`);
    return keys;
  }

  restore(keys: ChangedKey[]): void {
    for (const key of keys) this.sql.run(`INSERT INTO ${CHANGES} (tbl, k1, k2) VALUES (?, ?, ?)`, key);
  }

  /** The record of the given changed keys: each row's current image, or its deletion. */
  recordOf(keys: ChangedKey[]): ChangeRecord {
    const record: ChangeRecord = { columns: {}, rows: [] };
    for (const [name, k1, k2] of keys) {
      const info = this.tables.get(name);
      if (!info) continue;
      const columns = [...(info.hiddenRowid ? ['rowid'] : []), ...info.columns];
      let statement = this.imageStatements.get(info.name);
      if (!statement) {
        statement = this.database.prepare(
          `SELECT ${columns.map(quote).join(', ')} FROM main.${quote(info.name)} WHERE ${info.key.map((c) => `${quote(c)} = ?`).join(' AND ')}`,
        );
        this.imageStatements.set(info.name, statement);
      }
      record.columns[info.name] ??= columns;
      const key = info.key.length === 1 ? [k1] : [k1, k2];
      try {
        statement.bind(key);
        record.rows.push([info.name, key, statement.step() ? statement.get() : null]);
      } finally {
        statement.reset();
      }
    }
    return record;
  }
}

/** Every table of the main database with a key of one or two columns (all of ours and the sandbox's). */
function describeTables(db: Database): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const [name, sql] of db.exec("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")[0]
    ?.values ?? []) {
    const info = db.exec(`PRAGMA main.table_info(${quote(String(name))})`)[0]?.values ?? [];
    const columns = info.map((row) => String(row[1]));
    const primary = info.filter((row) => Number(row[5]) > 0).sort((a, b) => Number(a[5]) - Number(b[5]));
    let table: TableInfo;
    if (/WITHOUT\s+ROWID/i.test(String(sql))) {
      table = { name: String(name), key: primary.map((row) => String(row[1])), columns, hiddenRowid: false };
    } else {
      const integerKey = primary.length === 1 && String(primary[0]![2]).toUpperCase() === 'INTEGER';
      table = { name: String(name), key: integerKey ? [String(primary[0]![1])] : ['rowid'], columns, hiddenRowid: !integerKey };
    }
    // A wider key would need more key columns in the change table; no table has one, and a checkpoint covers it.
    if (table.key.length <= 2) tables.set(table.name, table);
  }
  return tables;
}

/**
 * Applies records to a database (replay at open), in one transaction: per record the deletions first, then the
 * images, those of `derivedTables` last (triggers change them while the others are applied; their images are
 * the values the record saw).
 */
export function applyRecords(db: Database, records: ChangeRecord[], derivedTables: readonly string[] = []): void {
  const tables = describeTables(db);
  const tableOf = (name: string) => {
    const table = tables.get(name);
    if (!table) throw new Error(`the journal names a table the database does not have (${name})`);
    return table;
  };
  db.exec('BEGIN');
  try {
    for (const record of records) {
      for (const [name, key, values] of record.rows) {
        if (values !== null) continue;
        db.run(
          `DELETE FROM main.${quote(name)} WHERE ${tableOf(name)
            .key.map((c) => `${quote(c)} = ?`)
            .join(' AND ')}`,
          key,
        );
      }
      const images = record.rows
        .filter(([name, , values]) => values !== null && !derivedTables.includes(name))
        .concat(record.rows.filter(([name, , values]) => values !== null && derivedTables.includes(name)));
      for (const [name, , values] of images) {
        if (values === null) continue;
        tableOf(name);
        const columns = record.columns[name]!;
        db.run(
          `INSERT OR REPLACE INTO main.${quote(name)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          values,
        );
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** JSON cannot hold bytes: blobs travel as {"b": base64}. */
export function encodeRecord(record: ChangeRecord): Uint8Array {
  return Buffer.from(
    JSON.stringify(record, (_key, value: unknown) => (value instanceof Uint8Array ? { b: Buffer.from(value).toString('base64') } : value)),
    'utf8',
  );
}

export function decodeRecord(payload: Uint8Array): ChangeRecord {
  return JSON.parse(Buffer.from(payload).toString('utf8'), (_key, value: unknown) => {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof (value as { b?: unknown }).b === 'string' &&
      Object.keys(value).length === 1
    ) {
      return new Uint8Array(Buffer.from((value as { b: string }).b, 'base64'));
    }
    return value;
  }) as ChangeRecord;
}
