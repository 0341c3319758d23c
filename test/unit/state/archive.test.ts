// Settled history leaves the live database (which sql.js holds in memory) for month archive files: exactly the
// orders settled.ts calls settled, once ORDER_DETAILS_DAYS old. An archived order is still found (by its shop id
// or number), never becomes new again, reads as covered by a later reset, and is pruned like a live one.
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { demoShopFile, loadDemoShop } from '../../../src/core/shops/demo/index';
import { ArchiveUnreadableError, openStateStore, statePaths, type SqlStateStore } from '../../../src/core/state';
import { ORDER_DETAILS_DAYS } from '../../../src/core/state/retention';
import { daysFromTestNow, fixedClock, TEST_NOW, testClock } from '../../support/clock';
import { createTestDeployment, runPass, seedShop, useSmtp, type TestDeployment, withoutKsef } from '../../support/deployment';
import { sampleOrder } from '../../support/seed-state';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { tempDeployment } from '../../support/state-temp';

const IMPORT_KINDS = ['status-after-import', 'email-after-import'] as const;

async function settleInErp(store: SqlStateStore, id: string, realized: boolean): Promise<void> {
  store.recordErpDocument('prestashop', id, {
    kind: 'RO',
    number: `RO/${id}/2026`,
    id,
    platform: 'prestashop',
    shopOrderId: id,
    issueDate: '2026-08-01',
    totalGross: 9497,
  });
  if (realized)
    store.recordSalesDocument('prestashop', id, {
      kind: 'FS',
      number: `FS/${id}/2026`,
      id: `9${id}`,
      issueDate: '2026-08-02',
      saleDate: '2026-08-02',
      totalGross: 9497,
      totalNet: 7721,
    });
  await store.saveNow();
}

/** An order fetched `daysAgo` before TEST_NOW, realized, with the import actions done: settled. */
async function settledOrder(store: SqlStateStore, index: number, daysAgo: number): Promise<string> {
  const order = sampleOrder(index);
  store.upsertOrder(order, daysFromTestNow(-daysAgo));
  await settleInErp(store, order.id, true);
  await store.markDone('prestashop', order.id, 'status-after-import', 'shop status set to 3');
  await store.markDone('prestashop', order.id, 'email-after-import', `e-mail sent to ${order.buyer.email}`);
  return order.id;
}

const archiveFiles = (dir: string) =>
  readdirSync(path.join(statePaths(dir).folder, 'archive'))
    .filter((name) => name.endsWith('.sqlite'))
    .sort();

