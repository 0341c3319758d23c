// `optima-sync erp test` as a real child process, against a loopback TDS server that refuses the login the
// way SQL Server does, and against a deployment that has no real ERP.
import assert from 'node:assert/strict';
import { cli } from '../../support/cli';
import { createTestDeployment, type TestDeployment } from '../../support/deployment';
import { startFakeTdsServer, type FakeTdsServer } from '../../fakes/tds-server';

describe('optima-sync erp test', function () {
  this.timeout(60_000);
  let deployment: TestDeployment | undefined;
  let server: FakeTdsServer | undefined;
  afterEach(async () => {
    await server?.close();
    await deployment?.cleanup();
    server = deployment = undefined;
  });

  it('explains a refused login in plain words, exit code 1, and never prints the password', async () => {
    server = await startFakeTdsServer({
      encryption: 'NOT_SUP',
      loginError: { number: 18456, message: "Login failed for user 'optima_sync_ro'." },
    });
    const port = server.port;
    deployment = await createTestDeployment((s) => {
      s.erp.adapter = 'optima';
      s.erp.optima = { server: '127.0.0.1', port, database: 'CDN_Test', user: 'optima_sync_ro', encrypt: false };
    });
    const env = { OPTIMA_SYNC_ERP_PASSWORD: 'Hasło-Tajne-42' };
    const text = await cli(['erp', 'test', '--dir', deployment.dir], { env });
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /rejected the login optima_sync_ro \(error 18456\)/);
    assert.match(text.stdout, /ERP connection does not work yet/);
    const json = await cli(['erp', 'test', '--dir', deployment.dir, '--json'], { env });
    assert.equal(json.code, 1, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.problem.problem, 'login-failed');
    assert.equal(report.server, `127.0.0.1:${port}`);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) assert.ok(!output.includes('Hasło-Tajne-42'));
  });

  it('says so when no ERP password is set', async () => {
    deployment = await createTestDeployment((s) => {
      s.erp.adapter = 'optima';
      s.erp.optima = { server: '127.0.0.1', database: 'CDN_Test', user: 'optima_sync_ro' };
    });
    const run = await cli(['erp', 'test', '--dir', deployment.dir, '--json'], { env: { OPTIMA_SYNC_ERP_PASSWORD: '' } });
    assert.equal(run.code, 1);
    assert.equal(JSON.parse(run.stdout).problem.problem, 'no-password');
  });

  it('refuses a deployment without a real ERP, and an unknown action', async () => {
    deployment = await createTestDeployment();
    const run = await cli(['erp', 'test', '--dir', deployment.dir]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /erp\.adapter is "sandbox"/);
    const usage = await cli(['erp', 'connect', '--dir', deployment.dir]);
    assert.equal(usage.code, 2);
  });

  it('the settings file needs erp.optima with server, database and user when the adapter is optima', async () => {
    deployment = await createTestDeployment((s) => {
      s.erp.adapter = 'optima';
    });
    const missing = await cli(['validate', '--dir', deployment.dir]);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /erp\.optima: A real Optima needs its connection/);
    await deployment.editSettings((s) => {
      s.erp.optima = { server: 'srv', port: 1433 };
    });
    const partial = await cli(['validate', '--dir', deployment.dir]);
    assert.equal(partial.code, 1);
    assert.match(partial.stdout, /erp\.optima\.database: Required: the Optima company database/);
    assert.match(partial.stdout, /erp\.optima\.user: Required: a read-only SQL login/);
    await deployment.editSettings((s) => {
      s.erp.optima = { server: 'srv', database: 'CDN_Firma', user: 'ro', match: { by: 'attribute' } };
    });
    const attribute = await cli(['validate', '--dir', deployment.dir]);
    assert.equal(attribute.code, 1);
    assert.match(attribute.stdout, /erp\.optima\.match\.attributeCode: Matching by attribute needs the attribute's code/);
  });
});
