// SqlExecutor over a real SQL Server through the mssql package (Tedious driver, pure JavaScript). Opens the
// pool on the first query; parameters are bound with their declared SQL types (never concatenated).
import type { ConnectionPool, config as MssqlConfig, ISqlType } from 'mssql';
import { t } from '../../l10n';
import { checkParameters, type SqlExecutor, type SqlParamType, type SqlParamValue, type SqlQuery } from './executor';

/** The ERP password is missing (VS Code: "Set ERP password…"; CLI: OPTIMA_SYNC_ERP_PASSWORD). */
export class ErpPasswordMissingError extends Error {
  override readonly name = 'ErpPasswordMissingError';
  readonly code = 'ENOPASSWORD';
  constructor() {
    super(t('No ERP password is set. In VS Code run "Optima Sync: Set ERP password…"; for the CLI set OPTIMA_SYNC_ERP_PASSWORD.'));
  }
}

type Mssql = typeof import('mssql');

/** Loads mssql (and Tedious) only when an Optima deployment actually connects. */
async function loadMssql(): Promise<Mssql> {
  const loaded = (await import('mssql')) as Mssql & { default?: Mssql };
  return loaded.default ?? loaded;
}

function sqlType(mssql: Mssql, type: SqlParamType): ISqlType | (() => ISqlType) {
  switch (type) {
    case 'int':
      return mssql.Int;
    case 'nvarchar':
      return mssql.NVarChar(4000);
    case 'datetime':
      return mssql.DateTime;
  }
}

export class MssqlExecutor implements SqlExecutor {
  private pool: Promise<ConnectionPool> | undefined;

  /** config without a password (undefined) makes every query fail with ErpPasswordMissingError. */
  constructor(private readonly config: MssqlConfig | undefined) {}

  private connect(): Promise<ConnectionPool> {
    if (!this.pool) {
      this.pool = (async () => {
        if (!this.config?.password) throw new ErpPasswordMissingError();
        const mssql = await loadMssql();
        const pool = new mssql.ConnectionPool(this.config);
        // Errors also arrive through the connect()/query() promises; an 'error' event without a listener
        // would crash the process instead.
        pool.on('error', () => undefined);
        return pool.connect();
      })();
      this.pool.catch(() => {
        this.pool = undefined;
      });
    }
    return this.pool;
  }

  async query<Row>(query: SqlQuery<Row>, values: Readonly<Record<string, SqlParamValue>>): Promise<Row[]> {
    checkParameters(query, values);
    const pool = await this.connect();
    const mssql = await loadMssql();
    const request = pool.request();
    for (const [name, type] of Object.entries(query.params)) request.input(name, sqlType(mssql, type), values[name]);
    const result = await request.query<Row>(query.text);
    return result.recordset ?? [];
  }

  async close(): Promise<void> {
    const pending = this.pool;
    this.pool = undefined;
    if (!pending) return;
    try {
      await (await pending).close();
    } catch {
      // Never connected: nothing to close.
    }
  }
}
