// The normalized shop order: what every connector produces and everything downstream (ERP, templates,
// state) reads. Money in integer grosze; dates as ISO 8601 strings in UTC.
import type { Settings } from '../settings/types.generated';
import type { Grosze } from './money';

/** The shop platforms: the schema's shop.platform (a new one there fails to compile where a platform's facts are missing). */
export type Platform = Settings['shop']['platform'];

export interface Address {
  name: string;
  company?: string;
  street: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. "PL". */
  country: string;
  phone?: string;
}

export interface Buyer {
  name: string;
  company?: string;
  /** Tax id (NIP) as given by the buyer; empty/undefined when none. */
  taxId?: string;
  email: string;
  phone?: string;
}

export interface OrderLine {
  name: string;
  sku?: string;
  ean?: string;
  quantity: number;
  /** Unit of measure as printed, e.g. "szt.". */
  unit: string;
  unitGross: Grosze;
  unitNet?: Grosze;
  /** VAT rate in percent (23, 8, 5, 0); null when the shop does not say ("zw." exempt treated as 0 by the ERP). */
  vatRate: number | null;
  /** True for the shipping cost carried as a line. */
  isShipping: boolean;
}

export interface ShopOrder {
  platform: Platform;
  /** The shop's own id of the order, as a string (BaseLinker order_id, Apilo "AL…", Woo id). */
  id: string;
  /** The number the customer sees (PrestaShop reference, Woo number…). */
  number: string;
  createdAt: string;
  updatedAt: string;
  /** Current shop status id (Woo slug, others' numeric id as a string). */
  status: string;
  statusName?: string;
  currency: string;
  paymentMethod?: string;
  shippingMethod?: string;
  buyer: Buyer;
  billingAddress: Address;
  shippingAddress: Address;
  lines: OrderLine[];
  /** Gross total as the shop states it, or computed from the lines (BaseLinker). */
  totalGross: Grosze;
  /** The buyer asked for an invoice (where the platform has such a flag). */
  wantsInvoice?: boolean;
  customerNote?: string;
}
