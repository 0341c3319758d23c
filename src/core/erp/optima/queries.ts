// EVERY SQL statement of the Optima adapter, and the list of tables and columns they depend on, each with
// the public source that confirms it. All statements are read-only SELECTs with @named parameters (never
// string-built from input). They are written in the subset of T-SQL that SQLite also runs, so the tests run
// them unchanged on an SQLite copy of the tables; the only dialect difference — how parameters are bound
// and how dates travel — is handled in one place per executor (mssql-executor.ts / sqljs-executor.ts).
// Rules that keep the text portable: no TOP/LIMIT, no ISNULL (COALESCE), no date functions (dates come
// in as parameters), no string concatenation, no bracketed identifiers.
//
// Sources are cited by public file reference as in shared/research/optima.md:
//   [FAQ]   a copy of Comarch's Optima FAQ, "Konstruktor filtra" section (id:32753066452)
//   [JAVA]  production Java code reading Optima (id:67274284393)
//   [PYINS] Python code inserting into Optima's CDN.TraNag / CDN.TraElem (id:29613856218, id:29256005131)
//   [BI]    Comarch BI report SQL for Optima (id:27547855224, id:27789642469)
//   [EF]    an Entity Framework model of Optima tables (id:36853987007)
//   [ADHOC] an administrator's ad-hoc Optima script (id:32974423949)
//   [PRESTA] the PrestaShop → Optima importer (OptimaExportImportForPresta, id:34589553918)
//   [EF2]   an Entity Framework model scaffolded from a 2026 Optima company database, with TraNag's KSeF columns
//           (TrN_NrKSeF, TrN_KSeFStatusId, TrN_KSeFStatus, TrN_KSeFDataPrzyjecia, TrN_KSeFTrybAwaryjny,
//           TrN_NieWysylajDokumentuDoKSeF; id:39976391637); TrN_NrKSeF also in an Optima reporting script
//           (id:53997116778)
import type { SqlQuery } from './executor';

/** TrN_TypDokumentu codes [FAQ]. */
export const DOCUMENT_TYPE = { FS: 302, PA: 305, WZ: 306, RO: 308, PF: 320 } as const;

export type OptimaTable = 'TraNag' | 'TraNagRelacje' | 'TraElem' | 'TraVat' | 'FormyPlatnosci' | 'DokAtrybuty' | 'DefAtrybuty';

export interface ColumnDependency {
  column: string;
  /** What the adapter reads it for. */
  use: string;
  /** Public source(s); "UNCONFIRMED" when none was found. */
  source: string;
  confirmed: boolean;
}

export interface TableDependency {
  table: OptimaTable;
  /** Which feature needs it. */
  purpose: 'lookup' | 'realization' | 'pdf' | 'attribute-match' | 'ksef';
  /** A missing optional table degrades a feature instead of stopping the adapter (TraVat → VAT table from lines). */
  optional: boolean;
  columns: ColumnDependency[];
}

const c = (column: string, use: string, source: string): ColumnDependency => ({
  column,
  use,
  source,
  confirmed: !source.startsWith('UNCONFIRMED'),
});

