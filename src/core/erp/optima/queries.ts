// EVERY SQL statement of the Optima adapter. All statements are read-only SELECTs with @named parameters (never
// string-built from input). They are written in the subset of T-SQL that SQLite also runs, so the tests run
// them unchanged on an SQLite copy of the tables; the only dialect difference — how parameters are bound
// and how dates travel — is handled in one place per executor (mssql-executor.ts / sqljs-executor.ts).
// Rules that keep the text portable: no TOP/LIMIT, no ISNULL (COALESCE), no date functions (dates come
// in as parameters), no string concatenation, no bracketed identifiers.
// The tables and columns they read, with their sources: dependencies.ts.
import type { SqlQuery } from './executor';
import { DOCUMENT_TYPE, OPTIMA_DEPENDENCIES, tableProbe } from './dependencies';

// ---------------------------------------------------------------------------------------------------------
// Row shapes. Values arrive as SQL Server (or SQLite) sends them: numbers, strings, Date objects or date
// strings, booleans or 0/1; rows.ts turns them into the domain types.

export interface DocumentRow {
  docId: number;
  docType: number;
  fullNumber: string | null;
  inBuffer: number | boolean | null;
  isCancelled: number | boolean | null;
  isCorrection: number | boolean | null;
  documentDate: Date | string | null;
  issueDate: Date | string | null;
  saleDate: Date | string | null;
  totalNet: number | string | null;
  totalGross: number | string | null;
}

/** The columns of DocumentRow, on a CDN.TraNag aliased `d`. */
const DOCUMENT_COLUMNS = `d.TrN_TrNID AS docId, d.TrN_TypDokumentu AS docType, d.TrN_NumerPelny AS fullNumber,
       d.TrN_Bufor AS inBuffer, d.TrN_Anulowany AS isCancelled, d.TrN_Korekta AS isCorrection,
       d.TrN_DataDok AS documentDate, d.TrN_DataWys AS issueDate, d.TrN_DataOpe AS saleDate,
       d.TrN_RazemNetto AS totalNet, d.TrN_RazemBrutto AS totalGross`;

/**
 * Documents of up to two types whose external number equals @value — in any state; the adapter keeps the
 * confirmed, non-cancelled, non-correction ones and explains the rest (buffer, cancelled).
 * Source: Comarch's FAQ filters RO lists with `TrN_NumerObcy = …` [FAQ]; the PrestaShop importer decides
 * "already imported" with `CDN.TraNag WHERE TrN_NumerObcy = @ref` [PRESTA]. Pass the same type twice for one.
 */
export const DOCUMENTS_BY_EXTERNAL_NUMBER: SqlQuery<DocumentRow> = {
  name: 'documentsByExternalNumber',
  params: { value: 'nvarchar', typeA: 'int', typeB: 'int' },
  text: `SELECT ${DOCUMENT_COLUMNS}
FROM CDN.TraNag d
WHERE d.TrN_NumerObcy = @value
  AND d.TrN_TypDokumentu IN (@typeA, @typeB)
ORDER BY d.TrN_TrNID`,
};

/**
 * Documents of up to two types carrying the attribute @code with the text value @value.
 * Source: CDN.DokAtrybuty (DAt_TrNId, DAt_DeAId, DAt_WartoscTxt) joined to CDN.DefAtrybuty (DeA_DeAId,
 * DeA_Kod) as Comarch's BI reports do [BI]; DAt_TrNId → TrN_TrNID also in [EF].
 */
export const DOCUMENTS_BY_ATTRIBUTE: SqlQuery<DocumentRow> = {
  name: 'documentsByAttribute',
  params: { code: 'nvarchar', value: 'nvarchar', typeA: 'int', typeB: 'int' },
  text: `SELECT ${DOCUMENT_COLUMNS}
FROM CDN.TraNag d
JOIN CDN.DokAtrybuty da ON da.DAt_TrNId = d.TrN_TrNID
JOIN CDN.DefAtrybuty dd ON dd.DeA_DeAId = da.DAt_DeAId
WHERE dd.DeA_Kod = @code
  AND da.DAt_WartoscTxt = @value
  AND d.TrN_TypDokumentu IN (@typeA, @typeB)
ORDER BY d.TrN_TrNID`,
};

