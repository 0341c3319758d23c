// Apilo REST API (https://{tenant}.apilo.com/rest/api/): OAuth-like tokens from a client id, secret and a
// one-time authorization code; access/refresh tokens kept in SecretStorage (CLI: a token file) and refreshed.
import { t } from '../l10n';
import type { ShopOrder } from '../model/order';
import { groszeToDecimal } from '../model/money';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { credentialHint } from './credentials';
import { ShopError } from './errors';
import { joinUrl, type PlatformHttpHooks } from './http';
import { apiloToShopOrder, type ApiloOrder } from './apilo-order';
import { ApiloSession } from './apilo-session';
import { listByKeyset } from './cursor';
import { writeOnce } from './once';
import { beforeImportSince, MAX_DETAIL_READS, MEMBERSHIP_ROWS } from './membership';
import { localToUtcMs, mapConcurrently } from './normalize';

const PAGE = 512;
const DETAIL_CONCURRENCY = 1;

export function apiloHooks(): PlatformHttpHooks {
  return {
    errorMessage: (_status, body) => {
      try {
        const parsed = JSON.parse(body) as { message?: string; description?: string; errors?: unknown[]; field?: string };
        const errors = Array.isArray(parsed.errors) && parsed.errors.length ? ` ${JSON.stringify(parsed.errors)}` : '';
        return [parsed.message, parsed.description, parsed.field].filter(Boolean).join(' — ') + errors || undefined;
      } catch {
        return body.slice(0, 200) || undefined;
      }
    },
    authHint: t('the Apilo client id, client secret and tokens (a new authorization code may be needed). {0}', credentialHint('apilo')),
  };
}

