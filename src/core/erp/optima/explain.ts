// Turns what mssql/Tedious throw into a consultant's words: what went wrong and what to do about it.
// Codes are the drivers' own: mssql wraps Tedious' ConnectionError/RequestError and keeps `code` (ELOGIN,
// ESOCKET, ETIMEOUT, EINSTLOOKUP, EENCRYPT…); a server error during a query carries SQL Server's `number`
// (229 permission denied, 208 invalid object, 207 invalid column…). During login Tedious reports SQL
// Server's error 18456 / 4060 as code ELOGIN with the server's message, without the number, so those two
// are told apart by the message (and by `number` where a driver provides it, e.g. msnodesqlv8).
import { t } from '../../l10n';

export type ErpProblem =
  | 'no-password'
  | 'login-failed'
  | 'windows-authentication-only'
  | 'unknown-database'
  | 'unknown-host'
  | 'unreachable'
  | 'timeout'
  | 'instance-not-found'
  | 'tls-certificate'
  | 'tls-required'
  | 'tls-failed'
  | 'permission-denied'
  | 'missing-table'
  | 'missing-column'
  | 'query-timeout'
  | 'other';

export interface ExplainedErpError {
  problem: ErpProblem;
  /** What happened and what to do, in the consultant's words (localized). */
  message: string;
  /** The driver's own message, for the log (contains no password: drivers never echo it). */
  detail: string;
  /** The driver code / SQL Server error number, when known. */
  code?: string;
  number?: number;
}

export interface ExplainTarget {
  /** "host:1433" or "host\INSTANCE". */
  server: string;
  database: string;
  user: string;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  number?: unknown;
  originalError?: unknown;
  cause?: unknown;
  info?: { number?: unknown };
}

