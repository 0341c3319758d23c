// The Optima adapter's per-order work in a sync pass — find the RO by its external number, then follow
// TraNagRelacje / WZ / TrN_FaId to its FS — over an SQLite copy of the tables with many documents, and the
// PDF copy of one FS. Indicative only: a real Optima runs the same SQL on SQL Server with its own indexes
// (this copy indexes the lookup and link columns; which indexes Optima has is UNCONFIRMED). With sql.js most
// of the time per query is compiling the statement; the query plans are index seeks, so it does not grow with
// the number of documents.
import { OptimaGateway } from '../src/core/erp/optima/adapter';
import { SqlJsExecutor } from '../src/core/erp/optima/sqljs-executor';
import { optimaFixtureDatabase, optimaSettings, order, SELLER } from '../test/support/optima-fixture';
import { systemClock } from '../src/core/clock';

export async function run(args: string[]): Promise<void> {
  const orders = Number(args[0] ?? 20_000);
  const db = await optimaFixtureDatabase({ withData: false });
  db.run("INSERT INTO CDN.FormyPlatnosci (FPl_FPlId, FPl_Nazwa) VALUES (1, 'przelew')");
  db.run('CREATE INDEX CDN.TraNag_NumerObcy ON TraNag (TrN_NumerObcy, TrN_TypDokumentu)');
  db.run('CREATE INDEX CDN.TraNagRelacje_TrN ON TraNagRelacje (TrR_TrNId)');
  db.run('CREATE INDEX CDN.TraNagRelacje_Fa ON TraNagRelacje (TrR_FaId)');
  db.run('CREATE INDEX CDN.TraElem_TrN ON TraElem (TrE_TrNId)');
  db.run('CREATE INDEX CDN.TraVat_TrN ON TraVat (TrV_TrNID)');
  const started = Date.now();
  db.run('BEGIN');
  const insertDocument = db.prepare(
    "INSERT INTO CDN.TraNag (TrN_TrNID, TrN_TypDokumentu, TrN_NumerPelny, TrN_NumerObcy, TrN_DataDok, TrN_DataWys, TrN_DataOpe, TrN_RazemNetto, TrN_RazemVAT, TrN_RazemBrutto, TrN_FPlId, TrN_PodNazwa1) VALUES (?, ?, ?, ?, '2026-11-20', '2026-11-21', '2026-11-21', 100.00, 23.00, 123.00, 1, 'Klient')",
  );
  const insertLink = db.prepare('INSERT INTO CDN.TraNagRelacje (TrR_TrNTyp, TrR_TrNId, TrR_FaTyp, TrR_FaId) VALUES (?, ?, ?, ?)');
  const insertLine = db.prepare(
    "INSERT INTO CDN.TraElem (TrE_TrNId, TrE_Lp, TrE_TwrNazwa, TrE_Ilosc, TrE_Jm, TrE_Stawka, TrE_WartoscNetto, TrE_WartoscBrutto) VALUES (?, ?, 'Towar żółty', 1, 'szt.', 23, 50.00, 61.50)",
  );
  for (let i = 0; i < orders; i++) {
    const ro = 3 * i + 1;
    const wz = ro + 1;
    const fs = ro + 2;
    insertDocument.run([ro, 308, `RO/${i + 1}/2026`, `ZAM/${i + 1}`]);
    insertDocument.run([wz, 306, `WZ/${i + 1}/2026`, '']);
    insertDocument.run([fs, 302, `FS/${i + 1}/2026`, '']);
    insertLink.run([308, ro, 306, wz]);
    insertLink.run([306, wz, 302, fs]);
    insertLine.run([fs, 1]);
    insertLine.run([fs, 2]);
  }
  insertDocument.free();
  insertLink.free();
  insertLine.free();
  db.run('COMMIT');
  const built = Date.now() - started;

  const gateway = new OptimaGateway({
    optima: optimaSettings(),
    importMode: 'RO',
    seller: SELLER,
    executor: new SqlJsExecutor(db),
    now: systemClock,
  });
  const sample = Math.min(orders, 2_000);
  const lookupStart = process.hrtime.bigint();
  let lastSales;
  for (let i = 0; i < sample; i++) {
    const index = Math.floor((i * orders) / sample) + 1;
    const document = await gateway.importOrder(order(`ZAM/${index}`), 'RO');
    lastSales = await gateway.findRealization(document);
  }
  const lookupMs = Number(process.hrtime.bigint() - lookupStart) / 1e6;
  const pdfStart = process.hrtime.bigint();
  const pdf = await gateway.salesDocumentPdf(lastSales!);
  const pdfMs = Number(process.hrtime.bigint() - pdfStart) / 1e6;
  db.close();

  const rows: Array<[string, string]> = [
    ['documents in the copy (RO + WZ + FS)', String(orders * 3)],
    ['building the copy', `${built} ms`],
    ['orders looked up (RO + realization)', String(sample)],
    ['per order', `${(lookupMs / sample).toFixed(3)} ms`],
    ['orders per second', String(Math.round((sample * 1000) / lookupMs))],
    ['PDF copy of one FS', `${pdfMs.toFixed(0)} ms, ${pdf.bytes.length} bytes`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`Optima adapter over SQLite (${orders} orders)\n`);
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
}