/** The tables and columns every query below reads (kept in step by the unit test that parses the queries). */
export const OPTIMA_DEPENDENCIES: readonly TableDependency[] = [
  {
    table: 'TraNag',
    purpose: 'lookup',
    optional: false,
    columns: [
      c('TrN_TrNID', 'document id', '[FAQ] [JAVA] [PYINS]'),
      c('TrN_TypDokumentu', 'document type (308 RO, 320 PF, 302 FS, 305 PA, 306 WZ)', '[FAQ] type table; [PYINS]'),
      c('TrN_NumerPelny', 'full document number', '[JAVA] [BI]'),
      c('TrN_NumerObcy', 'external number holding the shop order number', '[FAQ] [PRESTA] [EF]'),
      c('TrN_Bufor', '0 = confirmed, 1 = in the buffer', '[PYINS] [BI]; meaning per research §2'),
      c('TrN_Anulowany', '1 = cancelled', '[JAVA] [PYINS]'),
      c('TrN_Korekta', '1 = correction document', '[PYINS]; meaning per research §2'),
      c('TrN_FaId', 'the document created from this one (RO/PF/WZ → FS/PA)', '[FAQ] (WZ→FA, PA→FA, FPF→FA)'),
      c('TrN_DataDok', 'document date', '[PYINS] [FAQ]'),
      c('TrN_DataWys', 'issue date of the sales document', '[PYINS]'),
      c('TrN_DataOpe', 'sale (operation) date', '[PYINS] [BI]; "sale date" meaning UNCONFIRMED'),
      c('TrN_Termin', 'payment due date', '[PYINS] [FAQ]'),
      c('TrN_RazemNetto', 'net total', '[PYINS] [EF]'),
      c('TrN_RazemVAT', 'VAT total', '[PYINS] [EF]'),
      c('TrN_RazemBrutto', 'gross total', '[PYINS] [EF]'),
      c('TrN_Waluta', "currency ('' = the company's own, PLN)", '[PYINS] [EF]'),
      c('TrN_FPlId', 'payment method id', '[PYINS]'),
      c('TrN_PodNazwa1', 'buyer name, line 1', '[PYINS]'),
      c('TrN_PodNazwa2', 'buyer name, line 2', '[PYINS]'),
      c('TrN_PodNazwa3', 'buyer name, line 3', '[PYINS]'),
      c('TrN_PodNipE', 'buyer tax id (NIP)', '[PYINS]'),
      c('TrN_PodUlica', 'buyer street', '[PYINS]'),
      c('TrN_PodNrDomu', 'buyer house number', '[PYINS]'),
      c('TrN_PodNrLokalu', 'buyer flat number', '[PYINS]'),
      c('TrN_PodKodPocztowy', 'buyer postcode', '[PYINS] [EF]'),
      c('TrN_PodMiasto', 'buyer city', '[PYINS]'),
      c('TrN_PodKraj', 'buyer country (a name, e.g. "Polska")', '[PYINS]'),
      c('TrN_OdbNazwa1', 'recipient name, line 1', '[PYINS]'),
      c('TrN_OdbNazwa2', 'recipient name, line 2', '[PYINS]'),
      c('TrN_OdbNazwa3', 'recipient name, line 3', '[PYINS]'),
      c('TrN_OdbUlica', 'recipient street', '[PYINS]'),
      c('TrN_OdbNrDomu', 'recipient house number', '[PYINS]'),
      c('TrN_OdbNrLokalu', 'recipient flat number', '[PYINS]'),
      c('TrN_OdbKodPocztowy', 'recipient postcode', '[PYINS] [EF]'),
      c('TrN_OdbMiasto', 'recipient city', '[PYINS]'),
      c('TrN_OdbKraj', 'recipient country', '[PYINS]'),
    ],
  },
  {
    // Optima's KSeF columns (Optima versions of 2026): an older Optima lacks them, which only the KSeF hold needs.
    table: 'TraNag',
    purpose: 'ksef',
    optional: true,
    columns: [
      c('TrN_NrKSeF', 'the KSeF number (empty until KSeF accepted the invoice)', '[EF2]; reporting script'),
      c('TrN_KSeFStatusId', "status code (UNCONFIRMED: read as KSeF's invoice status codes, 100/150 in progress, 200 accepted, 4xx/5xx refused)", '[EF2]; meaning UNCONFIRMED'),
      c('TrN_KSeFStatus', 'status text (the reason of a refusal)', '[EF2]; meaning UNCONFIRMED'),
      c('TrN_KSeFDataPrzyjecia', 'when KSeF accepted it', '[EF2]'),
      c('TrN_KSeFTrybAwaryjny', 'issued in an offline/emergency mode', '[EF2]; meaning UNCONFIRMED'),
      c('TrN_NieWysylajDokumentuDoKSeF', '1 = not sent to KSeF (outside KSeF)', '[EF2]; meaning UNCONFIRMED'),
    ],
  },
  {
    table: 'TraNagRelacje',
    purpose: 'realization',
    optional: false,
    columns: [
      c('TrR_TrNId', 'source document of a link (RO, PF, WZ)', '[FAQ] [JAVA]'),
      c('TrR_FaId', 'document created from the source (WZ, FS, PA)', '[FAQ] [JAVA]'),
    ],
  },
  {
    table: 'TraElem',
    purpose: 'pdf',
    optional: false,
    columns: [
      c('TrE_TrNId', 'document the line belongs to', '[PYINS] [BI]'),
      c('TrE_Lp', 'line number', '[PYINS] [BI]'),
      c('TrE_Aktywny', '0 = inactive line (skipped, as Comarch BI does)', '[BI] [PYINS]'),
      c('TrE_TwrNazwa', 'item name', '[PYINS]'),
      c('TrE_TwrKod', 'item code', '[PYINS] [JAVA]'),
      c('TrE_Ilosc', 'quantity', '[PYINS] [BI]'),
      c('TrE_Jm', 'unit of measure', '[PYINS]'),
      c('TrE_Stawka', 'VAT rate in percent', '[PYINS]'),
      c('TrE_Flaga', 'VAT flag (2 = taxed at TrE_Stawka; other values: exempt/not subject, UNCONFIRMED)', '[PYINS]; meaning UNCONFIRMED'),
      c('TrE_WartoscNetto', 'line net value', '[PYINS] [BI] [JAVA]'),
      c('TrE_WartoscBrutto', 'line gross value', '[PYINS] [BI]'),
    ],
  },
  {
    table: 'TraVat',
    purpose: 'pdf',
    optional: true,
    columns: [
      c('TrV_TrNID', 'document the VAT row belongs to', '[ADHOC]'),
      c('TrV_Flaga', 'VAT flag, as TrE_Flaga', '[ADHOC]; meaning UNCONFIRMED'),
      c('TrV_Stawka', 'VAT rate', 'UNCONFIRMED (named like TrE_Stawka; XL uses TrV_StawkaPod)'),
      c('TrV_Netto', 'net amount at the rate', 'UNCONFIRMED (named like TrN_RazemNetto; XL uses TrV_NettoR)'),
      c('TrV_VAT', 'VAT amount at the rate', 'UNCONFIRMED (named like TrN_RazemVAT; XL uses TrV_VatR)'),
    ],
  },
  {
    table: 'FormyPlatnosci',
    purpose: 'pdf',
    optional: false,
    columns: [
      c('FPl_FPlId', 'payment method id', '[FAQ] (filter on CDN.FormyPlatnosci)'),
      c('FPl_Nazwa', 'payment method name', '[FAQ]'),
    ],
  },
  {
    table: 'DokAtrybuty',
    purpose: 'attribute-match',
    optional: false,
    columns: [
      c('DAt_TrNId', 'document the attribute belongs to', '[BI] [EF]'),
      c('DAt_DeAId', 'attribute definition', '[BI]'),
      c('DAt_WartoscTxt', 'attribute value as text', '[BI]'),
    ],
  },
  {
    table: 'DefAtrybuty',
    purpose: 'attribute-match',
    optional: false,
    columns: [
      c('DeA_DeAId', 'attribute definition id', '[BI]'),
      c('DeA_Kod', 'attribute code (erp.optima.match.attributeCode)', '[BI]'),
    ],
  },
];

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

/**
 * A read-access probe per table: selects every column the adapter depends on and returns no row. SQL Server
 * answers 229 (no SELECT permission), 208 (no such table) or 207 (no such column, named in the message).
 */
export function tableProbe(dependency: TableDependency): SqlQuery<Record<string, unknown>> {
  return {
    name: `probe${dependency.table}${dependency.purpose === 'ksef' ? 'KSeF' : ''}`,
    params: {},
    text: `SELECT ${dependency.columns.map((column) => `t.${column.column}`).join(', ')}
FROM CDN.${dependency.table} t
WHERE 1 = 0`,
  };
}

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
