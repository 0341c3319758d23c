import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { ImportMode } from '../../../src/core/erp/gateway';
import { createErpGateway } from '../../../src/core/erp/index';
import { createSandboxErp, SANDBOX_SCHEMA_VERSION, type SandboxErp } from '../../../src/core/erp/sandbox/index';
import { migrateSandbox, sandboxSchemaVersion } from '../../../src/core/erp/sandbox/schema';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { defaultSettings } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/types.generated';
import { openStateStore, type SqlStateStore } from '../../../src/core/state/index';
import { createDefaultDeployment } from '../../../src/core/deployment/files';
import { withSandbox } from '../../../src/core/erp/sandbox/session';
import { companyOrder, mixedVatOrder, privateOrder } from '../../support/orders';
import { parsePdf } from '../../support/pdf-text';
import { testClock } from '../../support/clock';

const settings = defaultSettings() as unknown as Settings;
const NOV_28 = new Date('2026-11-28T10:00:00Z');

describe('Sandbox ERP', () => {
  let dir: string;
  let store: SqlStateStore;
  let sandboxDatabase: Database;

  const open = async (now: () => Date = () => NOV_28): Promise<SandboxErp> => {
    store = await openStateStore(dir, { now: testClock });
    const erp = await createSandboxErp(store, settings, { now });
    sandboxDatabase = (await store.companion('sandbox')).database;
    return erp;
  };
  /** Reopens the deployment's state file, as the next CLI run or VS Code session would. */
  const reopen = async (now?: () => Date): Promise<SandboxErp> => {
    await store.close();
    return open(now);
  };
  const count = (sql: string): number => Number(sandboxDatabase.exec(sql)[0]!.values[0]![0]);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-erp-'));
  });
  afterEach(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('upgrades its tables of schema 1 (before KSeF) to 2: the documents kept, the KSeF table added', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
      migrateSandbox(db);
      db.run('DROP TABLE sandbox_ksef');
      db.run("UPDATE sandbox_meta SET value = '1' WHERE key = 'schema_version'");
      db.run("INSERT INTO sandbox_counters (kind, year, last_number) VALUES ('FS', 2026, 7)");
      assert.equal(sandboxSchemaVersion(db), 1);
      assert.equal(migrateSandbox(db), true);
      assert.equal(sandboxSchemaVersion(db), SANDBOX_SCHEMA_VERSION);
      assert.equal(SANDBOX_SCHEMA_VERSION, 2);
      assert.equal(db.exec("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sandbox_ksef'")[0]!.values[0]![0], 1);
      assert.equal(db.exec('SELECT last_number FROM sandbox_counters')[0]!.values[0]![0], 7);
    } finally {
      db.close();
    }
  });

  describe('numbering', () => {
    it('numbers concurrent imports gap-free and uniquely, and continues after reopening the database', async () => {
      let erp = await open();
      const first = await Promise.all(Array.from({ length: 40 }, (_, i) => erp.importOrder(privateOrder(i), 'RO')));
      assert.deepEqual(
        first.map((d) => d.number).sort(byNumber),
        Array.from({ length: 40 }, (_, i) => `RO/${i + 1}/2026`),
      );
      assert.equal(new Set(first.map((d) => d.id)).size, 40);

      erp = await reopen();
      const next = await Promise.all([erp.importOrder(privateOrder(100), 'RO'), erp.importOrder(privateOrder(101), 'RO')]);
      assert.deepEqual(next.map((d) => d.number).sort(byNumber), ['RO/41/2026', 'RO/42/2026']);
      assert.equal(count("SELECT COUNT(DISTINCT number) FROM sandbox_documents WHERE kind = 'RO'"), 42);
    });

    it('keeps one series per kind, and starts a new series in January in the deployment time zone', async () => {
      let erp = await open();
      assert.equal((await erp.importOrder(privateOrder(1), 'RO')).number, 'RO/1/2026');
      assert.equal((await erp.importOrder(privateOrder(2), 'PF')).number, 'PF/1/2026');
      assert.equal((await erp.importOrder(privateOrder(3), 'RO')).number, 'RO/2/2026');
      // 23:30 UTC on 31 December is already 00:30 on 1 January in Warsaw.
      erp = await reopen(() => new Date('2026-12-31T23:30:00Z'));
      const january = await erp.importOrder(privateOrder(4), 'RO');
      assert.equal(january.number, 'RO/1/2027');
      assert.equal(january.issueDate, '2027-01-01');
    });

    it('does not use up a number when an import fails', async () => {
      const erp = await open();
      await erp.importOrder(privateOrder(1), 'RO');
      await assert.rejects(erp.importOrder(privateOrder(2, { lines: [] }), 'RO'), /no lines/);
      assert.equal((await erp.importOrder(privateOrder(3), 'RO')).number, 'RO/2/2026');
    });

    it('has the number on disk before importOrder resolves', async () => {
      const erp = await open();
      const document = await erp.importOrder(privateOrder(7), 'RO');
      // Read the file as another process would (read-only, without the writer closing first).
      const reader = await openStateStore(dir, { now: testClock, readOnly: true });
      try {
        const row = (await reader.companion('sandbox')).database.exec(
          `SELECT number FROM sandbox_documents WHERE id = ${Number(document.id)}`,
        )[0]?.values[0]?.[0];
        assert.equal(row, 'RO/1/2026');
      } finally {
        await reader.close();
      }
    });
  });

  describe('import', () => {
    it('is idempotent on the shop order id, whatever the mode of the second import', async () => {
      let erp = await open();
      const order = companyOrder(5);
      const first = await erp.importOrder(order, 'RO');
      assert.deepEqual(await erp.importOrder(order, 'RO'), first);
      assert.deepEqual(await erp.importOrder({ ...order, status: 'completed' }, 'FS'), first);
      erp = await reopen();
      assert.deepEqual(await erp.importOrder(order, 'RO'), first);
      assert.deepEqual(await erp.findDocument(order.platform, order.id), first);
      assert.equal(count('SELECT COUNT(*) FROM sandbox_documents'), 1);
      // The same id on another platform is another order.
      const other = await erp.importOrder({ ...order, platform: 'prestashop' }, 'RO');
      assert.notEqual(other.id, first.id);
    });

    const modes: Array<{ mode: ImportMode; order: () => ReturnType<typeof privateOrder>; kind: string; isSales: boolean }> = [
      { mode: 'RO', order: () => companyOrder(1), kind: 'RO', isSales: false },
      { mode: 'PF', order: () => privateOrder(1), kind: 'PF', isSales: false },
      { mode: 'FS', order: () => companyOrder(1), kind: 'FS', isSales: true },
      { mode: 'PA', order: () => privateOrder(1), kind: 'PA', isSales: true },
      { mode: 'AUTO', order: () => companyOrder(1), kind: 'FS', isSales: true },
      { mode: 'AUTO', order: () => privateOrder(1), kind: 'PA', isSales: true },
    ];
    for (const { mode, order, kind, isSales } of modes) {
      it(`imports in ${mode} mode as ${kind}${mode === 'AUTO' ? (kind === 'FS' ? ' (buyer with a tax id)' : ' (buyer without a tax id)') : ''}`, async () => {
        const erp = await open();
        const shopOrder = order();
        const document = await erp.importOrder(shopOrder, mode);
        assert.equal(document.kind, kind);
        assert.equal(document.number, `${kind}/1/2026`);
        assert.equal(document.issueDate, '2026-11-28');
        assert.equal(document.totalGross, shopOrder.totalGross);
        const realization = await erp.findRealization(document);
        if (isSales) {
          assert.deepEqual(document.salesDocument, realization);
          assert.equal(realization?.number, document.number);
          assert.equal(realization?.saleDate, '2026-11-28');
        } else {
          assert.equal(document.salesDocument, undefined);
          assert.equal(realization, undefined);
        }
      });
    }

    it('keeps a contractor card per buyer: matched by tax id, then e-mail, else new', async () => {
      const erp = await open();
      const company = companyOrder(1);
      await erp.importOrder(company, 'RO');
      // Same NIP written differently, another e-mail → same card.
      await erp.importOrder(
        companyOrder(1, { id: 'w-2', buyer: { ...company.buyer, taxId: '5260251001', email: 'faktury@zrodlo.pl' } }),
        'RO',
      );
      // A private buyer, then the same e-mail again → same card.
      const person = privateOrder(2);
      await erp.importOrder(person, 'RO');
      await erp.importOrder(privateOrder(3, { buyer: { ...person.buyer, email: person.buyer.email.toUpperCase() } }), 'RO');
      // Someone new.
      await erp.importOrder(privateOrder(4), 'RO');
      const documents = erp.listDocuments().map((d) => erp.getDocument(d.number)!);
      assert.deepEqual(
        documents.map((d) => d.contractor.code),
        ['KH/00001', 'KH/00001', 'KH/00002', 'KH/00002', 'KH/00003'],
      );
      assert.equal(documents[0]!.contractor.taxId, '5260251001');
    });
  });

  describe('realization', () => {
    it('realizes an RO into an FS for a buyer with a tax id and a PF into a PA without, on the given date', async () => {
      let erp = await open();
      const ro = await erp.importOrder(companyOrder(1), 'RO');
      const pf = await erp.importOrder(privateOrder(2), 'PF');
      const fs = await erp.realizeDocument(ro.id, '2026-11-30');
      assert.deepEqual(
        { kind: fs.kind, number: fs.number, issueDate: fs.issueDate, saleDate: fs.saleDate, totalGross: fs.totalGross },
        { kind: 'FS', number: 'FS/1/2026', issueDate: '2026-11-30', saleDate: '2026-11-30', totalGross: ro.totalGross },
      );
      const pa = await erp.realizeDocument(pf.id, '2026-12-01');
      assert.equal(pa.number, 'PA/1/2026');
      // Idempotent; found after reopening.
      assert.deepEqual(await erp.realizeDocument(ro.id, '2026-12-05'), fs);
      erp = await reopen();
      assert.deepEqual(await erp.findRealization(ro), fs);
      assert.deepEqual(await erp.findRealization(pf), pa);
      const listed = erp.listDocuments();
      assert.deepEqual(
        listed.map((d) => [d.number, d.realizedBy?.number, d.realizes?.number]),
        [
          ['RO/1/2026', 'FS/1/2026', undefined],
          ['PF/1/2026', 'PA/1/2026', undefined],
          ['FS/1/2026', undefined, 'RO/1/2026'],
          ['PA/1/2026', undefined, 'PF/1/2026'],
        ],
      );
      assert.deepEqual(erp.listUnrealized(), []);
    });

    it('realizes by shop status through the gateway, as the sync pass does for erp.realizeOnStatuses', async () => {
      store = await openStateStore(dir, { now: testClock });
      const erp = await createErpGateway(settings, store, { now: () => NOV_28 });
      const order = companyOrder(3, { status: 'paid' });
      assert.ok(settings.erp.realizeOnStatuses.includes(order.status));
      const document = await erp.importOrder(order, 'RO');
      assert.equal(await erp.findRealization(document), undefined);
      assert.ok(erp.realize, 'the sandbox realizes');
      const sales = await erp.realize!(document, order, '2026-11-28');
      assert.equal(sales.kind, 'FS');
      assert.deepEqual(await erp.findRealization(document), sales);
      await assert.rejects(erp.realize!(document, companyOrder(4), '2026-11-28'), /belongs to order/);
    });

    it('refuses a date before the document and a malformed date', async () => {
      const erp = await open();
      const ro = await erp.importOrder(privateOrder(1), 'RO');
      await assert.rejects(erp.realizeDocument(ro.id, '2026-11-27'), /before its own date/);
      await assert.rejects(erp.realizeDocument(ro.id, '2026-02-30'), /YYYY-MM-DD/);
      assert.equal(count("SELECT COUNT(*) FROM sandbox_documents WHERE kind IN ('FS', 'PA')"), 0);
    });

    it('finds an order by shop order id, shop order number or ERP number', async () => {
      const erp = await open();
      const order = privateOrder(8);
      const ro = await erp.importOrder(order, 'RO');
      const fs = await erp.realizeDocument(ro.id, '2026-11-28');
      for (const reference of [order.id, order.number, ro.number, fs.number]) {
        assert.deepEqual(
          erp.findOrderDocuments(reference).map((d) => d.number),
          [ro.number],
          reference,
        );
      }
      assert.deepEqual(erp.findOrderDocuments('nope'), []);
    });
  });

  describe('sessions (CLI and VS Code)', () => {
    it('reads while a sync pass holds the state, and refuses to realize until it is done', async () => {
      await createDefaultDeployment(dir);
      const erp = await open(); // holds the lock, like a running sync pass
      const ro = await erp.importOrder(privateOrder(1), 'RO');
      const listed = await withSandbox(dir, { now: testClock }, async (reader) => reader.listUnrealized().map((d) => d.number));
      assert.deepEqual(listed, [ro.number]);
      await assert.rejects(
        withSandbox(dir, { now: testClock, write: true, holder: 'test' }, (writer) => writer.realizeDocument(ro.id, '2026-11-28')),
        /in use by another process/,
      );
      await store.close();
      const sales = await withSandbox(dir, { now: testClock, write: true, holder: 'test' }, (writer) =>
        writer.realizeDocument(ro.id, '2026-11-28'),
      );
      assert.equal(sales.number, 'PA/1/2026');
      const again = await open();
      assert.deepEqual(await again.findRealization(ro), sales);
    });
  });

  describe('sales-document PDF', () => {
    it('renders the FS of a realized order with the buyer, lines and totals of the order', async () => {
      const erp = await open();
      const order = mixedVatOrder(2);
      const ro = await erp.importOrder(order, 'RO');
      const fs = await erp.realizeDocument(ro.id, '2026-11-29');
      const pdf = await erp.salesDocumentPdf(fs);
      assert.equal(pdf.fileName, 'FS_1_2026.pdf');
      const text = (await parsePdf(pdf.bytes)).text;
      for (const expected of [
        'Faktura VAT nr FS/1/2026',
        'Data sprzedaży:',
        '2026-11-29',
        order.buyer.company!,
        'NIP: 5260251002',
        settings.erp.seller.name,
        ...order.lines.map((line) => line.name.slice(0, 20)),
        'Razem 197,79 22,95 220,74',
        'Do zapłaty: 220,74 PLN',
        `Zamówienie ${order.number}, realizacja RO/1/2026`,
        'sandboksowego ERP',
      ])
        assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
      await assert.rejects(erp.salesDocumentPdf({ ...fs, id: ro.id, number: ro.number, kind: 'FS' }), /not a sales document/);
    });

    it('reports its health', async () => {
      const erp = await open();
      await erp.importOrder(privateOrder(1), 'PA');
      const health = await erp.health();
      assert.equal(health.ok, true);
      assert.match(health.detail, /1 document/);
    });
  });
});

function byNumber(a: string, b: string): number {
  return Number(a.split('/')[1]) - Number(b.split('/')[1]);
}
