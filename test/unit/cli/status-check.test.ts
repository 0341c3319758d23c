// `optima-sync status --check`: one line and the monitoring plugins' exit codes, for Zabbix, Nagios or a systemd
// OnFailure= watching a deployment: 3 before any pass, 0 after a good one, 1 when actions need attention, 2 when
// the last pass failed or none succeeded for alerts.noSuccessHours, or the settings are broken.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { settingsPath } from '../../../src/core/deployment/files';
import { demoShopFile } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { cli } from '../../support/cli';
import { daysFromTestNow, fixedClock, testClock } from '../../support/clock';
import { createTestDeployment, runPass, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';

describe('cli: status --check for monitoring', function () {
  this.timeout(30_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  const check = async (now = testClock) => {
    const run = await cli(['status', '--check', '--dir', deployment.dir], { now });
    assert.equal(run.stdout.trim().split('\n').length, 1, 'one line');
    return { code: run.code, line: run.stdout.trim() };
  };

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
      s.alerts = { noSuccessHours: 24 };
    });
    await seedShop(deployment.dir);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  it('UNKNOWN before any pass, OK after a good one, WARNING with a failed action, CRITICAL after a day without success', async () => {
    assert.deepEqual(await check(), { code: 3, line: `OPTIMA SYNC UNKNOWN - no state database in ${deployment.dir} yet` });
    await runPass(deployment.dir);
    const ok = await check();
    assert.equal(ok.code, 0);
    assert.match(ok.line, /^OPTIMA SYNC OK - the last pass \(.+\): ok; nothing needs attention \| failed=0 uncertain=0 passes=1$/);

    const store = await openStateStore(deployment.dir, { now: testClock });
    const [order] = store.listOrders();
    await store.markFailed(order!.platform, order!.shopOrderId, 'pdf-to-shop', 'HTTP 422 document rejected');
    await store.close();
    const warning = await check();
    assert.equal(warning.code, 1);
    assert.match(warning.line, /^OPTIMA SYNC WARNING - actions need attention: 1 failed, 0 uncertain .*\| failed=1 uncertain=0/);

    const critical = await check(fixedClock(daysFromTestNow(2)));
    assert.equal(critical.code, 2);
    assert.match(critical.line, /^OPTIMA SYNC CRITICAL - no pass has succeeded for 24 hours/);
  });

  it('CRITICAL when the last pass failed, and when the settings cannot be read', async () => {
    await fs.writeFile(demoShopFile(deployment.dir), '{ broken');
    await assert.rejects(runPass(deployment.dir));
    const failed = await check();
    assert.equal(failed.code, 2);
    assert.match(failed.line, /^OPTIMA SYNC CRITICAL - the last pass \(.+\) failed: /);

    await fs.writeFile(settingsPath(deployment.dir), '{ "version": 1, "shop": 7 }');
    const broken = await check();
    assert.equal(broken.code, 2);
    assert.match(broken.line, /^OPTIMA SYNC CRITICAL - the settings are invalid; no pass can run: /);
    const json = JSON.parse((await cli(['status', '--check', '--json', '--dir', deployment.dir])).stdout) as {
      status: string;
      code: number;
    };
    assert.deepEqual([json.status, json.code], ['CRITICAL', 2]);
  });
});
