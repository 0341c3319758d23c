// SellAsist REST API (https://{account}.sellasist.pl/api/v1), header apiKey. Contract from secondary
// sources only (see the README's UNCONFIRMED list): conservative choices are marked where they are made.
import { t } from '../l10n';
import type { OrderLine, ShopOrder } from '../model/order';
import type { MissedOrders, OrderPage, SalesPdfUpload, ShopConnector, ShopStatus } from './connector';
import { type ConnectorDeps, shopUrl } from './base';
import { PLATFORM_CAPABILITIES } from './capabilities';
import { credentialHint } from './credentials';
import { capabilityRefusal, ShopError } from './errors';
import { joinUrl, parseJson, type PlatformHttpHooks } from './http';
import { listByKeyset } from './cursor';
import { beforeImportSince, MembershipBudget } from './membership';
import {
  address,
  finishOrder,
  isoFromLocal,
  joinName,
  localToUtcMs,
  netFromGross,
  optional,
  parseVatRate,
  quantity,
  shippingLine,
  street,
  text,
  toGrosze,
  utcMsToLocal,
} from './normalize';

interface SaAddress {
  name?: string;
  surname?: string;
  company_name?: string;
  company_nip?: string;
  street?: string;
  home_number?: string;
  flat_number?: string;
  city?: string;
  postcode?: string;
  phone?: string;
  country?: { code?: string } | null;
}
export interface SaOrder {
  id: number;
  email?: string;
  date: string;
  status: { id: number | string; name?: string };
  total?: number | string;
  comment?: string | null;
  invoice?: number | string;
  bill_address?: SaAddress;
  shipment_address?: SaAddress;
  payment?: { name?: string; currency?: string };
  shipment?: { name?: string; total?: number | string };
  carts?: Array<{
    name: string;
    quantity: number | string;
    price: number | string;
    ean?: string | null;
    symbol?: string | null;
    tax_rate?: string | number | null;
  }>;
}

const PAGE = 50;

export function sellasistHooks(): PlatformHttpHooks {
  return {
    errorMessage: (_status, body) => {
      try {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        const message = parsed.message ?? parsed.error ?? parsed.errors;
        return message === undefined ? body.slice(0, 200) : typeof message === 'string' ? message : JSON.stringify(message);
      } catch {
        return body.slice(0, 200) || undefined;
      }
    },
    authHint: t('the SellAsist API key. {0}', credentialHint('sellasist')),
    secretHeaders: ['apiKey'],
  };
}

export class SellAsistConnector implements ShopConnector {
  readonly platform = 'sellasist';
  readonly capabilities = { ...PLATFORM_CAPABILITIES.sellasist };
  private readonly base: string;

  constructor(private readonly deps: ConnectorDeps) {
    const url = shopUrl(deps.settings);
    this.base = /\/api\/v1$/.test(url) ? url : joinUrl(url, 'api/v1');
  }

  private get zone(): string {
    return this.deps.settings.timezone ?? 'Europe/Warsaw';
  }

  private headers(json = false): Record<string, string> {
    return { apiKey: this.deps.credentials.shopKey!, accept: 'application/json', ...(json ? { 'Content-Type': 'application/json' } : {}) };
  }

  async listOrders(cursor: string | undefined, statuses: readonly string[]): Promise<OrderPage> {
    const size = this.deps.pageSize ?? PAGE;
    const importSince = this.deps.settings.shop.importSince;
    return listByKeyset<SaOrder>(
      {
        fetch: async (since, offset) => {
          const query = new URLSearchParams();
          // Whether date_from is inclusive is not documented: ask from one second earlier and drop repeats.
          const from = since
            ? utcMsToLocal(localToUtcMs(since, this.zone) - 1000, this.zone)
            : importSince
              ? `${importSince} 00:00:00`
              : undefined;
          if (from) query.set('date_from', from);
          if (statuses.length === 1) query.set('status_id', statuses[0]!);
          query.set('offset', String(offset));
          query.set('limit', String(size));
          query.set('sort', 'asc');
          const orders = [...(await this.listRows(query, 'list orders'))].sort((a, b) =>
            a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id,
          );
          return { items: orders.map((raw) => ({ key: raw.date, id: String(raw.id), raw })), more: orders.length >= size };
        },
        accept: (raw) => statuses.length === 0 || statuses.includes(String(raw.status?.id)),
        normalize: async (raws) => raws.map((raw) => this.toOrder(raw)),
      },
      cursor,
    );
  }

  /** Each import status read whole, newest first (status_id takes one value), within the pass's time budget. */
  async listMissed(statuses: readonly string[], known: (id: string) => boolean): Promise<MissedOrders> {
    const size = this.deps.pageSize ?? PAGE;
    const found: SaOrder[] = [];
    const budget = new MembershipBudget(() => this.deps.http.ticks());
    for (const status of statuses) {
      for (let offset = 0; ; offset += size) {
        if (budget.spent) {
          budget.note(status, String(offset));
          break;
        }
        const query = new URLSearchParams({ status_id: status, offset: String(offset), limit: String(size), sort: 'desc' });
        const rows = await this.listRows(query, 'check the orders in the import statuses');
        found.push(
          ...rows.filter(
            (raw) =>
              String(raw.status?.id) === status &&
              !known(String(raw.id)) &&
              !beforeImportSince(this.deps.settings, localToUtcMs(raw.date, this.zone)),
          ),
        );
        if (rows.length < size) break;
      }
    }
    const notice = budget.cutShort
      .map((cut) =>
        t(
          'SellAsist: the check of status {0} ran out of time after the newest {1} orders; the older ones are checked when a pass has time left.',
          cut.status,
          cut.reachedBack,
        ),
      )
      .join(' ');
    return { orders: found.map((raw) => this.toOrder(raw)), ...(notice ? { notice } : {}) };
  }

