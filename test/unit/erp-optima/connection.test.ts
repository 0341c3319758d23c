// erp.optima settings → mssql configuration, checked exactly and through mssql's own translation into the
// Tedious configuration (the object Tedious validates and connects with).
import assert from 'node:assert/strict';
import mssql from 'mssql';
import { Connection } from 'tedious';
import { describeServer, lookupValue, toMssqlConfig } from '../../../src/core/erp/optima/connection';
import { optimaSettings } from '../../support/optima-fixture';

interface TediousConfig {
  server: string;
  options: Record<string, unknown>;
  authentication: { type: string; options: Record<string, unknown> };
}

function tediousConfigOf(config: mssql.config): TediousConfig {
  const pool = new mssql.ConnectionPool(config) as unknown as { _config(): TediousConfig };
  return pool._config();
}

describe('Optima connection settings → mssql', () => {
  it('maps server, port, database, user, password, TLS and timeouts exactly', () => {
    const config = toMssqlConfig(
      optimaSettings({ server: 'optima-srv.local', port: 51433, encrypt: true, trustServerCertificate: true }),
      's3cret!',
    );
    assert.deepEqual(config, {
      server: 'optima-srv.local',
      port: 51433,
      database: 'CDN_Test',
      user: 'optima_sync_ro',
      password: 's3cret!',
      connectionTimeout: 15000,
      requestTimeout: 30000,
      pool: { max: 2, min: 0, idleTimeoutMillis: 5000 },
      options: { encrypt: true, trustServerCertificate: true, appName: 'optima-order-sync' },
    });
    const tedious = tediousConfigOf(config);
    assert.equal(tedious.server, 'optima-srv.local');
    assert.equal(tedious.options.port, 51433);
    assert.equal(tedious.options.database, 'CDN_Test');
    assert.equal(tedious.options.encrypt, true);
    assert.equal(tedious.options.trustServerCertificate, true);
    assert.equal(tedious.options.connectTimeout, 15000);
    assert.equal(tedious.options.requestTimeout, 30000);
    assert.equal(tedious.options.appName, 'optima-order-sync');
    assert.equal(tedious.options.instanceName, undefined);
    assert.deepEqual(tedious.authentication, { type: 'default', options: { userName: 'optima_sync_ro', password: 's3cret!' } });
  });

  it('uses the instance name instead of a port for a named instance (Tedious refuses both)', () => {
    const config = toMssqlConfig(optimaSettings({ instanceName: 'OPTIMA', encrypt: false, trustServerCertificate: false }), 'pw');
    assert.equal('port' in config, false);
    assert.deepEqual(config.options, {
      encrypt: false,
      trustServerCertificate: false,
      appName: 'optima-order-sync',
      instanceName: 'OPTIMA',
    });
    const tedious = tediousConfigOf(config);
    assert.equal(tedious.options.instanceName, 'OPTIMA');
    assert.equal(tedious.options.port, undefined);
    assert.equal(tedious.options.encrypt, false);
    // Tedious accepts the result (it throws on a port together with an instance name).
    assert.doesNotThrow(() => new Connection(tedious as never));
  });

  it('describes the server for messages and fills the match pattern', () => {
    assert.equal(describeServer(optimaSettings()), 'optima-srv:1433');
    assert.equal(describeServer(optimaSettings({ instanceName: 'OPTIMA' })), 'optima-srv\\OPTIMA');
    assert.equal(lookupValue('WWW/{number}/{id}', { id: '77', number: 'Łódź-1' }), 'WWW/Łódź-1/77');
    assert.equal(lookupValue('{number}', { id: '77', number: '#1024' }), '#1024');
  });
});
