// Alerts to the consultant through a real SMTP server on loopback: a failed pass, actions left failed, no
// success for N hours. Each condition is e-mailed once until it clears (then a note), to alerts.recipients
// only, and test mode (which redirects every customer e-mail) leaves them alone.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { MemoryLogger } from '../../../src/core/log';
import { environmentSecrets } from '../../../src/core/secrets';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { validateSettingsText } from '../../../src/core/settings/validate';
import { demoShopFile } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import type { SyncSummary } from '../../../src/core/sync/types';
import { cli } from '../../support/cli';
import { createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TestClock } from '../../support/clock';

const CONSULTANT = 'konsultant.alerty@example.pl';
const HOUR = 3_600_000;

async function pass(dir: string, clock: TestClock): Promise<{ summary?: SyncSummary; error?: Error; log: string }> {
  const logger = new MemoryLogger();
  const opened = await openDeployment(dir, {
    secrets: environmentSecrets({}),
    logger,
    now: clock.now,
    mailTimeoutsMs: { connection: 3000, greeting: 3000, socket: 5000 },
  });
  try {
    return { summary: await runSyncPass(opened.deps, { trigger: 'cli' }), log: logger.text() };
  } catch (error) {
    return { error: error as Error, log: logger.text() };
  } finally {
    await opened.close();
  }
}

