// The KSeF hold over the demo shop, the sandbox ERP and a real SMTP server: an FS bound for KSeF keeps its
// e-mail with the PDF and its upload until KSeF numbers it (accepted by the CLI as a consultant would), a PA
// goes at once, a status change does not wait, and a rejected FS fails them with the reason and sends nothing.
import assert from 'node:assert/strict';
import { isValidKsefNumber } from '../../../src/core/ksef/number';
import type { ShopOrder } from '../../../src/core/model/order';
import { listDemoOrders, loadDemoShop } from '../../../src/core/shops/demo/index';
import { readActivity } from '../../../src/core/history/activity';
import { openStateStore } from '../../../src/core/state/index';
import { cli } from '../../support/cli';
import { TEST_NOW, TestClock } from '../../support/clock';
import { createTestDeployment, runPass, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { parsePdf } from '../../support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';

describe('the KSeF hold (sandbox ERP, demo shop, real SMTP)', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  let clock: TestClock;

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    clock = new TestClock();
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.email.bulkLimit = 100;
    });
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  const realizedMailTo = (order: ShopOrder) =>
    smtp.messages.filter((m) => m.envelope.to.includes(order.buyer.email) && /zrealizowane/.test(m.parsed.subject ?? ''));
  const pass = () => runPass(deployment.dir, {}, {}, clock.now);
  const sandbox = (...args: string[]) => cli(['sandbox', ...args, '--dir', deployment.dir, '--json'], { now: clock.now });

  async function salesNumberOf(order: ShopOrder): Promise<string> {
    const store = await openStateStore(deployment.dir, { readOnly: true, now: clock.now });
    try {
      return store.getOrder(order.platform, order.id)!.salesDocument!.number;
    } finally {
      await store.close();
    }
  }

  it('an FS for a NIP buyer waits over passes and goes once after "sandbox ksef accept"; a PA at once; statuses never wait', async () => {
    const orders = await seedShop(deployment.dir);
    const paid = orders.filter((o) => o.status === 'paid');
    const invoiced = paid.filter((o) => o.buyer.taxId);
    const receipt = paid.find((o) => !o.buyer.taxId)!;
    assert.ok(invoiced.length >= 2 && receipt);

    const first = await pass();
    assert.equal(first.realized, paid.length, first.log);
    assert.deepEqual(first.errors, []);
    assert.equal(realizedMailTo(receipt).length, 1, 'the PA is outside KSeF: its e-mail goes at once');
    for (const order of invoiced) assert.equal(realizedMailTo(order).length, 0, `${order.number}: the FS waits for KSeF`);
    assert.equal(first.actions['email-after-realization'].done, 1);
    assert.equal(first.actions['pdf-to-shop'].done, 1);
    assert.equal(first.actions['status-after-realization'].done, paid.length, 'a status change does not wait');
    assert.deepEqual(first.waitingForKsef.map((w) => w.number).sort(), invoiced.map((o) => o.number).sort());
    assert.deepEqual(first.waitingForKsef[0]!.kinds, ['email-after-realization', 'pdf-to-shop']);
    const shop = await loadDemoShop(deployment.dir, TEST_NOW);
    assert.deepEqual(
      shop.uploads.map((u) => u.orderId),
      [receipt.id],
      'only the PA went to the shop',
    );
    assert.ok(
      (await listDemoOrders(deployment.dir, TEST_NOW))
        .filter((o) => invoiced.some((i) => i.id === o.id))
        .every((o) => o.status === 'shipped'),
    );

    // An hour later: still no number, still waiting, nothing new sent, and the hold keeps its start.
    clock.advance(3_600_000);
    const sent = smtp.messages.length;
    const second = await pass();
    assert.equal(smtp.messages.length, sent);
    assert.equal(second.waitingForKsef.length, invoiced.length);
    assert.equal(second.waitingForKsef[0]!.since, first.waitingForKsef[0]!.since);
    assert.equal(second.actions['email-after-realization'].failed, 0);

    const [accepted, ...others] = invoiced as [ShopOrder, ...ShopOrder[]];
    const salesNumber = await salesNumberOf(accepted);

    // Said everywhere: `state --order` (text and JSON) and the Activity view's data.
    const text = await cli(['state', '--order', accepted.id, '--dir', deployment.dir], { now: clock.now });
    assert.match(text.stdout, /KSeF: waiting for its KSeF number/);
    assert.match(text.stdout, /email-after-realization\s+waiting for KSeF since 2026-11-28T10:00:00\.000Z/);
    assert.match(text.stdout, /status-after-realization\s+done/);
    const json = JSON.parse((await cli(['state', '--order', accepted.id, '--dir', deployment.dir, '--json'], { now: clock.now })).stdout);
    assert.deepEqual(json.shown[0].waitingForKsef, { kinds: ['email-after-realization', 'pdf-to-shop'], since: TEST_NOW.toISOString() });
    assert.equal(json.shown[0].salesDocument.ksef.status, 'pending');
    const activity = await readActivity(deployment.dir, { now: clock.now() });
    assert.deepEqual(activity.waitingForKsef.map((w) => w.number).sort(), invoiced.map((o) => o.number).sort());
    assert.ok(activity.waitingForKsef.some((w) => w.salesDocument === salesNumber));
    const answer = await sandbox('ksef', 'accept', salesNumber);
    assert.equal(answer.code, 0, answer.stderr);
    const ksef = JSON.parse(answer.stdout).ksef as { status: string; number: string; verificationUrl: string };
    assert.equal(ksef.status, 'accepted');
    assert.ok(isValidKsefNumber(ksef.number), ksef.number);
    assert.match(ksef.verificationUrl, /^https:\/\/qr\.ksef\.mf\.gov\.pl\/invoice\/5260250274\/28-11-2026\/[A-Za-z0-9_-]{43}$/);

    const third = await pass();
    assert.equal(realizedMailTo(accepted).length, 1, 'sent once KSeF numbered it');
    const mail = realizedMailTo(accepted)[0]!;
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    const pdf = await parsePdf(attachment.content);
    assert.ok(pdf.text.includes(ksef.number), 'the PDF carries the KSeF number');
    assert.ok((await loadDemoShop(deployment.dir, TEST_NOW)).uploads.some((u) => u.orderId === accepted.id));
    assert.deepEqual(third.waitingForKsef.map((w) => w.number).sort(), others.map((o) => o.number).sort());

    const fourth = await pass();
    assert.equal(realizedMailTo(accepted).length, 1, 'never twice');
    assert.equal(fourth.emailsSent, 0);
  });

  it('a rejected FS fails its held actions with the reason, sends nothing, and goes once KSeF accepts it after all', async () => {
    const orders = await seedShop(deployment.dir);
    const invoiced = orders.find((o) => o.status === 'paid' && o.buyer.taxId)!;
    await pass();
    const salesNumber = await salesNumberOf(invoiced);
    const rejected = await sandbox('ksef', 'reject', salesNumber, '--reason', 'Błąd weryfikacji semantyki dokumentu faktury');
    assert.equal(rejected.code, 0, rejected.stderr);

    const second = await pass();
    assert.equal(realizedMailTo(invoiced).length, 0, 'nothing sent');
    assert.equal(second.actions['email-after-realization'].failed, 1);
    assert.equal(second.actions['pdf-to-shop'].failed, 1);
    assert.match(
      second.errors.find((e) => e.order === invoiced.number)!.message,
      /KSeF rejected FS\/\d+\/2026: Błąd weryfikacji semantyki dokumentu faktury/,
    );
    assert.deepEqual(
      second.rejectedByKsef.map((r) => r.number),
      [invoiced.number],
    );
    const store = await openStateStore(deployment.dir, { readOnly: true, now: clock.now });
    try {
      const action = store.getAction(invoiced.platform, invoiced.id, 'email-after-realization')!;
      assert.equal(action.state, 'failed');
      assert.equal(action.attempts, 0, 'nothing was attempted: no attempt used');
    } finally {
      await store.close();
    }

    const third = await pass();
    assert.equal(third.actions['email-after-realization'].failed, 0, 'the same rejection is no new failure');
    assert.equal(realizedMailTo(invoiced).length, 0);

    // The invoice corrected and sent again: KSeF accepts it, and the failed actions go on their retry.
    assert.equal((await sandbox('ksef', 'accept', salesNumber)).code, 0);
    await pass();
    assert.equal(realizedMailTo(invoiced).length, 1);
  });
  it('a held order is not settled: retention and the archive leave it alone, and its e-mail goes 90 days later', async () => {
    await deployment.editSettings((s) => {
      s.state.retentionDays = 30;
    });
    const orders = await seedShop(deployment.dir);
    const invoiced = orders.find((o) => o.status === 'paid' && o.buyer.taxId)!;
    const receipt = orders.find((o) => o.status === 'paid' && !o.buyer.taxId)!;
    await pass();

    // 90 days on, no KSeF number yet: the PA's settled order left the state, the held FS's did not.
    clock.advanceDays(90);
    const later = await pass();
    assert.match(later.log, /Pruned \d+ settled order/);
    let store = await openStateStore(deployment.dir, { readOnly: true, now: clock.now });
    try {
      assert.ok(store.isPruned(receipt.platform, receipt.id), 'the settled PA order is pruned');
      const held = store.getOrder(invoiced.platform, invoiced.id);
      assert.ok(held, 'the held order is still live (neither pruned nor archived)');
      assert.equal(held.detailsKept, true, 'with the lines its e-mail needs');
      assert.deepEqual(held.ksefHold?.kinds, ['email-after-realization', 'pdf-to-shop']);
      assert.equal(held.ksefHold?.since, TEST_NOW.toISOString(), 'held since the first pass');
      assert.equal(store.getAction(invoiced.platform, invoiced.id, 'email-after-realization'), undefined, 'not attempted');
    } finally {
      await store.close();
    }
    const prune = await cli(['state', '--prune', '--older-than', '1', '--dry-run', '--dir', deployment.dir, '--json'], { now: clock.now });
    assert.equal(JSON.parse(prune.stdout).orders, 0, 'nothing held is prunable');

    assert.equal((await sandbox('ksef', 'accept', await salesNumberOf(invoiced))).code, 0);
    await pass();
    // Sent 90 days later: the order kept its details (an order reduced to its summary refuses to render).
    assert.equal(realizedMailTo(invoiced).length, 1);
    // Sent: settled now, and past the retention period, it leaves with the next pass.
    await pass();
    store = await openStateStore(deployment.dir, { readOnly: true, now: clock.now });
    try {
      assert.ok(store.isPruned(invoiced.platform, invoiced.id));
    } finally {
      await store.close();
    }
  });
  it("erp.sandbox.ksefAutoAcceptSeconds: the sandbox's KSeF accepts by itself, and the number stays when the setting changes", async () => {
    await deployment.editSettings((s) => {
      s.erp.sandbox = { ksefAutoAcceptSeconds: 60 };
    });
    const orders = await seedShop(deployment.dir);
    const invoiced = orders.find((o) => o.status === 'paid' && o.buyer.taxId)!;
    const first = await pass();
    assert.ok(
      first.waitingForKsef.some((w) => w.number === invoiced.number),
      'issued this instant: not accepted yet',
    );
    clock.advance(61_000);
    const second = await pass();
    assert.equal(realizedMailTo(invoiced).length, 1, second.log);
    const salesNumber = await salesNumberOf(invoiced);
    const shown = JSON.parse((await sandbox('show', salesNumber)).stdout);
    assert.equal(shown.ksef.status, 'accepted');
    assert.equal(shown.ksef.acceptedAt, new Date(TEST_NOW.getTime() + 60_000).toISOString(), '60 seconds after it was issued');
    await deployment.editSettings((s) => {
      s.erp.sandbox = { ksefAutoAcceptSeconds: 0 };
    });
    const later = JSON.parse((await sandbox('show', salesNumber)).stdout);
    assert.deepEqual([later.ksef.status, later.ksef.number], ['accepted', shown.ksef.number], 'recorded once the pass saw it');
  });
});
