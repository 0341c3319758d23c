// The ERP boundary. The sync pass talks only to this interface; the embedded sandbox and (later) the
// read-only Optima SQL adapter implement it.
import type { KsefState } from '../ksef/state';
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
  /** Its state in KSeF as last asked (the sync pass asks `ErpGateway.ksef` and the state keeps the answer). */
  ksef?: KsefState;
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

export { ErpDocumentAmbiguousError, ErpDocumentPendingError, isErpDocumentAmbiguous, isErpDocumentPending } from './lookup-errors';
export type { PendingReason } from './lookup-errors';

/**
 * Two kinds of ERP implement this:
 * - one that creates documents (the sandbox): importOrder creates the RO/PF/FS/PA, realize is defined;
 * - a read-only one (the real Optima adapter, `erp.adapter: "optima"`): documents enter the ERP by another
 *   path (Comarch e-Sklep, another importer, a person typing the order number into the external-number
 *   field). Its importOrder creates nothing: it LOOKS UP the confirmed, non-cancelled document of the mode's
 *   kind that holds the order and returns it, or throws
 *     - ErpDocumentPendingError: no usable document yet (absent, still in the buffer, or only cancelled) —
 *       the sync pass records the order as "pending, waiting for the document" (shown in the Orders view)
 *       and runs no post-import action; it looks again on the next pass;
 *     - ErpDocumentAmbiguousError: several documents match — recorded as "ambiguous" for a person to
 *       resolve; nothing is guessed.
 *   findRealization may also throw ErpDocumentAmbiguousError (stage "realization") when an RO/PF leads to
 *   several sales documents. realize is undefined.
 * Any other error is a failure of the ERP connection or of the query (report it; retry next pass).
 */
export interface ErpGateway {
  /**
   * Imports an order as a document of the mode's kind. Idempotent on (platform, shop order id).
   * Read-only ERPs look the document up instead (see above); AUTO then accepts an FS or a PA.
   */
  importOrder(order: ShopOrder, mode: ImportMode): Promise<ErpDocument>;
  /**
   * The document that holds the order, if it was imported. A read-only ERP that matches documents by the
   * order NUMBER (Optima's `{number}` pattern) needs shopOrderNumber; pass it when known.
   */
  findDocument(platform: string, shopOrderId: string, shopOrderNumber?: string): Promise<ErpDocument | undefined>;
  /** The FS/PA that realized an RO/PF, or undefined while it is not realized. FS/PA documents return themselves. */
  findRealization(document: ErpDocument): Promise<SalesDocument | undefined>;
  /**
   * Sandbox only (undefined elsewhere): realizes an RO/PF now, e.g. because the shop status is one of
   * erp.realizeOnStatuses. Idempotent: an already realized document returns its sales document.
   */
  realize?(document: ErpDocument, order: ShopOrder, date: string): Promise<SalesDocument>;
  /**
   * The sales document's state in KSeF now: outside (a PA, an FS not sent there), pending, accepted (with its
   * number) or rejected (with the ERP's reason). The hold of the e-mail with the PDF and of the upload asks it.
   */
  ksef(salesDocument: SalesDocument): Promise<KsefState>;
  /** The sales document as PDF bytes, plus the file name (e.g. FS_3_2026.pdf). */
  salesDocumentPdf(salesDocument: SalesDocument): Promise<{ fileName: string; bytes: Uint8Array }>;
  health(): Promise<ErpHealth>;
  /** Releases connections (the Optima adapter's SQL pool); call when the pass or command is over. */
  close?(): Promise<void>;
}
