// The read-only Optima adapter's KSeF: each FS's state from CDN.TraNag's KSeF columns (fixtures "1020"–"1023":
// not numbered yet, accepted, rejected, flagged not to be sent), the PDF copy carrying the number without a QR
// code (the FA(3) file Optima sent is out of reach, and the log says so), and an Optima without those columns.
import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import { OptimaGateway, OptimaWithoutKsefError } from '../../../src/core/erp/optima/adapter';
import { SqlJsExecutor } from '../../../src/core/erp/optima/sqljs-executor';
import { MemoryLogger } from '../../../src/core/log';
import { scopeOf } from '../../../src/core/outcome';
import { parsePdf } from '../../support/pdf-text';
import { optimaFixtureDatabase, optimaSchemaText, optimaSettings, order, SELLER } from '../../support/optima-fixture';

describe('Optima adapter: KSeF from CDN.TraNag', () => {
  let db: Database;
  const gateway = (database: Database, log = new MemoryLogger()) =>
    new OptimaGateway({
      optima: optimaSettings(),
      importMode: 'RO',
      seller: SELLER,
      executor: new SqlJsExecutor(database),
      log,
      now: () => new Date('2026-11-28T09:00:00Z'),
    });
  const salesOf = async (erp: OptimaGateway, number: string) => (await erp.findRealization(await erp.importOrder(order(number), 'RO')))!;

  before(async () => {
    db = await optimaFixtureDatabase();
  });
  after(() => db.close());

  it("reads each FS as pending, accepted (with its number and time), rejected (with Optima's text) or outside KSeF", async () => {
    const erp = gateway(db);
    assert.deepEqual(await erp.ksef(await salesOf(erp, '1020')), { status: 'pending' });
    assert.deepEqual(await erp.ksef(await salesOf(erp, '1021')), {
      status: 'accepted',
      number: '5260250274-20261127-A1B2C3D4E5F6-F1',
      acceptedAt: '2026-11-27T14:05:00.000Z',
    });
    assert.deepEqual(await erp.ksef(await salesOf(erp, '1022')), {
      status: 'rejected',
      reason: 'Błąd weryfikacji semantyki dokumentu faktury',
    });
    assert.deepEqual(await erp.ksef(await salesOf(erp, '1023')), { status: 'outside' });
    assert.deepEqual(await erp.ksef(await salesOf(erp, '1003')), { status: 'outside' }, 'a receipt never goes to KSeF');
  });

  it('prints the KSeF number on the copy, without a QR code, and says why in the log', async () => {
    const log = new MemoryLogger();
    const erp = gateway(db, log);
    const sales = await salesOf(erp, '1021');
    const pdf = await erp.salesDocumentPdf({ ...sales, ksef: await erp.ksef(sales) });
    const text = (await parsePdf(pdf.bytes)).text;
    assert.ok(text.includes('Numer KSeF: 5260250274-20261127-A1B2C3D4E5F6-F1'), text);
    assert.doesNotMatch(text, /qr\.ksef\.mf\.gov\.pl|OFFLINE/);
    assert.match(log.text(), /carries its KSeF number 5260250274-20261127-A1B2C3D4E5F6-F1 but no KOD I QR code/);
  });

  it("an Optima without KSeF columns: the connection test says so, and asking fails for every FS alike (the ERP's scope)", async () => {
    const schema = optimaSchemaText().replace(/,\n {2}-- KSeF \(Optima[\s\S]*?TrN_NieWysylajDokumentuDoKSeF[^\n]*\n\);/, '\n);');
    assert.doesNotMatch(schema, /TrN_NrKSeF/);
    const old = await optimaFixtureDatabase({ schema, withData: false });
    try {
      old.exec(
        "INSERT INTO CDN.TraNag (TrN_TrNID, TrN_TypDokumentu, TrN_NumerPelny, TrN_NumerObcy, TrN_DataDok) VALUES (1, 302, 'FS/1/2026', '9001', '2026-11-27')",
      );
      const erp = gateway(old);
      const report = await erp.testConnection();
      assert.equal(report.ok, true, 'the rest works');
      assert.match(report.summary.join('\n'), /CDN\.TraNag has no readable KSeF columns/);
      const error = await erp
        .ksef({ kind: 'FS', number: 'FS/1/2026', id: '1', issueDate: '2026-11-27', saleDate: '2026-11-27', totalGross: 0, totalNet: 0 })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(error instanceof OptimaWithoutKsefError, String(error));
      assert.equal(scopeOf(error), 'server');
      assert.match(error.message, /set erp\.ksef\.enabled to false/);
    } finally {
      old.close();
    }
  });
});
