// A BaseLinker API fake (POST /connector.php, method + JSON parameters, X-BLToken) following
// research/shop-apis.md §3: getOrders (≤100, date_confirmed_from / id_from / status_id), getOrderStatusList,
// setOrderStatus, getInvoices, addInvoice, addOrderInvoiceFile, getJournalList (events of the last 3 days
// after last_log_id: 1 creation, 18 status change with the new status as object_id; an empty answer when the
// account has it off); errors as {"status":"ERROR",…} with HTTP 200; over the limit the token is blocked and
// every call answers ERROR_BLOCKED_TOKEN until the time given.
import {
  decimal,
  emptyState,
  type FakeOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeShop,
  shopCalendar,
  startHttpFake,
} from '../common/server';
import { type FixtureOrder, generateOrders, type NeutralStatus, warsawLocal } from '../common/orders';

export const BASELINKER_STATUS_IDS: Record<NeutralStatus, number> = {
  new: 1051,
  paid: 1052,
  processing: 1053,
  shipped: 1054,
  completed: 1055,
  cancelled: 1056,
};
export const BASELINKER_STATUSES = [
  { id: 1051, name: 'Nowe zamówienia', name_for_customer: 'Zamówienie przyjęte', color: '#1e90ff' },
  { id: 1052, name: 'Opłacone', name_for_customer: 'Opłacone', color: '#00aa00' },
  { id: 1053, name: 'W realizacji', name_for_customer: 'W realizacji', color: '#ffaa00' },
  { id: 1054, name: 'Wysłane', name_for_customer: 'Wysłane', color: '#8888ff' },
  { id: 1055, name: 'Zakończone', name_for_customer: 'Zakończone', color: '#555555' },
  { id: 1056, name: 'Anulowane', name_for_customer: 'Anulowane', color: '#ff0000' },
];
export const BASELINKER_TOKEN = '3001234-3004567-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEF';
export const BASELINKER_SERIES_ID = 15;

export interface BlFakeOrder {
  order_id: number;
  shop_order_id: number;
  external_order_id: string;
  order_source: string;
  order_status_id: number;
  date_add: number;
  date_confirmed: number;
  date_in_status: number;
  confirmed: boolean;
  email: string;
  phone: string;
  currency: string;
  payment_method: string;
  payment_method_cod: string;
  payment_done: number;
  delivery_method: string;
  delivery_price: number;
  delivery_fullname: string;
  delivery_company: string;
  delivery_address: string;
  delivery_postcode: string;
  delivery_city: string;
  delivery_country_code: string;
  invoice_fullname: string;
  invoice_company: string;
  invoice_nip: string;
  invoice_address: string;
  invoice_postcode: string;
  invoice_city: string;
  invoice_country_code: string;
  want_invoice: string;
  user_comments: string;
  products: Array<{
    order_product_id: number;
    product_id: string;
    variant_id: number;
    name: string;
    sku: string;
    ean: string;
    price_brutto: number | string;
    tax_rate: number | string;
    quantity: number;
    weight: number;
  }>;
}

export function toBaseLinkerOrder(order: FixtureOrder): BlFakeOrder {
  const unix = Math.floor(Date.parse(order.createdAt) / 1000);
  const name = `${order.buyer.firstName} ${order.buyer.lastName}`;
  const street = `${order.address.street} ${order.address.houseNumber}`;
  return {
    order_id: 3_754_000 + order.id,
    shop_order_id: 0,
    external_order_id: order.number,
    order_source: 'personal',
    order_status_id: BASELINKER_STATUS_IDS[order.status],
    date_add: unix,
    date_confirmed: unix,
    date_in_status: unix,
    confirmed: true,
    email: order.buyer.email,
    phone: order.buyer.phone ?? '',
    currency: order.currency,
    payment_method: order.payment,
    payment_method_cod: '0',
    payment_done: 0,
    delivery_method: order.shipping.method,
    delivery_price: order.shipping.gross / 100,
    delivery_fullname: name,
    delivery_company: order.buyer.company ?? '',
    delivery_address: street,
    delivery_postcode: order.address.postcode,
    delivery_city: order.address.city,
    delivery_country_code: 'PL',
    invoice_fullname: name,
    invoice_company: order.buyer.company ?? '',
    invoice_nip: order.buyer.taxId ?? '',
    invoice_address: street,
    invoice_postcode: order.address.postcode,
    invoice_city: order.address.city,
    invoice_country_code: 'PL',
    want_invoice: order.buyer.taxId ? '1' : '0',
    user_comments: order.note ?? '',
    // Numbers arrive as numbers or strings in the wild: every other order uses strings.
    products: order.lines.map((line, index) => ({
      order_product_id: order.id * 10 + index,
      product_id: String(100 + index),
      variant_id: 0,
      name: line.name,
      sku: line.sku,
      ean: line.ean ?? '',
      price_brutto: order.id % 2 ? decimal(line.unitGross) : line.unitGross / 100,
      tax_rate: order.id % 2 ? String(line.vatRate) : line.vatRate,
      quantity: line.quantity,
      weight: 0.3,
    })),
  };
}

