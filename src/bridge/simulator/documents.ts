// A new trade document of the simulator (IDokumentHaMag) and what Sesja.Save() does with it: checks the
// Rodzaj/TypDokumentu pair and the numbering definition, prices the lines from the item cards' VAT rates
// (gross or net, TypNB), numbers it and writes CDN.TraNag, CDN.TraElem and CDN.TraVat.
import type { SqlValue } from 'sql.js';
import { toGrosze, groszeToDecimal } from '../../core/model/money';
import { summarizeVat } from '../../core/erp/vat';
import type { ComValue } from '../com/types';
import { ComError, type Handled, NOT_HANDLED, SimAddress, SimObject } from './com-object';
import type { SimulatedCompany } from './company';
import { nextNumber } from './numbering';
import { SimContractor, SimRecord } from './objects';

class SimNumerator extends SimObject {
  constructor() {
    super('Numerator', ['definicjadokumentu', 'rejestr']);
  }

  get definition(): SimRecord | undefined {
    const value = this.value('definicjadokumentu');
    return value instanceof SimRecord ? value : undefined;
  }

  get series(): string {
    return this.text('rejestr');
  }
}

export class SimLine extends SimObject {
  item: SimRecord | undefined;
  name: string | undefined;

  constructor(private readonly company: SimulatedCompany) {
    super('ElementHaMag', ['towarkod', 'towarid', 'ilosc', 'iloscjm', 'cenat', 'wartoscnetto']);
  }

  protected override check(name: string, value: ComValue): void {
    if (name !== 'towarkod' && name !== 'towarid') return;
    const row = this.company.one(`SELECT * FROM CDN.Towary WHERE ${name === 'towarkod' ? 'Twr_Kod' : 'Twr_TwrId'} = ?`, [
      value as SqlValue,
    ]);
    // UNCONFIRMED: Optima's error for an unknown item code; the mapping looks items up before it sets them.
    if (!row) throw new ComError(`Nie znaleziono towaru ${String(value)}`);
    this.item = new SimRecord('Towar', row, {});
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name !== 'ustawnazwetowaru') return NOT_HANDLED;
    this.name = String(args[0] ?? '');
    return null;
  }

  get quantity(): number {
    return Number(this.value('ilosc') || this.value('iloscjm') || 0);
  }

  get price(): number {
    return Number(this.value('cenat') || 0);
  }
}

class SimLines extends SimObject {
  readonly lines: SimLine[] = [];

  constructor(private readonly company: SimulatedCompany) {
    super('Elementy', []);
  }

  protected override computed(name: string): Handled<ComValue> {
    return name === 'count' ? this.lines.length : NOT_HANDLED;
  }

  protected override method(name: string): Handled<ComValue> {
    if (name !== 'addnew') return NOT_HANDLED;
    const line = new SimLine(this.company);
    this.lines.push(line);
    return line;
  }
}

const STORED = [
  'rodzaj',
  'typdokumentu',
  'bufor',
  'datadok',
  'podmiot',
  'formaplatnosci',
  'walutasymbol',
  'typnb',
  'numerobcy',
  'opis',
  'odbnazwa1',
  'odbnazwa2',
  'odbtelefon',
  'odbemail',
  'podnazwa1',
  'podnazwa2',
  'magazynzrodlowyid',
];

export class SimDocument extends SimObject {
  readonly numerator = new SimNumerator();
  readonly elements: SimLines;
  readonly recipient = new SimAddress();
  readonly buyerAddress = new SimAddress();
  id: number | undefined;
  fullNumber = '';

  constructor(company: SimulatedCompany) {
    super('DokumentHaMag', STORED);
    this.elements = new SimLines(company);
  }

  protected override computed(name: string): Handled<ComValue> {
    switch (name) {
      case 'id':
        return this.id ?? 0;
      case 'numerpelny':
        return this.fullNumber;
      case 'numerator':
        return this.numerator;
      case 'elementy':
        return this.elements;
      case 'odbadres':
        return this.recipient;
      case 'podadres':
        return this.buyerAddress;
      default:
        return NOT_HANDLED;
    }
  }

