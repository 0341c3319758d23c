// At most once without a crash: an answer lost after the message or the request went out, a mail server that
// rejects the login for longer than the attempt limit, and a shop status whose answer is lost (checked against
// the order instead of guessed). Real servers on loopback, whole passes as the CLI runs them.
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import type { SecretName, SecretSource } from '../../../src/core/secrets';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { MAX_ATTEMPTS } from '../../../src/core/sync/plan';
import { MemoryLogger } from '../../../src/core/log';
import { generateOrders } from '../../fakes/common/orders';
import { cli } from '../../support/cli';
import { daysFromTestNow, fixedClock, testClock } from '../../support/clock';
import { setDemoOrderStatus } from '../../../src/core/shops/demo/index';
import { createTestDeployment, runPass, seedShop, type TestDeployment, useSmtp, withoutKsef } from '../../support/deployment';
import { startFaultySmtpServer, type FaultySmtpServer } from '../../support/faulty-smtp';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { PLATFORM_CASES } from '../shops/platforms';

/** Who each raw message went to, and its subject. */
async function received(raw: string[]): Promise<Array<{ to: string; subject: string }>> {
  return Promise.all(
    raw.map(async (text) => {
      const parsed = await simpleParser(text);
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      return { to, subject: parsed.subject ?? '' };
    }),
  );
}

function repeated(messages: Array<{ to: string; subject: string }>): string[] {
  const seen = new Map<string, number>();
  for (const m of messages) seen.set(`${m.to} | ${m.subject}`, (seen.get(`${m.to} | ${m.subject}`) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

describe('sync pass: at most once when an answer is lost', function () {
  this.timeout(60_000);
  let deployment: TestDeployment | undefined;
  let faulty: FaultySmtpServer | undefined;
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await faulty?.close();
    await smtp?.close();
    await deployment?.cleanup();
    faulty = smtp = deployment = undefined;
  });

  it('a server that drops the connection after the final dot: one copy, the action uncertain, never retried by a pass', async () => {
    faulty = await startFaultySmtpServer({ afterData: (index) => (index === 0 ? 'drop' : 'accept') });
    deployment = await createTestDeployment((s) => {
      useSmtp(faulty!.port, false)(s);
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);

    const first = await runPass(deployment.dir);
    assert.equal(first.actions['email-after-import'].uncertain, 1);
    assert.equal(first.uncertain.length, 1);
    assert.deepEqual(
      first.stopped.map((s) => s.work),
      ['mail'],
      'sending stops for the pass, said once',
    );
    assert.equal(first.log.match(/E-mail sending stopped for the rest of this pass/g)?.length, 1);
    const [lost] = first.uncertain;
    for (let pass = 0; pass < 3; pass++) {
      const later = await runPass(deployment.dir);
      assert.deepEqual(
        later.uncertain.map((u) => [u.number, u.kind]),
        [[lost!.number, lost!.kind]],
        'reported again, not repeated',
      );
    }
    const messages = await received(faulty.messages);
    assert.deepEqual(repeated(messages), [], 'no customer got an e-mail twice');
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    const order = store.listOrders().find((o) => o.number === lost!.number)!;
    assert.equal(
      messages.filter((m) => m.to.includes(order.customerEmail) && /Przyjęliśmy/.test(m.subject)).length,
      1,
      'the customer has the one copy',
    );
    const action = store.getAction(order.platform, order.shopOrderId, 'email-after-import')!;
    await store.close();
    assert.equal(action.state, 'uncertain');
    assert.match(action.lastError ?? '', /the customer may have it/);

    const listed = await cli(['state', '--uncertain', '--json', '--dir', deployment.dir], { cwd: deployment.dir });
    const shown = (JSON.parse(listed.stdout) as { shown: Array<{ number: string; actions: Array<{ kind: string; uncertain: boolean }> }> })
      .shown;
    assert.deepEqual(
      shown.map((o) => [o.number, o.actions.filter((a) => a.uncertain).map((a) => a.kind)]),
      [[lost!.number, ['email-after-import']]],
    );
    const status = await cli(['status', '--json', '--dir', deployment.dir], { cwd: deployment.dir });
    assert.equal((JSON.parse(status.stdout) as { attention: { uncertain: number } }).attention.uncertain, 1);
  });

  it(`a rejected SMTP login for more passes than the attempt limit (${MAX_ATTEMPTS}), then the right password: every customer exactly once`, async () => {
    smtp = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: 'dobre-haslo' } });
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp!.port, false)(s);
      s.email.smtp.login = 'sklep@example.pl';
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);
    for (let pass = 0; pass <= MAX_ATTEMPTS; pass++) {
      const failed = await runPass(deployment.dir, {}, { OPTIMA_SYNC_SMTP_PASSWORD: 'zle-haslo' });
      assert.equal(failed.actions['email-after-import'].failed, 1, 'one login attempt per pass');
      assert.equal(failed.emailsSent, 0);
      assert.deepEqual(
        failed.stopped.map((s) => s.work),
        ['mail'],
      );
    }
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    const attempts = store.listActions({ states: ['failed'] }).map((a) => a.attempts);
    const expected = store.listOrders().filter((o) => o.erpDocument).length;
    await store.close();
    assert.ok(attempts.length > 0 && attempts.every((n) => n === 0), `no order used an attempt: ${attempts.join(', ')}`);

    const fixed = await runPass(deployment.dir, {}, { OPTIMA_SYNC_SMTP_PASSWORD: 'dobre-haslo' });
    assert.deepEqual(fixed.errors, []);
    assert.equal(fixed.actions['email-after-import'].done, expected);
    const messages = smtp.messages.map((m) => ({ to: m.envelope.to.join(', '), subject: m.parsed.subject ?? '' }));
    assert.deepEqual(repeated(messages), []);
    assert.equal(messages.filter((m) => /Przyjęliśmy/.test(m.subject)).length, expected, "every imported order's customer got the e-mail");
  });

  for (const platform of ['woocommerce', 'prestashop'] as const) {
    it(`${platform}: a status change whose answer is lost is read back from the order and recorded done, not uncertain`, async () => {
      const platformCase = PLATFORM_CASES.find((c) => c.platform === platform)!;
      const fake = await platformCase.start({ orders: generateOrders(2, { status: 'new', firstId: 701 }) });
      smtp = await startSmtpServer({ tls: 'none' });
      try {
        deployment = await createTestDeployment((s) => {
          useSmtp(smtp!.port, false)(s);
          s.shop = { platform, name: 'Sklep', url: fake.url, importStatuses: [platformCase.statusId('new')], ...platformCase.shop };
          s.afterImport.setStatus.status = platformCase.statusId('processing');
          s.afterImport.sendEmail.enabled = false;
          s.erp.realizeOnStatuses = [];
        });
        // Every status request is carried out and its answer lost, however often it is retried.
        const isStatusChange = (request: { method: string; path: string }) =>
          request.method !== 'GET' && /order_histories|\/orders\/\d+$/.test(request.path);
        for (let i = 0; i < 8; i++) fake.inject({ kind: 'lostAnswer', then: 'drop', when: isStatusChange });
        const secretValues: Partial<Record<SecretName, string>> = platformCase.secrets();
        const secrets: SecretSource = {
          get: async (name) => secretValues[name],
          set: async (name, value) => {
            secretValues[name] = value;
          },
        };
        const opened = await openDeployment(deployment.dir, { secrets, logger: new MemoryLogger(), now: testClock });
        let summary;
        try {
          summary = await runSyncPass(opened.deps, {});
        } finally {
          await opened.close();
        }
        assert.equal(summary.actions['status-after-import'].done, 2);
        assert.equal(summary.actions['status-after-import'].uncertain, 0);
        const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
        const details = store
          .listActions({})
          .filter((a) => a.kind === 'status-after-import')
          .map((a) => a.detail ?? '');
        await store.close();
        assert.ok(details.length === 2 && details.every((d) => /confirmed by reading the order back/.test(d)), details.join('\n'));
        assert.ok(fake.state.statusChanges.length >= 2);
        if (platform === 'prestashop') {
          // A POST of the order's history is not repeated by the client: one change per order, read back.
          assert.equal(fake.state.statusChanges.length, 2);
        }
      } finally {
        await fake.close();
      }
    });
  }
});