  private async listRows(query: URLSearchParams, what: string): Promise<SaOrder[]> {
    try {
      return await this.deps.http.json<SaOrder[]>({
        method: 'GET',
        url: `${joinUrl(this.base, 'orders_with_carts')}?${query.toString()}`,
        headers: this.headers(),
        idempotent: true,
        what,
        setting: 'shop.importStatuses',
      });
    } catch (error) {
      // Some SellAsist versions answer an empty list with 404 "No records found" (UNCONFIRMED).
      if (error instanceof ShopError && error.status === 404 && /no records/i.test(error.shopMessage ?? '')) return [];
      throw error;
    }
  }

  async getOrder(id: string): Promise<ShopOrder> {
    const response = await this.deps.http.send({
      method: 'GET',
      url: joinUrl(this.base, `orders/${encodeURIComponent(id)}`),
      headers: this.headers(),
      idempotent: true,
      what: 'fetch an order',
    });
    return this.toOrder(parseJson<SaOrder>(response.text, 'SellAsist', 'fetch an order'));
  }

  toOrder(raw: SaOrder): ShopOrder {
    const lines: OrderLine[] = (raw.carts ?? []).map((cart) => {
      const unitGross = toGrosze(cart.price);
      const vatRate = parseVatRate(cart.tax_rate);
      return {
        name: text(cart.name),
        sku: optional(cart.symbol),
        ean: optional(cart.ean),
        quantity: quantity(cart.quantity),
        unit: 'szt.',
        unitGross,
        unitNet: netFromGross(unitGross, vatRate),
        vatRate,
        isShipping: false,
      };
    });
    const shippingGross = toGrosze(raw.shipment?.total);
    if (shippingGross !== 0) {
      const rates = lines.map((l) => l.vatRate).filter((r): r is number => r !== null);
      lines.push(shippingLine(text(raw.shipment?.name) || t('Shipping'), shippingGross, rates.length ? Math.max(...rates) : null));
    }
    const bill = raw.bill_address ?? {};
    const ship = raw.shipment_address ?? bill;
    const toAddress = (a: SaAddress) =>
      address({
        name: joinName(a.name, a.surname),
        company: optional(a.company_name),
        street: street(a.street, [text(a.home_number), text(a.flat_number)].filter(Boolean).join('/')),
        postcode: text(a.postcode),
        city: text(a.city),
        country: text(a.country?.code) || 'PL',
        phone: optional(a.phone),
      });
    return finishOrder({
      platform: 'sellasist',
      id: String(raw.id),
      number: String(raw.id),
      createdAt: isoFromLocal(raw.date, this.zone),
      updatedAt: isoFromLocal(raw.date, this.zone),
      status: String(raw.status?.id ?? ''),
      statusName: optional(raw.status?.name),
      currency: text(raw.payment?.currency) || 'PLN',
      paymentMethod: optional(raw.payment?.name),
      shippingMethod: optional(raw.shipment?.name),
      buyer: {
        name: joinName(bill.name, bill.surname),
        company: optional(bill.company_name),
        taxId: optional(bill.company_nip),
        email: text(raw.email),
        phone: optional(bill.phone),
      },
      billingAddress: toAddress(bill),
      shippingAddress: toAddress(ship),
      lines,
      totalGross: raw.total === undefined || raw.total === null ? undefined : toGrosze(raw.total),
      wantsInvoice: raw.invoice === undefined ? undefined : String(raw.invoice) === '1',
      customerNote: optional(raw.comment),
    });
  }

  async listStatuses(): Promise<ShopStatus[]> {
    const list = await this.deps.http.json<Array<{ id: number | string; name: string }>>({
      method: 'GET',
      url: joinUrl(this.base, 'statuses'),
      headers: this.headers(),
      idempotent: true,
      what: 'list order statuses',
    });
    return list.map((s) => ({ id: String(s.id), name: s.name }));
  }

  async setStatus(orderId: string, status: string): Promise<void> {
    await this.deps.http.send({
      method: 'PUT',
      url: joinUrl(this.base, `orders/${encodeURIComponent(orderId)}`),
      headers: this.headers(true),
      body: JSON.stringify({ status: Number(status) }),
      idempotent: true,
      what: 'set the order status',
      setting: 'afterImport.setStatus.status / afterRealization.setStatus.status',
    });
  }

  /** The order's own sales-document field (PUT /orders/{id} {"document_number"}); setting it again is harmless. */
  async writeDocumentNumber(orderId: string, documentNumber: string): Promise<void> {
    await this.deps.http.send({
      method: 'PUT',
      url: joinUrl(this.base, `orders/${encodeURIComponent(orderId)}`),
      headers: this.headers(true),
      body: JSON.stringify({ document_number: documentNumber }),
      idempotent: true,
      what: 'write the sales-document number to the order',
    });
  }

  async uploadSalesPdf(_orderId: string, _pdf: SalesPdfUpload): Promise<void> {
    throw capabilityRefusal(this.platform);
  }

  async testConnection(): Promise<{ ok: true; detail: string }> {
    const statuses = await this.listStatuses();
    return { ok: true, detail: t('SellAsist API key accepted; {0} order statuses', statuses.length) };
  }
}