describe('alerts: e-mails to the consultant when unattended passes need attention', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  const alertsTo = () => smtp.messages.filter((m) => m.envelope.to.includes(CONSULTANT));

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
  });
  afterEach(async () => {
    await smtp.close();
    await deployment?.cleanup();
  });

  it('a failing pass alerts once, to the alert recipients even in test mode; a success clears it with a note', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, true)(s); // test mode on: every customer e-mail goes to the test recipient
      s.alerts = { enabled: true, recipients: [CONSULTANT], onPassFailure: true, onActionsNeedingAttention: false, noSuccessHours: 0 };
    });
    await seedShop(deployment.dir);
    const clock = new TestClock();
    const shopFile = demoShopFile(deployment.dir);
    const shop = await fs.readFile(shopFile, 'utf8');
    await fs.writeFile(shopFile, '{ broken');

    const first = await pass(deployment.dir, clock);
    assert.ok(first.error, 'the pass fails: the shop cannot be read');
    await smtp.waitForMessages(1);
    const [alert] = alertsTo();
    assert.ok(alert);
    assert.deepEqual(alert.envelope.to, [CONSULTANT], 'only the consultant');
    assert.match(alert.parsed.subject ?? '', /^\[Optima Sync\] Sklep Demo: the sync pass failed$/);
    assert.doesNotMatch(alert.parsed.subject ?? '', /TEST/, 'test mode does not touch alerts');
    assert.equal(alert.parsed.headers.get('x-optima-sync-original-to'), undefined);
    assert.match(alert.parsed.text ?? '', /The sync pass failed: .*(JSON|Unexpected)/);
    assert.match(alert.parsed.text ?? '', new RegExp(deployment.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    clock.advance(HOUR);
    const again = await pass(deployment.dir, clock);
    assert.ok(again.error);
    assert.equal(alertsTo().length, 1, 'the same condition is not e-mailed twice');

    await fs.writeFile(shopFile, shop);
    clock.advance(HOUR);
    const fixed = await pass(deployment.dir, clock);
    assert.equal(fixed.summary?.result, 'ok');
    assert.equal(alertsTo().length, 2, 'the pass after the outage sends the note that it has cleared');
    const cleared = alertsTo()[1];
    assert.match(cleared?.parsed.subject ?? '', /resolved: the sync pass failed/);
    const customerMail = smtp.messages.filter((m) => !m.envelope.to.includes(CONSULTANT));
    assert.ok(
      customerMail.length > 0 && customerMail.every((m) => m.envelope.to.join() === 'konsultant@example.pl'),
      'customer e-mails still go to the test recipient',
    );

    // Failing again after it cleared: a new alert.
    await fs.writeFile(shopFile, '{ broken');
    clock.advance(HOUR);
    await pass(deployment.dir, clock);
    assert.equal(alertsTo().filter((m) => /Sklep Demo: the sync pass failed$/.test(m.parsed.subject ?? '')).length, 2);
  });

  it('with alerts.smtp, an alert about a mail server that rejects the login goes out through the other server', async () => {
    const failing = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: 'dobre' } });
    try {
      deployment = await createTestDeployment((s) => {
        useSmtp(failing.port, false)(s);
        s.email.smtp.login = 'sklep@example.pl';
        s.email.bulkLimit = 100;
        s.alerts = {
          enabled: true,
          recipients: [CONSULTANT],
          onPassFailure: true,
          onActionsNeedingAttention: true,
          noSuccessHours: 0,
          smtp: { host: '127.0.0.1', port: smtp.port, tls: false, login: '' },
          from: 'alerty@example.pl',
        };
      });
      await seedShop(deployment.dir);
      const logger = new MemoryLogger();
      const opened = await openDeployment(deployment.dir, {
        secrets: environmentSecrets({ OPTIMA_SYNC_SMTP_PASSWORD: 'zle' }),
        logger,
        now: new TestClock().now,
        mailTimeoutsMs: { connection: 3000, greeting: 3000, socket: 5000 },
      });
      try {
        const summary = await runSyncPass(opened.deps, { trigger: 'service' });
        assert.equal(summary.actions['email-after-import'].failed, 1, "the customers' server rejects the login");
      } finally {
        await opened.close();
      }
      assert.equal(failing.messages.length, 0);
      const [alert] = alertsTo();
      assert.ok(alert, logger.text());
      assert.match(alert.parsed.subject ?? '', /actions need attention/);
      assert.equal(alert.parsed.from?.value[0]?.address, 'alerty@example.pl');
      assert.match(alert.parsed.text ?? '', /rejected the login/);
    } finally {
      await failing.close();
    }
  });

  it('actions left failed are listed once by order; a pass that leaves none clears it', async () => {
    const refused = 'jan.kowalski@example.pl';
    await smtp.close();
    smtp = await startSmtpServer({
      tls: 'none',
      refuseRecipients: { [refused]: '550 5.1.1 <jan.kowalski@example.pl>: Recipient address rejected: User unknown' },
    });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
      s.alerts = { enabled: true, recipients: [CONSULTANT], onPassFailure: true, onActionsNeedingAttention: true, noSuccessHours: 0 };
    });
    await seedShop(deployment.dir);
    const clock = new TestClock();
    const first = await pass(deployment.dir, clock);
    assert.equal(first.summary?.result, 'ok');
    const failedOrders = first.summary!.errors.map((e) => e.order);
    assert.ok(failedOrders.length > 0);
    const attention = alertsTo();
    assert.equal(attention.length, 1);
    assert.match(attention[0]!.parsed.subject ?? '', /actions need attention/);
    for (const order of failedOrders)
      assert.match(attention[0]!.parsed.text ?? '', new RegExp(`${order} · email-after-import · failed · .*Recipient address rejected`));

    await pass(deployment.dir, clock);
    assert.equal(alertsTo().length, 1, 'still failing: no second alert');

    // The consultant settles them by hand: the next pass clears the alert.
    const store = await openStateStore(deployment.dir, { now: clock.now });
    try {
      for (const action of store.listActions({ states: ['failed'] }))
        await store.resolveAction(action.platform, action.shopOrderId, action.kind, 'done', 'test');
    } finally {
      await store.close();
    }
    await pass(deployment.dir, clock);
    assert.equal(alertsTo().length, 2);
    assert.match(alertsTo()[1]!.parsed.subject ?? '', /resolved: actions need attention/);
  });

  it('no successful pass for alerts.noSuccessHours alerts once, counted from the last success', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, true)(s);
      s.alerts = { enabled: true, recipients: [CONSULTANT], onPassFailure: false, onActionsNeedingAttention: false, noSuccessHours: 6 };
    });
    await seedShop(deployment.dir);
    const clock = new TestClock();
    assert.equal((await pass(deployment.dir, clock)).summary?.result, 'ok');
    const shopFile = demoShopFile(deployment.dir);
    await fs.writeFile(shopFile, '{ broken');
    for (let hour = 1; hour <= 5; hour++) {
      clock.advance(HOUR);
      await pass(deployment.dir, clock);
    }
    assert.equal(alertsTo().length, 0, 'five hours without success is within the limit');
    clock.advance(HOUR + 1000);
    await pass(deployment.dir, clock);
    clock.advance(HOUR);
    await pass(deployment.dir, clock);
    assert.equal(alertsTo().length, 1);
    assert.match(
      alertsTo()[0]!.parsed.text ?? '',
      /No sync pass has succeeded for 6 hours \(the last one finished 2026-11-28 11:00 \(Europe\/Warsaw\)\)/,
    );
  });

  it('sends nothing when alerts are off, and names the problem when they are on without SMTP or without recipients', async () => {
    deployment = await createTestDeployment((s) => useSmtp(smtp.port, true)(s));
    await seedShop(deployment.dir);
    await fs.writeFile(demoShopFile(deployment.dir), '{ broken');
    const clock = new TestClock();
    assert.ok((await pass(deployment.dir, clock)).error);
    assert.equal(smtp.messages.length, 0);

    const settings = defaultSettings() as { alerts?: unknown; email: { smtp: Record<string, unknown> } };
    settings.alerts = { enabled: true, recipients: [CONSULTANT] };
    delete settings.email.smtp.host;
    const text = JSON.stringify(settings);
    const result = validateSettingsText(text, 'optima-sync.json');
    assert.ok(
      result.problems.some((p) => p.code === 'alerts-without-smtp' && p.pointer === '/alerts/enabled'),
      JSON.stringify(result.problems),
    );

    // Enabled with nobody to tell: an error at the recipients field (the list the defaults fill in is empty).
    const nobody = defaultSettings() as { alerts?: unknown };
    nobody.alerts = { enabled: true };
    const problems = validateSettingsText(JSON.stringify(nobody), 'optima-sync.json').problems;
    assert.deepEqual(
      problems.filter((p) => p.pointer.startsWith('/alerts')).map((p) => [p.code, p.pointer, p.severity ?? 'error']),
      [['alerts-without-recipients', '/alerts/recipients', 'error']],
    );
  });
  describe('KSeF (erp.ksef on)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const settingsFor = (s: Record<string, any>) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
      s.erp.ksef.maxHoldHours = 2;
      s.alerts = { enabled: true, recipients: [CONSULTANT], onPassFailure: true, onActionsNeedingAttention: false, noSuccessHours: 0 };
    };
    const fsNumbers = async (clock: TestClock) => {
      const listed = await cli(['sandbox', 'list', '--dir', deployment.dir, '--json'], { now: clock.now });
      return (JSON.parse(listed.stdout) as Array<{ kind: string; number: string }>).filter((d) => d.kind === 'FS').map((d) => d.number);
    };

    it('an FS waiting for its KSeF number past maxHoldHours alerts once, naming it; its number clears it', async () => {
      deployment = await createTestDeployment(settingsFor);
      await seedShop(deployment.dir);
      const clock = new TestClock();
      const first = await pass(deployment.dir, clock);
      assert.ok(first.summary!.waitingForKsef.length > 0);
      clock.advance(HOUR);
      await pass(deployment.dir, clock);
      assert.equal(alertsTo().length, 0, 'one hour is within erp.ksef.maxHoldHours');

      clock.advance(HOUR + 1000);
      await pass(deployment.dir, clock);
      clock.advance(HOUR);
      await pass(deployment.dir, clock);
      assert.equal(alertsTo().length, 1, 'once');
      const [alert] = alertsTo();
      assert.match(alert!.parsed.subject ?? '', /Sklep Demo: invoices waiting for KSeF$/);
      assert.match(alert!.parsed.text ?? '', /have waited more than 2 hours for their KSeF numbers/);
      for (const waiting of first.summary!.waitingForKsef)
        assert.match(
          alert!.parsed.text ?? '',
          new RegExp(`${waiting.number} · ${waiting.salesDocument.replace(/\//g, '\\/')} · waiting since 2026-11-28 11:00`),
        );

      for (const number of await fsNumbers(clock))
        assert.equal((await cli(['sandbox', 'ksef', 'accept', number, '--dir', deployment.dir], { now: clock.now })).code, 0);
      await pass(deployment.dir, clock);
      assert.equal(alertsTo().length, 2);
      assert.match(alertsTo()[1]!.parsed.subject ?? '', /resolved: invoices waiting for KSeF/);
    });

    it('an FS KSeF rejected alerts once with the reason; settling its actions clears it', async () => {
      deployment = await createTestDeployment(settingsFor);
      await seedShop(deployment.dir);
      const clock = new TestClock();
      await pass(deployment.dir, clock);
      const [rejected] = await fsNumbers(clock);
      assert.equal(
        (await cli(['sandbox', 'ksef', 'reject', rejected!, '--reason', 'Duplikat faktury', '--dir', deployment.dir], { now: clock.now }))
          .code,
        0,
      );
      await pass(deployment.dir, clock);
      await pass(deployment.dir, clock);
      const alerts = alertsTo().filter((m) => /invoices rejected by KSeF$/.test(m.parsed.subject ?? ''));
      assert.equal(alerts.length, 1);
      assert.match(alerts[0]!.parsed.text ?? '', new RegExp(`${rejected!.replace(/\//g, '\\/')} · Duplikat faktury`));
      assert.match(alerts[0]!.parsed.text ?? '', /Correct each invoice in the ERP/);

      const store = await openStateStore(deployment.dir, { now: clock.now });
      try {
        for (const action of store.listActions({ states: ['failed'] }))
          await store.resolveAction(action.platform, action.shopOrderId, action.kind, 'done', 'test');
      } finally {
        await store.close();
      }
      await pass(deployment.dir, clock);
      assert.ok(alertsTo().some((m) => /resolved: invoices rejected by KSeF/.test(m.parsed.subject ?? '')));
    });
  });
});