export class ApiloConnector implements ShopConnector {
  readonly platform = 'apilo';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.apilo };
  private readonly base: string;
  private readonly session: ApiloSession;
  private statusNames?: Map<string, string>;

  constructor(private readonly deps: ConnectorDeps) {
    this.base = shopUrl(deps.settings).replace(/\/rest(\/api)?$/, '');
    this.session = new ApiloSession(deps, this.base);
  }

  /** A valid access token: exchanges a pending authorization code, refreshes one near expiry. */
  async accessToken(forceRefresh = false): Promise<string> {
    return this.session.accessToken(forceRefresh);
  }

  private async api<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    what: string,
    options: {
      query?: URLSearchParams;
      body?: unknown;
      raw?: { bytes: Uint8Array; fileName: string };
      setting?: string;
      idempotent?: boolean;
    } = {},
  ): Promise<{ status: number; body: T }> {
    const url = joinUrl(this.base, `rest/api/${path}`) + (options.query ? `?${options.query.toString()}` : '');
    const send = async (token: string) =>
      this.deps.http.send({
        method,
        url,
        what,
        setting: options.setting,
        idempotent: options.idempotent ?? true,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(options.raw
            ? {
                'Content-Type': 'application/octet-stream',
                'Content-Disposition': `filename=${options.raw.fileName.replace(/[^\w.-]+/g, '_')}`,
              }
            : options.body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
        },
        body: options.raw ? options.raw.bytes : options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
    let response;
    try {
      response = await send(await this.accessToken());
    } catch (error) {
      // A token revoked or expired early: refresh once and repeat.
      if (!(error instanceof ShopError) || error.kind !== 'auth' || error.status !== 401) throw error;
      response = await send(await this.accessToken(true));
    }
    return { status: response.status, body: (response.text ? JSON.parse(response.text) : undefined) as T };
  }

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const size = this.deps.pageSize ?? PAGE;
    const importSince = this.deps.settings.shop.importSince;
    return listByKeyset<ApiloOrder>(
      {
        compare: (a, b) => Date.parse(a) - Date.parse(b),
        fetch: async (since, offset) => {
          const query = new URLSearchParams();
          for (const status of statuses) query.append('orderStatusIds[]', status);
          // updatedAfter's boundary is not documented as inclusive: ask from one second earlier.
          if (since) query.set('updatedAfter', apiloDate(Date.parse(since) - 1000));
          if (importSince)
            query.set(
              'createdAfter',
              apiloDate(localToUtcMs(`${importSince} 00:00:00`, this.deps.settings.timezone ?? 'Europe/Warsaw') - 1000),
            );
          query.set('sort', 'updatedAtAsc');
          query.set('offset', String(offset));
          query.set('limit', String(size));
          const { body } = await this.api<{ orders: ApiloOrder[]; totalCount: number; pageResultCount?: number }>(
            'GET',
            'orders/',
            'list orders',
            { query, setting: 'shop.importStatuses' },
          );
          const orders = body.orders ?? [];
          return {
            items: orders.map((raw) => ({ key: new Date(raw.updatedAt).toISOString(), id: raw.id, raw })),
            more: offset + orders.length < Number(body.totalCount ?? 0),
          };
        },
        // The list lacks the invoice and delivery addresses: each order is read in full.
        // One at a time: with several in flight, a request delayed between the limiter and the wire can land in
        // the next window of the shop's count (seen in the bench under CPU load).
        normalize: async (raws) => mapConcurrently(raws, DETAIL_CONCURRENCY, (raw) => this.getOrder(raw.id)),
      },
      cursor,
    );
  }

  async listMissed(statuses: readonly string[], known: (id: string) => boolean): Promise<MissedOrders> {
    const size = Math.min(this.deps.pageSize ?? PAGE, MEMBERSHIP_ROWS);
    const query = (offset: number, limit: number) => {
      const q = new URLSearchParams();
      for (const status of statuses) q.append('orderStatusIds[]', status);
      q.set('sort', 'updatedAtAsc');
      q.set('offset', String(offset));
      q.set('limit', String(limit));
      return q;
    };
    type Listing = { orders: ApiloOrder[]; totalCount: number };
    const what = 'check the orders in the import statuses';
    // The list sorts only ascending: the count first, then the last rows, which changed most recently.
    const { body: head } = await this.api<Listing>('GET', 'orders/', what, { query: query(0, 1), setting: 'shop.importStatuses' });
    const total = Number(head.totalCount ?? 0);
    const unknown: string[] = [];
    for (let offset = Math.max(0, total - MEMBERSHIP_ROWS); offset < total; offset += size) {
      const { body } = await this.api<Listing>('GET', 'orders/', what, { query: query(offset, size), setting: 'shop.importStatuses' });
      for (const raw of body.orders ?? [])
        if (!known(raw.id) && !beforeImportSince(this.deps.settings, Date.parse(raw.createdAt))) unknown.push(raw.id);
      if (!(body.orders ?? []).length) break;
    }
    // Newest first, a bounded number of detail reads; the rest are found by the next pass.
    const wanted = unknown.reverse().slice(0, MAX_DETAIL_READS);
    return { orders: await mapConcurrently(wanted, DETAIL_CONCURRENCY, (id) => this.getOrder(id)) };
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const { body } = await this.api<ApiloOrder>('GET', `orders/${encodeURIComponent(id)}/`, 'fetch an order');
    return this.toOrder(body, await this.statusNameMap());
  }

  private async statusNameMap(): Promise<Map<string, string>> {
    if (!this.statusNames) this.statusNames = new Map((await this.listStatuses()).map((s) => [s.id, s.name]));
    return this.statusNames;
  }

  toOrder(raw: ApiloOrder, names: Map<string, string>): ShopOrder {
    return apiloToShopOrder(raw, names);
  }

  async listStatuses(): Promise<ShopStatus[]> {
    const { body } = await this.api<Array<{ id: number; name: string }>>('GET', 'orders/status/map/', 'list order statuses');
    return body.map((s) => ({ id: String(s.id), name: s.name }));
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    // 304 = already in that status: fine.
    await this.api('PUT', `orders/${encodeURIComponent(orderId)}/status/`, 'set the order status', {
      body: { status: Number(status) },
      setting: 'afterImport.setStatus.status / afterRealization.setStatus.status',
    });
  }

  private async documentType(kind: 'FS' | 'PA'): Promise<number> {
    const configured = this.deps.settings.shop.apilo?.documentTypeId;
    if (configured) return configured;
    const { body } = await this.api<Array<{ id: number; key: string; name: string }>>(
      'GET',
      'orders/documents/map/',
      'list document types',
    );
    const wanted = kind === 'FS' ? /faktura|invoice/i : /paragon|receipt/i;
    const found = body.find((type) => wanted.test(type.name) || wanted.test(type.key));
    if (!found)
      throw new ShopError(
        t(
          'Apilo has no document type for {0}; set shop.apilo.documentTypeId (types: {1})',
          kind,
          body.map((b) => `${b.id} ${b.name}`).join(', '),
        ),
        'request',
        'apilo',
      );
    return found.id;
  }

  /** The order's document with this idExternal (the product's marker: the document number), if any. */
  private async findDocument(orderId: string, documentNumber: string): Promise<{ id: number } | undefined> {
    // GET /orders/{id}/documents/ and its idExternal filter are in Apilo's client (apilo-api-php); the query
    // name and the answer's shape are UNCONFIRMED, so the match is made here as well.
    const query = new URLSearchParams({ idExternal: documentNumber, limit: '512' });
    const { body } = await this.api<{ documents?: Array<{ id: number; idExternal?: string }> }>(
      'GET',
      `orders/${encodeURIComponent(orderId)}/documents/`,
      'look for the sales document on the order',
      { query },
    );
    return body?.documents?.find((document) => document.idExternal === documentNumber);
  }

  async uploadSalesPdf(orderId: string, pdf: SalesPdfUpload): Promise<void> {
    const type = await this.documentType(pdf.kind);
    const attached = await writeOnce({
      find: () => this.findDocument(orderId, pdf.documentNumber),
      write: async () => {
        // A second POST would store a second file: not repeated by the client. A file never attached expires (expiresAt).
        const { body: media } = await this.api<{ uuid: string }>('POST', 'media/', 'upload the sales-document PDF', {
          raw: { bytes: pdf.bytes, fileName: pdf.fileName },
          idempotent: false,
        });
        // idExternal = the document number: Apilo answers 200 instead of creating a duplicate when it exists.
        const { body } = await this.api<{ id: number }>(
          'POST',
          `orders/${encodeURIComponent(orderId)}/documents/`,
          'attach the sales document to the order',
          {
            body: {
              idExternal: pdf.documentNumber,
              number: pdf.documentNumber,
              priceWithTax: groszeToDecimal(pdf.totalGross),
              priceWithoutTax: groszeToDecimal(pdf.totalNet),
              currency: pdf.currency,
              currencyValue: '1.0000',
              type,
              media: media.uuid,
            },
            setting: 'shop.apilo.documentTypeId',
          },
        );
        return body;
      },
      what: t('sales document on the order'),
      platform: this.platform,
    });
    if (attached.reused)
      this.deps.logger.debug(
        `Apilo: ${pdf.documentNumber} is already on order ${orderId} (document ${attached.value.id}); nothing uploaded`,
      );
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    const statuses = await this.listStatuses();
    return { ok: true, detail: t('Apilo tokens accepted; {0} order statuses', statuses.length) };
  }
}

/** 2024-05-02T10:11:12+0000: the ISO form Apilo's filters take. */
function apiloDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+0000';
}
