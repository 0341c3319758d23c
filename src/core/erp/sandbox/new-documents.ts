// The fields of a new sandbox document: the one an import creates for an order, or the FS/PA that realizes an
// RO/PF. SandboxErp numbers and totals it when it inserts it (the numbering rules are in index.ts).
import type { ShopOrder } from '../../model/order';
import type { ErpDocumentKind, ImportMode, SalesDocumentKind } from '../gateway';
import { recipientSnapshot } from './contractors';
import type { DocumentRow, LineRow, PartySnapshot } from './records';

/** A document before it is numbered and totalled. */
export type NewDocument = Omit<DocumentRow, 'id' | 'number' | 'seriesYear' | 'seriesNumber' | 'totalNet' | 'totalVat' | 'totalGross'>;

const UNSET_PAYMENT = '—';

export function salesKindFor(buyer: Pick<PartySnapshot, 'taxId'>): SalesDocumentKind {
  return buyer.taxId ? 'FS' : 'PA';
}

/** The kind of document an import mode creates for a buyer: AUTO is FS with a tax id, else PA. */
export function kindForMode(mode: ImportMode, buyer: Pick<PartySnapshot, 'taxId'>): ErpDocumentKind {
  return mode === 'AUTO' ? salesKindFor(buyer) : mode;
}

/** The order's lines as document lines, numbered from 1. */
export function linesOfOrder(order: ShopOrder): LineRow[] {
  return order.lines.map((line, index) => ({
    position: index + 1,
    name: line.name,
    sku: line.sku,
    quantity: line.quantity,
    unit: line.unit || 'szt.',
    unitGross: line.unitGross,
    vatRate: line.vatRate,
    isShipping: line.isShipping,
  }));
}

/** The document an import in `mode` creates for the order, issued and sold on `date` (YYYY-MM-DD). */
export function importedDocumentOf(
  order: ShopOrder,
  mode: ImportMode,
  buyer: PartySnapshot,
  contractorId: number,
  date: string,
  createdAt: string,
): NewDocument {
  return {
    kind: kindForMode(mode, buyer),
    platform: order.platform,
    shopOrderId: order.id,
    shopOrderNumber: order.number,
    importMode: mode,
    contractorId,
    buyer,
    recipient: recipientSnapshot(order),
    issueDate: date,
    saleDate: date,
    paymentMethod: order.paymentMethod?.trim() || UNSET_PAYMENT,
    currency: order.currency || 'PLN',
    createdAt,
  };
}

/** The FS/PA realizing `source` on `date`, with the source's buyer and payment method. */
export function realizationOf(source: DocumentRow, date: string, createdAt: string): NewDocument {
  return {
    kind: salesKindFor(source.buyer),
    platform: source.platform,
    shopOrderId: source.shopOrderId,
    shopOrderNumber: source.shopOrderNumber,
    sourceId: source.id,
    contractorId: source.contractorId,
    buyer: source.buyer,
    recipient: source.recipient,
    issueDate: date,
    saleDate: date,
    paymentMethod: source.paymentMethod,
    currency: source.currency,
    createdAt,
  };
}