describe('sync pass: retention keeps what is not settled', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment | undefined;
  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
  });
  afterEach(async () => {
    await smtp.close();
    await deployment?.cleanup();
  });

  it('an RO still waiting for realization after twice state.retentionDays stays, and its e-mail goes when it is realized', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      withoutKsef(s);
      s.state.retentionDays = 30;
      s.email.bulkLimit = 100;
    });
    const orders = await seedShop(deployment.dir);
    const first = await runPass(deployment.dir);
    assert.ok(first.realized > 0);
    const waiting = orders.find((o) => o.status === 'new')!;

    const later = fixedClock(daysFromTestNow(60));
    const second = await runPass(deployment.dir, {}, {}, later);
    assert.match(second.log, new RegExp(`Pruned ${first.realized} settled orders`), 'the realized, settled ones leave');
    let store = await openStateStore(deployment.dir, { now: later, readOnly: true });
    const kept = store.getOrder(waiting.platform, waiting.id);
    await store.close();
    assert.ok(kept?.erpDocument && !kept.salesDocument, 'the waiting RO is still in the state');

    await setDemoOrderStatus(deployment.dir, waiting.id, 'paid', daysFromTestNow(61));
    const sentBefore = smtp.messages.length;
    const third = await runPass(deployment.dir, {}, {}, fixedClock(daysFromTestNow(61)));
    assert.equal(third.realized, 1);
    assert.equal(third.actions['email-after-realization'].done, 1);
    assert.deepEqual(
      smtp.messages.slice(sentBefore).flatMap((m) => m.envelope.to),
      [waiting.buyer.email],
    );
    // Settled now, and past the retention period: it leaves the state after the pass that sent its e-mail.
    store = await openStateStore(deployment.dir, { now: later, readOnly: true });
    assert.ok(store.isPruned(waiting.platform, waiting.id));
    await store.close();
  });
});
