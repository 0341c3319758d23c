// The full sync scenario with erp.adapter "optima": a real deployment folder (settings, state database,
// demo shop, real SMTP server on loopback) whose ERP is the read-only Optima adapter over an SQLite copy of
// the Optima tables. Documents appear in "Optima" between passes, as they would when Comarch e-Sklep,
// another importer or a person enters them; the integrator only reads them.
import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import { OptimaGateway } from '../../../src/core/erp/optima/adapter';
import { formatKsefNumber } from '../../../src/core/ksef/number';
import { sqlConnection } from '../../../src/core/erp/optima/connection';
import { MemoryLogger } from '../../../src/core/log';
import type { ShopOrder } from '../../../src/core/model/order';
import { environmentSecrets } from '../../../src/core/secrets';
import { listDemoOrders, loadDemoShop } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { SqlJsExecutor } from '../../../src/core/erp/optima/sqljs-executor';
import { createTestDeployment, seedShop, type TestDeployment, useSmtp } from '../../support/deployment';
import { optimaFixtureDatabase } from '../../support/optima-fixture';
import { parsePdf } from '../../support/pdf-text';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TEST_NOW, testClock } from '../../support/clock';

describe('sync pass with the read-only Optima adapter', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  let optima: Database;
  let nextId = 1000;

  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    optima = await optimaFixtureDatabase({ withData: false });
    optima.run("INSERT INTO CDN.FormyPlatnosci (FPl_FPlId, FPl_Nazwa) VALUES (1, 'przelew')");
  });
  afterEach(async () => {
    await smtp.close();
    optima.close();
    await deployment?.cleanup();
  });

  /** A document entered in Optima (by e-Sklep or a person), as a row of CDN.TraNag. */
  /** A KSeF number as KSeF would give the document with this id (its technical part from the id). */
  const ksefNumberOf = (id: number) => formatKsefNumber('5260250274', '2026-11-27', id.toString(16).toUpperCase().padStart(12, '0'));

  /** A document entered in Optima; an FS is numbered by KSeF already unless `ksef` says otherwise. */
  function enterDocument(
    type: number,
    number: string,
    externalNumber: string,
    fields: { buffer?: 0 | 1; gross?: number; buyer?: string; ksef?: 'pending' } = {},
  ): number {
    const id = nextId++;
    const ksefNumber = type === 302 && fields.ksef !== 'pending' ? ksefNumberOf(id) : '';
    optima.run(
      `INSERT INTO CDN.TraNag (TrN_TrNID, TrN_TypDokumentu, TrN_NumerPelny, TrN_NumerObcy, TrN_Bufor, TrN_DataDok, TrN_DataWys, TrN_DataOpe, TrN_Termin,
        TrN_RazemNetto, TrN_RazemVAT, TrN_RazemBrutto, TrN_FPlId, TrN_PodNazwa1, TrN_PodUlica, TrN_PodNrDomu, TrN_PodKodPocztowy, TrN_PodMiasto, TrN_PodKraj,
        TrN_NrKSeF, TrN_KSeFStatusId, TrN_KSeFDataPrzyjecia)
       VALUES (?, ?, ?, ?, ?, '2026-11-27', '2026-11-27', '2026-11-27', '2026-12-11', ?, ?, ?, 1, ?, 'ul. Długa', '1', '31-154', 'Kraków', 'Polska', ?, ?, ?)`,
      [
        id,
        type,
        number,
        externalNumber,
        fields.buffer ?? 0,
        100.0,
        23.0,
        fields.gross ?? 123.0,
        fields.buyer ?? 'Klient',
        ksefNumber,
        ksefNumber ? 200 : 0,
        ksefNumber ? '2026-11-27 12:00:00' : null,
      ],
    );
    if (type === 302 || type === 305) {
      optima.run(
        "INSERT INTO CDN.TraElem (TrE_TrNId, TrE_Lp, TrE_TwrNazwa, TrE_Ilosc, TrE_Jm, TrE_Stawka, TrE_Flaga, TrE_WartoscNetto, TrE_WartoscBrutto) VALUES (?, 1, 'Zamówiony towar', 1, 'szt.', 23, 2, 100.00, 123.00)",
        [id],
      );
      optima.run('INSERT INTO CDN.TraVat (TrV_TrNID, TrV_Flaga, TrV_Stawka, TrV_Netto, TrV_VAT) VALUES (?, 2, 23, 100.00, 23.00)', [id]);
    }
    return id;
  }
  function link(fromType: number, fromId: number, toType: number, toId: number): void {
    optima.run('INSERT INTO CDN.TraNagRelacje (TrR_TrNTyp, TrR_TrNId, TrR_FaTyp, TrR_FaId) VALUES (?, ?, ?, ?)', [
      fromType,
      fromId,
      toType,
      toId,
    ]);
  }

  /** One pass, opened the way the CLI opens a deployment, with the ERP reading the SQLite copy of Optima. */
  async function pass() {
    const logger = new MemoryLogger();
    const opened = await openDeployment(deployment.dir, { secrets: environmentSecrets({}), logger, now: testClock });
    try {
      const settings = opened.settings.erp;
      opened.deps.erp = new OptimaGateway({
        optima: sqlConnection(settings.optima)!,
        importMode: settings.importMode,
        seller: settings.seller,
        executor: new SqlJsExecutor(optima),
        log: logger,
        now: testClock,
      });
      const summary = await runSyncPass(opened.deps, {});
      return { ...summary, log: logger.text() };
    } finally {
      await opened.close();
    }
  }

  /** A deployment reading a real Optima over SQL (the tests swap its executor for the SQLite copy). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const readingOptima = (s: Record<string, any>) => {
    useSmtp(smtp.port, false)(s);
    s.email.bulkLimit = 100;
    s.erp.adapter = 'optima';
    s.erp.importMode = 'RO';
    s.erp.optima = { server: 'optima-srv', database: 'CDN_Test', user: 'optima_sync_ro' };
  };
  const mailTo = (order: ShopOrder) => smtp.messages.filter((m) => m.envelope.to.includes(order.buyer.email));

  it('runs post-import actions when the RO appears, post-realization ones when its FS appears, and never guesses', async () => {
    deployment = await createTestDeployment(readingOptima);
    const orders = await seedShop(deployment.dir);
    const importable = orders.filter((o) => ['new', 'paid'].includes(o.status));
    assert.ok(importable.length >= 5);
    const [entered, realizedAtOnce, duplicated, drafted, ...missing] = importable as [
      ShopOrder,
      ShopOrder,
      ShopOrder,
      ShopOrder,
      ...ShopOrder[],
    ];

    // In Optima before the first pass: an RO; an RO already realized through a WZ into an FS; the same
    // number on two ROs; an RO still in the buffer. The other orders are not in Optima at all.
    const enteredRo = enterDocument(308, 'RO/1/2026', entered.number, { buyer: entered.buyer.name });
    const ro2 = enterDocument(308, 'RO/2/2026', realizedAtOnce.number);
    const wz = enterDocument(306, 'WZ/1/2026', '');
    const fs1 = enterDocument(302, 'FS/1/2026', '', { buyer: realizedAtOnce.buyer.name });
    link(308, ro2, 306, wz);
    link(306, wz, 302, fs1);
    enterDocument(308, 'RO/3/2026', duplicated.number);
    enterDocument(308, 'RO/4/2026', duplicated.number);
    const draft = enterDocument(308, 'RO/5/2026', drafted.number, { buffer: 1 });

    const first = await pass();
    assert.equal(first.imported, 2, first.log);
    assert.equal(mailTo(entered).length, 1, 'post-import e-mail for the order whose RO appeared');
    assert.match(mailTo(entered)[0]!.parsed.subject ?? '', new RegExp(`Przyjęliśmy zamówienie ${entered.number}`));
    // The RO that Optima had already realized: its post-import e-mail now; the post-realization one in this
    // pass or the next (the pass decides when it looks for realizations of a just-found document).
    assert.ok([1, 2].includes(mailTo(realizedAtOnce).length));
    assert.match(mailTo(realizedAtOnce)[0]!.parsed.subject ?? '', /Przyjęliśmy zamówienie/);
    for (const waiting of [duplicated, drafted, ...missing])
      assert.equal(mailTo(waiting).length, 0, `${waiting.number} waits: nothing sent`);
    const errors = first.errors.map((e) => `${e.order}: ${e.message}`).join('\n');
    assert.match(errors, new RegExp(`Several ERP documents match "${duplicated.number.replace(/[/]/g, '\\/')}": RO/3/2026, RO/4/2026`));
    // Orders whose RO has not appeared (or is still a draft) wait: no failure, looked for again next pass.
    assert.ok(!/still in the buffer/.test(errors), 'a document not there yet is no error');
    assert.equal(first.waitingForErp, 1 + missing.length);
    assert.match(first.log, new RegExp(`${drafted.number.replace(/[/]/g, '\\/')}: .*still in the buffer`));

    const shopAfterFirst = await listDemoOrders(deployment.dir, TEST_NOW);
    const statusOf = (order: ShopOrder) => shopAfterFirst.find((o) => o.id === order.id)!.status;
    assert.equal(statusOf(entered), 'processing');
    assert.equal(statusOf(drafted), drafted.status, 'a pending order keeps its shop status');

    // Between passes: the first RO is realized directly into an FS, the draft RO is confirmed.
    const fs2 = enterDocument(302, 'FS/2/2026', '', { buyer: entered.buyer.name });
    link(308, enteredRo, 302, fs2);
    optima.run('UPDATE CDN.TraNag SET TrN_Bufor = 0 WHERE TrN_TrNID = ?', [draft]);

    const second = await pass();
    assert.equal(second.imported, 1, second.log);
    assert.equal(mailTo(entered).length, 2);
    assert.match(mailTo(entered)[1]!.parsed.subject ?? '', /FS FS\/2\/2026/);
    assert.equal(mailTo(drafted).length, 1, 'the confirmed RO gets its post-import e-mail now');
    assert.equal(mailTo(realizedAtOnce).length, 2, 'post-import and post-realization e-mails, each once');
    const realizedMail = mailTo(realizedAtOnce)[1]!;
    assert.match(realizedMail.parsed.subject ?? '', /FS FS\/1\/2026/);
    const attachment = realizedMail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    assert.ok(attachment, 'the FS copy is attached');
    const pdf = await parsePdf(attachment.content);
    assert.ok(pdf.text.includes('FS/1/2026') && pdf.text.includes('Kopia wygenerowana z danych ERP'), pdf.text);
    const shopAfterSecond = await loadDemoShop(deployment.dir, TEST_NOW);
    assert.equal(shopAfterSecond.orders.find((o) => o.id === realizedAtOnce.id)!.status, 'shipped');
    assert.equal(shopAfterSecond.orders.find((o) => o.id === entered.id)!.status, 'shipped');
    assert.ok(shopAfterSecond.uploads.some((u) => u.orderId === realizedAtOnce.id && u.documentNumber === 'FS/1/2026'));
    assert.equal(mailTo(duplicated).length, 0, 'still ambiguous: still nothing sent');

    const store = await openStateStore(deployment.dir, { now: testClock, readOnly: true });
    try {
      assert.equal(store.getOrder(entered.platform, entered.id)?.erpDocument?.number, 'RO/1/2026');
      assert.equal(store.getOrder(drafted.platform, drafted.id)?.erpDocument?.number, 'RO/5/2026');
      assert.equal(
        store.getOrder(duplicated.platform, duplicated.id)?.erpDocument,
        undefined,
        'an ambiguous order is never bound to a guess',
      );
    } finally {
      await store.close();
    }

    const sentBefore = smtp.messages.length;
    const third = await pass();
    assert.equal(third.imported, 0);
    assert.equal(smtp.messages.length, sentBefore);
    assert.equal(third.emailsSent, 0);
    // Optima was only read.
    assert.equal(optima.exec('SELECT COUNT(*) FROM CDN.TraNag')[0]!.values[0]![0], nextId - 1000);
  });
  it('holds the e-mail with the PDF and the upload of an FS until Optima records its KSeF number; a rejected one fails, nothing sent', async () => {
    deployment = await createTestDeployment(readingOptima);
    const orders = await seedShop(deployment.dir);
    const [waiting, rejected] = orders.filter((o) => ['new', 'paid'].includes(o.status)) as [ShopOrder, ShopOrder];
    const waitingRo = enterDocument(308, 'RO/1/2026', waiting.number);
    const waitingFs = enterDocument(302, 'FS/1/2026', '', { ksef: 'pending' });
    link(308, waitingRo, 302, waitingFs);
    const rejectedRo = enterDocument(308, 'RO/2/2026', rejected.number);
    const rejectedFs = enterDocument(302, 'FS/2/2026', '', { ksef: 'pending' });
    link(308, rejectedRo, 302, rejectedFs);
    optima.run("UPDATE CDN.TraNag SET TrN_KSeFStatusId = 450, TrN_KSeFStatus = 'Duplikat faktury' WHERE TrN_TrNID = ?", [rejectedFs]);

    const first = await pass();
    assert.equal(first.realized, 2, first.log);
    const realizedMails = (order: ShopOrder) => mailTo(order).filter((m) => /zrealizowane/.test(m.parsed.subject ?? ''));
    assert.equal(realizedMails(waiting).length, 0, 'TrN_NrKSeF empty: the FS waits');
    assert.equal(realizedMails(rejected).length, 0, 'rejected: nothing sent');
    assert.deepEqual(
      first.waitingForKsef.map((w) => [w.number, w.salesDocument]),
      [[waiting.number, 'FS/1/2026']],
    );
    assert.match(
      first.errors.find((e) => e.order === rejected.number && e.action === 'email-after-realization')!.message,
      /KSeF rejected FS\/2\/2026: Duplikat faktury/,
    );
    assert.equal(first.actions['status-after-realization'].done, 2, 'status changes do not wait');

    // Optima sends it and KSeF numbers it: TrN_NrKSeF filled.
    optima.run(
      "UPDATE CDN.TraNag SET TrN_NrKSeF = ?, TrN_KSeFStatusId = 200, TrN_KSeFDataPrzyjecia = '2026-11-28 08:30:00' WHERE TrN_TrNID = ?",
      [ksefNumberOf(waitingFs), waitingFs],
    );
    const second = await pass();
    assert.equal(realizedMails(waiting).length, 1, second.log);
    const pdf = await parsePdf(realizedMails(waiting)[0]!.parsed.attachments.find((a) => a.contentType === 'application/pdf')!.content);
    assert.ok(pdf.text.includes(ksefNumberOf(waitingFs)), 'the copy carries the KSeF number');
    assert.match(
      realizedMails(waiting)[0]!.parsed.text ?? '',
      new RegExp(`KSeF\\) pod numerem\\s+${ksefNumberOf(waitingFs)}`),
      'and so does the e-mail',
    );
    assert.equal(second.waitingForKsef.length, 0);
    assert.equal(realizedMails(rejected).length, 0);
    assert.equal((await pass()).emailsSent, 0, 'nothing twice');
  });
});
