// A PrestaShop order as the webservice returns it, and its mapping to a ShopOrder once the connector has read
// the rows it names by id (customers, addresses, currencies, carriers, countries, taxes).
import { t } from '../l10n';
import type { OrderLine, ShopOrder } from '../model/order';
import {
  address,
  finishOrder,
  isoFromLocal,
  joinName,
  optional,
  parseVatRate,
  quantity,
  shippingLine,
  text,
  toGrosze,
  vatFromPrices,
} from './normalize';

export type Id = string | number;
interface PsRow {
  id: Id;
  product_quantity: Id;
  product_name: string;
  product_reference?: string;
  product_ean13?: string;
  unit_price_tax_incl: Id;
  unit_price_tax_excl: Id;
}
export interface PsOrder {
  id: Id;
  reference: string;
  date_add: string;
  date_upd: string;
  current_state: Id;
  id_customer: Id;
  id_address_delivery: Id;
  id_address_invoice: Id;
  id_currency: Id;
  id_carrier: Id;
  payment?: string;
  total_paid_tax_incl: Id;
  total_shipping_tax_incl?: Id;
  total_shipping_tax_excl?: Id;
  carrier_tax_rate?: Id;
  total_discounts_tax_incl?: Id;
  total_discounts_tax_excl?: Id;
  associations?: { order_rows?: PsRow[] };
}
interface PsCustomer {
  id: Id;
  email: string;
  firstname: string;
  lastname: string;
  company?: string;
}
interface PsAddress {
  id: Id;
  company?: string;
  vat_number?: string;
  firstname?: string;
  lastname?: string;
  address1?: string;
  address2?: string;
  postcode?: string;
  city?: string;
  id_country?: Id;
  phone?: string;
  phone_mobile?: string;
}
export interface PsOrderDetail {
  id: Id;
  id_order: Id;
  associations?: { taxes?: Array<{ id: Id }> };
}
export type MultiLang = string | Array<{ id: Id; value: string }>;

type Rows = Map<string, Record<string, unknown>>;

/** The rows an order names by id, read in batches by the connector, and the status names. */
export interface PsLookups {
  customers: Rows;
  addresses: Rows;
  currencies: Rows;
  carriers: Rows;
  countries: Rows;
  taxes: Rows;
  /** order_details row id → the ids of its taxes. */
  taxIdsByRow: Map<string, string[]>;
  names: Map<string, string>;
}

export function toShopOrder(raw: PsOrder, lookups: PsLookups, zone: string): ShopOrder {
  const { customers, addresses, currencies, carriers, countries, taxes, taxIdsByRow, names } = lookups;
  const customer = (customers.get(String(raw.id_customer)) ?? {}) as unknown as PsCustomer;
  const invoice = (addresses.get(String(raw.id_address_invoice)) ?? {}) as unknown as PsAddress;
  const delivery = (addresses.get(String(raw.id_address_delivery)) ?? invoice) as unknown as PsAddress;
  const country = (a: PsAddress) => text(countries.get(String(a.id_country))?.iso_code) || 'PL';
  const toAddress = (a: PsAddress) =>
    address({
      name: joinName(a.firstname, a.lastname),
      company: optional(a.company),
      street: joinName(a.address1, a.address2),
      postcode: text(a.postcode),
      city: text(a.city),
      country: country(a),
      phone: optional(a.phone_mobile) ?? optional(a.phone),
    });
  const lines: OrderLine[] = (raw.associations?.order_rows ?? []).map((row) => {
    const unitGross = toGrosze(row.unit_price_tax_incl);
    const unitNet = toGrosze(row.unit_price_tax_excl);
    const rates = (taxIdsByRow.get(String(row.id)) ?? [])
      .map((id) => parseVatRate(taxes.get(id)?.rate))
      .filter((r): r is number => r !== null);
    return {
      name: text(row.product_name),
      sku: optional(row.product_reference),
      ean: optional(row.product_ean13),
      quantity: quantity(row.product_quantity),
      unit: 'szt.',
      unitGross,
      unitNet,
      vatRate: rates.length ? rates.reduce((a, b) => a + b, 0) : vatFromPrices(unitGross, unitNet),
      isShipping: false,
    };
  });
  const discountGross = toGrosze(raw.total_discounts_tax_incl);
  if (discountGross > 0) {
    const discountNet = toGrosze(raw.total_discounts_tax_excl);
    lines.push({
      name: t('Discount'),
      quantity: 1,
      unit: 'szt.',
      unitGross: -discountGross,
      unitNet: -discountNet,
      vatRate: vatFromPrices(discountGross, discountNet),
      isShipping: false,
    });
  }
  const shippingGross = toGrosze(raw.total_shipping_tax_incl);
  const carrier = text(carriers.get(String(raw.id_carrier))?.name);
  if (shippingGross !== 0) {
    const shippingNet = toGrosze(raw.total_shipping_tax_excl);
    lines.push(
      shippingLine(
        carrier || t('Shipping'),
        shippingGross,
        parseVatRate(raw.carrier_tax_rate) ?? vatFromPrices(shippingGross, shippingNet),
        shippingNet || undefined,
      ),
    );
  }
  const status = String(raw.current_state);
  return finishOrder({
    platform: 'prestashop',
    id: String(raw.id),
    number: text(raw.reference) || String(raw.id),
    createdAt: isoFromLocal(raw.date_add, zone),
    updatedAt: isoFromLocal(raw.date_upd, zone),
    status,
    statusName: names.get(status),
    currency: text(currencies.get(String(raw.id_currency))?.iso_code) || 'PLN',
    paymentMethod: optional(raw.payment),
    shippingMethod: carrier || undefined,
    buyer: {
      name: joinName(customer.firstname, customer.lastname) || joinName(invoice.firstname, invoice.lastname),
      company: optional(invoice.company) ?? optional(customer.company),
      taxId: optional(invoice.vat_number),
      email: text(customer.email),
      phone: optional(invoice.phone_mobile) ?? optional(invoice.phone),
    },
    billingAddress: toAddress(invoice),
    shippingAddress: toAddress(delivery),
    lines,
    totalGross: toGrosze(raw.total_paid_tax_incl),
  });
}