/** Node's TLS verification codes (tls.TLSSocket#authorizationError and friends). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);
const UNKNOWN_HOST_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/**
 * The error and everything it wraps: mssql originalError → Tedious error → cause → (AggregateError of the
 * connection attempts, one per address) → socket/TLS error.
 */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 16) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.includes(current as ErrorLike)) continue;
    const item = current as ErrorLike & { errors?: unknown };
    seen.push(item);
    queue.push(item.originalError, item.cause, ...(Array.isArray(item.errors) ? item.errors : []));
  }
  return seen;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function explainErpError(error: unknown, target: ExplainTarget): ExplainedErpError {
  const links = chain(error);
  const codes = links.map((link) => text(link.code)).filter(Boolean);
  const numbers = links
    .map((link) => (typeof link.number === 'number' ? link.number : typeof link.info?.number === 'number' ? link.info.number : undefined))
    .filter((n): n is number => n !== undefined);
  const messages = links.map((link) => text(link.message)).filter(Boolean);
  const detail = messages[0] ?? String(error);
  const all = messages.join(' | ');
  const code = codes[0];
  const number = numbers[0];
  const has = (wanted: string) => codes.includes(wanted);
  const base = { detail, ...(code ? { code } : {}), ...(number !== undefined ? { number } : {}) };
  const result = (problem: ErpProblem, message: string): ExplainedErpError => ({ problem, message, ...base });

  if (has('ENOPASSWORD')) {
    return result('no-password', text(links[0]?.message));
  }
  // Login stage (Tedious: ELOGIN with the server's message; other drivers: the number).
  if (numbers.includes(4060) || (has('ELOGIN') && /cannot open database/i.test(all))) {
    return result(
      'unknown-database',
      t(
        'SQL Server accepted the login {0} but cannot open the database "{1}": it does not exist on {2}, or the login has no access to it. Check erp.optima.database (the Optima company database, e.g. CDN_Firma) and map the login to that database (see the README login script).',
        target.user,
        target.database,
        target.server,
      ),
    );
  }
  if (numbers.includes(18452) || (has('ELOGIN') && /untrusted domain|integrated authentication/i.test(all))) {
    return result(
      'windows-authentication-only',
      t(
        'SQL Server on {0} accepts only Windows logins. Ask the administrator to switch it to "SQL Server and Windows Authentication mode" (and restart the service), then use a SQL login.',
        target.server,
      ),
    );
  }
  if (numbers.includes(18456) || has('ELOGIN')) {
    return result(
      'login-failed',
      t(
        'SQL Server on {0} rejected the login {1} (error 18456): wrong user name or password, a disabled login, or a login without SQL Server authentication. Check erp.optima.user, set the password again ("Set ERP password…" / OPTIMA_SYNC_ERP_PASSWORD), and ask the administrator to look at the SQL Server error log for the reason (state) of error 18456.',
        target.server,
        target.user,
      ),
    );
  }
  // TLS.
  if (has('EENCRYPT')) {
    return result('tls-required', t('SQL Server on {0} requires an encrypted connection: set erp.optima.encrypt to true.', target.server));
  }
  const certificateCode = codes.find((c) => CERTIFICATE_CODES.has(c));
  if (certificateCode || /certificate|self[- ]signed|altname|CERT_/i.test(all)) {
    return result(
      'tls-certificate',
      t(
        'The certificate of SQL Server on {0} cannot be verified ({1}). SQL Server often uses a self-signed certificate: install a certificate trusted by this computer on the server, or — only inside a trusted network — set erp.optima.trustServerCertificate to true.',
        target.server,
        certificateCode ?? detail,
      ),
    );
  }
  if (
    /\bssl\b|\btls\b|wrong version number|unsupported protocol|handshake/i.test(all) &&
    (has('ESOCKET') || codes.some((c) => c.startsWith('ERR_SSL')))
  ) {
    return result(
      'tls-failed',
      t(
        'The encrypted connection to SQL Server on {0} could not be set up ({1}). An old SQL Server may support only TLS 1.0/1.1: update it, or turn erp.optima.encrypt off if the network is trusted.',
        target.server,
        detail,
      ),
    );
  }
  // Network.
  if (has('EINSTLOOKUP')) {
    return result(
      'instance-not-found',
      t(
        "The SQL Server instance {0} could not be found: the SQL Server Browser service (UDP port 1434) did not answer or does not know the instance. Check the instance name, start the SQL Server Browser service, or remove instanceName and set the instance's fixed TCP port in erp.optima.port.",
        target.server,
      ),
    );
  }
  const unknownHost = codes.find((c) => UNKNOWN_HOST_CODES.has(c));
  if (unknownHost) {
    return result(
      'unknown-host',
      t(
        "The server name in erp.optima.server ({0}) cannot be resolved to an address. Check the spelling, or use the server's IP address.",
        target.server,
      ),
    );
  }
  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  if (unreachable || (has('ESOCKET') && !has('ETIMEOUT'))) {
    return result(
      'unreachable',
      t(
        'Nothing answers at {0} ({1}). Check erp.optima.server and port, that TCP/IP is enabled for the instance in SQL Server Configuration Manager, and that the firewall lets this computer in.',
        target.server,
        unreachable ?? detail,
      ),
    );
  }
  if (has('ETIMEOUT') && links.some((link) => /RequestError/.test(String((link as { name?: unknown }).name)))) {
    return result(
      'query-timeout',
      t('SQL Server on {0} did not finish a query in time. The server may be overloaded; try again later.', target.server),
    );
  }
  if (has('ETIMEOUT')) {
    return result(
      'timeout',
      t(
        'SQL Server on {0} did not answer within the connection timeout. The address may be wrong, or a firewall silently drops connections to the SQL Server port.',
        target.server,
      ),
    );
  }
  // Server errors during a query.
  if (numbers.includes(229) || numbers.includes(230) || /permission was denied/i.test(all)) {
    return result(
      'permission-denied',
      t(
        'The login {0} may not read the Optima tables ({1}). Grant it read rights on the CDN schema of {2} (see the README login script).',
        target.user,
        detail,
        target.database,
      ),
    );
  }
  if (numbers.includes(208) || /invalid object name/i.test(all)) {
    return result(
      'missing-table',
      t(
        'A table the integrator reads is missing in {0} ({1}). Is erp.optima.database the Optima company database (not the configuration database CDN_KNF_Konfiguracja)?',
        target.database,
        detail,
      ),
    );
  }
  if (numbers.includes(207) || /invalid column name/i.test(all)) {
    return result(
      'missing-column',
      t(
        'This Optima database lacks a column the integrator reads ({0}). The Optima version may differ from the one the integrator knows; see "Connecting to a real Optima" in the README.',
        detail,
      ),
    );
  }
  return result('other', t('SQL Server error: {0}', detail));
}