  field(name: (typeof STORED)[number]): ComValue {
    return this.value(name);
  }

  fieldText(name: (typeof STORED)[number]): string {
    return this.text(name);
  }
}

/** A COM date (local midnight) → the stored day. */
function day(value: ComValue): string {
  if (!(value instanceof Date)) throw new ComError('DokumentHaMag: DataDok is required');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

interface PricedLine {
  line: SimLine;
  rate: number;
  net: number;
  gross: number;
}

/** Line values and the VAT table from the item cards' rates: from gross (TypNB 2) or from net (TypNB 1). */
function price(document: SimDocument): { lines: PricedLine[]; rows: Array<{ rate: number; net: number; vat: number }> } {
  const gross = Number(document.field('typnb') || 2) === 2;
  const entries = document.elements.lines.map((line) => {
    if (!line.item) throw new ComError('ElementHaMag: TowarKod is required');
    return { line, rate: Number(line.item.row.Twr_Stawka), unit: toGrosze(line.price) };
  });
  if (gross) {
    const summary = summarizeVat(entries.map((e) => ({ quantity: e.line.quantity, unitGross: e.unit, vatRate: e.rate })));
    return {
      lines: entries.map((e, i) => ({ line: e.line, rate: e.rate, net: summary.lines[i]!.net, gross: summary.lines[i]!.gross })),
      rows: summary.rows.map((row) => ({ rate: row.vatRate, net: row.net, vat: row.vat })),
    };
  }
  const lines = entries.map((e) => {
    const net = Math.round(e.unit * e.line.quantity);
    return { line: e.line, rate: e.rate, net, gross: net + Math.round((net * e.rate) / 100) };
  });
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.rate, (byRate.get(line.rate) ?? 0) + line.net);
  return { lines, rows: [...byRate].map(([rate, net]) => ({ rate, net, vat: Math.round((net * rate) / 100) })) };
}

const money = (grosze: number) => Number(groszeToDecimal(grosze));

