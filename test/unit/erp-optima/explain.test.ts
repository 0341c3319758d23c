// How connection and query failures are explained. Login refusals (18456, 4060), "encryption required",
// an untrusted certificate, a closed port and a silent server are produced by the real mssql/Tedious client
// against loopback servers (test/fakes/tds-server); server errors during a query are built the way mssql
// builds them (RequestError over an Error carrying SQL Server's info.number).
import assert from 'node:assert/strict';
import net from 'node:net';
import mssql from 'mssql';
import selfsigned from 'selfsigned';
import { OptimaGateway } from '../../../src/core/erp/optima/adapter';
import { toMssqlConfig, type OptimaSettings } from '../../../src/core/erp/optima/connection';
import { explainErpError } from '../../../src/core/erp/optima/explain';
import { ErpPasswordMissingError, MssqlExecutor } from '../../../src/core/erp/optima/mssql-executor';
import { DOCUMENT_BY_ID } from '../../../src/core/erp/optima/queries';
import { setTranslator, translatorFor } from '../../../src/core/l10n';
import { startFakeTdsServer, type FakeTdsServer } from '../../fakes/tds-server';
import { optimaSettings, SELLER } from '../../support/optima-fixture';
import { testClock } from '../../support/clock';

const PASSWORD = 'Tajne-Hasło-123';
const TARGET = { server: '127.0.0.1:1433', database: 'CDN_Test', user: 'optima_sync_ro' };

