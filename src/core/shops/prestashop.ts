// PrestaShop Webservice (1.7/8): key as the Basic-auth user name, JSON output, list filters and sorting in
// the query. An order names its customer, addresses, currency and carrier by id: each page joins them in
// batched requests (filter[id]=[1|2|…]), and the VAT rate of each line comes from order_details → taxes.
import { t } from '../l10n';
import type { ShopOrder } from '../model/order';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { credentialHint } from './credentials';
import { capabilityRefusal } from './errors';
import { basicAuth, joinUrl, parseJson, type PlatformHttpHooks } from './http';
import { listByKeyset } from './cursor';
import { type PsApi, writePrivateOrderMessage } from './prestashop-message';
import { beforeImportSince, MAX_DETAIL_READS, MEMBERSHIP_ROWS } from './membership';
import { type Id, type MultiLang, type PsOrder, type PsOrderDetail, toShopOrder } from './prestashop-order';
import { localToUtcMs, text, utcMsToLocal } from './normalize';

export type { PsOrder } from './prestashop-order';

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
    const lookups = { customers, addresses, currencies, carriers, countries, taxes, taxIdsByRow, names };
    return raws.map((raw) => toShopOrder(raw, lookups, this.zone));
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