export function saveDocument(company: SimulatedCompany, document: SimDocument): void {
  const type = Number(document.field('typdokumentu'));
  const rodzaj = Number(document.field('rodzaj'));
  if (Math.floor(rodzaj / 1000) !== type) throw new ComError(`Rodzaj dokumentu ${rodzaj} nie pasuje do typu ${type}`);
  const definition = document.numerator.definition;
  if (!definition) throw new ComError('Numerator: DefinicjaDokumentu is required');
  if (Number(definition.row.DDf_Klasa) !== type)
    throw new ComError(`Definicja dokumentu ${String(definition.row.DDf_Symbol)} nie dotyczy dokumentów typu ${type}`);
  const buyer = document.field('podmiot');
  if (!(buyer instanceof SimContractor) || buyer.id === undefined) throw new ComError('DokumentHaMag: Podmiot must be a saved contractor');
  const payment = document.field('formaplatnosci');
  if (!(payment instanceof SimRecord)) throw new ComError('DokumentHaMag: FormaPlatnosci is required');
  if (document.elements.lines.length === 0) throw new ComError('DokumentHaMag: a document needs at least one line');
  const date = day(document.field('datadok'));
  const { number, counter } = nextNumber(
    company,
    Number(definition.row.DDf_DDfID),
    String(definition.row.DDf_Symbol),
    date,
    document.numerator.series,
  );
  const priced = price(document);
  const totalNet = priced.rows.reduce((sum, row) => sum + row.net, 0);
  const totalVat = priced.rows.reduce((sum, row) => sum + row.vat, 0);
  const party = buyer.snapshot;
  const oneOff = document.fieldText('podnazwa1') !== '';
  const buyerAddress = oneOff ? document.buyerAddress : party.address;
  const currency = document.fieldText('walutasymbol');
  const r = document.recipient;
  const columns: Record<string, SqlValue> = {
    TrN_TypDokumentu: type,
    TrN_Rodzaj: rodzaj,
    TrN_DDfId: Number(definition.row.DDf_DDfID),
    TrN_NumerNr: counter,
    TrN_Seria: document.numerator.series,
    TrN_NumerPelny: number,
    TrN_NumerObcy: document.fieldText('numerobcy'),
    TrN_Bufor: Number(document.field('bufor') || 0) ? 1 : 0,
    TrN_TypNB: Number(document.field('typnb') || 2),
    TrN_DataDok: date,
    TrN_DataWys: date,
    TrN_DataOpe: date,
    TrN_RazemNetto: money(totalNet),
    TrN_RazemVAT: money(totalVat),
    TrN_RazemBrutto: money(totalNet + totalVat),
    TrN_Waluta: currency === 'PLN' ? '' : currency,
    TrN_FPlId: Number(payment.row.FPl_FPlId),
    TrN_PodID: buyer.id,
    TrN_PodNazwa1: oneOff ? document.fieldText('podnazwa1') : party.name1,
    TrN_PodNazwa2: oneOff ? document.fieldText('podnazwa2') : party.name2,
    TrN_PodNipE: oneOff ? '' : party.nip,
    TrN_PodUlica: buyerAddress.field('ulica'),
    TrN_PodNrDomu: buyerAddress.field('nrdomu'),
    TrN_PodNrLokalu: buyerAddress.field('nrlokalu'),
    TrN_PodKodPocztowy: buyerAddress.field('kodpocztowy'),
    TrN_PodMiasto: buyerAddress.field('miasto'),
    TrN_PodKraj: buyerAddress.field('kraj'),
    TrN_OdbNazwa1: document.fieldText('odbnazwa1'),
    TrN_OdbNazwa2: document.fieldText('odbnazwa2'),
    TrN_OdbUlica: r.field('ulica'),
    TrN_OdbNrDomu: r.field('nrdomu'),
    TrN_OdbNrLokalu: r.field('nrlokalu'),
    TrN_OdbKodPocztowy: r.field('kodpocztowy'),
    TrN_OdbMiasto: r.field('miasto'),
    TrN_OdbKraj: r.field('kraj'),
    TrN_OdbTelefon: document.fieldText('odbtelefon'),
    TrN_OdbEmail: document.fieldText('odbemail'),
    TrN_Opis: document.fieldText('opis'),
  };
  const names = Object.keys(columns);
  company.db.run(
    `INSERT INTO CDN.TraNag (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    names.map((n) => columns[n]!),
  );
  const id = company.lastId();
  priced.lines.forEach((entry, index) => {
    const item = entry.line.item!.row;
    company.db.run(
      `INSERT INTO CDN.TraElem (TrE_TrNId, TrE_Lp, TrE_TwrId, TrE_TwrNazwa, TrE_TwrKod, TrE_Ilosc, TrE_Jm, TrE_Cena, TrE_Stawka, TrE_Flaga, TrE_WartoscNetto, TrE_WartoscBrutto)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?)`,
      [
        id,
        index + 1,
        item.Twr_TwrId!,
        entry.line.name ?? String(item.Twr_Nazwa),
        String(item.Twr_Kod),
        entry.line.quantity,
        String(item.Twr_JM),
        entry.line.price,
        entry.rate,
        money(entry.net),
        money(entry.gross),
      ],
    );
  });
  for (const row of priced.rows)
    company.db.run('INSERT INTO CDN.TraVat (TrV_TrNID, TrV_Flaga, TrV_Stawka, TrV_Netto, TrV_VAT) VALUES (?, 2, ?, ?, ?)', [
      id,
      row.rate,
      money(row.net),
      money(row.vat),
    ]);
  document.id = id;
  document.fullNumber = number;
}