/** Runs one real query through the real executor and returns what it threw. */
async function failureOf(settings: Partial<OptimaSettings>, tweak: (config: mssql.config) => mssql.config = (c) => c): Promise<unknown> {
  const executor = new MssqlExecutor(tweak(toMssqlConfig(optimaSettings({ server: '127.0.0.1', ...settings }), PASSWORD)));
  try {
    await executor.query(DOCUMENT_BY_ID, { docId: 1 });
  } catch (error) {
    return error;
  } finally {
    await executor.close();
  }
  assert.fail('the query should have failed');
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Optima: errors explained in a consultant's words", () => {
  const servers: FakeTdsServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    setTranslator(translatorFor('en'));
  });
  const fake = async (options: Parameters<typeof startFakeTdsServer>[0]) => {
    const server = await startFakeTdsServer(options);
    servers.push(server);
    return server;
  };

  it('login failed (SQL Server error 18456, Tedious code ELOGIN)', async () => {
    const server = await fake({
      encryption: 'NOT_SUP',
      loginError: { number: 18456, state: 1, message: "Login failed for user 'optima_sync_ro'." },
    });
    const error = await failureOf({ port: server.port, encrypt: false });
    assert.ok(error instanceof mssql.ConnectionError);
    assert.equal((error as mssql.ConnectionError).code, 'ELOGIN');
    const explained = explainErpError(error, TARGET);
    assert.equal(explained.problem, 'login-failed');
    assert.match(explained.message, /rejected the login optima_sync_ro \(error 18456\)/);
    assert.match(explained.message, /Set ERP password/);
    assert.ok(!explained.message.includes(PASSWORD) && !explained.detail.includes(PASSWORD));
  });

  it('unknown database (SQL Server error 4060), after Tedious retried it as transient', async () => {
    const server = await fake({
      encryption: 'NOT_SUP',
      loginError: { number: 4060, message: 'Cannot open database "CDN_Nieistniejaca" requested by the login. The login failed.' },
    });
    const error = await failureOf({ port: server.port, encrypt: false, database: 'CDN_Nieistniejaca' }, (c) => ({
      ...c,
      options: { ...c.options, connectionRetryInterval: 50 },
    }));
    assert.ok(server.logins >= 2, 'Tedious retries 4060');
    const explained = explainErpError(error, { ...TARGET, database: 'CDN_Nieistniejaca' });
    assert.equal(explained.problem, 'unknown-database');
    assert.match(explained.message, /cannot open the database "CDN_Nieistniejaca"/);
  });

  it('the same explanation in Polish', async () => {
    const server = await fake({ encryption: 'NOT_SUP', loginError: { number: 18456, message: "Login failed for user 'optima_sync_ro'." } });
    const error = await failureOf({ port: server.port, encrypt: false });
    setTranslator(translatorFor('pl'));
    assert.match(explainErpError(error, TARGET).message, /odrzucił|odrzucil|logowanie/i);
  });

  it('server requires encryption but encrypt is off (Tedious EENCRYPT)', async () => {
    const server = await fake({ encryption: 'REQ' });
    const explained = explainErpError(await failureOf({ port: server.port, encrypt: false }), TARGET);
    assert.equal(explained.problem, 'tls-required');
    assert.match(explained.message, /set erp\.optima\.encrypt to true/);
  });

  it("the server's self-signed certificate is not trusted", async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'optima-srv' }], { keySize: 2048 });
    const server = await fake({ encryption: 'ON', tls: { key: pems.private, cert: pems.cert } });
    const error = await failureOf({ port: server.port, encrypt: true, trustServerCertificate: false });
    assert.equal((error as mssql.ConnectionError).code, 'ESOCKET');
    const explained = explainErpError(error, TARGET);
    assert.equal(explained.problem, 'tls-certificate');
    assert.match(explained.message, /trustServerCertificate/);
  });

  it('nothing listens on the port (ECONNREFUSED)', async () => {
    const explained = explainErpError(await failureOf({ port: await freePort(), encrypt: false }), TARGET);
    assert.equal(explained.problem, 'unreachable');
    assert.match(explained.message, /ECONNREFUSED/);
    assert.match(explained.message, /TCP\/IP is enabled/);
  });

  it('the server never answers (ETIMEOUT)', async () => {
    const accepted = new Set<net.Socket>();
    const silent = net.createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const error = await failureOf({ port, encrypt: false }, (c) => ({ ...c, connectionTimeout: 300 }));
      assert.equal((error as mssql.ConnectionError).code, 'ETIMEOUT');
      assert.equal(explainErpError(error, TARGET).problem, 'timeout');
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('no password set: no connection is attempted', async () => {
    const executor = new MssqlExecutor(undefined);
    const error = await executor.query(DOCUMENT_BY_ID, { docId: 1 }).catch((e: unknown) => e);
    assert.ok(error instanceof ErpPasswordMissingError);
    const explained = explainErpError(error, TARGET);
    assert.equal(explained.problem, 'no-password');
    assert.match(explained.message, /OPTIMA_SYNC_ERP_PASSWORD/);
  });

  function serverError(number: number, message: string): mssql.RequestError {
    const error = Object.assign(new Error(message), { info: { number, state: 1, class: 16, message } });
    return new mssql.RequestError(error as never, 'EREQUEST');
  }

  it('server errors during a query: 229 permission denied, 208 missing table, 207 missing column', () => {
    const denied = explainErpError(
      serverError(229, "The SELECT permission was denied on the object 'TraNag', database 'CDN_Test', schema 'CDN'."),
      TARGET,
    );
    assert.equal(denied.problem, 'permission-denied');
    assert.equal(denied.number, 229);
    assert.match(denied.message, /read rights on the CDN schema of CDN_Test/);
    assert.equal(explainErpError(serverError(208, "Invalid object name 'CDN.TraNag'."), TARGET).problem, 'missing-table');
    const column = explainErpError(serverError(207, "Invalid column name 'TrV_Netto'."), TARGET);
    assert.equal(column.problem, 'missing-column');
    assert.match(column.message, /TrV_Netto/);
  });

  it('names the driver codes of instance lookup, DNS and certificate-name failures', () => {
    const lookup = new mssql.ConnectionError(
      Object.assign(new Error('Failed to get port for instance OPTIMA'), { code: 'EINSTLOOKUP' }) as never,
    );
    assert.equal(explainErpError(lookup, { ...TARGET, server: 'srv\\OPTIMA' }).problem, 'instance-not-found');
    const dns = new mssql.ConnectionError(
      Object.assign(new Error('Failed to connect to nosuch.invalid:1433 - getaddrinfo ENOTFOUND nosuch.invalid'), {
        code: 'ESOCKET',
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      }) as never,
    );
    assert.equal(explainErpError(dns, TARGET).problem, 'unknown-host');
    const altName = new mssql.ConnectionError(
      Object.assign(new Error("Failed to connect to 10.0.0.5:1433 - Hostname/IP does not match certificate's altnames"), {
        code: 'ESOCKET',
        cause: Object.assign(new Error('altnames'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      }) as never,
    );
    assert.equal(explainErpError(altName, TARGET).problem, 'tls-certificate');
  });

  it('"Test ERP connection" stops at a login failure and reports it, without table checks', async () => {
    const server = await fake({ encryption: 'NOT_SUP', loginError: { number: 18456, message: "Login failed for user 'optima_sync_ro'." } });
    const settings = optimaSettings({ server: '127.0.0.1', port: server.port, encrypt: false });
    const executor = new MssqlExecutor(toMssqlConfig(settings, PASSWORD));
    const gateway = new OptimaGateway({ optima: settings, importMode: 'RO', seller: SELLER, executor, now: testClock });
    try {
      const report = await gateway.testConnection();
      assert.equal(report.ok, false);
      assert.equal(report.problem?.problem, 'login-failed');
      assert.deepEqual(report.tables, []);
      assert.equal(report.counts, undefined);
      const health = await gateway.health();
      assert.equal(health.ok, false);
      assert.match(health.detail, /18456/);
    } finally {
      await gateway.close();
    }
  });
});
