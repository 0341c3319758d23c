// A sync pass and the CLI's test-email against the real Postfix + Dovecot: a wrong password costs one login,
// not one per queued e-mail, and the JSON of test-email says what was sent and what is risky.
import assert from 'node:assert/strict';
import { cli } from '../../support/cli';
import { createTestDeployment, runPass, seedShop, type TestDeployment } from '../../support/deployment';
import { POSTFIX_LOGIN, POSTFIX_PASSWORD, withPostfix } from '../../support/postfix';
import { deploymentFolder } from './helpers';

describe('sync pass and test-email against a real Postfix + Dovecot (127.0.0.1)', function () {
  this.timeout(60_000);
  const postfix = withPostfix();
  let deployment: TestDeployment | undefined;
  afterEach(async () => {
    await deployment?.cleanup();
  });

  it('a wrong password: one failed login in the whole pass, the other e-mails stay unsent and go out with the next pass', async () => {
    deployment = await createTestDeployment((s) => {
      s.email.smtp = {
        host: 'localhost',
        port: postfix.server.ports.submission,
        login: POSTFIX_LOGIN,
        tls: true,
        ignoreCertificateErrors: false,
      };
      s.email.testMode.enabled = false;
      s.email.bulkLimit = 100;
      s.shop.importStatuses = ['new'];
    });
    await seedShop(deployment.dir, 8);
    const logBefore = postfix.server.log().length;
    const deliveredBefore = (await postfix.server.delivered()).length;

    const failed = await runPass(deployment.dir, {}, { OPTIMA_SYNC_SMTP_PASSWORD: 'Zle-Haslo-999' });
    const emails = failed.actions['email-after-import'];
    assert.ok(failed.imported >= 9, `imported ${failed.imported}`);
    assert.equal(emails.failed, 1);
    assert.equal(emails.skipped, failed.imported - 1);
    assert.equal(emails.done, 0);
    assert.equal(failed.actions['status-after-import'].done, failed.imported, 'shop statuses do not depend on the mail');
    assert.equal(
      postfix.server
        .log()
        .slice(logBefore)
        .match(/authentication failed/g)?.length,
      1,
      'Postfix saw one failed login',
    );
    assert.equal(failed.log.match(/stopped for the rest of this pass/g)?.length, 1, failed.log);
    assert.match(failed.errors.find((e) => e.action === 'email-after-import')!.message, /rejected the login "sklep@example\.pl" \(535\)/);

    const retried = await runPass(deployment.dir, {}, { OPTIMA_SYNC_SMTP_PASSWORD: POSTFIX_PASSWORD });
    assert.equal(retried.actions['email-after-import'].done, failed.imported);
    assert.deepEqual(retried.errors, []);
    await postfix.server.waitForDelivered(deliveredBefore + failed.imported);
  });

  it('test-email --json: the subject as sent (test-mode prefix included) and the warnings', async () => {
    const { dir } = deploymentFolder((s) => {
      s.email.smtp = {
        host: '127.0.0.1',
        port: postfix.server.ports.plainAuth,
        login: POSTFIX_LOGIN,
        tls: false,
        ignoreCertificateErrors: false,
      };
      s.email.testMode = { enabled: true, recipient: 'konsultant@example.pl' };
    });
    const run = await cli(['test-email', '--dir', dir, '--to', 'wlasciciel@example.pl', '--json'], {
      env: { OPTIMA_SYNC_SMTP_PASSWORD: POSTFIX_PASSWORD },
    });
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { sent: boolean; subject: string; warnings: string[]; response: string };
    assert.equal(json.sent, true);
    assert.match(json.subject, /^\[TEST → wlasciciel@example\.pl\] \[Test e-mail\] /);
    assert.match(json.response, /^250 2\.0\.0 Ok: queued/);
    assert.equal(json.warnings.length, 1);
    assert.match(json.warnings[0]!, /The SMTP login and password go to 127\.0\.0\.1:\d+ unencrypted/);
    assert.equal((await postfix.server.waitFor(json.subject)).mailbox, 'konsultant@example.pl');

    const refused = await cli(['test-email', '--dir', dir, '--to', 'wlasciciel@example.pl', '--json'], {
      env: { OPTIMA_SYNC_SMTP_PASSWORD: 'Zle-Haslo-999' },
    });
    assert.equal(refused.code, 1);
    const failure = JSON.parse(refused.stdout) as { sent: boolean; error: string; warnings: string[] };
    assert.equal(failure.sent, false);
    assert.match(failure.error, /rejected the login/);
    assert.equal(failure.warnings.length, 1);
  });
});
