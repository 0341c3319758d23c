// The adapter-independent model of a printed sales document (FS invoice or PA receipt). The sandbox ERP
// builds it from its own tables; a real Optima adapter builds it from TraNag/TraElem/TraVat. The renderer
// reads nothing else.
import type { Grosze } from '../../model/money';
import { amountInWordsPl } from '../amount-in-words';
import { summarizeVat, type GrossLine } from '../vat';

export interface PartyAddress {
  street: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2; printed when not PL. */
  country?: string;
}

export interface SellerBlock extends PartyAddress {
  name: string;
  taxId: string;
  bankAccount?: string;
}

export interface BuyerBlock extends PartyAddress {
  /** Person's name. */
  name: string;
  company?: string;
  taxId?: string;
  email?: string;
}

export interface DocumentLine {
  name: string;
  quantity: number;
  unit: string;
  unitNet: Grosze;
  unitGross: Grosze;
  /** Percent (23, 8, 5, 0) or a label such as "zw". */
  vatRate: number | string;
  net: Grosze;
  gross: Grosze;
}

export interface VatTableRow {
  vatRate: number | string;
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
}

export interface SalesDocumentModel {
  kind: 'FS' | 'PA';
  /** Full number, e.g. "FS/3/2026". */
  number: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  saleDate: string;
  /** Place of issue (usually the seller's city). */
  place?: string;
  paymentMethod: string;
  /** YYYY-MM-DD, when there is a due date. */
  paymentDue?: string;
  currency: string;
  seller: SellerBlock;
  buyer: BuyerBlock;
  /** Delivery recipient, printed when it differs from the buyer. */
  recipient?: BuyerBlock;
  lines: DocumentLine[];
  vatTable: VatTableRow[];
  totals: { net: Grosze; vat: Grosze; gross: Grosze };
  /** Printed under the totals, e.g. the amount in words (PLN only). */
  amountInWords?: string;
  /** The shop order the document came from, e.g. "Zamówienie sklepu: #1024". */
  reference?: string;
  /** Prints "Kopia wygenerowana z danych ERP" (or this text): the PDF is not the ERP's own printout. */
  copyFromErpLabel?: boolean | string;
  /**
   * KSeF: the invoice's KSeF number, and its KOD I verification link when the hash of its FA(3) file is known
   * (printed as a QR code with the number, or "OFFLINE" while it has none, under it). Absent: no KSeF block.
   */
  ksef?: { number?: string; verificationUrl?: string };
}

export interface GrossPricedLine extends GrossLine {
  name: string;
  unit: string;
}

/**
 * Lines, VAT table, totals and amount in words of a document priced in gross, computed with the method of
 * vat.ts. Adapters whose ERP already holds a VAT table (Optima's TraVat) fill the model themselves.
 */
export function grossPricedContent(
  lines: readonly GrossPricedLine[],
  currency: string,
): Pick<SalesDocumentModel, 'lines' | 'vatTable' | 'totals' | 'amountInWords'> {
  const summary = summarizeVat(lines);
  return {
    lines: lines.map((line, index) => {
      const values = summary.lines[index]!;
      return {
        name: line.name,
        quantity: line.quantity,
        unit: line.unit,
        unitNet: values.unitNet,
        unitGross: line.unitGross,
        vatRate: values.vatRate,
        net: values.net,
        gross: values.gross,
      };
    }),
    vatTable: summary.rows,
    totals: { net: summary.totalNet, vat: summary.totalVat, gross: summary.totalGross },
    ...(currency === 'PLN' ? { amountInWords: amountInWordsPl(summary.totalGross) } : {}),
  };
}

/** The PDF file name of a document number: "FS/3/2026" → "FS_3_2026.pdf". */
export function salesDocumentFileName(number: string): string {
  return `${number.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '')}.pdf`;
}
