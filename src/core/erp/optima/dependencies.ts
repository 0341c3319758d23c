// The tables and columns of Comarch ERP Optima that the adapter reads, each with the public source that
// confirms it (or UNCONFIRMED), and a read-access probe per table. queries.ts holds the statements themselves;
// a unit test parses them and holds this list in step with what they read.
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
      c(
        'TrN_KSeFStatusId',
        "status code (UNCONFIRMED: read as KSeF's invoice status codes, 100/150 in progress, 200 accepted, 4xx/5xx refused)",
        '[EF2]; meaning UNCONFIRMED',
      ),
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
    columns: [c('FPl_FPlId', 'payment method id', '[FAQ] (filter on CDN.FormyPlatnosci)'), c('FPl_Nazwa', 'payment method name', '[FAQ]')],
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
    columns: [c('DeA_DeAId', 'attribute definition id', '[BI]'), c('DeA_Kod', 'attribute code (erp.optima.match.attributeCode)', '[BI]')],
  },
];

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
