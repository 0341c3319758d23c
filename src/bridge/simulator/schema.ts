// The simulated Optima company: an SQLite database with the CDN tables the bridge writes through COM and
// reads through ADO — the columns the read side's queries use (src/core/erp/optima/queries.ts), plus the
// dictionaries the mapping looks up. Column names follow Optima's; UNCONFIRMED ones are marked in the mapping.
import type { Database } from 'sql.js';
import { sampleOrders } from '../../core/shops/demo/sample-orders';

export const SIMULATOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS CDN.Kontrahenci (
  Knt_KntId INTEGER PRIMARY KEY,
  Knt_Kod TEXT NOT NULL,
  Knt_Nazwa1 TEXT NOT NULL DEFAULT '',
  Knt_Nazwa2 TEXT NOT NULL DEFAULT '',
  Knt_NipE TEXT NOT NULL DEFAULT '',
  Knt_Email TEXT NOT NULL DEFAULT '',
  Knt_Telefon1 TEXT NOT NULL DEFAULT '',
  Knt_Ulica TEXT NOT NULL DEFAULT '',
  Knt_NrDomu TEXT NOT NULL DEFAULT '',
  Knt_NrLokalu TEXT NOT NULL DEFAULT '',
  Knt_KodPocztowy TEXT NOT NULL DEFAULT '',
  Knt_Miasto TEXT NOT NULL DEFAULT '',
  Knt_Kraj TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS CDN.KntKod ON Kontrahenci (Knt_Kod);
CREATE TABLE IF NOT EXISTS CDN.Towary (
  Twr_TwrId INTEGER PRIMARY KEY,
  Twr_Kod TEXT NOT NULL,
  Twr_Nazwa TEXT NOT NULL,
  Twr_Typ INTEGER NOT NULL DEFAULT 0,
  Twr_Stawka NUMERIC NOT NULL DEFAULT 23,
  Twr_Flaga INTEGER NOT NULL DEFAULT 2,
  Twr_JM TEXT NOT NULL DEFAULT 'szt.'
);
CREATE UNIQUE INDEX IF NOT EXISTS CDN.TwrKod ON Towary (Twr_Kod);
CREATE TABLE IF NOT EXISTS CDN.FormyPlatnosci (FPl_FPlId INTEGER PRIMARY KEY, FPl_Nazwa TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS CDN.DefinicjeDokumentow (DDf_DDfID INTEGER PRIMARY KEY, DDf_Symbol TEXT NOT NULL, DDf_Klasa INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS CDN.TraNag (
  TrN_TrNID INTEGER PRIMARY KEY,
  TrN_TypDokumentu INTEGER NOT NULL,
  TrN_Rodzaj INTEGER NOT NULL,
  TrN_DDfId INTEGER NULL,
  TrN_NumerNr INTEGER NOT NULL DEFAULT 0,
  -- The simulator's own column (Optima's place for the series is UNCONFIRMED): the numerator's register.
  TrN_Seria TEXT NOT NULL DEFAULT '',
  TrN_NumerPelny TEXT NOT NULL DEFAULT '',
  TrN_NumerObcy TEXT NOT NULL DEFAULT '',
  TrN_Bufor INTEGER NOT NULL DEFAULT 0,
  TrN_Anulowany INTEGER NOT NULL DEFAULT 0,
  TrN_Korekta INTEGER NOT NULL DEFAULT 0,
  TrN_FaId INTEGER NULL,
  TrN_TypNB INTEGER NOT NULL DEFAULT 2,
  TrN_DataDok TEXT NULL,
  TrN_DataWys TEXT NULL,
  TrN_DataOpe TEXT NULL,
  TrN_Termin TEXT NULL,
  TrN_RazemNetto NUMERIC NOT NULL DEFAULT 0,
  TrN_RazemVAT NUMERIC NOT NULL DEFAULT 0,
  TrN_RazemBrutto NUMERIC NOT NULL DEFAULT 0,
  TrN_Waluta TEXT NOT NULL DEFAULT '',
  TrN_FPlId INTEGER NULL,
  TrN_PodID INTEGER NULL,
  TrN_PodNazwa1 TEXT NOT NULL DEFAULT '',
  TrN_PodNazwa2 TEXT NOT NULL DEFAULT '',
  TrN_PodNazwa3 TEXT NOT NULL DEFAULT '',
  TrN_PodNipE TEXT NOT NULL DEFAULT '',
  TrN_PodUlica TEXT NOT NULL DEFAULT '',
  TrN_PodNrDomu TEXT NOT NULL DEFAULT '',
  TrN_PodNrLokalu TEXT NOT NULL DEFAULT '',
  TrN_PodKodPocztowy TEXT NOT NULL DEFAULT '',
  TrN_PodMiasto TEXT NOT NULL DEFAULT '',
  TrN_PodKraj TEXT NOT NULL DEFAULT '',
  TrN_OdbNazwa1 TEXT NOT NULL DEFAULT '',
  TrN_OdbNazwa2 TEXT NOT NULL DEFAULT '',
  TrN_OdbNazwa3 TEXT NOT NULL DEFAULT '',
  TrN_OdbUlica TEXT NOT NULL DEFAULT '',
  TrN_OdbNrDomu TEXT NOT NULL DEFAULT '',
  TrN_OdbNrLokalu TEXT NOT NULL DEFAULT '',
  TrN_OdbKodPocztowy TEXT NOT NULL DEFAULT '',
  TrN_OdbMiasto TEXT NOT NULL DEFAULT '',
  TrN_OdbKraj TEXT NOT NULL DEFAULT '',
  TrN_OdbTelefon TEXT NOT NULL DEFAULT '',
  -- KSeF as a 2026 Optima records it (status 0: not numbered yet; see src/core/erp/optima/ksef.ts).
  TrN_NrKSeF TEXT NOT NULL DEFAULT '',
  TrN_KSeFStatusId INTEGER NOT NULL DEFAULT 0,
  TrN_KSeFStatus TEXT NOT NULL DEFAULT '',
  TrN_KSeFDataPrzyjecia TEXT NULL,
  TrN_KSeFTrybAwaryjny INTEGER NULL,
  TrN_NieWysylajDokumentuDoKSeF INTEGER NOT NULL DEFAULT 0,
  TrN_OdbEmail TEXT NOT NULL DEFAULT '',
  TrN_Opis TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS CDN.TraNagRelacje (
  TrR_TrRId INTEGER PRIMARY KEY, TrR_TrNTyp INTEGER NOT NULL, TrR_TrNId INTEGER NOT NULL,
  TrR_FaTyp INTEGER NOT NULL, TrR_FaId INTEGER NOT NULL, TrR_Flaga INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS CDN.TraElem (
  TrE_TrEID INTEGER PRIMARY KEY,
  TrE_TrNId INTEGER NOT NULL,
  TrE_Lp INTEGER NOT NULL,
  TrE_Aktywny INTEGER NOT NULL DEFAULT 1,
  TrE_TwrId INTEGER NULL,
  TrE_TwrNazwa TEXT NOT NULL DEFAULT '',
  TrE_TwrKod TEXT NOT NULL DEFAULT '',
  TrE_Ilosc NUMERIC NOT NULL DEFAULT 0,
  TrE_Jm TEXT NOT NULL DEFAULT '',
  TrE_Cena NUMERIC NOT NULL DEFAULT 0,
  TrE_Stawka NUMERIC NOT NULL DEFAULT 0,
  TrE_Flaga INTEGER NOT NULL DEFAULT 2,
  TrE_WartoscNetto NUMERIC NOT NULL DEFAULT 0,
  TrE_WartoscBrutto NUMERIC NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS CDN.TraVat (
  TrV_TrVID INTEGER PRIMARY KEY, TrV_TrNID INTEGER NOT NULL, TrV_Flaga INTEGER NOT NULL DEFAULT 2,
  TrV_Stawka NUMERIC NOT NULL DEFAULT 0, TrV_Netto NUMERIC NOT NULL DEFAULT 0, TrV_VAT NUMERIC NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS CDN.DefAtrybuty (DeA_DeAId INTEGER PRIMARY KEY, DeA_Kod TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS CDN.DokAtrybuty (
  DAt_DAtId INTEGER PRIMARY KEY, DAt_TrNId INTEGER NOT NULL, DAt_DeAId INTEGER NOT NULL, DAt_WartoscTxt TEXT NOT NULL DEFAULT ''
);
`;

/** What a simulated company holds besides documents; everything optional (the defaults are the demo company's). */
export interface SimulatorSeed {
  company?: string;
  /** Operator code → password. */
  operators?: Record<string, string>;
  /** false: the login fails as without a licence for the modules. */
  licence?: boolean;
  paymentMethods?: string[];
  items?: Array<{ code: string; name: string; vatRate: number; service?: boolean }>;
  contractors?: Array<{ code: string; name: string; nip?: string; email?: string }>;
}

/** Optima's usual payment methods (UNCONFIRMED: the exact names in a new company). */
export const DEFAULT_PAYMENT_METHODS = ['gotówka', 'przelew', 'karta', 'kredyt', 'pobranie'];

/** The demo shop's products (so the demo and a deployment's first pass run as they are) and the shipping service. */
function defaultItems(): NonNullable<SimulatorSeed['items']> {
  const items = new Map<string, { code: string; name: string; vatRate: number; service?: boolean }>();
  for (const order of sampleOrders(new Date(0))) {
    for (const line of order.lines)
      if (line.sku && !line.isShipping) items.set(line.sku, { code: line.sku, name: line.name, vatRate: line.vatRate ?? 23 });
  }
  items.set('TRANSPORT', { code: 'TRANSPORT', name: 'Transport', vatRate: 23, service: true });
  return [...items.values()];
}

export function createCompany(db: Database, seed: SimulatorSeed): void {
  db.exec(SIMULATOR_SCHEMA);
  db.run(`INSERT INTO CDN.Kontrahenci (Knt_KntId, Knt_Kod, Knt_Nazwa1) VALUES (1, '!NIEOKREŚLONY!', 'Nabywca nieokreślony')`);
  for (const contractor of seed.contractors ?? []) {
    db.run('INSERT INTO CDN.Kontrahenci (Knt_Kod, Knt_Nazwa1, Knt_NipE, Knt_Email) VALUES (?, ?, ?, ?)', [
      contractor.code,
      contractor.name,
      contractor.nip ?? '',
      contractor.email ?? '',
    ]);
  }
  for (const item of seed.items ?? defaultItems()) {
    db.run('INSERT INTO CDN.Towary (Twr_Kod, Twr_Nazwa, Twr_Typ, Twr_Stawka, Twr_JM) VALUES (?, ?, ?, ?, ?)', [
      item.code,
      item.name,
      item.service ? 1 : 0,
      item.vatRate,
      item.service ? 'usł.' : 'szt.',
    ]);
  }
  for (const name of seed.paymentMethods ?? DEFAULT_PAYMENT_METHODS)
    db.run('INSERT INTO CDN.FormyPlatnosci (FPl_Nazwa) VALUES (?)', [name]);
  for (const [symbol, type] of [
    ['RO', 308],
    ['FPF', 320],
    ['FS', 302],
    ['PA', 305],
    ['WZ', 306],
  ] as const) {
    db.run('INSERT INTO CDN.DefinicjeDokumentow (DDf_Symbol, DDf_Klasa) VALUES (?, ?)', [symbol, type]);
  }
}
