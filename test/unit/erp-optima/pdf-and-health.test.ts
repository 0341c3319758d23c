// The sales-document PDF copy made from Optima's stored header, lines and VAT table (rendered by the shared
// renderer and read back with pdf.js), and "Test ERP connection" over the fixture database.
import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import { OptimaGateway } from '../../../src/core/erp/optima/adapter';
import { SqlJsExecutor } from '../../../src/core/erp/optima/sqljs-executor';
import { MemoryLogger } from '../../../src/core/log';
import { parsePdf } from '../../support/pdf-text';
import { optimaFixtureDatabase, optimaSchemaText, optimaSettings, order, SELLER } from '../../support/optima-fixture';

describe('Optima adapter: sales-document PDF and connection test', () => {
  let db: Database;
  const now = () => new Date('2026-11-28T09:00:00Z');
  const gateway = (database: Database, log = new MemoryLogger(), matchByAttribute = false) =>
    new OptimaGateway({
      optima: optimaSettings(matchByAttribute ? { match: { by: 'attribute', pattern: '{id}', attributeCode: 'ZAMOWIENIE_WWW' } } : {}),
      importMode: 'RO',
      seller: SELLER,
      executor: new SqlJsExecutor(database),
      log,
      now,
    });

  before(async () => {
    db = await optimaFixtureDatabase();
  });
  after(() => db.close());

  it("builds the printed model from Optima's own header, active lines and VAT table", async () => {
    const { model, vatTableSource } = await gateway(db).readSalesDocument('181');
    assert.equal(vatTableSource, 'TraVat');
    assert.equal(model.kind, 'FS');
    assert.equal(model.number, 'FS/6/2026');
    assert.equal(model.issueDate, '2026-11-26');
    assert.equal(model.saleDate, '2026-11-25');
    assert.equal(model.paymentMethod, 'przelew');
    assert.equal(model.paymentDue, '2026-12-10');
    assert.equal(model.currency, 'PLN');
    assert.deepEqual(model.buyer, {
      name: 'Zażółć Gęślą Jaźń Sp. z o.o.',
      taxId: '7251234567',
      street: 'ul. Źródlana 5/3',
      postcode: '90-001',
      city: 'Łódź',
      country: 'PL',
    });
    assert.deepEqual(model.recipient, {
      name: 'Świętosław Żółkiewski',
      street: 'ul. Wąska 12',
      postcode: '31-005',
      city: 'Kraków',
      country: 'PL',
    });
    assert.deepEqual(
      model.lines.map((l) => [l.name, l.quantity, l.unit, l.unitNet, l.unitGross, l.vatRate, l.net, l.gross]),
      [
        ['Łódka żółta', 2, 'szt.', 7500, 9225, 23, 15000, 18450],
        ['Usługa pakowania „ekspres”', 1, 'usł.', 5000, 6150, 23, 5000, 6150],
        ['Wiosło jesionowe', 1, 'szt.', 5000, 5400, 8, 5000, 5400],
      ],
    );
    assert.deepEqual(model.vatTable, [
      { vatRate: 23, net: 20000, vat: 4600, gross: 24600 },
      { vatRate: 8, net: 5000, vat: 400, gross: 5400 },
    ]);
    assert.deepEqual(model.totals, { net: 25000, vat: 5000, gross: 30000 });
    assert.equal(model.reference, 'Numer obcy: ZAM/Łódź/9');
    assert.equal(model.copyFromErpLabel, true);
    assert.match(model.amountInWords ?? '', /trzysta/);
  });

  it('renders the PDF copy, labelled as made from ERP data, with Polish characters intact', async () => {
    const erp = gateway(db);
    const document = await erp.importOrder(order('ZAM/Łódź/9'), 'RO');
    const sales = await erp.findRealization(document);
    assert.ok(sales);
    const pdf = await erp.salesDocumentPdf(sales);
    assert.equal(pdf.fileName, 'FS_6_2026.pdf');
    const parsed = await parsePdf(pdf.bytes);
    for (const expected of [
      'FS/6/2026',
      'Kopia wygenerowana z danych ERP',
      'Zażółć Gęślą Jaźń',
      'Łódka żółta',
      'Świętosław Żółkiewski',
      '300,00',
      'przelew',
      SELLER.name,
    ]) {
      assert.ok(parsed.text.includes(expected), `PDF shows ${expected}`);
    }
    assert.ok(!parsed.text.includes('Pozycja nieaktywna'), 'inactive lines are not printed');
  });

  it('sums the VAT table from the lines when CDN.TraVat lacks the expected columns, and says so in the log', async () => {
    const schema = optimaSchemaText().replace(
      /CREATE TABLE CDN\.TraVat \([^;]*\);/,
      'CREATE TABLE CDN.TraVat (TrV_TrVID INTEGER PRIMARY KEY, TrV_TrNID INTEGER NOT NULL, TrV_Flaga INTEGER);',
    );
    const fixtures = (await import('node:fs'))
      .readFileSync(require.resolve('../../fixtures/optima/fixtures.sql'), 'utf8')
      .replace(/INSERT INTO CDN\.TraVat[^;]*;/g, '');
    const other = await optimaFixtureDatabase({ schema, withData: false });
    try {
      other.exec(fixtures);
      const log = new MemoryLogger();
      const { model, vatTableSource } = await gateway(other, log).readSalesDocument('181');
      assert.equal(vatTableSource, 'lines');
      assert.deepEqual(model.vatTable, [
        { vatRate: 23, net: 20000, vat: 4600, gross: 24600 },
        { vatRate: 8, net: 5000, vat: 400, gross: 5400 },
      ]);
      assert.match(log.text(), /TraVat unreadable/);
      const report = await gateway(other).testConnection();
      assert.equal(report.ok, true, 'TraVat is optional');
      const travat = report.tables.find((check) => check.table === 'TraVat');
      assert.equal(travat?.ok, false);
      assert.match(report.summary.join('\n'), /VAT table from the lines/);
    } finally {
      other.close();
    }
  });

  it('"Test ERP connection" checks every table used and counts RO/PF/FS/PA of the last 30 days', async () => {
    const report = await gateway(db).testConnection();
    assert.equal(report.ok, true);
    assert.equal(report.since, '2026-10-29');
    assert.deepEqual(
      report.tables.map((check) => [check.table, check.ok]),
      [
        ['TraNag', true],
        ['TraNag', true], // its KSeF columns
        ['TraNagRelacje', true],
        ['TraElem', true],
        ['TraVat', true],
        ['FormyPlatnosci', true],
      ],
    );
    // Confirmed or not, every document dated since 29 October: the September RO is left out.
    assert.deepEqual(report.counts, { RO: 19, PF: 1, FS: 16, PA: 2 });
    assert.match(report.summary.join('\n'), /RO 19, PF 1, FS 16, PA 2/);
    const withAttributes = await gateway(db, new MemoryLogger(), true).testConnection();
    assert.deepEqual(withAttributes.tables.map((check) => check.table).slice(-2), ['DokAtrybuty', 'DefAtrybuty']);
  });

  it('reports a required table the login cannot read, naming it', async () => {
    const schema = optimaSchemaText().replace(/CREATE TABLE CDN\.TraNagRelacje \([^;]*\);/, '');
    const broken = await optimaFixtureDatabase({ schema, withData: false });
    try {
      const report = await gateway(broken).testConnection();
      assert.equal(report.ok, false);
      const relations = report.tables.find((check) => check.table === 'TraNagRelacje');
      assert.equal(relations?.ok, false);
      assert.match(report.summary.join('\n'), /CDN\.TraNagRelacje/);
    } finally {
      broken.close();
    }
  });
});