/** One document by id (an FS/PA found in FS/PA mode, re-read). Source: TrN_TrNID is the key [FAQ] [JAVA]. */
export const DOCUMENT_BY_ID: SqlQuery<DocumentRow> = {
  name: 'documentById',
  params: { docId: 'int' },
  text: `SELECT ${DOCUMENT_COLUMNS}
FROM CDN.TraNag d
WHERE d.TrN_TrNID = @docId`,
};

/**
 * The confirmed, non-cancelled, non-correction FS (302) / PA (305) documents that realize the RO/PF
 * @sourceId, reached
 *   1. directly through CDN.TraNagRelacje (RO→FS: TrR_TrNId = RO, TrR_FaId = FS) [JAVA] [FAQ];
 *   2. through a WZ (306): RO→WZ, then WZ→FS, as Comarch's FAQ filter "RO converted to WZ that has an FS"
 *      and the Java code do [FAQ] [JAVA]; or the WZ's TrN_FaId (WZ→FA/PA in the FAQ) [FAQ];
 *   3. through the source's own TrN_FaId (FPF→FA in the FAQ; PF→FS with no advance is UNCONFIRMED) [FAQ].
 * Each relation is followed in both directions, because a third-party note says links are stored both
 * ways (UNCONFIRMED) and following both costs nothing when they are not. Never relies on number prefixes.
 */
export const REALIZATIONS_OF: SqlQuery<DocumentRow> = {
  name: 'realizationsOf',
  params: { sourceId: 'int' },
  text: `WITH linked AS (
  SELECT r.TrR_FaId AS linkedId FROM CDN.TraNagRelacje r WHERE r.TrR_TrNId = @sourceId
  UNION SELECT r.TrR_TrNId AS linkedId FROM CDN.TraNagRelacje r WHERE r.TrR_FaId = @sourceId
  UNION SELECT o.TrN_FaId AS linkedId FROM CDN.TraNag o WHERE o.TrN_TrNID = @sourceId AND o.TrN_FaId IS NOT NULL
),
goodsIssues AS (
  SELECT w.TrN_TrNID AS wzId, w.TrN_FaId AS wzFaId
  FROM CDN.TraNag w
  WHERE w.TrN_TypDokumentu = ${DOCUMENT_TYPE.WZ} AND w.TrN_TrNID IN (SELECT linkedId FROM linked)
),
candidates AS (
  SELECT linkedId AS candidateId FROM linked
  UNION SELECT r.TrR_FaId AS candidateId FROM CDN.TraNagRelacje r WHERE r.TrR_TrNId IN (SELECT wzId FROM goodsIssues)
  UNION SELECT r.TrR_TrNId AS candidateId FROM CDN.TraNagRelacje r WHERE r.TrR_FaId IN (SELECT wzId FROM goodsIssues)
  UNION SELECT wzFaId AS candidateId FROM goodsIssues WHERE wzFaId IS NOT NULL
)
SELECT ${DOCUMENT_COLUMNS}
FROM CDN.TraNag d
WHERE d.TrN_TrNID IN (SELECT candidateId FROM candidates)
  AND d.TrN_TypDokumentu IN (${DOCUMENT_TYPE.FS}, ${DOCUMENT_TYPE.PA})
  AND d.TrN_Bufor = 0
  AND d.TrN_Anulowany = 0
  AND d.TrN_Korekta = 0
ORDER BY d.TrN_TrNID`,
};

export interface SalesHeaderRow {
  docId: number;
  docType: number;
  fullNumber: string | null;
  externalNumber: string | null;
  issueDate: Date | string | null;
  saleDate: Date | string | null;
  documentDate: Date | string | null;
  dueDate: Date | string | null;
  currency: string | null;
  totalNet: number | string | null;
  totalVat: number | string | null;
  totalGross: number | string | null;
  paymentMethod: string | null;
  buyerName1: string | null;
  buyerName2: string | null;
  buyerName3: string | null;
  buyerTaxId: string | null;
  buyerStreet: string | null;
  buyerHouse: string | null;
  buyerFlat: string | null;
  buyerPostcode: string | null;
  buyerCity: string | null;
  buyerCountry: string | null;
  recipientName1: string | null;
  recipientName2: string | null;
  recipientName3: string | null;
  recipientStreet: string | null;
  recipientHouse: string | null;
  recipientFlat: string | null;
  recipientPostcode: string | null;
  recipientCity: string | null;
  recipientCountry: string | null;
}

