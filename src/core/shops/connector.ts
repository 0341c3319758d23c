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

export interface ShopCapabilities {
  /** The platform's API can receive a sales-document PDF onto an order. */
  uploadSalesPdf: boolean;
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
  getOrder(id: string): Promise<ShopOrder>;
  listStatuses(): Promise<ShopStatus[]>;
  setStatus(orderId: string, status: string): Promise<void>;
  /** Rejects with a clear error when capabilities.uploadSalesPdf is false. */
  uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void>;
  /** Checks that the credentials work (cheap authenticated call). */
  testConnection(): Promise<{ ok: true; detail: string }>;
}
