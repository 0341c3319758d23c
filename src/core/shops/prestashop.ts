// PrestaShop Webservice (1.7/8): key as the Basic-auth user name, JSON output, list filters and sorting in
// the query. An order names its customer, addresses, currency and carrier by id: each page joins them in
// batched requests (filter[id]=[1|2|…]), and the VAT rate of each line comes from order_details → taxes.
import { t } from '../l10n';
import type { OrderLine, ShopOrder } from '../model/order';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { credentialHint } from './credentials';
import { capabilityRefusal } from './errors';
import { basicAuth, joinUrl, parseJson, type PlatformHttpHooks } from './http';
import { listByKeyset } from './cursor';
import { type PsApi, writePrivateOrderMessage } from './prestashop-message';
import { beforeImportSince, MAX_DETAIL_READS, MEMBERSHIP_ROWS } from './membership';
import {
  address,
  finishOrder,
  isoFromLocal,
  joinName,
  localToUtcMs,
  optional,
  parseVatRate,
  quantity,
  shippingLine,
  text,
  toGrosze,
  utcMsToLocal,
  vatFromPrices,
} from './normalize';

type Id = string | number;
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
interface PsOrderDetail {
  id: Id;
  id_order: Id;
  associations?: { taxes?: Array<{ id: Id }> };
}
type MultiLang = string | Array<{ id: Id; value: string }>;

const PAGE = 100;
const FAR_FUTURE = '2099-12-31 23:59:59';

export function prestashopHooks(): PlatformHttpHooks {
  return {
    errorMessage: (_status, body) => {
      try {
        const parsed = JSON.parse(body) as { errors?: Array<{ code?: Id; message?: string }> };
        if (parsed.errors?.length) return parsed.errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
      } catch {
        const messages = [...body.matchAll(/<message><!\[CDATA\[([\s\S]*?)\]\]><\/message>/g)].map((m) => m[1]);
        if (messages.length) return messages.join('; ');
      }
      return body.slice(0, 200) || undefined;
    },
    authHint: t(
      'the PrestaShop webservice key and its permissions (orders, order_histories, order_states, customers, addresses, countries, currencies, carriers, order_details, taxes). {0}',
      credentialHint('prestashop'),
    ),
  };
}

function firstValue(value: MultiLang | undefined): string {
  if (Array.isArray(value)) return text(value[0]?.value);
  return text(value);
}

