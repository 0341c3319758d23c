// Prepared statements of one sql.js database, cached by their text, with the three ways the store uses them.
import type { Database, SqlValue, Statement } from 'sql.js';

export type Params = Record<string, SqlValue> | SqlValue[];
export type Row = Record<string, SqlValue>;

export class SqlRunner {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly database: Database) {}

  run(sql: string, params: Params = []): void {
    const statement = this.statement(sql);
    try {
      statement.run(params);
    } finally {
      statement.reset();
    }
  }

  get(sql: string, params: Params = []): Row | undefined {
    const statement = this.statement(sql);
    try {
      statement.bind(params);
      return statement.step() ? statement.getAsObject() : undefined;
    } finally {
      statement.reset();
    }
  }

  all(sql: string, params: Params = []): Row[] {
    const statement = this.statement(sql);
    const rows: Row[] = [];
    try {
      statement.bind(params);
      while (statement.step()) rows.push(statement.getAsObject());
    } finally {
      statement.reset();
    }
    return rows;
  }

  /** A single number (COUNT, MAX…), 0 when the query gives nothing. */
  number(sql: string, params: Params = []): number {
    const row = this.get(sql, params);
    const value = row ? Object.values(row)[0] : undefined;
    return value === null || value === undefined ? 0 : Number(value);
  }

  /** Runs `work` in a transaction: all of it or nothing. */
  transaction<T>(work: () => T): T {
    this.database.exec('BEGIN');
    try {
      const result = work();
      this.database.exec('COMMIT');
      return result;
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    }
  }

  lastInsertId(): number {
    return this.number('SELECT last_insert_rowid() AS id');
  }

  free(): void {
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
