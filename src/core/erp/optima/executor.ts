// The seam between the Optima adapter and a database: run one read-only, parameterized query and return its
// rows. Two implementations: mssql-executor.ts (the real SQL Server through mssql/Tedious) and
// sqljs-executor.ts (an SQLite copy of the tables, for tests). Queries themselves live in queries.ts.

/** How a parameter is typed on SQL Server (SQLite needs no types). */
export type SqlParamType = 'int' | 'nvarchar' | 'datetime';

export type SqlParamValue = number | string | Date;

/** One statement of queries.ts: T-SQL text with @named parameters and their types. */
export interface SqlQuery<Row = Record<string, unknown>> {
  /** Short name for logs and errors, e.g. "documentsByExternalNumber". */
  readonly name: string;
  readonly text: string;
  readonly params: Readonly<Record<string, SqlParamType>>;
  /** Phantom field carrying the row type; never set. */
  readonly row?: Row;
}

export type RowOf<Q> = Q extends SqlQuery<infer Row> ? Row : never;

export interface SqlExecutor {
  /** Runs a SELECT; values: one per declared parameter. Rows come back with the column aliases as keys. */
  query<Row>(query: SqlQuery<Row>, values: Readonly<Record<string, SqlParamValue>>): Promise<Row[]>;
  close(): Promise<void>;
}

/** Checks that the values match the declared parameters exactly (a missing one would silently be NULL). */
export function checkParameters(query: SqlQuery<unknown>, values: Readonly<Record<string, SqlParamValue>>): void {
  const declared = Object.keys(query.params).sort();
  const given = Object.keys(values).sort();
  if (declared.join(',') !== given.join(',')) {
    throw new Error(`Query ${query.name}: parameters ${given.join(', ') || '(none)'} given, ${declared.join(', ') || '(none)'} declared`);
  }
}