export class PrestaShopConnector implements ShopConnector {
  readonly platform = 'prestashop';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.prestashop };
  private readonly base: string;
  private statusNames?: Map<string, string>;
  private readonly lookups = new Map<string, Map<string, Record<string, unknown>>>();

  constructor(private readonly deps: ConnectorDeps) {
    const url = shopUrl(deps.settings);
    this.base = /\/api$/.test(url) ? url : joinUrl(url, 'api');
  }

  private get zone(): string {
    return this.deps.settings.timezone ?? 'Europe/Warsaw';
  }

  private url(resource: string, query: Record<string, string> = {}): string {
    const parts = Object.entries({ ...query, output_format: 'JSON' }).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return `${joinUrl(this.base, resource)}?${parts.join('&')}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: basicAuth(this.deps.credentials.shopKey!, ''), Accept: 'application/json' };
  }

  private async get<T>(resource: string, query: Record<string, string>, what: string, setting?: string): Promise<T> {
    const response = await this.deps.http.send({
      method: 'GET',
      url: this.url(resource, query),
      headers: this.headers(),
      idempotent: true,
      what,
      setting,
    });
    return parseJson<T>(response.text, 'PrestaShop', what);
  }

  /** A list answer: {"orders":[…]}, or [] when there is nothing (UNCONFIRMED, handled both ways). */
  private async list<T>(resource: string, query: Record<string, string>, what: string, setting?: string): Promise<T[]> {
    const answer = await this.get<Record<string, T[]> | []>(resource, query, what, setting);
    return Array.isArray(answer) ? [] : (answer[resource] ?? []);
  }

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const size = this.deps.pageSize ?? PAGE;
    const importSince = this.deps.settings.shop.importSince;
    return listByKeyset<PsOrder>(
      {
        fetch: async (since, offset) => {
          const query: Record<string, string> = { display: 'full', sort: '[date_upd_ASC,id_ASC]', limit: `${offset},${size}` };
          if (since) {
            // Date filters have missed boundary days (PrestaShop#10822): widen by a day; the cursor drops repeats.
            query['filter[date_upd]'] = `[${utcMsToLocal(localToUtcMs(since, this.zone) - 86_400_000, this.zone)},${FAR_FUTURE}]`;
          }
          if (importSince) query['filter[date_add]'] = `[${importSince} 00:00:00,${FAR_FUTURE}]`;
          if (since || importSince) query.date = '1';
          if (statuses.length) query['filter[current_state]'] = `[${statuses.join('|')}]`;
          const orders = await this.list<PsOrder>('orders', query, 'list orders', 'shop.importStatuses');
          return { items: orders.map((raw) => ({ key: raw.date_upd, id: String(raw.id), raw })), more: orders.length >= size };
        },
        normalize: (raws) => this.toOrders(raws),
      },
      cursor,
    );
  }

  async listMissed(statuses: readonly string[], known: (id: string) => boolean): Promise<MissedOrders> {
    const size = this.deps.pageSize ?? PAGE;
    const unknown: string[] = [];
    // Ids only, most recently changed first; the unknown ones are then read in full in one batch.
    for (let offset = 0; offset < MEMBERSHIP_ROWS; offset += size) {
      const rows = await this.list<{ id: Id; date_add: string }>(
        'orders',
        {
          display: '[id,date_add]',
          'filter[current_state]': `[${statuses.join('|')}]`,
          sort: '[date_upd_DESC,id_DESC]',
          limit: `${offset},${size}`,
        },
        'check the orders in the import statuses',
        'shop.importStatuses',
      );
      for (const row of rows) {
        const id = String(row.id);
        if (!known(id) && !beforeImportSince(this.deps.settings, localToUtcMs(row.date_add, this.zone))) unknown.push(id);
      }
      if (rows.length < size) break;
    }
    const wanted = unknown.slice(0, MAX_DETAIL_READS);
    if (!wanted.length) return { orders: [] };
    const raws = await this.list<PsOrder>(
      'orders',
      { display: 'full', 'filter[id]': `[${wanted.join('|')}]` },
      'list orders',
      'shop.importStatuses',
    );
    return { orders: await this.toOrders(raws) };
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const answer = await this.get<{ order: PsOrder }>(`orders/${encodeURIComponent(id)}`, {}, 'fetch an order');
    return (await this.toOrders([answer.order]))[0]!;
  }

  /** Rows of a resource by id, batched and cached for the connector's lifetime. */
  private async byIds(resource: string, ids: Iterable<Id>, display: string): Promise<Map<string, Record<string, unknown>>> {
    let cache = this.lookups.get(resource);
    if (!cache) this.lookups.set(resource, (cache = new Map()));
    const missing = [...new Set([...ids].map(String))].filter((id) => id && id !== '0' && !cache!.has(id));
    for (let i = 0; i < missing.length; i += 50) {
      const chunk = missing.slice(i, i + 50);
      const rows = await this.list<Record<string, unknown>>(
        resource,
        { display, 'filter[id]': `[${chunk.join('|')}]` },
        `read ${resource}`,
      );
      for (const row of rows) cache.set(String(row.id), row);
    }
    return cache;
  }

  private async toOrders(raws: PsOrder[]): Promise<ShopOrder[]> {
    // Independent lookups run side by side; the rate limiter still spaces the requests.
    const [customers, addresses, currencies, carriers, details] = await Promise.all([
      this.byIds(
        'customers',
        raws.map((o) => o.id_customer),
        '[id,email,firstname,lastname,company]',
      ),
      this.byIds(
        'addresses',
        raws.flatMap((o) => [o.id_address_invoice, o.id_address_delivery]),
        'full',
      ),
      this.byIds(
        'currencies',
        raws.map((o) => o.id_currency),
        '[id,iso_code]',
      ),
      this.byIds(
        'carriers',
        raws.map((o) => o.id_carrier),
        '[id,name]',
      ),
      this.list<PsOrderDetail>(
        'order_details',
        { display: 'full', 'filter[id_order]': `[${raws.map((o) => o.id).join('|')}]` },
        'read order_details',
      ),
    ]);
    const countries = await this.byIds(
      'countries',
      [...addresses.values()].map((a) => a.id_country as Id),
      '[id,iso_code]',
    );
    const taxIdsByRow = new Map(details.map((d) => [String(d.id), (d.associations?.taxes ?? []).map((tax) => String(tax.id))]));
    const taxes = await this.byIds('taxes', [...taxIdsByRow.values()].flat(), '[id,rate]');
    const names = await this.statusNameMap();
    return raws.map((raw) => {
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
        createdAt: isoFromLocal(raw.date_add, this.zone),
        updatedAt: isoFromLocal(raw.date_upd, this.zone),
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
    });
  }

  private async statusNameMap(): Promise<Map<string, string>> {
    if (!this.statusNames) this.statusNames = new Map((await this.listStatuses()).map((s) => [s.id, s.name]));
    return this.statusNames;
  }

  async listStatuses(): Promise<ShopStatus[]> {
    const states = await this.list<{ id: Id; name: MultiLang }>('order_states', { display: '[id,name]' }, 'list order statuses');
    return states.map((s) => ({ id: String(s.id), name: firstValue(s.name) }));
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    // order_histories without sendemail=1: PrestaShop's own customer e-mail is not triggered (the integrator
    // sends its own). Not repeated automatically: a second POST would add a second history entry.
    const xml = `<?xml version="1.0" encoding="UTF-8"?><prestashop><order_history><id_order>${Number(orderId)}</id_order><id_order_state>${Number(status)}</id_order_state></order_history></prestashop>`;
    await this.deps.http.send({
      method: 'POST',
      url: this.url('order_histories'),
      headers: { ...this.headers(), 'Content-Type': 'application/xml' },
      body: xml,
      idempotent: false,
      what: 'set the order status',
      setting: 'afterImport.setStatus.status / afterRealization.setStatus.status',
    });
  }

  async writeDocumentNumber(orderId: string, documentNumber: string): Promise<void> {
    const { written } = await writePrivateOrderMessage(this.psApi(), orderId, documentNumber, t('Sales document {0}', documentNumber));
    if (!written)
      this.deps.logger.debug(`PrestaShop: order ${orderId} already has the private message of ${documentNumber}; nothing written`);
  }

  private psApi(): PsApi {
    return {
      list: (resource, query, what) => this.list(resource, query, what),
      post: async (resource, xml, what) => {
        const response = await this.deps.http.send({
          method: 'POST',
          url: this.url(resource),
          headers: { ...this.headers(), 'Content-Type': 'application/xml' },
          body: xml,
          idempotent: false,
          what,
        });
        return response.text;
      },
    };
  }

  async uploadSalesPdf(_orderId: string, _pdf: SalesPdfUpload): Promise<void> {
    throw capabilityRefusal(this.platform);
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    const orders = await this.list<{ id: Id }>('orders', { display: '[id]', limit: '0,1' }, 'check the credentials');
    return { ok: true, detail: t('PrestaShop webservice key accepted; orders readable ({0})', orders.length ? t('yes') : t('none yet')) };
  }
}