describe('state: the archive of settled history', () => {
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

  it('moves exactly the settled orders older than the details window, and still finds them', async () => {
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

    assert.deepEqual(await store.archiveSettled(TEST_NOW, IMPORT_KINDS), { orders: 1 });
    assert.deepEqual(
      store
        .listOrders()
        .map((o) => o.shopOrderId)
        .sort(),
      ['100002', '100003', '100004', '100005'],
    );
    assert.equal(store.getOrder('prestashop', '100001'), undefined, 'not in the live database');
    assert.equal(store.countOrders(), 5, 'counted all the same');
    assert.equal(store.countActionStates().done, 8);
    assert.deepEqual(archiveFiles(temp.dir), [`${old.toISOString().slice(0, 7)}.sqlite`]);

    const [archived, ...more] = await store.lookupOrders({ shopOrderId: '100001' });
    assert.equal(more.length, 0);
    assert.equal(archived!.detailsKept, false);
    assert.deepEqual(archived!.order.lines, []);
    assert.equal(archived!.order.buyer.email, 'klient1@example.pl');
    assert.equal(archived!.order.totalGross, 9497);
    assert.equal(archived!.salesDocument?.number, 'FS/100001/2026');
    assert.equal(archived!.fetchedAt, old.toISOString());
    // Its actions keep their state and time; the outcome texts stay behind, as for any summary.
    const email = archived!.actions.find((a) => a.kind === 'email-after-import')!;
    assert.deepEqual([email.state, email.detail], ['done', undefined]);
    assert.deepEqual(
      (await store.lookupOrders({ idOrNumber: 'ZAM100001' })).map((o) => o.shopOrderId),
      ['100001'],
      'by the number the customer sees',
    );
    assert.deepEqual(await store.archiveSettled(TEST_NOW, IMPORT_KINDS), { orders: 0 }, 'nothing twice');

    // A reset settles the failed e-mail of order 2 and covers the never-attempted one of order 3: both go next.
    await store.reset({
      actions: ['email-after-import'],
      until: old.toISOString().slice(0, 10),
      timezone: 'UTC',
      dryRun: false,
      user: 'test',
    });
    assert.deepEqual(await store.archiveSettled(TEST_NOW, IMPORT_KINDS), { orders: 2 });
    assert.deepEqual(
      store
        .listOrders()
        .map((o) => o.shopOrderId)
        .sort(),
      ['100004', '100005'],
    );
    const three = (await store.lookupOrders({ shopOrderId: '100003' }))[0]!;
    assert.equal(three.actions.find((a) => a.kind === 'email-after-import')?.state, 'reset');
    await store.close();

    // Another process reading the state (no lock) sees the same, and the archive outlives the writer.
    store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    assert.deepEqual(
      (await store.lookupOrders({ shopOrderId: '100002' })).map((o) => o.actions.find((a) => a.kind === 'email-after-import')?.state),
      ['reset'],
    );
    assert.equal(store.countOrders(), 5);
  });

  it('an archived order listed by the shop again is not new, and nothing of it comes back live', async () => {
    const id = await settledOrder(store, 1, ORDER_DETAILS_DAYS + 1);
    await store.archiveSettled(TEST_NOW, IMPORT_KINDS);
    const again = sampleOrder(1, {
      status: '5',
      lines: [{ name: 'Inny towar', quantity: 1, unit: 'szt.', unitGross: 100, vatRate: 23, isShipping: false }],
    });
    assert.deepEqual(store.upsertOrder(again, TEST_NOW), { isNew: false });
    assert.equal(store.isPruned('prestashop', id), true, 'settled history: never new');
    assert.equal(store.getOrder('prestashop', id), undefined);
    assert.equal(store.countOrders(), 1);
    assert.equal((await store.lookupOrders({ shopOrderId: id }))[0]?.shopStatus, '2', 'the archive keeps what was settled');
  });

  it("a later reset covers an archived order's never-attempted actions", async () => {
    const id = await settledOrder(store, 1, ORDER_DETAILS_DAYS + 5);
    // Only the import actions are enabled: the realization ones were never attempted, and the order is settled.
    await store.archiveSettled(TEST_NOW, IMPORT_KINDS);
    const before = (await store.lookupOrders({ shopOrderId: id }))[0]!;
    assert.equal(
      before.actions.find((a) => a.kind === 'pdf-to-shop'),
      undefined,
      'not attempted',
    );
    await store.reset({
      actions: ['pdf-to-shop'],
      until: TEST_NOW.toISOString().slice(0, 10),
      timezone: 'Europe/Warsaw',
      dryRun: false,
      user: 'test',
    });
    const after = (await store.lookupOrders({ shopOrderId: id }))[0]!;
    assert.equal(after.actions.find((a) => a.kind === 'pdf-to-shop')?.state, 'reset');
    assert.equal(after.actions.find((a) => a.kind === 'email-after-import')?.state, 'done', 'done stays done');
  });

  it('prunes archived orders like live ones: whole months and part of one, keys kept, counted in the audit', async () => {
    // Three orders in July, two in August (one before, one after the cutoff on 2026-08-15), one recent.
    const days = (date: string) => Math.round((TEST_NOW.getTime() - Date.parse(date)) / 86_400_000);
    const ids = [];
    for (const [index, date] of ['2026-07-03', '2026-07-10', '2026-07-20', '2026-08-05', '2026-08-25'].entries())
      ids.push(await settledOrder(store, index, days(`${date}T10:00:00Z`)));
    await settledOrder(store, 9, 3);
    await store.archiveSettled(TEST_NOW, IMPORT_KINDS);
    assert.deepEqual(archiveFiles(temp.dir), ['2026-07.sqlite', '2026-08.sqlite']);
    const olderThan = days('2026-08-15T00:00:00Z');
    const options = { enabledKinds: IMPORT_KINDS, user: 'anna' };
    assert.deepEqual(await store.prune(olderThan, TEST_NOW, { ...options, dryRun: true }), { orders: 4 });
    assert.equal(store.countOrders(), 6, 'a dry run changes nothing');
    assert.deepEqual(await store.prune(olderThan, TEST_NOW, options), { orders: 4 });
    assert.deepEqual(archiveFiles(temp.dir), ['2026-08.sqlite'], 'a month with nothing left goes');
    assert.equal(store.countOrders(), 2);
    for (const id of ids.slice(0, 4)) {
      assert.deepEqual(await store.lookupOrders({ shopOrderId: id }), [], `${id} is gone`);
      assert.equal(store.isPruned('prestashop', id), true, `${id} is never new again`);
    }
    assert.equal((await store.lookupOrders({ shopOrderId: ids[4]! })).length, 1, 'the one after the cutoff stays archived');
    assert.deepEqual(store.listAudit(1)[0]?.detail, {
      olderThanDays: olderThan,
      cutoff: new Date(TEST_NOW.getTime() - olderThan * 86_400_000).toISOString(),
      orders: 4,
      archived: 4,
    });
    assert.deepEqual(await store.prune(olderThan, TEST_NOW, options), { orders: 0 }, 'nothing twice');
  });

  it('moves audit rows older than the details window with the orders, and reads them back newest first', async () => {
    for (let day = 0; day < 5; day++) {
      await store.reset({ actions: ['pdf-to-shop'], until: '2026-01-01', timezone: 'UTC', dryRun: false, user: `user${day}` });
      store.database.run('UPDATE audit SET at = ? WHERE id = (SELECT MAX(id) FROM audit)', [
        daysFromTestNow(-(ORDER_DETAILS_DAYS + 30) + day * 20).toISOString(),
      ]);
    }
    await store.saveNow();
    await store.archiveSettled(TEST_NOW, IMPORT_KINDS);
    assert.deepEqual(
      store.listAudit(10).map((a) => a.user),
      ['user4', 'user3', 'user2'],
      'the recent ones stay live',
    );
    assert.deepEqual(
      (await store.readAudit(10)).map((a) => a.user),
      ['user4', 'user3', 'user2', 'user1', 'user0'],
    );
    assert.deepEqual(
      (await store.readAudit(4)).map((a) => a.user),
      ['user4', 'user3', 'user2', 'user1'],
    );
  });

  it('an unreadable archive file is reported and kept: its orders stay archived, new ones of that month stay live', async () => {
    const first = await settledOrder(store, 1, ORDER_DETAILS_DAYS + 2);
    await store.archiveSettled(TEST_NOW, IMPORT_KINDS);
    const [file] = archiveFiles(temp.dir);
    const damaged = path.join(statePaths(temp.dir).folder, 'archive', file!);
    writeFileSync(damaged, readFileSync(damaged).subarray(0, 3000));
    const second = await settledOrder(store, 2, ORDER_DETAILS_DAYS + 2);
    await assert.rejects(
      store.archiveSettled(TEST_NOW, IMPORT_KINDS),
      (error: Error) => error instanceof ArchiveUnreadableError && error.message.includes(damaged),
    );
    assert.ok(store.getOrder('prestashop', second), 'the new one stays live');
    assert.equal(store.isPruned('prestashop', first), true, 'the archived one is still never new');
    await assert.rejects(store.lookupOrders({ shopOrderId: first }), ArchiveUnreadableError);
    assert.equal(readFileSync(damaged).length, 3000, 'nothing overwritten');
  });

  it('a leftover of an interrupted archiving (its rows in a file, its key still live) is never shown or counted twice', async () => {
    // Deployment A archived the order; B still has it live, with A's month file beside it: what a writer killed
    // after writing the file and before its live change was saved leaves behind.
    const other = tempDeployment();
    try {
      const writer = await openStateStore(other.dir, { now: testClock });
      const id = await settledOrder(writer, 1, ORDER_DETAILS_DAYS + 1);
      await writer.archiveSettled(TEST_NOW, IMPORT_KINDS);
      await writer.close();
      await settledOrder(store, 1, ORDER_DETAILS_DAYS + 1);
      cpSync(path.join(statePaths(other.dir).folder, 'archive'), path.join(statePaths(temp.dir).folder, 'archive'), { recursive: true });
      assert.equal((await store.lookupOrders({ shopOrderId: id })).length, 1);
      assert.equal(store.countOrders(), 1);
      assert.deepEqual(await store.archiveSettled(TEST_NOW, IMPORT_KINDS), { orders: 1 });
      assert.equal((await store.lookupOrders({ shopOrderId: id })).length, 1);
      assert.equal((await store.lookupOrders({ idOrNumber: 'ZAM100001' })).length, 1);
      assert.equal(store.countOrders(), 1);
    } finally {
      other.cleanup();
    }
  });
});

