// Optima's stored sales document (header, lines, VAT table) → the renderer's adapter-independent model.
// Every amount is Optima's own (nothing recomputed) except unit prices, which Optima keeps in price
// columns whose meaning depends on the document's net/gross mode; they are derived from the line values.
import type { KsefState } from '../../ksef/state';
import type { Grosze } from '../../model/money';
import { amountInWordsPl } from '../amount-in-words';
import type { BuyerBlock, DocumentLine, SalesDocumentModel, SellerBlock, VatTableRow } from '../pdf/model';
import { decimal, grosze, isoDate, kindOfType, textOf } from './rows';
import type { SalesHeaderRow, SalesLineRow, SalesVatRow } from './queries';

/** Where the VAT table came from: Optima's CDN.TraVat, or summed from the lines when TraVat is unreadable. */
export type VatTableSource = 'TraVat' | 'lines';

/**
 * The printed rate of a line or VAT row. TrE_Flaga/TrV_Flaga 2 = taxed at the rate (confirmed by an insert
 * that writes flag 2 with a 5 % rate); 0 = exempt ("zw") and 1 = not subject ("np") are UNCONFIRMED.
 */
export function vatLabel(rate: unknown, flag: unknown): number | string {
  if (flag === 0 || flag === '0') return 'zw';
  if (flag === 1 || flag === '1') return 'np';
  const value = decimal(rate);
  return Number.isInteger(value) ? value : Number(value.toFixed(2));
}

/** "Polska" (Optima stores country names) and empty mean Poland; other names are printed as stored. */
function country(value: unknown): string {
  const name = textOf(value);
  return name === '' || /^(polska|pl|poland)$/i.test(name) ? 'PL' : name;
}

function street(name: unknown, house: unknown, flat: unknown): string {
  const number = [textOf(house), textOf(flat)].filter(Boolean).join('/');
  return [textOf(name), number].filter(Boolean).join(' ');
}

function joinNames(...parts: unknown[]): string {
  return parts.map(textOf).filter(Boolean).join(' ');
}

export function buyerOf(header: SalesHeaderRow): BuyerBlock {
  const taxId = textOf(header.buyerTaxId);
  return {
    name: joinNames(header.buyerName1, header.buyerName2, header.buyerName3),
    ...(taxId ? { taxId } : {}),
    street: street(header.buyerStreet, header.buyerHouse, header.buyerFlat),
    postcode: textOf(header.buyerPostcode),
    city: textOf(header.buyerCity),
    country: country(header.buyerCountry),
  };
}

/** The recipient, when the document names one that differs from the buyer. */
export function recipientOf(header: SalesHeaderRow, buyer: BuyerBlock): BuyerBlock | undefined {
  const name = joinNames(header.recipientName1, header.recipientName2, header.recipientName3);
  if (!name) return undefined;
  const recipient: BuyerBlock = {
    name,
    street: street(header.recipientStreet, header.recipientHouse, header.recipientFlat),
    postcode: textOf(header.recipientPostcode),
    city: textOf(header.recipientCity),
    country: country(header.recipientCountry),
  };
  const same =
    recipient.name === buyer.name &&
    recipient.street === buyer.street &&
    recipient.postcode === buyer.postcode &&
    recipient.city === buyer.city;
  return same ? undefined : recipient;
}

export function linesOf(rows: readonly SalesLineRow[]): DocumentLine[] {
  return rows.map((row) => {
    const quantity = decimal(row.quantity);
    const net = grosze(row.lineNet);
    const gross = grosze(row.lineGross);
    const per = (value: Grosze) => (quantity === 0 ? value : Math.round(value / quantity));
    return {
      name: textOf(row.itemName) || textOf(row.itemCode),
      quantity,
      unit: textOf(row.unit) || 'szt.',
      unitNet: per(net),
      unitGross: per(gross),
      vatRate: vatLabel(row.vatRate, row.vatFlag),
      net,
      gross,
    };
  });
}

