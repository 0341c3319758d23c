// A SellAsist API fake (/api/v1, header apiKey) following research/shop-apis.md §5 — itself from secondary
// sources: GET /orders_with_carts (date_from, status_id, offset, limit, sort; bare array; 404 "No records
// found" when empty), GET/PUT /orders/{id} (status, document_number), GET /statuses. No upload endpoint
// (none is documented).
import { decimal, emptyState, type FakeOptions, type FakeRequest, type FakeResponse, type FakeShop, startHttpFake } from '../common/server';
import { type FixtureOrder, generateOrders, type NeutralStatus, warsawLocal } from '../common/orders';

export const SELLASIST_STATUS_IDS: Record<NeutralStatus, number> = {
  new: 1,
  paid: 2,
  processing: 3,
  shipped: 4,
  completed: 5,
  cancelled: 6,
};
export const SELLASIST_STATUSES = [
  { id: 1, name: 'Nowe' },
  { id: 2, name: 'Opłacone' },
  { id: 3, name: 'W realizacji' },
  { id: 4, name: 'Wysłane' },
  { id: 5, name: 'Zakończone' },
  { id: 6, name: 'Anulowane' },
];
export const SELLASIST_API_KEY = 'sa-7c1e5d2b9a4f4e0b8d3c6a1f2e9b7d40';

export interface SaFakeOrder extends Record<string, unknown> {
  id: number;
  date: string;
  status: { id: number; name: string };
}

export function toSellAsistOrder(order: FixtureOrder): SaFakeOrder {
  const address = {
    name: order.buyer.firstName,
    surname: order.buyer.lastName,
    company_name: order.buyer.company ?? '',
    company_nip: order.buyer.taxId ?? '',
    street: order.address.street,
    home_number: order.address.houseNumber,
    flat_number: '',
    city: order.address.city,
    postcode: order.address.postcode,
    phone: order.buyer.phone ?? '',
    state: '',
    country: { id: 170, code: 'PL', name: 'Polska' },
  };
  const total = order.lines.reduce((s, l) => s + l.unitGross * l.quantity, 0) + order.shipping.gross;
  const status = SELLASIST_STATUSES.find((s) => s.id === SELLASIST_STATUS_IDS[order.status])!;
  return {
    id: 5000 + order.id,
    email: order.buyer.email,
    date: warsawLocal(order.createdAt),
    status: { ...status },
    total: total / 100,
    document_number: null,
    comment: order.note ?? null,
    invoice: order.buyer.taxId ? 1 : 0,
    bill_address: address,
    shipment_address: { ...address },
    payment: { id: '2', name: order.payment, paid: decimal(total), cod: 0, currency: order.currency },
    shipment: { id: 3, name: order.shipping.method, total: decimal(order.shipping.gross) },
    carts: order.lines.map((line, index) => ({
      id: order.id * 10 + index,
      product_id: 12 + index,
      variant_id: null,
      name: line.name,
      quantity: line.quantity,
      price: line.unitGross / 100,
      ean: line.ean ?? null,
      symbol: line.sku,
      tax_rate: `${line.vatRate}.000`,
    })),
    external_data: { external_id: order.number, external_type: 'shop', external_login: '' },
  };
}

export async function startFakeSellAsist(options: FakeOptions = {}): Promise<FakeShop<SaFakeOrder>> {
  const state = emptyState((options.orders ?? generateOrders(12)).map(toSellAsistOrder));
  const handle = (request: FakeRequest): FakeResponse => {
    if (!request.path.startsWith('/api/v1/')) return { status: 404, body: { error: 'Not found' } };
    if (request.headers.apikey !== SELLASIST_API_KEY) return { status: 401, body: { error: 'Unauthorized', message: 'Invalid API key' } };
    const route = request.path.slice('/api/v1'.length);
    if (request.method === 'GET' && route === '/statuses') return { status: 200, body: SELLASIST_STATUSES };
    if (request.method === 'GET' && (route === '/orders_with_carts' || route === '/orders')) {
      const q = request.query;
      const limit = Number(q.get('limit') ?? 50);
      if (!(limit >= 1 && limit <= 100)) return { status: 400, body: { error: 'limit must be between 1 and 100' } };
      let rows = [...state.orders];
      const from = q.get('date_from');
      if (from) rows = rows.filter((o) => o.date >= from);
      const to = q.get('date_to');
      if (to) rows = rows.filter((o) => o.date <= to);
      if (q.has('status_id')) rows = rows.filter((o) => o.status.id === Number(q.get('status_id')));
      const direction = q.get('sort') === 'desc' ? -1 : 1;
      rows.sort((a, b) => direction * (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
      const offset = Number(q.get('offset') ?? 0);
      const page = rows.slice(offset, offset + limit).map((o) => (route === '/orders' ? { ...o, carts: undefined } : o));
      return page.length ? { status: 200, body: page } : { status: 404, body: { error: 'No records found' } };
    }
    const match = /^\/orders\/(\d+)$/.exec(route);
    if (match) {
      const order = state.orders.find((o) => o.id === Number(match[1]));
      if (!order) return { status: 404, body: { error: 'Order not found' } };
      if (request.method === 'GET') return { status: 200, body: order };
      if (request.method === 'PUT') {
        const body = JSON.parse(request.body.toString('utf8') || '{}') as { status?: number; document_number?: string };
        if (body.document_number !== undefined) {
          order.document_number = body.document_number;
          state.uploads.push({
            orderId: String(order.id),
            bytes: Buffer.alloc(0),
            documentNumber: body.document_number,
            detail: { field: 'document_number' },
          });
        }
        if (body.status !== undefined) {
          const status = SELLASIST_STATUSES.find((s) => s.id === Number(body.status));
          if (!status) return { status: 400, body: { error: 'Invalid status' } };
          order.status = { ...status };
          state.statusChanges.push({ orderId: String(order.id), status: String(status.id), body: request.body.toString('utf8') });
        }
        return { status: 200, body: order };
      }
    }
    return { status: 404, body: { error: 'Not found' } };
  };
  // SellAsist's list keeps the creation date ("date") whatever happens to the order later.
  const moveInPanel = (id: string, status: NeutralStatus) => {
    const order = state.orders.find((o) => String(o.id) === id);
    if (!order) throw new Error(`no order ${id}`);
    order.status = { ...SELLASIST_STATUSES.find((s) => s.id === SELLASIST_STATUS_IDS[status])! };
  };
  return startHttpFake(options, state, { handle, moveInPanel }, toSellAsistOrder);
}