describe('sync pass: settled orders move to the archive and stay history', function () {
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

  it('archives after a pass; the shop listing them again imports nothing, and an e-mail enabled later never reaches them', async () => {
    deployment = await createTestDeployment((s) => {
      useSmtp(smtp.port, false)(s);
      withoutKsef(s);
      s.afterImport.sendEmail.enabled = false;
      s.email.bulkLimit = 100;
    });
    await seedShop(deployment.dir);
    const first = await runPass(deployment.dir);
    assert.ok(first.realized > 0);
    const reader = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    const realized = reader
      .listOrders()
      .filter((o) => o.salesDocument)
      .map((o) => o.shopOrderId);
    await reader.close();
    assert.equal(realized.length, first.realized);
    const later = fixedClock(daysFromTestNow(ORDER_DETAILS_DAYS + 1));
    const second = await runPass(deployment.dir, {}, {}, later);
    assert.match(
      second.log,
      new RegExp(`Moved settled orders fetched more than ${ORDER_DETAILS_DAYS} days ago to the archive: ${first.realized}`),
    );

    await deployment.editSettings((s) => {
      s.afterImport.sendEmail.enabled = true;
    });
    // The shop lists them again: moved back to an import status, changed after the last pass.
    const shop = await loadDemoShop(deployment.dir, TEST_NOW);
    for (const order of shop.orders.filter((o) => realized.includes(o.id)))
      Object.assign(order, { status: 'paid', updatedAt: later().toISOString() });
    await writeFile(demoShopFile(deployment.dir), JSON.stringify(shop, null, 2));
    const sentBefore = smtp.messages.length;
    const third = await runPass(deployment.dir, { allowBulk: true }, {}, later);
    assert.ok(third.fetched >= realized.length, `the shop listed ${third.fetched} orders`);
    assert.equal((third.log.match(/not imported again/g) ?? []).length, realized.length, third.log);
    assert.equal(third.actions['email-after-import'].failed, 0);
    const store = await openStateStore(deployment.dir, { now: later, readOnly: true });
    try {
      assert.equal(store.countOrders(), first.imported, 'every order once: live or archived');
      const archived = (await Promise.all(realized.map((id) => store.lookupOrders({ shopOrderId: id })))).flat();
      assert.deepEqual(archived.map((o) => o.shopOrderId).sort(), [...realized].sort(), 'each found once, in the archive');
      assert.ok(archived.every((o) => !store.getOrder(o.platform, o.shopOrderId)));
      const sentTo = smtp.messages.slice(sentBefore).flatMap((message) => message.envelope.to);
      assert.deepEqual(
        sentTo.filter((to) => archived.some((o) => o.customerEmail === to)),
        [],
        'no e-mail to an archived order',
      );
      assert.equal(third.imported, 0, 'nothing imported again');
    } finally {
      await store.close();
    }
  });
});