function orderedRows(byLabel: Map<string, VatTableRow>): VatTableRow[] {
  return [...byLabel.values()].sort((a, b) => {
    if (typeof a.vatRate === 'number' && typeof b.vatRate === 'number') return b.vatRate - a.vatRate;
    return typeof a.vatRate === 'number' ? -1 : typeof b.vatRate === 'number' ? 1 : String(a.vatRate).localeCompare(String(b.vatRate));
  });
}

/** Optima's VAT table, one row per printed rate (TraVat may split a rate, e.g. goods and services). */
export function vatTableFromTraVat(rows: readonly SalesVatRow[]): VatTableRow[] {
  const byLabel = new Map<string, VatTableRow>();
  for (const row of rows) {
    const vatRate = vatLabel(row.vatRate, row.vatFlag);
    const key = String(vatRate);
    const current = byLabel.get(key) ?? { vatRate, net: 0, vat: 0, gross: 0 };
    const net = grosze(row.net);
    const vat = grosze(row.vat);
    byLabel.set(key, { vatRate, net: current.net + net, vat: current.vat + vat, gross: current.gross + net + vat });
  }
  return orderedRows(byLabel);
}

/** The VAT table summed from Optima's line values (used when CDN.TraVat cannot be read). */
export function vatTableFromLines(lines: readonly DocumentLine[]): VatTableRow[] {
  const byLabel = new Map<string, VatTableRow>();
  for (const line of lines) {
    const key = String(line.vatRate);
    const current = byLabel.get(key) ?? { vatRate: line.vatRate, net: 0, vat: 0, gross: 0 };
    byLabel.set(key, {
      vatRate: line.vatRate,
      net: current.net + line.net,
      gross: current.gross + line.gross,
      vat: current.vat + line.gross - line.net,
    });
  }
  return orderedRows(byLabel);
}

export interface SalesModelInput {
  header: SalesHeaderRow;
  lines: readonly SalesLineRow[];
  /** undefined: TraVat could not be read; the table is summed from the lines. */
  vatRows: readonly SalesVatRow[] | undefined;
  seller: SellerBlock;
  /** The document's KSeF state as the pass knows it: the number is printed (never a KOD I: no hash here). */
  ksef?: KsefState;
}

export function salesDocumentModel(input: SalesModelInput): { model: SalesDocumentModel; vatTableSource: VatTableSource } {
  const { header, seller } = input;
  const kind = kindOfType(header.docType);
  if (kind !== 'FS' && kind !== 'PA') throw new Error(`Document ${header.docId} is not an FS or PA (type ${header.docType})`);
  const lines = linesOf(input.lines);
  const fromTraVat = input.vatRows && input.vatRows.length > 0 ? vatTableFromTraVat(input.vatRows) : undefined;
  const vatTable = fromTraVat ?? vatTableFromLines(lines);
  const currency = textOf(header.currency) || 'PLN';
  const issueDate = isoDate(header.issueDate) ?? isoDate(header.documentDate) ?? '';
  const dueDate = isoDate(header.dueDate);
  const buyer = buyerOf(header);
  const recipient = recipientOf(header, buyer);
  const externalNumber = textOf(header.externalNumber);
  const totals = { net: grosze(header.totalNet), vat: grosze(header.totalVat), gross: grosze(header.totalGross) };
  const model: SalesDocumentModel = {
    kind,
    number: textOf(header.fullNumber) || `#${header.docId}`,
    issueDate,
    saleDate: isoDate(header.saleDate) ?? issueDate,
    ...(seller.city ? { place: seller.city } : {}),
    paymentMethod: textOf(header.paymentMethod) || '—',
    ...(dueDate && kind === 'FS' ? { paymentDue: dueDate } : {}),
    currency,
    seller,
    buyer,
    ...(recipient ? { recipient } : {}),
    lines,
    vatTable,
    totals,
    ...(currency === 'PLN' ? { amountInWords: amountInWordsPl(totals.gross) } : {}),
    ...(externalNumber ? { reference: `Numer obcy: ${externalNumber}` } : {}),
    copyFromErpLabel: true,
    ...(kind === 'FS' && input.ksef?.number ? { ksef: { number: input.ksef.number } } : {}),
  };
  return { model, vatTableSource: fromTraVat ? 'TraVat' : 'lines' };
}