/**
 * Header of a sales document for the PDF copy: buyer (TrN_Pod*) and recipient (TrN_Odb*) as stored on the
 * document, dates, totals, payment method and due date.
 * Source: the TraNag columns listed by the Python insert [PYINS]; payment method name in
 * CDN.FormyPlatnosci (FPl_FPlId, FPl_Nazwa) [FAQ].
 */
export const SALES_DOCUMENT_HEADER: SqlQuery<SalesHeaderRow> = {
  name: 'salesDocumentHeader',
  params: { docId: 'int' },
  text: `SELECT d.TrN_TrNID AS docId, d.TrN_TypDokumentu AS docType, d.TrN_NumerPelny AS fullNumber,
       d.TrN_NumerObcy AS externalNumber,
       d.TrN_DataWys AS issueDate, d.TrN_DataOpe AS saleDate, d.TrN_DataDok AS documentDate, d.TrN_Termin AS dueDate,
       d.TrN_Waluta AS currency, d.TrN_RazemNetto AS totalNet, d.TrN_RazemVAT AS totalVat, d.TrN_RazemBrutto AS totalGross,
       p.FPl_Nazwa AS paymentMethod,
       d.TrN_PodNazwa1 AS buyerName1, d.TrN_PodNazwa2 AS buyerName2, d.TrN_PodNazwa3 AS buyerName3,
       d.TrN_PodNipE AS buyerTaxId, d.TrN_PodUlica AS buyerStreet, d.TrN_PodNrDomu AS buyerHouse,
       d.TrN_PodNrLokalu AS buyerFlat, d.TrN_PodKodPocztowy AS buyerPostcode, d.TrN_PodMiasto AS buyerCity,
       d.TrN_PodKraj AS buyerCountry,
       d.TrN_OdbNazwa1 AS recipientName1, d.TrN_OdbNazwa2 AS recipientName2, d.TrN_OdbNazwa3 AS recipientName3,
       d.TrN_OdbUlica AS recipientStreet, d.TrN_OdbNrDomu AS recipientHouse, d.TrN_OdbNrLokalu AS recipientFlat,
       d.TrN_OdbKodPocztowy AS recipientPostcode, d.TrN_OdbMiasto AS recipientCity, d.TrN_OdbKraj AS recipientCountry
FROM CDN.TraNag d
LEFT JOIN CDN.FormyPlatnosci p ON p.FPl_FPlId = d.TrN_FPlId
WHERE d.TrN_TrNID = @docId`,
};

export interface SalesLineRow {
  lineNo: number;
  itemName: string | null;
  itemCode: string | null;
  quantity: number | string | null;
  unit: string | null;
  vatRate: number | string | null;
  vatFlag: number | null;
  lineNet: number | string | null;
  lineGross: number | string | null;
}

/**
 * Active lines of a document, in order. Source: CDN.TraElem columns from the Python insert [PYINS];
 * TrE_TrNId = TrN_TrNID and TrE_Aktywny <> 0 as in Comarch's BI reports [BI].
 */
export const SALES_DOCUMENT_LINES: SqlQuery<SalesLineRow> = {
  name: 'salesDocumentLines',
  params: { docId: 'int' },
  text: `SELECT e.TrE_Lp AS lineNo, e.TrE_TwrNazwa AS itemName, e.TrE_TwrKod AS itemCode, e.TrE_Ilosc AS quantity,
       e.TrE_Jm AS unit, e.TrE_Stawka AS vatRate, e.TrE_Flaga AS vatFlag,
       e.TrE_WartoscNetto AS lineNet, e.TrE_WartoscBrutto AS lineGross
FROM CDN.TraElem e
WHERE e.TrE_TrNId = @docId
  AND e.TrE_Aktywny <> 0
ORDER BY e.TrE_Lp`,
};

