// The adapter's queries, run unchanged (T-SQL text, parameters bound in one place) on an SQLite copy of the
// Optima tables filled with the cases of test/fixtures/optima/fixtures.sql.
import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import { type ErpDocument, ErpDocumentAmbiguousError, ErpDocumentPendingError } from '../../../src/core/erp/gateway';
import { OptimaGateway } from '../../../src/core/erp/optima/adapter';
import type { OptimaSettings } from '../../../src/core/erp/optima/connection';
import { SqlJsExecutor } from '../../../src/core/erp/optima/sqljs-executor';
import { optimaFixtureDatabase, optimaSettings, order, SELLER } from '../../support/optima-fixture';
import { testClock } from '../../support/clock';

describe('Optima adapter: documents and realizations in the fixture database', () => {
  let db: Database;
  const gateway = (settings: Partial<OptimaSettings> = {}, importMode: 'RO' | 'PF' | 'FS' | 'PA' | 'AUTO' = 'RO') =>
    new OptimaGateway({ optima: optimaSettings(settings), importMode, seller: SELLER, executor: new SqlJsExecutor(db), now: testClock });

  before(async () => {
    db = await optimaFixtureDatabase();
  });
  after(() => db.close());

  async function realizationOf(number: string, mode: 'RO' | 'PF' = 'RO') {
    const erp = gateway({}, mode);
    const document = await erp.importOrder(order(number), mode);
    return { document, sales: await erp.findRealization(document) };
  }

  it('finds the RO by its external number (not the FS that carries the same number) and its direct FS', async () => {
    const { document, sales } = await realizationOf('1001');
    assert.deepEqual(
      { kind: document.kind, number: document.number, id: document.id, issueDate: document.issueDate, totalGross: document.totalGross },
      { kind: 'RO', number: 'RO/1/2026', id: '100', issueDate: '2026-11-20', totalGross: 12300 },
    );
    assert.deepEqual(sales, {
      kind: 'FS',
      number: 'FS/1/2026',
      id: '101',
      issueDate: '2026-11-21',
      saleDate: '2026-11-20',
      totalGross: 12300,
      totalNet: 10000,
    });
  });

  it('follows RO → WZ → FS through TraNagRelacje', async () => {
    const { sales } = await realizationOf('1002');
    assert.equal(sales?.number, 'FS/2/2026');
    assert.equal(sales?.totalGross, 6150);
  });

  it("follows RO → WZ and the WZ's TrN_FaId to the FS", async () => {
    const { sales } = await realizationOf('1012');
    assert.equal(sales?.number, 'FS/7/2026');
  });

  it('finds a receipt (PA) realizing an RO', async () => {
    const { sales } = await realizationOf('1003');
    assert.deepEqual(
      { kind: sales?.kind, number: sales?.number, gross: sales?.totalGross, net: sales?.totalNet },
      { kind: 'PA', number: 'PA/1/2026', gross: 4999, net: 4064 },
    );
  });

  it("finds the FS of a pro forma through the PF's TrN_FaId", async () => {
    const { document, sales } = await realizationOf('1004', 'PF');
    assert.equal(document.kind, 'PF');
    assert.equal(document.number, 'FPF/1/2026');
    assert.equal(sales?.number, 'FS/3/2026');
  });

  it('does not count a cancelled FS as a realization', async () => {
    const { sales } = await realizationOf('1005');
    assert.equal(sales, undefined);
  });

  it('takes the valid FS when a cancelled one was replaced', async () => {
    const { sales } = await realizationOf('1015');
    assert.equal(sales?.number, 'FS/10/2026');
  });

  it('ignores a correction linked to the RO and its FS', async () => {
    const { sales } = await realizationOf('1006');
    assert.equal(sales?.number, 'FS/5/2026');
  });

  it('keeps an order pending while its RO is in the buffer', async () => {
    await assert.rejects(gateway().importOrder(order('1007'), 'RO'), (error: unknown) => {
      assert.ok(error instanceof ErpDocumentPendingError);
      assert.equal(error.reason, 'in-buffer');
      assert.equal(error.lookedFor, '1007');
      return true;
    });
  });

  it('does not count an FS still in the buffer as a realization', async () => {
    const { sales } = await realizationOf('1017');
    assert.equal(sales, undefined);
  });

  it('reports two documents with the same external number instead of guessing', async () => {
    await assert.rejects(gateway().importOrder(order('1008'), 'RO'), (error: unknown) => {
      assert.ok(error instanceof ErpDocumentAmbiguousError);
      assert.deepEqual(error.candidates, ['RO/7/2026', 'RO/8/2026']);
      assert.match(error.message, /RO\/7\/2026, RO\/8\/2026/);
      return true;
    });
  });

  it('matches an external number with Polish characters', async () => {
    const { document, sales } = await realizationOf('ZAM/Łódź/9');
    assert.equal(document.number, 'RO/9/2026');
    assert.equal(sales?.number, 'FS/6/2026');
    assert.equal(sales?.totalGross, 30000);
  });

  it('keeps pending an order whose only RO is cancelled, and one that is not in Optima at all', async () => {
    await assert.rejects(
      gateway().importOrder(order('1010'), 'RO'),
      (error: unknown) => error instanceof ErpDocumentPendingError && error.reason === 'cancelled',
    );
    await assert.rejects(
      gateway().importOrder(order('1099'), 'RO'),
      (error: unknown) => error instanceof ErpDocumentPendingError && error.reason === 'absent',
    );
  });

  it('says "not realized" for a confirmed RO without any sales document', async () => {
    const { sales } = await realizationOf('1011');
    assert.equal(sales, undefined);
  });

  it('in FS / PA / AUTO mode the found document is itself the sales document', async () => {
    const fs = await gateway({}, 'FS').importOrder(order('2001'), 'FS');
    assert.equal(fs.kind, 'FS');
    assert.equal(fs.salesDocument?.number, 'FS/8/2026');
    assert.deepEqual(await gateway({}, 'FS').findRealization(fs), fs.salesDocument);
    const pa = await gateway({}, 'AUTO').importOrder(order('2002'), 'AUTO');
    assert.equal(pa.salesDocument?.kind, 'PA');
    await assert.rejects(gateway({}, 'PA').importOrder(order('2001'), 'PA'), ErpDocumentPendingError);
  });

  it('applies the match pattern and can match by a document attribute instead', async () => {
    const byPattern = gateway({ match: { by: 'externalNumber', pattern: 'ZAM/{number}/9' } });
    assert.equal((await byPattern.importOrder(order('Łódź'), 'RO')).number, 'RO/9/2026');
    const byAttribute = gateway({ match: { by: 'attribute', pattern: 'WWW-{id}', attributeCode: 'ZAMOWIENIE_WWW' } });
    const found = await byAttribute.importOrder(order('anything', '3001'), 'RO');
    assert.equal(found.number, 'RO/14/2026');
    const otherAttribute = gateway({ match: { by: 'attribute', pattern: 'WWW-{id}', attributeCode: 'KURIER' } });
    await assert.rejects(otherAttribute.importOrder(order('anything', '3001'), 'RO'), ErpDocumentPendingError);
  });

  it('findDocument: undefined while pending, the document once found, using the number seen at import', async () => {
    const erp = gateway();
    assert.equal(await erp.findDocument('demo', 'x', '1099'), undefined);
    assert.equal((await erp.findDocument('demo', 'x', '1001'))?.number, 'RO/1/2026');
    await assert.rejects(erp.findDocument('demo', 'unknown-id'), /needs the order number/);
    const imported: ErpDocument = await erp.importOrder(order('1002', 'shop-7'), 'RO');
    assert.equal((await erp.findDocument('demo', 'shop-7'))?.id, imported.id);
  });

  it('reports an RO realized into two sales documents as ambiguous', async () => {
    db.run(
      "INSERT INTO CDN.TraNag (TrN_TrNID, TrN_TypDokumentu, TrN_NumerPelny, TrN_DataDok, TrN_DataWys, TrN_RazemBrutto) VALUES (901, 302, 'FS/90/2026', '2026-11-27', '2026-11-27', 1.00)",
    );
    db.run('INSERT INTO CDN.TraNagRelacje (TrR_TrNTyp, TrR_TrNId, TrR_FaTyp, TrR_FaId) VALUES (308, 220, 302, 901)');
    db.run(
      "INSERT INTO CDN.TraNag (TrN_TrNID, TrN_TypDokumentu, TrN_NumerPelny, TrN_DataDok, TrN_DataWys, TrN_RazemBrutto) VALUES (902, 305, 'PA/90/2026', '2026-11-27', '2026-11-27', 1.00)",
    );
    db.run('INSERT INTO CDN.TraNagRelacje (TrR_TrNTyp, TrR_TrNId, TrR_FaTyp, TrR_FaId) VALUES (305, 902, 308, 220)');
    try {
      const erp = gateway();
      const document = await erp.importOrder(order('1011'), 'RO');
      await assert.rejects(erp.findRealization(document), (error: unknown) => {
        assert.ok(error instanceof ErpDocumentAmbiguousError);
        assert.equal(error.stage, 'realization');
        assert.deepEqual(error.candidates, ['FS/90/2026', 'PA/90/2026']);
        return true;
      });
    } finally {
      db.run('DELETE FROM CDN.TraNagRelacje WHERE TrR_FaId IN (901, 220)');
      db.run('DELETE FROM CDN.TraNag WHERE TrN_TrNID IN (901, 902)');
    }
  });
});
