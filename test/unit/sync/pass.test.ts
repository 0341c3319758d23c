import assert from 'node:assert/strict';
import os from 'node:os';
import { ACTION_KINDS } from '../../../src/core/model/actions';
import { listDemoOrders, setDemoOrderStatus, loadDemoShop } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { cli } from '../../support/cli';
import {
  addDemoOrders,
  createTestDeployment,
  doneCount,
  runPass,
  seedShop,
  type TestDeployment,
  useSmtp,
  withoutKsef,
} from '../../support/deployment';
import { parsePdf } from '../../support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TEST_NOW, TEST_TODAY, testClock } from '../../support/clock';

describe('sync pass over the demo shop, the sandbox ERP and a real SMTP server', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
  });
  afterEach(async () => {
    await smtp.close();
    await deployment?.cleanup();
  });

  it('pass 1 imports and runs post-import actions, pass 2 the post-realization ones with a PDF, pass 3 nothing', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      withoutKsef(s);
      s.email.bulkLimit = 100;
    });
    const orders = await seedShop(deployment.dir);
    const importable = orders.filter((o) => ['new', 'paid'].includes(o.status));
    const paidAtImport = importable.filter((o) => o.status === 'paid');

    const first = await runPass(deployment.dir);
    assert.equal(first.result, 'ok');
    assert.equal(first.imported, importable.length);
    // Orders already paid are "ready at import": realized in the same pass, their post-realization actions run too.
    assert.equal(first.realized, paidAtImport.length);
    assert.equal(first.actions['email-after-import'].done, importable.length);
    assert.equal(first.actions['email-after-realization'].done, paidAtImport.length);
    assert.equal(first.actions['pdf-to-shop'].done, paidAtImport.length);
    assert.deepEqual(first.errors, []);
    assert.equal(smtp.messages.length, importable.length + paidAtImport.length);
    for (const order of importable) {
      const received = smtp.messages.filter((m) => m.envelope.to.includes(order.buyer.email));
      assert.ok(
        received.some((m) => m.parsed.subject === `Przyjęliśmy zamówienie ${order.number}`),
        order.number,
      );
    }
    const shopAfterFirst = await listDemoOrders(deployment.dir, TEST_NOW);
    for (const order of importable) {
      assert.equal(shopAfterFirst.find((o) => o.id === order.id)!.status, order.status === 'paid' ? 'shipped' : 'processing');
    }

    // The merchant marks one waiting order as paid: the sandbox ERP realizes it on the next pass.
    const waiting = importable.find((o) => o.status === 'new')!;
    await setDemoOrderStatus(deployment.dir, waiting.id, 'paid', TEST_NOW);
    const before = smtp.messages.length;
    const second = await runPass(deployment.dir);
    assert.equal(second.realized, 1);
    assert.equal(second.actions['status-after-realization'].done, 1);
    assert.equal(second.actions['email-after-import'].done, 0, 'post-import e-mails are never sent twice');
    const realizedMail = smtp.messages.slice(before);
    assert.equal(realizedMail.length, 1);
    const [message] = realizedMail;
    assert.deepEqual(message!.envelope.to, [waiting.buyer.email]);
    assert.match(message!.parsed.subject ?? '', new RegExp(`Zamówienie ${waiting.number} zrealizowane – (FS|PA) `));
    const attachment = message!.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    assert.ok(attachment, 'the sales-document PDF is attached');
    const pdf = await parsePdf(attachment.content);
    const salesNumber = /(FS|PA) (\S+)$/.exec(message!.parsed.subject ?? '')![2]!;
    assert.ok(pdf.text.includes(salesNumber), `PDF mentions ${salesNumber}`);
    assert.ok(pdf.text.includes(waiting.buyer.name));
    const shop = await loadDemoShop(deployment.dir, TEST_NOW);
    assert.ok(shop.uploads.some((u) => u.orderId === waiting.id && u.documentNumber === salesNumber));

    const third = await runPass(deployment.dir);
    assert.equal(doneCount(third), 0);
    assert.equal(third.imported, 0);
    assert.equal(third.emailsSent, 0);
    assert.equal(smtp.messages.length, before + 1);
  });

  it('the bulk guard stops a pass that would e-mail more customers than the limit, before any side effect', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.shop.importStatuses = ['new'];
      s.afterImport.setStatus.enabled = false;
    });
    await seedShop(deployment.dir);
    const newOrders = (await listDemoOrders(deployment.dir, TEST_NOW)).filter((o) => o.status === 'new').length;
    await addDemoOrders(deployment.dir, 21 - newOrders, 'new');

    const blocked = await cli(['sync', '--dir', deployment.dir]);
    assert.equal(blocked.code, 1, blocked.stdout + blocked.stderr);
    assert.match(blocked.stdout, /21 customer e-mails planned, limit 20\. Nothing was sent/);
    assert.match(blocked.stderr, /--allow-bulk/);
    assert.equal(smtp.messages.length, 0);
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    try {
      assert.equal(store.listOrders().length, 21, 'fetched orders are recorded, so a reset can cover them');
      assert.equal(store.listOrders().filter((o) => o.erpDocument).length, 0, 'nothing imported');
    } finally {
      await store.close();
    }

    const allowed = await cli(['sync', '--dir', deployment.dir, '--allow-bulk', '--json']);
    assert.equal(allowed.code, 0, allowed.stderr);
    const summary = JSON.parse(allowed.stdout);
    assert.equal(summary.emailsSent, 21);
    await smtp.waitForMessages(21);
    assert.equal(new Set(smtp.messages.map((m) => m.envelope.to[0])).size, 21);
  });

  it('test-mode mail does not count for the bulk guard', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, true)(s);
      s.shop.importStatuses = ['new'];
    });
    await seedShop(deployment.dir, 25);
    const summary = await runPass(deployment.dir);
    assert.equal(summary.result, 'ok');
    assert.ok(summary.emailsSent > 20);
    assert.ok(smtp.messages.every((m) => m.envelope.to.length === 1 && m.envelope.to[0] === 'konsultant@example.pl'));
  });

  it('a reset before enabling an action prevents it for old orders but not for new ones', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.afterImport.sendEmail.enabled = false;
      s.afterRealization.sendEmail.enabled = false;
    });
    await seedShop(deployment.dir);
    const first = await runPass(deployment.dir);
    assert.ok(first.imported > 0);
    assert.equal(smtp.messages.length, 0);

    const store = await openStateStore(deployment.dir, { now: testClock });
    const reset = await store.reset({
      actions: ['email-after-import'],
      until: TEST_TODAY,
      timezone: 'Europe/Warsaw',
      dryRun: false,
      user: os.userInfo().username,
    });
    await store.close();
    assert.equal(reset.counts['email-after-import'], first.imported);

    await deployment.editSettings((s) => {
      s.afterImport.sendEmail.enabled = true;
    });
    const [fresh] = await addDemoOrders(deployment.dir, 1, 'new');
    const second = await runPass(deployment.dir);
    assert.equal(second.actions['email-after-import'].done, 1);
    assert.deepEqual(
      smtp.messages.map((m) => m.envelope.to[0]),
      [fresh!.buyer.email],
    );
  });

  it('FS and AUTO modes import sales documents and have no post-realization actions', async () => {
    for (const mode of ['FS', 'AUTO']) {
      smtp.messages.length = 0;
      deployment = await createTestDeployment((s) => {
        useSmtp(smtp.port, false)(s);
        s.erp.importMode = mode;
        for (const action of Object.values(s.afterRealization) as Array<{ enabled: boolean }>) action.enabled = false;
      });
      const orders = (await seedShop(deployment.dir)).filter((o) => ['new', 'paid'].includes(o.status));
      const summary = await runPass(deployment.dir);
      assert.equal(summary.imported, orders.length);
      for (const kind of ['status-after-realization', 'email-after-realization', 'pdf-to-shop'] as const) {
        assert.deepEqual(summary.actions[kind], { done: 0, failed: 0, uncertain: 0, skipped: 0 }, `${mode} ${kind}`);
      }
      const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
      for (const order of orders) {
        const stored = store.getOrder('demo', order.id)!;
        const expected = mode === 'FS' ? 'FS' : order.buyer.taxId ? 'FS' : 'PA';
        assert.equal(stored.erpDocument?.kind, expected, `${mode} ${order.number}`);
      }
      await store.close();
      assert.equal(smtp.messages.length, orders.length);
      await deployment.cleanup();
    }
  });

  it('an action left pending by a crash is uncertain: never repeated, until the consultant retries it', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.afterImport.setStatus.enabled = false;
      s.shop.importStatuses = ['new'];
    });
    await seedShop(deployment.dir);
    const [order] = (await listDemoOrders(deployment.dir, TEST_NOW)).filter((o) => o.status === 'new');
    // A first pass that imports nothing but records the order, as if it died right after recording pending.
    let store = await openStateStore(deployment.dir, { now: testClock });
    store.upsertOrder(order!, TEST_NOW);
    await store.markPending('demo', order!.id, 'email-after-import');
    await store.close();

    const pass = await runPass(deployment.dir);
    assert.deepEqual(
      pass.uncertain.map((u) => [u.shopOrderId, u.kind]),
      [[order!.id, 'email-after-import']],
    );
    assert.equal(pass.actions['email-after-import'].uncertain, 1);
    assert.ok(!smtp.messages.some((m) => m.envelope.to.includes(order!.buyer.email)));
    assert.match(pass.log, /uncertain/);

    store = await openStateStore(deployment.dir, { now: testClock });
    await store.resolveAction('demo', order!.id, 'email-after-import', 'retry', 'tester');
    await store.close();
    const retried = await runPass(deployment.dir);
    assert.deepEqual(retried.uncertain, []);
    assert.equal(smtp.messages.filter((m) => m.envelope.to.includes(order!.buyer.email)).length, 1);
  });

  it('a failed e-mail (SMTP down) is recorded with the reason and retried by a later pass, other actions unaffected', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.shop.importStatuses = ['new'];
    });
    await seedShop(deployment.dir);
    const port = smtp.port;
    await smtp.close();
    const failed = await runPass(deployment.dir);
    // One attempt only: a connection failure stops sending for the rest of the pass, the other e-mails stay unsent.
    assert.ok(failed.imported > 1);
    assert.equal(failed.actions['email-after-import'].failed, 1);
    assert.equal(failed.actions['email-after-import'].skipped, failed.imported - 1);
    assert.match(failed.log, /stopped for the rest of this pass/);
    assert.equal(failed.actions['status-after-import'].done, failed.imported, 'the status change does not depend on the e-mail');
    assert.ok(failed.errors.every((e) => e.action === 'email-after-import'));
    assert.match(failed.errors[0]!.message, /127\.0\.0\.1|refused|connect/i);

    smtp = await startSmtpServer({ tls: 'none', port });
    const retried = await runPass(deployment.dir);
    assert.equal(retried.actions['email-after-import'].done, failed.imported);
    assert.equal(retried.actions['status-after-import'].done, 0);
  });

  it('a second pass while one holds the state is refused with who holds it', async () => {
    deployment = await createTestDeployment(useSmtp(smtp.port, true));
    await seedShop(deployment.dir);
    const holder = await openStateStore(deployment.dir, { now: testClock, holder: 'another pass' });
    try {
      const refused = await cli(['sync', '--dir', deployment.dir]);
      assert.equal(refused.code, 1);
      assert.match(refused.stdout + refused.stderr, new RegExp(String(process.pid)));
    } finally {
      await holder.close();
    }
  });

  it('dry run shows the plan with the real recipients and changes nothing', async () => {
    deployment = await createTestDeployment(useSmtp(smtp.port, true));
    await seedShop(deployment.dir);
    const run = await cli(['sync', '--dir', deployment.dir, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /test mode → konsultant@example\.pl/);
    assert.match(run.stdout, /import as RO/);
    assert.equal(smtp.messages.length, 0);
    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    assert.equal(store.listOrders().length, 0);
    await store.close();
    const shop = await loadDemoShop(deployment.dir, TEST_NOW);
    assert.equal(shop.statusChanges.length, 0);
  });

  it('every action kind has a counter in the JSON summary', async () => {
    deployment = await createTestDeployment(useSmtp(smtp.port, true));
    await seedShop(deployment.dir);
    const run = await cli(['sync', '--dir', deployment.dir, '--json']);
    const summary = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(summary.actions).sort(), [...ACTION_KINDS].sort());
    assert.equal(summary.result, 'ok');
  });
});