export interface SalesVatRow {
  vatRate: number | string | null;
  vatFlag: number | null;
  net: number | string | null;
  vat: number | string | null;
}

/**
 * The document's own VAT table. Source: CDN.TraVat keyed by TrV_TrNID, with TrV_Flaga [ADHOC]; the amount
 * and rate columns TrV_Stawka / TrV_Netto / TrV_VAT are UNCONFIRMED (no public Optima source found). When
 * SQL Server rejects them (error 207/208) the adapter computes the table from the lines instead.
 */
export const SALES_DOCUMENT_VAT: SqlQuery<SalesVatRow> = {
  name: 'salesDocumentVat',
  params: { docId: 'int' },
  text: `SELECT v.TrV_Stawka AS vatRate, v.TrV_Flaga AS vatFlag, v.TrV_Netto AS net, v.TrV_VAT AS vat
FROM CDN.TraVat v
WHERE v.TrV_TrNID = @docId
ORDER BY v.TrV_Stawka DESC`,
};

export interface KsefRow {
  docId: number;
  docType: number;
  ksefNumber: string | null;
  ksefStatusId: number | null;
  ksefStatus: string | null;
  ksefAcceptedAt: Date | string | null;
  ksefOffline: number | boolean | null;
  notForKsef: number | boolean | null;
}

/**
 * A document's KSeF columns. Source: [EF2] (the columns exist in a 2026 Optima). Optima's meaning of the status
 * code and text is UNCONFIRMED (optima/ksef.ts reads them as KSeF's own invoice status codes), and where Optima
 * keeps the FA(3) XML it sent is unknown: no hash, so a copy printed here carries the number without KOD I.
 */
export const KSEF_OF_DOCUMENT: SqlQuery<KsefRow> = {
  name: 'ksefOfDocument',
  params: { docId: 'int' },
  text: `SELECT d.TrN_TrNID AS docId, d.TrN_TypDokumentu AS docType, d.TrN_NrKSeF AS ksefNumber, d.TrN_KSeFStatusId AS ksefStatusId,
       d.TrN_KSeFStatus AS ksefStatus, d.TrN_KSeFDataPrzyjecia AS ksefAcceptedAt, d.TrN_KSeFTrybAwaryjny AS ksefOffline,
       d.TrN_NieWysylajDokumentuDoKSeF AS notForKsef
FROM CDN.TraNag d
WHERE d.TrN_TrNID = @docId`,
};

export interface DocumentCountRow {
  docType: number;
  documentCount: number;
}

/**
 * Counts of RO, PF, FS and PA documents dated on or after @since (the connection test's "last 30 days").
 * Source: TrN_TypDokumentu codes [FAQ]; TrN_DataDok [PYINS] [FAQ].
 */
export const RECENT_DOCUMENT_COUNTS: SqlQuery<DocumentCountRow> = {
  name: 'recentDocumentCounts',
  params: { since: 'datetime' },
  text: `SELECT d.TrN_TypDokumentu AS docType, COUNT(*) AS documentCount
FROM CDN.TraNag d
WHERE d.TrN_TypDokumentu IN (${DOCUMENT_TYPE.RO}, ${DOCUMENT_TYPE.PF}, ${DOCUMENT_TYPE.FS}, ${DOCUMENT_TYPE.PA})
  AND d.TrN_DataDok >= @since
GROUP BY d.TrN_TypDokumentu`,
};

/** Every fixed statement (the probes are generated from OPTIMA_DEPENDENCIES). */
export const ALL_QUERIES: readonly SqlQuery<unknown>[] = [
  DOCUMENTS_BY_EXTERNAL_NUMBER,
  DOCUMENTS_BY_ATTRIBUTE,
  DOCUMENT_BY_ID,
  REALIZATIONS_OF,
  SALES_DOCUMENT_HEADER,
  SALES_DOCUMENT_LINES,
  SALES_DOCUMENT_VAT,
  KSEF_OF_DOCUMENT,
  RECENT_DOCUMENT_COUNTS,
  ...OPTIMA_DEPENDENCIES.map(tableProbe),
];
