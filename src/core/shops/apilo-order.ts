// Apilo's order as the REST API returns it, and its mapping to a ShopOrder: kept apart from the connector,
// which only fetches.
import type { OrderLine, ShopOrder } from '../model/order';
import { address, finishOrder, netFromGross, optional, parseVatRate, quantity, street, text, toGrosze, vatFromPrices } from './normalize';

interface ApiloAddress {
  name?: string;
  companyName?: string;
  companyTaxNumber?: string;
  streetName?: string;
  streetNumber?: string;
  city?: string;
  zipCode?: string;
  country?: string;
  phone?: string;
  email?: string;
}
interface ApiloItem {
  id: number;
  ean?: string | null;
  sku?: string | null;
  originalName: string;
  originalPriceWithTax: string | number;
  originalPriceWithoutTax?: string | number | null;
  quantity: number | string;
  tax?: string | number | null;
  type?: number;
  unit?: string | null;
}
export interface ApiloOrder {
  id: string;
  status: number;
  idExternal?: string | null;
  originalCurrency?: string;
  createdAt: string;
  updatedAt: string;
  orderItems?: ApiloItem[];
  addressCustomer?: ApiloAddress;
  addressInvoice?: ApiloAddress;
  addressDelivery?: ApiloAddress;
  originalAmountTotalWithTax?: string | number;
  isInvoice?: boolean;
}

/** Order item type of the shipping cost (Apilo's example shows shipping as type 2; enum meaning UNCONFIRMED). */
const SHIPPING_ITEM_TYPE = 2;

export function apiloToShopOrder(raw: ApiloOrder, names: Map<string, string>): ShopOrder {
  const lines: OrderLine[] = (raw.orderItems ?? []).map((item) => {
    const unitGross = toGrosze(item.originalPriceWithTax);
    const unitNet =
      item.originalPriceWithoutTax === null || item.originalPriceWithoutTax === undefined
        ? undefined
        : toGrosze(item.originalPriceWithoutTax);
    const vatRate = parseVatRate(item.tax) ?? vatFromPrices(unitGross, unitNet);
    return {
      name: text(item.originalName),
      sku: optional(item.sku),
      ean: optional(item.ean),
      quantity: quantity(item.quantity),
      unit: text(item.unit) || (item.type === SHIPPING_ITEM_TYPE ? 'usł.' : 'szt.'),
      unitGross,
      unitNet: unitNet ?? netFromGross(unitGross, vatRate),
      vatRate,
      isShipping: item.type === SHIPPING_ITEM_TYPE,
    };
  });
  const customer = raw.addressCustomer ?? {};
  const invoice = raw.addressInvoice ?? customer;
  const delivery = raw.addressDelivery ?? customer;
  const toAddress = (a: ApiloAddress) =>
    address({
      name: text(a.name),
      company: optional(a.companyName),
      street: street(a.streetName, a.streetNumber),
      postcode: text(a.zipCode),
      city: text(a.city),
      country: text(a.country) || 'PL',
      phone: optional(a.phone),
    });
  const status = String(raw.status);
  return finishOrder({
    platform: 'apilo',
    id: raw.id,
    number: text(raw.idExternal) || raw.id,
    createdAt: new Date(raw.createdAt).toISOString(),
    updatedAt: new Date(raw.updatedAt).toISOString(),
    status,
    statusName: names.get(status),
    currency: text(raw.originalCurrency) || 'PLN',
    shippingMethod: lines.find((l) => l.isShipping)?.name,
    buyer: {
      name: text(invoice.name) || text(customer.name),
      company: optional(invoice.companyName),
      taxId: optional(invoice.companyTaxNumber),
      email: text(customer.email) || text(invoice.email),
      phone: optional(customer.phone) ?? optional(invoice.phone),
    },
    billingAddress: toAddress(invoice),
    shippingAddress: toAddress(delivery),
    lines,
    totalGross:
      raw.originalAmountTotalWithTax === undefined || raw.originalAmountTotalWithTax === null
        ? undefined
        : toGrosze(raw.originalAmountTotalWithTax),
    wantsInvoice: raw.isInvoice,
  });
}
