// A WooCommerce order as the REST API returns it, and its mapping to a ShopOrder: lines, fees and shipping with
// their VAT rates, the buyer and both addresses.
import { t } from '../l10n';
import type { OrderLine, ShopOrder } from '../model/order';
import { address, finishOrder, joinName, optional, quantity, shippingLine, text, toGrosze, vatFromPrices } from './normalize';

interface WooAddress {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
}
interface WooTaxRef {
  id: number;
  total: string;
}
interface WooLine {
  name: string;
  sku?: string;
  quantity: number;
  total: string;
  total_tax: string;
  taxes?: WooTaxRef[];
  global_unique_id?: string;
}
interface WooShipping {
  method_title: string;
  total: string;
  total_tax: string;
  taxes?: WooTaxRef[];
}
export interface WooOrder {
  id: number;
  number: string;
  status: string;
  currency: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  total: string;
  payment_method_title?: string;
  customer_note?: string;
  billing: WooAddress;
  shipping: WooAddress;
  meta_data?: Array<{ key: string; value: unknown }>;
  line_items: WooLine[];
  shipping_lines?: WooShipping[];
  fee_lines?: Array<{ name: string; total: string; total_tax: string; taxes?: WooTaxRef[] }>;
}

/** `rates`: tax rate id → percent; `names`: status slug → name; `metaKey`: the order meta holding the buyer's NIP. */
export function toShopOrder(raw: WooOrder, rates: Map<number, number>, names: Map<string, string>, metaKey: string): ShopOrder {
  const rateOf = (taxes: WooTaxRef[] | undefined, net: number, tax: number): number | null => {
    const used = (taxes ?? []).filter((tax) => Number(tax.total) !== 0 || (taxes ?? []).length === 1);
    const known = used.map((tax) => rates.get(tax.id)).filter((r): r is number => r !== undefined);
    if (known.length) return known.reduce((a, b) => a + b, 0);
    return net ? vatFromPrices(net + tax, net) : null;
  };
  const lines: OrderLine[] = raw.line_items.map((item) => {
    const qty = quantity(item.quantity) || 1;
    const net = toGrosze(item.total);
    const tax = toGrosze(item.total_tax);
    return {
      name: text(item.name),
      sku: optional(item.sku),
      ean: optional(item.global_unique_id),
      quantity: quantity(item.quantity),
      unit: 'szt.',
      unitGross: Math.round((net + tax) / qty),
      unitNet: Math.round(net / qty),
      vatRate: rateOf(item.taxes, net, tax),
      isShipping: false,
    };
  });
  for (const fee of raw.fee_lines ?? []) {
    const net = toGrosze(fee.total);
    const tax = toGrosze(fee.total_tax);
    lines.push({
      name: text(fee.name),
      quantity: 1,
      unit: 'usł.',
      unitGross: net + tax,
      unitNet: net,
      vatRate: rateOf(fee.taxes, net, tax),
      isShipping: false,
    });
  }
  for (const shipping of raw.shipping_lines ?? []) {
    const net = toGrosze(shipping.total);
    const tax = toGrosze(shipping.total_tax);
    lines.push(shippingLine(text(shipping.method_title) || t('Shipping'), net + tax, rateOf(shipping.taxes, net, tax), net));
  }
  const taxId = optional(raw.meta_data?.find((meta) => meta.key === metaKey)?.value);
  const billing = raw.billing ?? {};
  const shipping = raw.shipping ?? {};
  const billingName = joinName(billing.first_name, billing.last_name);
  return finishOrder({
    platform: 'woocommerce',
    id: String(raw.id),
    number: text(raw.number) || String(raw.id),
    createdAt: new Date(raw.date_created_gmt + 'Z').toISOString(),
    updatedAt: new Date(raw.date_modified_gmt + 'Z').toISOString(),
    status: raw.status,
    statusName: names.get(raw.status),
    currency: raw.currency,
    paymentMethod: optional(raw.payment_method_title),
    shippingMethod: optional(raw.shipping_lines?.[0]?.method_title),
    buyer: { name: billingName, company: optional(billing.company), taxId, email: text(billing.email), phone: optional(billing.phone) },
    billingAddress: address({
      name: billingName,
      company: optional(billing.company),
      street: joinName(billing.address_1, billing.address_2),
      postcode: text(billing.postcode),
      city: text(billing.city),
      country: text(billing.country),
      phone: optional(billing.phone),
    }),
    shippingAddress: address({
      name: joinName(shipping.first_name, shipping.last_name) || billingName,
      company: optional(shipping.company),
      street: joinName(shipping.address_1, shipping.address_2) || joinName(billing.address_1, billing.address_2),
      postcode: text(shipping.postcode) || text(billing.postcode),
      city: text(shipping.city) || text(billing.city),
      country: text(shipping.country) || text(billing.country),
      phone: optional(shipping.phone),
    }),
    lines,
    totalGross: toGrosze(raw.total),
    wantsInvoice: taxId ? true : undefined,
    customerNote: optional(raw.customer_note),
  });
}
