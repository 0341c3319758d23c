// The shop boundary: one connector per platform behind this interface.
import type { ShopOrder } from '../model/order';

export interface ShopStatus {
  id: string;
  name: string;
}

export interface OrderPage {
  orders: ShopOrder[];
  /** Opaque cursor to store and pass to the next listOrders call; no order is missed or repeated across it. */
  cursor: string | undefined;
  /** More pages are waiting now (call again with the cursor). */
  more: boolean;
}

/** What the status-membership check found: orders now in the import statuses that the state does not know. */
export interface MissedOrders {
  orders: ShopOrder[];
  /** The change feed's cursor (BaseLinker's journal), to pass back next time. */
  cursor?: string;
  /** Said once per pass in the log, e.g. that the change feed is off and the check falls back. */
  notice?: string;
}

export interface ShopCapabilities {
  /** The platform's API can receive a sales-document PDF onto an order. */
  uploadSalesPdf: boolean;
  /** The sales-document number can be written back to the order (where no file can go: SellAsist, PrestaShop). */
  documentNumber: boolean;
}

export interface SalesPdfUpload {
  fileName: string;
  bytes: Uint8Array;
  /** Sales document number, e.g. "FS/3/2026". */
  documentNumber: string;
  kind: 'FS' | 'PA';
  totalGross: number;
  totalNet: number;
  currency: string;
}

export interface ShopConnector {
  readonly platform: string;
  readonly capabilities: ShopCapabilities;
  /** New and changed orders since the cursor (undefined = from the start / importSince), filtered by status ids. */
  listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage>;
  /**
   * The bounded "status membership" check: orders now in `statuses` that `known` says the state lacks (an
   * order created in another status and moved into an import status later), within a few requests per pass.
   */
  listMissed?(statuses: readonly string[], known: (id: string) => boolean, cursor: string | undefined): Promise<MissedOrders>;
  getOrder(id: string): Promise<ShopOrder>;
  listStatuses(): Promise<ShopStatus[]>;
  setStatus(orderId: string, status: string): Promise<void>;
  /** Writes the sales-document number back to the order (capabilities.documentNumber). */
  writeDocumentNumber?(orderId: string, documentNumber: string): Promise<void>;
  /** Rejects with a clear error when capabilities.uploadSalesPdf is false. */
  uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void>;
  /** Checks that the credentials work (cheap authenticated call). */
  testConnection(): Promise<{ ok: true; detail: string }>;
}
