// BaseLinker's order as getOrders returns it, and its mapping to a ShopOrder: the shipping line is made from
// the delivery price, since BaseLinker lists only the products.
import { t } from '../l10n';
import type { OrderLine, ShopOrder } from '../model/order';
import type { Grosze } from '../model/money';
import {
  address,
  finishOrder,
  isoFromUnix,
  netFromGross,
  optional,
  parseVatRate,
  quantity,
  shippingLine,
  text,
  toGrosze,
} from './normalize';

interface BlProduct {
  name: string;
  sku?: string;
  ean?: string;
  quantity: number | string;
  price_brutto: number | string;
  tax_rate: number | string | null;
}

export interface BlOrder {
  order_id: number | string;
  shop_order_id?: number | string;
  external_order_id?: string;
  order_status_id: number | string;
  date_add: number | string;
  date_confirmed: number | string;
  email?: string;
  phone?: string;
  currency?: string;
  payment_method?: string;
  delivery_method?: string;
  delivery_price?: number | string;
  delivery_fullname?: string;
  delivery_company?: string;
  delivery_address?: string;
  delivery_postcode?: string;
  delivery_city?: string;
  delivery_country_code?: string;
  invoice_fullname?: string;
  invoice_company?: string;
  invoice_nip?: string;
  invoice_address?: string;
  invoice_postcode?: string;
  invoice_city?: string;
  invoice_country_code?: string;
  want_invoice?: string | number;
  user_comments?: string;
  products?: BlProduct[];
}

export function baselinkerToShopOrder(raw: BlOrder, names: Map<string, string>): ShopOrder {
  const lines: OrderLine[] = (raw.products ?? []).map((product) => {
    const unitGross = toGrosze(product.price_brutto);
    const vatRate = parseVatRate(product.tax_rate);
    return {
      name: text(product.name),
      sku: optional(product.sku),
      ean: optional(product.ean),
      quantity: quantity(product.quantity),
      unit: 'szt.',
      unitGross,
      unitNet: netFromGross(unitGross, vatRate),
      vatRate,
      isShipping: false,
    };
  });
  const delivery: Grosze = toGrosze(raw.delivery_price);
  // BaseLinker states no VAT for delivery: the highest rate among the products is the usual rule (UNCONFIRMED).
  if (delivery !== 0) lines.push(shippingLine(text(raw.delivery_method) || t('Shipping'), delivery, highestRate(lines)));
  const status = String(raw.order_status_id);
  const invoiceName = text(raw.invoice_fullname) || text(raw.delivery_fullname);
  return finishOrder({
    platform: 'baselinker',
    id: String(raw.order_id),
    number: text(raw.external_order_id) || (Number(raw.shop_order_id) ? String(raw.shop_order_id) : String(raw.order_id)),
    createdAt: isoFromUnix(raw.date_add),
    updatedAt: isoFromUnix(raw.date_confirmed),
    status,
    statusName: names.get(status),
    currency: text(raw.currency) || 'PLN',
    paymentMethod: optional(raw.payment_method),
    shippingMethod: optional(raw.delivery_method),
    buyer: {
      name: invoiceName,
      company: optional(raw.invoice_company),
      taxId: optional(raw.invoice_nip),
      email: text(raw.email),
      phone: optional(raw.phone),
    },
    billingAddress: address({
      name: invoiceName,
      company: optional(raw.invoice_company),
      street: text(raw.invoice_address),
      postcode: text(raw.invoice_postcode),
      city: text(raw.invoice_city),
      country: text(raw.invoice_country_code) || 'PL',
      phone: optional(raw.phone),
    }),
    shippingAddress: address({
      name: text(raw.delivery_fullname),
      company: optional(raw.delivery_company),
      street: text(raw.delivery_address),
      postcode: text(raw.delivery_postcode),
      city: text(raw.delivery_city),
      country: text(raw.delivery_country_code) || 'PL',
      phone: optional(raw.phone),
    }),
    lines,
    wantsInvoice: String(raw.want_invoice) === '1',
    customerNote: optional(raw.user_comments),
  });
}

function highestRate(lines: OrderLine[]): number | null {
  const rates = lines.map((l) => l.vatRate).filter((r): r is number => r !== null);
  return rates.length ? Math.max(...rates) : null;
}
