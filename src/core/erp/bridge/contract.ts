// The Optima bridge's contract v1 as TypeScript types: what the product sends and what the bridge answers.
// schemas/optima-bridge.openapi.yaml is the source of truth; the contract tests check both sides against it.
// Plain data only: the bridge (src/bridge) and the product's client (this folder) both import it.

export const BRIDGE_API_VERSION = 'v1';

export type BridgeDocumentKind = 'RO' | 'PF' | 'FS' | 'PA';
export type BridgeSalesKind = 'FS' | 'PA';

/** Money travels as decimal numbers with two decimals (PLN), as Optima keeps it. */
export type Amount = number;

export interface BridgeAddress {
  street: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface BridgeCustomer {
  /** NIP as the buyer gave it, or null for a consumer. */
  taxId: string | null;
  name: string;
  company?: string;
  email: string;
  phone: string;
  address: BridgeAddress;
}

export interface BridgeDelivery {
  name: string;
  company?: string;
  phone: string;
  email?: string;
  address: BridgeAddress;
  method?: string;
}

export interface BridgeLine {
  sku: string;
  name: string;
  quantity: number;
  unitPriceGross: Amount;
  vatRate: number | null;
}

export interface BridgeShipping {
  name: string;
  priceGross: Amount;
  vatRate: number | null;
}

/** Who the buyer is on the document: a contractor card, or Optima's one-off buyer for these customers. */
export type OneOffBuyer = 'never' | 'consumers' | 'always';

/** The deployment's document choices (erp.optima.documents); the bridge applies these defaults when absent. */
export interface BridgeDocumentOptions {
  /** DDf_Symbol of the document definition that numbers the document (default: the kind, "FPF" for PF). */
  definition?: string;
  /** Numbering series (the numerator's register); empty = the definition's default. */
  series?: string;
  /** Code of the service item that carries the shipping cost (default TRANSPORT). */
  shippingItem?: string;
  oneOffBuyer?: OneOffBuyer;
}

export interface CreateDocumentRequest {
  kind: BridgeDocumentKind;
  /** The shop order number; becomes the document's external number (NumerObcy). */
  externalId: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  buffer: boolean;
  priceMode: 'gross' | 'net';
  currency?: string;
  customer: BridgeCustomer;
  delivery: BridgeDelivery | null;
  /** The payment method as named in Optima (the product maps the shop's name). */
  payment: { method: string };
  lines: BridgeLine[];
  shipping: BridgeShipping | null;
  notes: string;
  options?: BridgeDocumentOptions;
}

export interface CreatedDocument {
  erpId: number;
  kind: BridgeDocumentKind;
  number: string;
  buffer: boolean;
  issueDate: string;
  totalGross: Amount;
  totalNet: Amount;
  /** Things worth a look that did not stop the import (a VAT rate that differs from the item card's). */
  warnings: string[];
}

/**
 * A sales document's state in KSeF as Optima records it (CDN.TraNag's KSeF columns, read as
 * src/core/erp/optima/ksef.ts does). Absent when the bridge's Optima has no KSeF columns.
 */
export interface BridgeKsef {
  status: 'outside' | 'pending' | 'accepted' | 'rejected';
  number?: string;
  /** ISO instant. */
  acceptedAt?: string;
  reason?: string;
}

export interface SalesDocumentSummary {
  erpId: number;
  kind: BridgeSalesKind;
  number: string;
  issuedAt: string;
  saleDate: string;
  totalGross: Amount;
  totalNet: Amount;
  currency: string;
  ksef?: BridgeKsef;
}

export interface DocumentSummary {
  erpId: number;
  kind: BridgeDocumentKind;
  number: string;
  buffer: boolean;
  cancelled: boolean;
  correction: boolean;
  issueDate: string;
  totalGross: Amount;
  totalNet: Amount;
  /** The confirmed FS/PA documents that realize an RO/PF (empty for FS/PA and for open RO/PF). */
  sales: SalesDocumentSummary[];
  /** FS/PA: the document's own state in KSeF. */
  ksef?: BridgeKsef;
}

export interface DocumentList {
  documents: DocumentSummary[];
}

export interface DocumentParty {
  name: string;
  taxId?: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
}

export interface DocumentDetailLine {
  name: string;
  code: string;
  quantity: number;
  unit: string;
  /** A percentage, or "zw" / "np". */
  vatRate: number | string;
  net: Amount;
  gross: Amount;
}

export interface DocumentDetails extends DocumentSummary {
  externalId: string;
  saleDate: string;
  dueDate: string | null;
  currency: string;
  paymentMethod: string;
  buyer: DocumentParty;
  recipient: DocumentParty | null;
  lines: DocumentDetailLine[];
  vatTable: Array<{ vatRate: number | string; net: Amount; vat: Amount; gross: Amount }>;
  totals: { net: Amount; vat: Amount; gross: Amount };
}

export interface BridgeHealth {
  ok: true;
  optimaVersion: string;
  company: string;
  operator: string;
  /** True when the bridge runs over the COM simulator (optima-sync bridge --simulate). */
  simulated: boolean;
}

export interface DictionaryCheck {
  paymentMethods: Array<{ name: string; found: boolean }>;
  definitions: Array<{ symbol: string; found: boolean }>;
  items: Array<{ code: string; found: boolean; service: boolean }>;
}

/** 422: the order cannot become a document as it is (nothing was created). */
export type OrderErrorCode =
  'UNKNOWN_SKU' | 'UNKNOWN_PAYMENT' | 'UNKNOWN_DEFINITION' | 'UNKNOWN_SHIPPING_ITEM' | 'INVALID_NIP' | 'INVALID_REQUEST' | 'OPTIMA_REFUSED';
/** 503: nothing works until this is fixed (with Retry-After). */
export type ServerErrorCode = 'LOGIN_FAILED' | 'NO_LICENCE' | 'OPTIMA_LOCKED' | 'BUSY' | 'WORKER_UNAVAILABLE';
/** 500: the job failed, and the bridge checked that it left no document behind. */
export type JobErrorCode = 'WORKER_FAILED';

export type BridgeErrorCode = OrderErrorCode | ServerErrorCode | JobErrorCode | 'UNAUTHORIZED' | 'NOT_FOUND';

export interface BridgeErrorBody {
  code: BridgeErrorCode;
  message: string;
  /** UNKNOWN_SKU: the code that Optima does not know. */
  sku?: string;
  /** UNKNOWN_PAYMENT: the payment method name. */
  method?: string;
  /** The field of the request concerned (INVALID_REQUEST, INVALID_NIP). */
  field?: string;
}

export function idempotencyKey(platform: string, shopOrderId: string): string {
  return `${platform}:${shopOrderId}`;
}
