// An Apilo REST API fake following research/shop-apis.md §4: POST /rest/auth/token/ (authorization code,
// refresh token), Bearer auth, GET /rest/api/orders/ (orderStatusIds[], updatedAfter, createdAfter,
// sort=updatedAtAsc, offset, limit ≤512, totalCount), GET /rest/api/orders/{id}/, status map, PUT status
// (200 / 304 / 400 / 404), POST /rest/api/media/ (octet-stream → uuid), documents map, POST order documents
// (201, or 200 for a known idExternal), GET order documents (idExternal filter, offset, limit ≤512: the route
// of Apilo's own client, apilo-api-php; the answer's shape as its model); errors {"message","code",
// "description","errors","field"}.
import { randomUUID } from 'node:crypto';
import {
  basicCredentials,
  decimal,
  emptyState,
  type FakeOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeShop,
  shopCalendar,
  startHttpFake,
} from '../common/server';
import { type FixtureOrder, generateOrders, netOf, type NeutralStatus, warsawLocal } from '../common/orders';

export const APILO_STATUS_IDS: Record<NeutralStatus, number> = {
  new: 7,
  paid: 9,
  processing: 10,
  shipped: 13,
  completed: 14,
  cancelled: 8,
};
export const APILO_STATUSES = [
  { id: 7, key: 'STATUS_7', name: 'Nowy', description: 'Nowy' },
  { id: 8, key: 'STATUS_8', name: 'Anulowany', description: 'Anulowany' },
  { id: 9, key: 'STATUS_9', name: 'Opłacony', description: 'Opłacony' },
  { id: 10, key: 'STATUS_10', name: 'W realizacji', description: 'W realizacji' },
  { id: 13, key: 'STATUS_13', name: 'Wysłany', description: 'Wysłany' },
  { id: 14, key: 'STATUS_14', name: 'Zakończony', description: 'Zakończony' },
];
export const APILO_DOCUMENT_TYPES = [
  { id: 2, key: 'E_INVOICE', name: 'Faktura sprzedaży' },
  { id: 16, key: 'E_RECEIPT', name: 'Paragon' },
];
export const APILO_CLIENT_ID = '17';
export const APILO_CLIENT_SECRET = 'b7d1a3c5-2e4f-4a6b-8c0d-1e2f3a4b5c6d';
export const APILO_AUTHORIZATION_CODE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** ISO with the Warsaw offset, as Apilo writes dates: 2026-03-02T09:00:00+0100. */
export function apiloTime(instant: number): string {
  const local = warsawLocal(instant);
  const offsetMinutes = Math.round((Date.parse(local.replace(' ', 'T') + 'Z') - Math.floor(instant / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local.replace(' ', 'T')}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

export interface ApiloFakeOrder extends Record<string, unknown> {
  id: string;
  status: number;
  createdAt: string;
  updatedAt: string;
}

export function toApiloOrder(order: FixtureOrder): ApiloFakeOrder {
  const name = `${order.buyer.firstName} ${order.buyer.lastName}`;
  const addr = {
    name,
    phone: order.buyer.phone ?? '',
    email: order.buyer.email,
    streetName: order.address.street,
    streetNumber: order.address.houseNumber,
    city: order.address.city,
    zipCode: order.address.postcode,
    country: 'PL',
  };
  const items: Array<Record<string, unknown>> = order.lines.map((line, index) => ({
    id: order.id * 10 + index,
    idExternal: null,
    ean: line.ean ?? null,
    sku: line.sku,
    originalName: line.name,
    originalCode: line.sku,
    originalPriceWithTax: decimal(line.unitGross),
    originalPriceWithoutTax: decimal(netOf(line.unitGross, line.vatRate)),
    quantity: line.quantity,
    tax: `${line.vatRate}.00`,
    unit: 'szt.',
    type: 1,
  }));
  if (order.shipping.gross)
    items.push({
      id: order.id * 10 + 9,
      sku: 'ship',
      originalName: `Wysyłka - ${order.shipping.method}`,
      originalPriceWithTax: decimal(order.shipping.gross),
      quantity: 1,
      tax: null,
      type: 2,
    });
  const total = order.lines.reduce((s, l) => s + l.unitGross * l.quantity, 0) + order.shipping.gross;
  return {
    id: `AL2603${String(order.id).padStart(5, '0')}`,
    status: APILO_STATUS_IDS[order.status],
    idExternal: order.number,
    isInvoice: Boolean(order.buyer.taxId),
    paymentStatus: 2,
    paymentType: 2,
    originalCurrency: order.currency,
    createdAt: apiloTime(Date.parse(order.createdAt)),
    updatedAt: apiloTime(Date.parse(order.updatedAt)),
    orderedAt: apiloTime(Date.parse(order.createdAt)),
    orderItems: items,
    addressCustomer: addr,
    addressInvoice: { ...addr, companyName: order.buyer.company ?? null, companyTaxNumber: order.buyer.taxId ?? null },
    addressDelivery: { ...addr },
    originalAmountTotalWithTax: decimal(total),
    platformAccountId: 1,
    carrierId: 1,
    orderNotes: order.note ? [{ type: 1, comment: order.note }] : [],
  };
}

const LIST_FIELDS = [
  'id',
  'status',
  'idExternal',
  'isInvoice',
  'paymentStatus',
  'paymentType',
  'originalCurrency',
  'createdAt',
  'updatedAt',
  'orderItems',
  'addressCustomer',
  'platformAccountId',
  'carrierId',
];

export interface ApiloFakeOptions extends FakeOptions {
  /** Access tokens expire after this long (default 21 days). */
  accessTokenTtlMs?: number;
}

export type ApiloFake = FakeShop<ApiloFakeOrder> & {
  media: Map<string, Buffer>;
  documents: Array<Record<string, unknown> & { orderId: string }>;
  tokens: { access: Set<string>; refresh: string | undefined; issued: number };
};

const apiloError = (status: number, message: string, description = '', errors: unknown[] = [], field = ''): FakeResponse => ({
  status,
  body: { message, code: status, description, errors, field },
});

export async function startFakeApilo(options: ApiloFakeOptions = {}): Promise<ApiloFake> {
  const state = emptyState((options.orders ?? generateOrders(12)).map(toApiloOrder));
  const media = new Map<string, Buffer>();
  const documents: ApiloFake['documents'] = [];
  const tokens: ApiloFake['tokens'] = { access: new Set(), refresh: undefined, issued: 0 };
  const expiry = new Map<string, number>();
  let codeUsed = false;
  const ttl = options.accessTokenTtlMs ?? 21 * 86_400_000;
  const now = options.now ?? shopCalendar();

  const issue = (): FakeResponse => {
    tokens.issued++;
    const access = `acc-${randomUUID()}`;
    tokens.access.add(access);
    expiry.set(access, now().getTime() + ttl);
    tokens.refresh = `ref-${randomUUID()}`;
    return {
      status: 201,
      body: {
        accessToken: access,
        accessTokenExpireAt: new Date(now().getTime() + ttl).toISOString(),
        refreshToken: tokens.refresh,
        refreshTokenExpireAt: new Date(now().getTime() + 60 * 86_400_000).toISOString(),
      },
    };
  };

  const handle = (request: FakeRequest): FakeResponse => {
    const path = request.path;
    if (request.method === 'POST' && path === '/rest/auth/token/') {
      const client = basicCredentials(request.headers.authorization);
      if (!client || client[0] !== APILO_CLIENT_ID || client[1] !== APILO_CLIENT_SECRET) return apiloError(401, 'Authorization failed');
      const body = JSON.parse(request.body.toString('utf8') || '{}') as { grantType?: string; token?: string };
      if (body.grantType === 'authorization_code' && body.token === APILO_AUTHORIZATION_CODE && !codeUsed) {
        codeUsed = true;
        return issue();
      }
      if (body.grantType === 'refresh_token' && body.token && body.token === tokens.refresh) return issue();
      return apiloError(401, 'Authorization failed', 'Invalid grant');
    }
    if (!path.startsWith('/rest/api/')) return apiloError(404, 'Not found');
    const bearer = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!tokens.access.has(bearer) || (expiry.get(bearer) ?? 0) < now().getTime()) return apiloError(401, 'Authorization failed');
    const route = path.slice('/rest/api'.length);
    const json = () => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;

    if (request.method === 'GET' && route === '/orders/status/map/') return { status: 200, body: APILO_STATUSES };
    if (request.method === 'GET' && route === '/orders/documents/map/') return { status: 200, body: APILO_DOCUMENT_TYPES };
    if (request.method === 'GET' && route === '/orders/') {
      const q = request.query;
      const limit = Number(q.get('limit') ?? 512);
      if (!(limit >= 1 && limit <= 512)) return apiloError(422, 'Validation failed', '', [{ field: 'limit', message: 'max 512' }], 'limit');
      const offset = Number(q.get('offset') ?? 0);
      const statusIds = q.getAll('orderStatusIds[]').map(Number);
      let rows = state.orders.filter((o) => statusIds.length === 0 || statusIds.includes(o.status));
      const updatedAfter = q.get('updatedAfter');
      if (updatedAfter) rows = rows.filter((o) => Date.parse(o.updatedAt) > Date.parse(updatedAfter));
      const createdAfter = q.get('createdAfter');
      if (createdAfter) rows = rows.filter((o) => Date.parse(o.createdAt) > Date.parse(createdAfter));
      if (q.get('sort') === 'updatedAtAsc')
        rows = [...rows].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.id.localeCompare(b.id));
      const page = rows.slice(offset, offset + limit).map((o) => Object.fromEntries(LIST_FIELDS.map((f) => [f, o[f]])));
      return { status: 200, body: { orders: page, totalCount: rows.length, currentOffset: offset, pageResultCount: page.length } };
    }
    const orderMatch = /^\/orders\/([A-Z0-9]+)\/(status\/|documents\/)?$/.exec(route);
    if (orderMatch) {
      const order = state.orders.find((o) => o.id === orderMatch[1]);
      if (!order) return apiloError(404, 'Order not found');
      if (request.method === 'GET' && !orderMatch[2]) return { status: 200, body: order };
      if (request.method === 'PUT' && orderMatch[2] === 'status/') {
        const body = json();
        const status = Number(body.status);
        if (!APILO_STATUSES.some((s) => s.id === status)) return apiloError(400, 'Invalid status', '', [], 'status');
        if (order.status === status) return { status: 304 };
        order.status = status;
        order.updatedAt = apiloTime(Math.floor(now().getTime() / 1000) * 1000);
        state.statusChanges.push({ orderId: order.id, status: String(status), body: request.body.toString('utf8') });
        return { status: 200, body: { updates: '1' } };
      }
      if (request.method === 'GET' && orderMatch[2] === 'documents/') {
        const q = request.query;
        const limit = Number(q.get('limit') ?? 512);
        if (!(limit >= 1 && limit <= 512))
          return apiloError(422, 'Validation failed', '', [{ field: 'limit', message: 'max 512' }], 'limit');
        const rows = documents.filter((d) => d.orderId === order.id && (!q.has('idExternal') || d.idExternal === q.get('idExternal')));
        const offset = Number(q.get('offset') ?? 0);
        const page = rows
          .slice(offset, offset + limit)
          .map((d) => Object.fromEntries(Object.entries(d).filter(([key]) => key !== 'orderId' && key !== 'media')));
        return { status: 200, body: { documents: page, totalCount: rows.length, currentOffset: offset, pageResultCount: page.length } };
      }
      if (request.method === 'POST' && orderMatch[2] === 'documents/') {
        const body = json();
        const existing = documents.find((d) => d.orderId === order.id && d.idExternal === body.idExternal);
        if (existing) return { status: 200, body: existing };
        const bytes = media.get(String(body.media));
        if (!bytes) return apiloError(422, 'Validation failed', '', [{ field: 'media', message: 'Unknown media' }], 'media');
        if (!APILO_DOCUMENT_TYPES.some((t) => t.id === body.type))
          return apiloError(422, 'Validation failed', '', [{ field: 'type', message: 'Unknown type' }], 'type');
        const document = { ...body, id: documents.length + 1, orderId: order.id, createdAt: apiloTime(now().getTime()) };
        documents.push(document);
        state.uploads.push({ orderId: order.id, bytes, documentNumber: String(body.number), detail: body });
        return { status: 201, body: Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'orderId')) };
      }
    }
    if (request.method === 'POST' && route === '/media/') {
      if (request.headers['content-type'] !== 'application/octet-stream') return apiloError(415, 'Unsupported Media Type');
      if (!request.body.subarray(0, 5).equals(Buffer.from('%PDF-')))
        return apiloError(415, 'Unsupported Media Type', 'Accepted: pdf, jpeg, png, gif, webp');
      const uuid = randomUUID();
      media.set(uuid, request.body);
      const name = /filename=([^;]+)/.exec(String(request.headers['content-disposition'] ?? ''))?.[1] ?? 'file.pdf';
      return {
        status: 201,
        body: { uuid, name, type: 'application/pdf', expiresAt: new Date(now().getTime() + 7 * 86_400_000).toISOString() },
      };
    }
    return apiloError(404, 'Not found');
  };
  const moveInPanel = (id: string, status: NeutralStatus) => {
    const order = state.orders.find((o) => o.id === id);
    if (!order) throw new Error(`no order ${id}`);
    order.status = APILO_STATUS_IDS[status];
    order.updatedAt = apiloTime(Math.floor(now().getTime() / 1000) * 1000);
  };
  const fake = await startHttpFake(options, state, { handle, moveInPanel }, toApiloOrder);
  return Object.assign(fake, { media, documents, tokens });
}
