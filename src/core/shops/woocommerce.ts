// WooCommerce REST API v3 (/wp-json/wc/v3): Basic auth with the consumer key and secret (HTTPS),
// offset paging with X-WP-Total, incremental by date_modified_gmt, statuses as slugs.
import { t } from '../l10n';
import type { ShopOrder } from '../model/order';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl, uploadNameKeyOf } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { credentialHint, readUploadCredentials } from './credentials';
import { ShopError } from './errors';
import { checkWordPressUser, uploadAndLink } from './wordpress-media';
import { uploadFileName } from './upload-name';
import { basicAuth, joinUrl, parseJson, type PlatformHttpHooks } from './http';
import { listByKeyset } from './cursor';
import { beforeImportSince, MEMBERSHIP_ROWS } from './membership';
import { localToUtcMs, parseVatRate } from './normalize';
import { toShopOrder, type WooOrder } from './woocommerce-order';

export type { WooOrder } from './woocommerce-order';

/** Core statuses, for shops older than GET /orders/statuses (WooCommerce < 9.5). */
const CORE_STATUSES: ShopStatus[] = [
  { id: 'pending', name: 'Pending payment' },
  { id: 'processing', name: 'Processing' },
  { id: 'on-hold', name: 'On hold' },
  { id: 'completed', name: 'Completed' },
  { id: 'cancelled', name: 'Cancelled' },
  { id: 'refunded', name: 'Refunded' },
  { id: 'failed', name: 'Failed' },
];

export function woocommerceHooks(url: string): PlatformHttpHooks {
  const overHttp = url.startsWith('http://');
  return {
    errorMessage: (_status, body) => {
      try {
        const parsed = JSON.parse(body) as { code?: string; message?: string };
        return [parsed.code, parsed.message].filter(Boolean).join(': ') || undefined;
      } catch {
        return body.slice(0, 200) || undefined;
      }
    },
    authHint:
      t('the WooCommerce consumer key and consumer secret (they need Read/Write permission). {0}', credentialHint('woocommerce')) +
      (overHttp ? ' ' + t('WooCommerce accepts key authentication only over HTTPS: use an https:// shop.url.') : ''),
  };
}

const PAGE = 100;

