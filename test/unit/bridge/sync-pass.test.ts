// The whole product against a simulated Optima, both ways: a deployment whose only ERP setting is
// erp.optima.bridge.url runs its passes through the project's bridge (--simulate, its real COM worker). The
// first pass creates one RO per order — also for the order whose answer got lost on the way back — and the
// post-realization actions run once the simulator realizes an RO, as a person would in Optima.
import assert from 'node:assert/strict';
import type { ShopOrder } from '../../../src/core/model/order';
import { loadDemoShop } from '../../../src/core/shops/demo/index';
import { BRIDGE_TOKEN, startSimulatedBridge, type SimulatedBridge } from '../../support/bridge';
import { TEST_NOW } from '../../support/clock';
import { createTestDeployment, runPass, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { LossyProxy } from '../../support/lossy-proxy';
import { parsePdf } from '../../support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';

describe('a sync pass through the Optima bridge (simulated Optima)', function () {
  this.timeout(90_000);
  let bridge: SimulatedBridge;
  let proxy: LossyProxy;
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  const env = { OPTIMA_SYNC_ERP_BRIDGE_TOKEN: BRIDGE_TOKEN };

  before(async () => {
    bridge = await startSimulatedBridge();
    proxy = new LossyProxy(bridge.url);
    await proxy.start();
    smtp = await startSmtpServer({ tls: 'none' });
  });
  after(async () => {
    await proxy.stop();
    await bridge.stop();
    await smtp.close();
    await deployment?.cleanup();
  });

  /** A deployment whose only ERP setting is the bridge's address, e-mailing the loopback server. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const throughBridge = (url: string) => (s: Record<string, any>) => {
    useSmtp(smtp.port, false)(s);
    s.email.bulkLimit = 100;
    s.erp.adapter = 'optima';
    s.erp.importMode = 'RO';
    s.erp.optima = { bridge: { url } };
  };
  const documentsOf = async (order: ShopOrder) =>
    (await bridge.call('GET', `/v1/documents?externalId=${encodeURIComponent(order.number)}`)).body.documents as Array<{
      erpId: number;
      kind: string;
      number: string;
    }>;
  const mailTo = (order: ShopOrder) => smtp.messages.filter((m) => m.envelope.to.includes(order.buyer.email));

  it('creates one RO per order, survives a lost answer without a second document, and runs the post-realization actions', async () => {
    deployment = await createTestDeployment(throughBridge(proxy.url));
    const orders = await seedShop(deployment.dir);
    const importable = orders.filter((o) => ['new', 'paid'].includes(o.status));
    proxy.lose.set('POST /v1/documents', 1);

    const first = await runPass(deployment.dir, {}, env);
    assert.equal(proxy.lost, 1, 'the answer to one create was lost');
    assert.equal(first.imported, importable.length, first.log);
    assert.equal(first.importFailed, 0, first.log);
    for (const order of importable) {
      const documents = await documentsOf(order);
      assert.equal(documents.length, 1, `${order.number}: exactly one document in Optima`);
      assert.equal(documents[0]!.kind, 'RO');
      assert.equal(mailTo(order).length, 1, `${order.number}: its post-import e-mail, once`);
    }
    const numbers = new Set((await Promise.all(importable.map(documentsOf))).map((d) => d[0]!.number));
    assert.equal(numbers.size, importable.length, 'gap-free, distinct RO numbers');
    for (const order of orders.filter((o) => !importable.includes(o))) assert.deepEqual(await documentsOf(order), []);

    // In Optima, between passes: a person realizes the first order's RO.
    const realizedOrder = importable[0]!;
    const [ro] = await documentsOf(realizedOrder);
    const realized = await bridge.call('POST', `/v1/simulator/documents/${ro!.erpId}/realize`, {});
    assert.equal(realized.status, 200);

    const second = await runPass(deployment.dir, {}, env);
    assert.equal(second.imported, 0, second.log);
    assert.equal(second.realized, 1, second.log);
    const mails = mailTo(realizedOrder);
    assert.equal(mails.length, 2, 'the post-realization e-mail, once');
    const attachment = mails[1]!.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    assert.ok(attachment, 'the sales document is attached');
    const pdf = await parsePdf(attachment.content);
    assert.ok(pdf.text.includes(realized.body.number) && pdf.text.includes('Kopia wygenerowana z danych ERP'), pdf.text);
    const shop = await loadDemoShop(deployment.dir, TEST_NOW);
    assert.equal(shop.orders.find((o) => o.id === realizedOrder.id)!.status, 'shipped');
    assert.ok(shop.uploads.some((u) => u.orderId === realizedOrder.id && u.documentNumber === realized.body.number));
    for (const order of importable)
      assert.equal(
        (await documentsOf(order)).length,
        realizedOrder === order ? 2 : 1,
        'still one document per order (plus the sales document)',
      );

    const sent = smtp.messages.length;
    const third = await runPass(deployment.dir, {}, env);
    assert.deepEqual([third.imported, third.realized, third.emailsSent, smtp.messages.length], [0, 0, 0, sent]);
  });

  it("holds an FS's e-mail with the PDF and its upload until Optima records its KSeF number (the bridge's sales[].ksef)", async () => {
    deployment = await createTestDeployment(throughBridge(bridge.url));
    const orders = await seedShop(deployment.dir);
    await runPass(deployment.dir, {}, env);
    const company = orders.find((o) => ['new', 'paid'].includes(o.status) && o.buyer.taxId)!;
    const [ro] = await documentsOf(company);
    const realized = await bridge.call('POST', `/v1/simulator/documents/${ro!.erpId}/realize`, {});
    assert.equal(realized.body.kind, 'FS');
    const realizedMails = () => mailTo(company).filter((m) => /zrealizowane/.test(m.parsed.subject ?? ''));

    const held = await runPass(deployment.dir, {}, env);
    assert.equal(held.realized, 1, held.log);
    assert.equal(realizedMails().length, 0, 'no KSeF number in Optima yet: the FS waits');
    assert.deepEqual(
      held.waitingForKsef.map((w) => w.salesDocument),
      [realized.body.number],
    );
    assert.equal(held.actions['status-after-realization'].done, 1);

    const accepted = await bridge.call('POST', `/v1/simulator/documents/${realized.body.erpId}/ksef`, { accept: true });
    assert.equal(accepted.body.status, 'accepted');
    const sent = await runPass(deployment.dir, {}, env);
    assert.equal(realizedMails().length, 1, sent.log);
    const pdf = await parsePdf(realizedMails()[0]!.parsed.attachments.find((a) => a.contentType === 'application/pdf')!.content);
    assert.ok(pdf.text.includes(`Numer KSeF: ${accepted.body.number}`), pdf.text);
    assert.match(sent.log, /carries its KSeF number .* but no KOD I QR code/);
    assert.ok((await loadDemoShop(deployment.dir, TEST_NOW)).uploads.some((u) => u.orderId === company.id));
  });

  it('a bridge that refuses the token for every order: one problem for the pass, no order asked twice, no import tried', async () => {
    deployment = await createTestDeployment(throughBridge(bridge.url));
    const orders = await seedShop(deployment.dir);
    const importable = orders.filter((o) => ['new', 'paid'].includes(o.status));
    const sent = smtp.messages.length;
    const pass = await runPass(deployment.dir, {}, { OPTIMA_SYNC_ERP_BRIDGE_TOKEN: 'a-token-the-bridge-does-not-know' });
    assert.equal(pass.imported, 0);
    assert.equal(pass.importFailed, 0, 'no order is tried against an ERP that refuses everyone');
    assert.equal(pass.errors.filter((e) => e.order !== '—').length, 1, JSON.stringify(pass.errors));
    assert.match(
      pass.errors.find((e) => e.order === '—')?.message ?? '',
      new RegExp(`not asked about ${importable.length - 1} more orders`),
    );
    assert.equal(smtp.messages.length, sent);
  });
});