export interface BaseLinkerFakeOptions extends FakeOptions {
  token?: string;
  /** How long a token stays blocked after the limit is exceeded (default: one window). */
  blockMs?: number;
  /** The account has the order journal (getJournalList) enabled (default true). */
  journal?: boolean;
}

export interface BlJournalEntry {
  id: number;
  order_id: number;
  log_type: number;
  object_id: number;
  date: number;
}

export type BaseLinkerFake = FakeShop<BlFakeOrder> & {
  journal: BlJournalEntry[];
  invoices: Array<{ invoice_id: number; order_id: number; series_id: number; file?: Buffer; external_invoice_number?: string }>;
};

export async function startFakeBaseLinker(options: BaseLinkerFakeOptions = {}): Promise<BaseLinkerFake> {
  const token = options.token ?? BASELINKER_TOKEN;
  const state = emptyState((options.orders ?? generateOrders(12)).map(toBaseLinkerOrder));
  const invoices: BaseLinkerFake['invoices'] = [];
  const now = options.now ?? shopCalendar();
  const journal: BlJournalEntry[] = [];
  const log = (order: BlFakeOrder, type: 1 | 18) => {
    journal.push({
      id: 9_000_000 + journal.length + 1,
      order_id: order.order_id,
      log_type: type,
      object_id: type === 18 ? order.order_status_id : 0,
      date: Math.floor(now().getTime() / 1000),
    });
  };
  for (const order of state.orders) log(order, 1);
  let blockedUntil = 0;
  const blockMs = options.blockMs ?? options.rateWindowMs ?? 60_000;

  const error = (code: string, message: string): FakeResponse => ({
    status: 200,
    body: { status: 'ERROR', error_code: code, error_message: message },
  });
  const blockedAnswer = () =>
    error('ERROR_BLOCKED_TOKEN', `Query limit exceeded, token blocked until ${warsawLocal(Math.ceil(blockedUntil / 1000) * 1000)}`);

  const methods: Record<string, (p: Record<string, unknown>) => FakeResponse> = {
    getOrders: (p) => {
      let rows = state.orders.filter((o) => o.confirmed || p.get_unconfirmed_orders === true);
      if (p.order_id !== undefined) rows = rows.filter((o) => o.order_id === Number(p.order_id));
      if (p.date_confirmed_from !== undefined) rows = rows.filter((o) => o.date_confirmed >= Number(p.date_confirmed_from));
      if (p.date_from !== undefined) rows = rows.filter((o) => o.date_add >= Number(p.date_from));
      if (p.id_from !== undefined) rows = rows.filter((o) => o.order_id >= Number(p.id_from));
      if (p.status_id !== undefined) rows = rows.filter((o) => o.order_status_id === Number(p.status_id));
      rows = [...rows].sort((a, b) => a.date_confirmed - b.date_confirmed || a.order_id - b.order_id).slice(0, 100);
      return { status: 200, body: { status: 'SUCCESS', orders: rows.map(({ confirmed: _c, ...rest }) => rest) } };
    },
    getJournalList: (p) => {
      if (options.journal === false) return { status: 200, body: '' };
      const types = Array.isArray(p.logs_types) ? (p.logs_types as number[]).map(Number) : undefined;
      const oldest = Math.floor(now().getTime() / 1000) - 3 * 86_400;
      // "from which the logs are to be retrieved": inclusive here, the stricter reading for a client.
      const logs = journal
        .filter(
          (e) =>
            e.id >= Number(p.last_log_id ?? 0) &&
            e.date >= oldest &&
            (!types || types.includes(e.log_type)) &&
            (p.order_id === undefined || e.order_id === Number(p.order_id)),
        )
        .slice(0, 100);
      return { status: 200, body: { status: 'SUCCESS', logs } };
    },
    getOrderStatusList: () => ({ status: 200, body: { status: 'SUCCESS', statuses: BASELINKER_STATUSES } }),
    setOrderStatus: (p) => {
      const order = state.orders.find((o) => o.order_id === p.order_id);
      if (!order) return error('ERROR_ORDER_NOT_FOUND', 'Order not found');
      if (!BASELINKER_STATUSES.some((s) => s.id === p.status_id)) return error('ERROR_STATUS_NOT_FOUND', 'Status not found');
      order.order_status_id = p.status_id as number;
      order.date_in_status = Math.floor(now().getTime() / 1000);
      log(order, 18);
      state.statusChanges.push({ orderId: String(order.order_id), status: String(p.status_id), body: JSON.stringify(p) });
      return { status: 200, body: { status: 'SUCCESS' } };
    },
    getInvoices: (p) => ({
      status: 200,
      body: {
        status: 'SUCCESS',
        invoices: invoices
          .filter((i) => i.order_id === Number(p.order_id) && !(p.get_external_invoices === false && i.file))
          .map((i) => ({ invoice_id: i.invoice_id, order_id: i.order_id, series_id: i.series_id })),
      },
    }),
    addInvoice: (p) => {
      if (!state.orders.some((o) => o.order_id === p.order_id)) return error('ERROR_ORDER_NOT_FOUND', 'Order not found');
      if (p.series_id !== BASELINKER_SERIES_ID) return error('ERROR_SERIES_NOT_FOUND', 'Invoice series not found');
      const invoice = { invoice_id: 20_276_000 + invoices.length + 1, order_id: p.order_id as number, series_id: p.series_id as number };
      invoices.push(invoice);
      return { status: 200, body: { status: 'SUCCESS', invoice_id: invoice.invoice_id } };
    },
    addOrderInvoiceFile: (p) => {
      const invoice = invoices.find((i) => i.invoice_id === p.invoice_id);
      if (!invoice) return error('ERROR_INVOICE_NOT_FOUND', 'Invoice not found');
      const file = String(p.file ?? '');
      if (!file.startsWith('data:')) return error('ERROR_FILE', 'The file must be given as data:<base64>');
      const number = String(p.external_invoice_number ?? '');
      if (number.length > 30) return error('ERROR_BAD_PARAMETER', 'external_invoice_number: max 30 characters');
      invoice.file = Buffer.from(file.slice(5), 'base64');
      invoice.external_invoice_number = number;
      state.uploads.push({
        orderId: String(invoice.order_id),
        bytes: invoice.file,
        documentNumber: number,
        detail: { invoice_id: invoice.invoice_id },
      });
      return { status: 200, body: { status: 'SUCCESS' } };
    },
  };

  const fake = await startHttpFake(
    options,
    state,
    {
      preCheck: (request) => {
        if (request.headers['x-bltoken'] === token && blockedUntil > request.at) return blockedAnswer();
        return undefined;
      },
      overLimit: (request, retryAfterMs, injected) => {
        blockedUntil = request.at + (injected ? retryAfterMs : blockMs);
        return blockedAnswer();
      },
      handle: (request: FakeRequest) => {
        if (request.method !== 'POST' || request.path !== '/connector.php') return { status: 404, body: 'Not found' };
        if (request.headers['x-bltoken'] !== token) return error('ERROR_USER_TOKEN', 'Invalid user token');
        const form = new URLSearchParams(request.body.toString('utf8'));
        const method = form.get('method') ?? '';
        let parameters: Record<string, unknown>;
        try {
          parameters = JSON.parse(form.get('parameters') ?? '{}') as Record<string, unknown>;
        } catch {
          return error('ERROR_JSON', 'Invalid parameters JSON');
        }
        const run = methods[method];
        return run ? run(parameters) : error('ERROR_UNKNOWN_METHOD', `Unknown method ${method}`);
      },
      moveInPanel: (id, status) => {
        const order = state.orders.find((o) => String(o.order_id) === id);
        if (!order) throw new Error(`no order ${id}`);
        order.order_status_id = BASELINKER_STATUS_IDS[status];
        order.date_in_status = Math.floor(now().getTime() / 1000);
        log(order, 18);
      },
    },
    toBaseLinkerOrder,
  );
  const addOrders = fake.addOrders;
  fake.addOrders = (orders) => {
    const before = state.orders.length;
    addOrders(orders);
    for (const order of state.orders.slice(before)) log(order, 1);
  };
  return Object.assign(fake, { invoices, journal });
}
