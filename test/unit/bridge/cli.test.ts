// The bridge from the command line: `optima-sync bridge --simulate` as a real process (it serves, then stops on
// SIGTERM), the usage errors of the real bridge, the Task Scheduler definition in deploy/windows, and
// `optima-sync erp test` through a simulated bridge (health, token, dictionaries).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../../support/cli';
import { BRIDGE_TOKEN, startSimulatedBridge, type SimulatedBridge } from '../../support/bridge';
import { createTestDeployment, type TestDeployment } from '../../support/deployment';

const ROOT = path.resolve(__dirname, '../../..');

describe('optima-sync bridge and erp test from the command line', function () {
  this.timeout(60_000);

  it('serves a simulated Optima on 127.0.0.1 until SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(ROOT, 'src/cli/main.ts'), 'bridge', '--simulate', '--port', '0', '--token', BRIDGE_TOKEN],
      { cwd: ROOT, env: { ...process.env, OPTIMA_SYNC_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${stdout}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const health = await fetch(`${url}/v1/health`, { headers: { Authorization: `Bearer ${BRIDGE_TOKEN}` } });
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { simulated: boolean }).simulated, true);
    assert.equal((await fetch(`${url}/v1/health`)).status, 401);
    assert.ok(!stdout.includes(BRIDGE_TOKEN), 'the token is never printed');
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
    assert.match(stdout, /Optima bridge stopped/);
  });

  it('refuses to start the real bridge without a token file, a certificate or a company', async () => {
    assert.match((await cli(['bridge', '--port', '8443'])).stderr, /needs a token/);
    assert.match((await cli(['bridge', '--port', '8443', '--token', 'a-token-of-twenty-chars'])).stderr, /--token is only for --simulate/);
    const tokenFile = path.join(ROOT, 'package.json');
    const noCert = await cli(['bridge', '--port', '8443', '--token-file', tokenFile]);
    assert.equal(noCert.code, 2);
    assert.match(noCert.stderr, /serves HTTPS: give it --cert C and --key K/);
    assert.match((await cli(['bridge', '--simulate', '--token', 'short'])).stderr, /too short/);
    assert.match((await cli(['bridge', '--simulate', '--token', BRIDGE_TOKEN, '--listen', '0.0.0.0'])).stderr, /only on this computer/);
  });

  it('ships a Task Scheduler definition whose command line the CLI accepts, with no secret in it', async () => {
    const task = readFileSync(path.join(ROOT, 'deploy/windows/optima-sync-bridge-task.xml'), 'utf16le');
    assert.match(task, /^\uFEFF?<\?xml version="1.0" encoding="UTF-16"\?>/);
    const commandLine = /<Arguments>"[^"]*cli\.js" (.*)<\/Arguments>/.exec(task)![1]!;
    const args = [...commandLine.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    assert.equal(args[0], 'bridge');
    for (const flag of ['--token-file', '--cert', '--key', '--company', '--operator', '--listen']) assert.ok(args.includes(flag), flag);
    assert.equal((await cli([...args, '--help'])).code, 0);
    assert.doesNotMatch(task, /OPTIMA_SYNC_\w+=|--token /);
    assert.match(task, /<MultipleInstancesPolicy>IgnoreNew<\/MultipleInstancesPolicy>/);
    assert.match(task, /<ExecutionTimeLimit>PT0S<\/ExecutionTimeLimit>/);
    assert.match(task, /<LogonType>Password<\/LogonType>/);
  });

  describe('erp test through the bridge', () => {
    let bridge: SimulatedBridge;
    let deployment: TestDeployment;
    before(async () => {
      bridge = await startSimulatedBridge();
    });
    after(async () => {
      await bridge.stop();
      await deployment?.cleanup();
    });

    it('checks health, the token and the dictionaries the mapping needs, and explains each problem', async () => {
      deployment = await createTestDeployment((s) => {
        s.erp.adapter = 'optima';
        s.erp.importMode = 'PF';
        s.erp.optima = { bridge: { url: bridge.url }, documents: { paymentMethods: { BLIK: 'blik' } } };
      });
      const env = { OPTIMA_SYNC_ERP_BRIDGE_TOKEN: BRIDGE_TOKEN };
      const failing = await cli(['erp', 'test', '--json', '--dir', deployment.dir], { env });
      assert.equal(failing.code, 1, failing.stdout);
      const report = JSON.parse(failing.stdout) as {
        ok: boolean;
        checks: Array<{ what: string; name: string; ok: boolean; detail?: string }>;
        health: { company: string };
      };
      assert.equal(report.health.company, 'DEMO');
      assert.deepEqual(
        report.checks.map((c) => [c.what, c.name, c.ok]),
        [
          ['payment-method', 'blik', false],
          ['payment-method', 'przelew', true],
          ['definition', 'FPF', true],
          ['shipping-item', 'TRANSPORT', true],
        ],
      );
      assert.match(report.checks[0]!.detail!, /no payment method "blik"/);
      await deployment.editSettings((s) => {
        s.erp.optima.documents.paymentMethods = { BLIK: 'przelew' };
      });
      const working = await cli(['erp', 'test', '--dir', deployment.dir], { env });
      assert.equal(working.code, 0, working.stdout);
      assert.match(working.stdout, /company DEMO, operator ADMIN \(simulated Optima\)/);
      const wrongToken = await cli(['erp', 'test', '--dir', deployment.dir], {
        env: { OPTIMA_SYNC_ERP_BRIDGE_TOKEN: 'a-wrong-token-value-here' },
      });
      assert.equal(wrongToken.code, 1);
      assert.match(wrongToken.stdout, /refused the token \(HTTP 401\).*Set ERP bridge token/);
      assert.ok(!wrongToken.stdout.includes('a-wrong-token-value-here'));
      const noToken = await cli(['erp', 'test', '--dir', deployment.dir]);
      assert.match(noToken.stdout, /No token for the Optima bridge.*OPTIMA_SYNC_ERP_BRIDGE_TOKEN/);
    });
  });
});
