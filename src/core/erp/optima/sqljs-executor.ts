// SqlExecutor over sql.js (SQLite compiled to WebAssembly): runs the T-SQL of queries.ts unchanged on an
// SQLite copy of Optima's tables, for tests and rehearsals. The database must expose the tables under the
// schema name CDN (e.g. `ATTACH DATABASE ':memory:' AS CDN`), so `CDN.TraNag` means the same in both.
import type { Database, SqlValue } from 'sql.js';
import { checkParameters, type SqlExecutor, type SqlParamValue, type SqlQuery } from './executor';

/**
 * The one place where the parameter style differs from SQL Server: SQLite binds `@name` parameters from keys
 * that include the '@', and has no date type (dates are ISO text: "YYYY-MM-DD" at midnight UTC, else
 * "YYYY-MM-DD HH:MM:SS", which compare correctly as text).
 */
export function toSqliteParameters(values: Readonly<Record<string, SqlParamValue>>): Record<string, SqlValue> {
  const bound: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(values)) {
    bound[`@${name}`] = value instanceof Date ? sqliteDate(value) : value;
  }
  return bound;
}

function sqliteDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/**
 * SQLite's "no such table/column" as SQL Server reports them (errors 208 and 207, with SQL Server's wording),
 * shaped like mssql's RequestError (info.number), so the adapter reacts to both databases the same way.
 */
export function asSqlServerError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const column = /no such column: (?:\w+\.)?(\w+)/.exec(message);
  if (column)
    return Object.assign(new Error(`Invalid column name '${column[1]}'.`), { name: 'RequestError', code: 'EREQUEST', number: 207 });
  const table = /no such table: ([\w.]+)/.exec(message);
  if (table) return Object.assign(new Error(`Invalid object name '${table[1]}'.`), { name: 'RequestError', code: 'EREQUEST', number: 208 });
  return error;
}

export class SqlJsExecutor implements SqlExecutor {
  constructor(private readonly db: Database) {}

  async query<Row>(query: SqlQuery<Row>, values: Readonly<Record<string, SqlParamValue>>): Promise<Row[]> {
    checkParameters(query, values);
    let statement;
    try {
      statement = this.db.prepare(query.text);
    } catch (error) {
      throw asSqlServerError(error);
    }
    try {
      statement.bind(toSqliteParameters(values));
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as Row);
      return rows;
    } finally {
      statement.free();
    }
  }

  async close(): Promise<void> {
    // The database belongs to the caller.
  }
}
