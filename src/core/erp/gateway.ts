// The ERP boundary. The sync pass talks only to this interface; the embedded sandbox and (later) the
// read-only Optima SQL adapter implement it.
import type { Grosze } from '../model/money';
import type { ShopOrder } from '../model/order';

export type ImportMode = 'RO' | 'PF' | 'FS' | 'PA' | 'AUTO';
export type ErpDocumentKind = 'RO' | 'PF' | 'FS' | 'PA';
export type SalesDocumentKind = 'FS' | 'PA';

export interface SalesDocument {
  kind: SalesDocumentKind;
  /** Full number, e.g. "FS/3/2026". */
  number: string;
  /** ERP-side identifier (sandbox row id, Optima TrN_TrNID) as a string. */
  id: string;
  /** ISO date (YYYY-MM-DD). */
  issueDate: string;
  saleDate: string;
  totalGross: Grosze;
  totalNet: Grosze;
}

export interface ErpDocument {
  kind: ErpDocumentKind;
  number: string;
  id: string;
  platform: string;
  shopOrderId: string;
  issueDate: string;
  totalGross: Grosze;
  /** In FS/PA mode the document is itself the sales document. */
  salesDocument?: SalesDocument;
}

export interface ErpHealth {
  ok: boolean;
  detail: string;
}

export interface ErpGateway {
  /** Imports an order as a document of the mode's kind. Idempotent on (platform, shop order id). */
  importOrder(order: ShopOrder, mode: ImportMode): Promise<ErpDocument>;
  /** The document that holds the order, if it was imported. */
  findDocument(platform: string, shopOrderId: string): Promise<ErpDocument | undefined>;
  /** The FS/PA that realized an RO/PF, or undefined while it is not realized. FS/PA documents return themselves. */
  findRealization(document: ErpDocument): Promise<SalesDocument | undefined>;
  /**
   * Sandbox only (undefined elsewhere): realizes an RO/PF now, e.g. because the shop status is one of
   * erp.realizeOnStatuses. Idempotent: an already realized document returns its sales document.
   */
  realize?(document: ErpDocument, order: ShopOrder, date: string): Promise<SalesDocument>;
  /** The sales document as PDF bytes, plus the file name (e.g. FS_3_2026.pdf). */
  salesDocumentPdf(salesDocument: SalesDocument): Promise<{ fileName: string; bytes: Uint8Array }>;
  health(): Promise<ErpHealth>;
}
