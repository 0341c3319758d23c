// A settled order keeps its full details (lines, addresses) for ORDER_DETAILS_DAYS, then only its summary: the
// state of a long history stays small in memory, and no template is ever rendered from a summary.
import assert from 'node:assert/strict';
import { openStateStore, type SqlStateStore } from '../../../src/core/state';
import { ORDER_DETAILS_DAYS } from '../../../src/core/state/retention';
import { createTestDeployment, runPass, seedShop, useSmtp, type TestDeployment } from '../../support/deployment';
import { daysFromTestNow, fixedClock, TEST_NOW, testClock } from '../../support/clock';
import { sampleOrder } from '../../support/seed-state';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { tempDeployment } from '../../support/state-temp';

const IMPORT_KINDS = ['status-after-import', 'email-after-import'] as const;

async function settleInErp(store: SqlStateStore, id: string, realized: boolean): Promise<void> {
  store.recordErpDocument('prestashop', id, { kind: 'RO', number: `RO/${id}/2026`, id, platform: 'prestashop', shopOrderId: id, issueDate: '2026-08-01', totalGross: 9497 });
  if (realized) store.recordSalesDocument('prestashop', id, { kind: 'FS', number: `FS/${id}/2026`, id: `9${id}`, issueDate: '2026-08-02', saleDate: '2026-08-02', totalGross: 9497, totalNet: 7721 });
  await store.saveNow();
}

describe('state: order details of settled old orders', () => {
  let temp: ReturnType<typeof tempDeployment>;
  let store: SqlStateStore;
  beforeEach(async () => {
    temp = tempDeployment();
    store = await openStateStore(temp.dir, { now: testClock });
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  it('keeps only the summary of old orders whose enabled actions are settled, and full details of the others', async () => {
    const old = daysFromTestNow(-(ORDER_DETAILS_DAYS + 40));
    // 1 settled; 2 a failed e-mail; 3 an enabled e-mail never attempted; 4 recent; 5 not realized yet.
    for (let i = 1; i <= 5; i++) store.upsertOrder(sampleOrder(i), i === 4 ? daysFromTestNow(-10) : old);
    for (const id of ['100001', '100002', '100003', '100004']) await settleInErp(store, id, true);
    await settleInErp(store, '100005', false);
    for (const id of ['100001', '100002', '100004', '100005']) {
      await store.markDone('prestashop', id, 'status-after-import', 'shop status set to 3');
      if (id !== '100002') await store.markDone('prestashop', id, 'email-after-import', 'e-mail sent');
    }
    await store.markFailed('prestashop', '100002', 'email-after-import', 'SMTP 550');
    await store.markDone('prestashop', '100003', 'status-after-import', 'shop status set to 3');

    assert.deepEqual(await store.summarizeSettled(TEST_NOW, IMPORT_KINDS), { orders: 1 });
    const kept = (id: string) => store.getOrder('prestashop', id)!.detailsKept;
    assert.deepEqual(['100001', '100002', '100003', '100004', '100005'].map(kept), [false, true, true, true, true]);
    const summary = store.getOrder('prestashop', '100001')!;
    assert.deepEqual(summary.order.lines, []);
    assert.equal(summary.order.billingAddress.street, '');
    assert.equal(summary.order.buyer.email, 'klient1@example.pl');
    assert.equal(summary.order.totalGross, 9497);
    assert.equal(summary.salesDocument?.number, 'FS/100001/2026');
    // Its actions keep their state and time; the outcome texts went with the details.
    const email = store.getAction('prestashop', '100001', 'email-after-import')!;
    assert.equal(email.state, 'done');
    assert.equal(email.detail, undefined);
    assert.equal(store.getAction('prestashop', '100004', 'email-after-import')?.detail, 'e-mail sent');
    assert.deepEqual(await store.summarizeSettled(TEST_NOW, IMPORT_KINDS), { orders: 0 }, 'nothing twice');

    // A reset settles the failed e-mail of order 2 and covers the never-attempted one of order 3: both are
    // summarized on the next call.
    await store.reset({ actions: ['email-after-import'], until: old.toISOString().slice(0, 10), timezone: 'UTC', dryRun: false, user: 'test' });
    assert.deepEqual(await store.summarizeSettled(TEST_NOW, IMPORT_KINDS), { orders: 2 });
    assert.deepEqual(['100002', '100003', '100005'].map(kept), [false, false, true]);
  });

  it('a summarized order listed by the shop again keeps its summary and takes the new status, without a change report', async () => {
    store.upsertOrder(sampleOrder(1), daysFromTestNow(-(ORDER_DETAILS_DAYS + 1)));
    await settleInErp(store, '100001', true);
    await store.summarizeSettled(TEST_NOW, []);
    const changed = sampleOrder(1, { status: '5', lines: [{ name: 'Inny towar', quantity: 1, unit: 'szt.', unitGross: 100, vatRate: 23, isShipping: false }] });
    assert.deepEqual(store.upsertOrder(changed, TEST_NOW), { isNew: false });
    const stored = store.getOrder('prestashop', '100001')!;
    assert.equal(stored.shopStatus, '5');
    assert.equal(stored.detailsKept, false);
  });
});

describe('sync pass: a summary never becomes an e-mail', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  beforeEach(async () => { smtp = await startSmtpServer({ tls: 'none' }); });
  afterEach(async () => {
    await smtp.close();
    await deployment?.cleanup();
  });

  it('summarizes settled old orders after a pass, and an e-mail enabled later for them fails with the reason, unsent', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      s.afterImport.sendEmail.enabled = false;
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);
    const first = await runPass(deployment.dir);
    assert.ok(first.realized > 0);
    const later = fixedClock(daysFromTestNow(ORDER_DETAILS_DAYS + 1));
    const second = await runPass(deployment.dir, {}, {}, later);
    assert.match(second.log, new RegExp(`Kept only the summary \\(no lines or addresses\\) of settled orders fetched more than ${ORDER_DETAILS_DAYS} days ago: ${first.realized}`));

    await deployment.editSettings((s) => { s.afterImport.sendEmail.enabled = true; });
    const sentBefore = smtp.messages.length;
    const third = await runPass(deployment.dir, { allowBulk: true }, {}, later);
    assert.equal(third.actions['email-after-import'].failed, first.realized);
    assert.ok(third.errors.some((error) => /keeps only its summary/.test(error.message)), JSON.stringify(third.errors));
    const store = await openStateStore(deployment.dir, { now: later, readOnly: true });
    try {
      const summarized = store.listOrders().filter((order) => !order.detailsKept).map((order) => order.customerEmail);
      assert.equal(summarized.length, first.realized);
      const sentTo = smtp.messages.slice(sentBefore).flatMap((message) => message.envelope.to);
      assert.deepEqual(sentTo.filter((to) => summarized.includes(to)), [], 'no e-mail rendered from a summary');
    } finally {
      await store.close();
    }
  });
});
