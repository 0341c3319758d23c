// erp.optima settings → the configuration of the mssql package (Tedious driver), and the order → lookup
// value mapping. Kept apart from the executor so a unit test can check the mapping exactly.
import type { config as MssqlConfig } from 'mssql';
import type { ShopOrder } from '../../model/order';
import type { Optima } from '../../settings/types.generated';

/** erp.optima with its SQL Server connection (server, database and login are optional when a bridge is set). */
export type OptimaSettings = Optima & Required<Pick<Optima, 'server' | 'database' | 'user'>>;

/** The SQL connection of erp.optima, when it has one. */
export function sqlConnection(optima: Optima | undefined): OptimaSettings | undefined {
  return optima?.server && optima.database && optima.user ? (optima as OptimaSettings) : undefined;
}

/** Name shown to the DBA in sys.dm_exec_sessions (program_name). */
export const APPLICATION_NAME = 'optima-order-sync';
export const CONNECT_TIMEOUT_MS = 15_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The mssql configuration of a deployment. `port` is left out for a named instance: Tedious then asks the
 * SQL Server Browser (UDP 1434) for the port, and refuses a port and an instance name together.
 * `encrypt` and `trustServerCertificate` are passed as set (mssql's own defaults are encrypt on, trust off,
 * the same as the settings' defaults).
 */
export function toMssqlConfig(settings: OptimaSettings, password: string): MssqlConfig {
  const named = settings.instanceName !== undefined && settings.instanceName !== '';
  return {
    server: settings.server,
    ...(named ? {} : { port: settings.port }),
    database: settings.database,
    user: settings.user,
    password,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // A pass makes a few queries per order; two connections are plenty, and idle ones close quickly so a
    // CLI run ends without waiting.
    pool: { max: 2, min: 0, idleTimeoutMillis: 5_000 },
    options: {
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      appName: APPLICATION_NAME,
      ...(named ? { instanceName: settings.instanceName } : {}),
    },
  };
}

/** "host:1433" or "host\INSTANCE", for messages. */
export function describeServer(settings: Pick<OptimaSettings, 'server' | 'port' | 'instanceName'>): string {
  return settings.instanceName ? `${settings.server}\\${settings.instanceName}` : `${settings.server}:${settings.port}`;
}

/** The value the order's document carries: the match pattern with {number} and {id} filled in. */
export function lookupValue(pattern: string, order: Pick<ShopOrder, 'id' | 'number'>): string {
  return pattern.replace(/\{(number|id)\}/g, (_whole, name: 'number' | 'id') => order[name]);
}

export function patternNeedsNumber(pattern: string): boolean {
  return pattern.includes('{number}');
}