export class WooCommerceConnector implements ShopConnector {
  readonly platform = 'woocommerce';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.woocommerce };
  private readonly base: string;
  private taxRates?: Map<number, number>;
  private statusNames?: Map<string, string>;

  constructor(private readonly deps: ConnectorDeps) {
    const url = shopUrl(deps.settings);
    this.base = /\/wp-json\//.test(url) ? url : joinUrl(url, 'wp-json/wc/v3');
  }

  private headers(json = false): Record<string, string> {
    return {
      Authorization: basicAuth(this.deps.credentials.shopKey!, this.deps.credentials.shopSecret!),
      Accept: 'application/json',
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    };
  }

  private url(path: string, query: Record<string, string | number> = {}): string {
    const url = new URL(joinUrl(this.base, path));
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const size = this.deps.pageSize ?? PAGE;
    const importSince = this.deps.settings.shop.importSince;
    return listByKeyset<WooOrder>(
      {
        fetch: async (since, offset) => {
          const query: Record<string, string | number> = {
            status: statuses.length ? statuses.join(',') : 'any',
            orderby: 'modified',
            order: 'asc',
            per_page: size,
            offset,
            dates_are_gmt: 'true',
          };
          // modified_after is exclusive (UNCONFIRMED): ask from one second earlier and drop what was returned.
          if (since) query.modified_after = new Date(Date.parse(since + 'Z') - 1000).toISOString().slice(0, 19);
          if (importSince)
            query.after = new Date(localToUtcMs(`${importSince} 00:00:00`, this.deps.settings.timezone ?? 'Europe/Warsaw') - 1000)
              .toISOString()
              .slice(0, 19);
          const response = await this.deps.http.send({
            method: 'GET',
            url: this.url('orders', query),
            headers: this.headers(),
            idempotent: true,
            what: 'list orders',
            setting: 'shop.importStatuses',
          });
          const orders = parseJson<WooOrder[]>(response.text, 'WooCommerce', 'list orders');
          const total = Number(response.headers.get('x-wp-total'));
          const more =
            Number.isFinite(total) && response.headers.has('x-wp-total') ? offset + orders.length < total : orders.length >= size;
          return { items: orders.map((raw) => ({ key: raw.date_modified_gmt, id: String(raw.id), raw })), more };
        },
        normalize: async (raws) => {
          const [rates, names] = [await this.rates(), await this.statusNameMap()];
          return raws.map((raw) => this.toOrder(raw, rates, names));
        },
      },
      cursor,
    );
  }

  async listMissed(statuses: readonly string[], known: (id: string) => boolean): Promise<MissedOrders> {
    const size = this.deps.pageSize ?? PAGE;
    const found: WooOrder[] = [];
    // Most recently modified first: an order moved into an import status lately is at the top.
    for (let offset = 0; offset < MEMBERSHIP_ROWS; offset += size) {
      const query = { status: statuses.join(','), orderby: 'modified', order: 'desc', per_page: size, offset };
      const response = await this.deps.http.send({
        method: 'GET',
        url: this.url('orders', query),
        headers: this.headers(),
        idempotent: true,
        what: 'check the orders in the import statuses',
        setting: 'shop.importStatuses',
      });
      const rows = parseJson<WooOrder[]>(response.text, 'WooCommerce', 'check the orders in the import statuses');
      found.push(
        ...rows.filter((raw) => !known(String(raw.id)) && !beforeImportSince(this.deps.settings, Date.parse(raw.date_created_gmt + 'Z'))),
      );
      if (rows.length < size) break;
    }
    if (!found.length) return { orders: [] };
    const [rates, names] = [await this.rates(), await this.statusNameMap()];
    return { orders: found.map((raw) => this.toOrder(raw, rates, names)) };
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const raw = await this.deps.http.json<WooOrder>({
      method: 'GET',
      url: this.url(`orders/${encodeURIComponent(id)}`),
      headers: this.headers(),
      idempotent: true,
      what: 'fetch an order',
    });
    return this.toOrder(raw, await this.rates(), await this.statusNameMap());
  }

  /** Tax rate id → percent, from GET /taxes (lines carry only the rate id). */
  private async rates(): Promise<Map<number, number>> {
    if (this.taxRates) return this.taxRates;
    const rates = new Map<number, number>();
    for (let page = 1; page < 50; page++) {
      const response = await this.deps.http.send({
        method: 'GET',
        url: this.url('taxes', { per_page: 100, page }),
        headers: this.headers(),
        idempotent: true,
        what: 'list tax rates',
      });
      const list = parseJson<Array<{ id: number; rate: string }>>(response.text, 'WooCommerce', 'list tax rates');
      for (const rate of list) rates.set(rate.id, parseVatRate(rate.rate) ?? 0);
      const totalPages = Number(response.headers.get('x-wp-totalpages') ?? '1');
      if (list.length < 100 || page >= totalPages) break;
    }
    this.taxRates = rates;
    return rates;
  }

  private async statusNameMap(): Promise<Map<string, string>> {
    if (!this.statusNames) this.statusNames = new Map((await this.listStatuses()).map((s) => [s.id, s.name]));
    return this.statusNames;
  }

  toOrder(raw: WooOrder, rates: Map<number, number>, names: Map<string, string>): ShopOrder {
    const metaKey = this.deps.settings.shop.woocommerce?.taxIdMetaKey ?? '_billing_nip';
    return toShopOrder(raw, rates, names, metaKey);
  }

  async listStatuses(): Promise<ShopStatus[]> {
    try {
      const list = await this.deps.http.json<Array<{ slug: string; name: string }>>({
        method: 'GET',
        url: this.url('orders/statuses'),
        headers: { Accept: 'application/json' },
        idempotent: true,
        what: 'list order statuses',
      });
      return list.map((s) => ({ id: s.slug.replace(/^wc-/, ''), name: s.name }));
    } catch (error) {
      // Shops older than WooCommerce 9.5 have no such route (rest_no_route): the core list is all they know.
      if (error instanceof ShopError && error.status === 404) return CORE_STATUSES.map((s) => ({ id: s.id, name: t(s.name) }));
      throw error;
    }
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    await this.deps.http.send({
      method: 'PUT',
      url: this.url(`orders/${encodeURIComponent(orderId)}`),
      headers: this.headers(true),
      body: JSON.stringify({ status }),
      idempotent: true,
      what: 'set the order status',
      setting: 'afterImport.setStatus.status / afterRealization.setStatus.status',
    });
  }

  async uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void> {
    const { wpUser, wpAppPassword } = await readUploadCredentials('woocommerce', this.deps.secrets);
    const site = this.base.replace(/\/wp-json\/.*$/, '');
    const fileName = uploadFileName(await uploadNameKeyOf(this.deps), this.platform, orderId, pdf.documentNumber);
    const linked = await uploadAndLink(
      {
        http: this.deps.http,
        settings: this.deps.settings,
        site,
        wcHeaders: this.headers(),
        wcUrl: (path) => this.url(path),
        wpUser: wpUser!,
        wpAppPassword: wpAppPassword!,
        fileName,
      },
      orderId,
      pdf,
    );
    const reused = [linked.reused.file ? 'file' : '', linked.reused.note ? 'note' : ''].filter(Boolean).join(' and ');
    this.deps.logger.debug(
      `WooCommerce: ${pdf.documentNumber} in the media library (private) and linked on order ${orderId} (note ${linked.noteId ?? '?'})${reused ? `; the earlier ${reused} reused` : ''}`,
    );
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    // /orders/statuses needs no key, so the check reads one order.
    const response = await this.deps.http.send({
      method: 'GET',
      url: this.url('orders', { per_page: 1 }),
      headers: this.headers(),
      idempotent: true,
      what: 'check the credentials',
    });
    const detail = t('WooCommerce keys accepted; {0} orders in the shop', response.headers.get('x-wp-total') ?? '?');
    if (!this.deps.settings.afterRealization.uploadSalesPdfToShop.enabled) return { ok: true, detail };
    // The PDF upload uses other credentials: check them now rather than at the first realization.
    const { wpUser, wpAppPassword } = await readUploadCredentials('woocommerce', this.deps.secrets);
    const me = await checkWordPressUser(this.deps.http, this.base.replace(/\/wp-json\/.*$/, ''), wpUser!, wpAppPassword!);
    return { ok: true, detail: t('{0}; WordPress user {1} accepted for the PDF upload', detail, me) };
  }
}
