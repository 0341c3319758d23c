// Copying tables (their rows, indexes and triggers) into a new in-memory database, a row at a time, with no
// second copy of them in JavaScript: how the sandbox's tables leave an old state file, and how the upgrade
// compacts the live database once the history has gone to the archive.
import type { Database, SqlJsStatic } from 'sql.js';

/** A new database with the tables of `source` whose names match `tables` (a condition over tbl_name). */
export function copyTables(SQL: SqlJsStatic, source: Database, tables: string): Database {
  const copy = new SQL.Database();
  copy.exec('PRAGMA journal_mode = OFF');
  const schema = (types: string) =>
    (
      source.exec(`SELECT name, sql FROM sqlite_master WHERE type IN (${types}) AND (${tables}) AND sql IS NOT NULL ORDER BY rowid`)[0]
        ?.values ?? []
    ).map((row) => ({ name: String(row[0]), sql: String(row[1]) }));
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  try {
    copy.exec('BEGIN');
    const copied = schema("'table'");
    for (const table of copied) {
      copy.exec(table.sql);
      const read = source.prepare(`SELECT * FROM ${quote(table.name)}`);
      try {
        let write: ReturnType<Database['prepare']> | undefined;
        while (read.step()) {
          const values = read.get();
          write ??= copy.prepare(`INSERT INTO ${quote(table.name)} VALUES (${values.map(() => '?').join(', ')})`);
          write.run(values);
        }
        write?.free();
      } finally {
        read.free();
      }
    }
    // AUTOINCREMENT counters, so that no id is ever given twice; then indexes and triggers (after the rows, so
    // that triggers keeping counts do not count the copied rows a second time).
    const hasSequence = (db: Database) => db.exec("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").length > 0;
    if (hasSequence(source) && hasSequence(copy)) {
      for (const [name, seq] of source.exec('SELECT name, seq FROM sqlite_sequence')[0]?.values ?? []) {
        if (copied.some((table) => table.name === name))
          copy.run('INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES (?, ?)', [name, seq]);
      }
    }
    for (const other of schema("'index', 'trigger', 'view'")) copy.exec(other.sql);
    copy.exec('COMMIT');
  } catch (error) {
    copy.close();
    throw error;
  }
  return copy;
}
