// A PrestaShop Webservice fake (/api, key as Basic-auth user) following research/shop-apis.md §1: JSON
// output (output_format=JSON), display=full|[fields], filter[field]=[a|b] / [from,to] (dates need date=1),
// sort=[field_ASC,…], limit=offset,count, lists as {"resource":[…]} or [] when empty; resources orders,
// customers, addresses, countries, currencies, carriers, order_details (taxes association), taxes,
// order_states (multilang names), POST order_histories (XML); errors {"errors":[{code,message}]}.
import {
  decimal,
  emptyState,
  type FakeOptions,
  type FakeRequest,
  type FakeResponse,
  type FakeShop,
  shopCalendar,
  startHttpFake,
  basicCredentials,
} from '../common/server';
import { type FixtureOrder, generateOrders, netOf, type NeutralStatus, warsawLocal } from '../common/orders';

export const PRESTASHOP_STATE_IDS: Record<NeutralStatus, number> = {
  new: 1,
  paid: 2,
  processing: 3,
  shipped: 4,
  completed: 5,
  cancelled: 6,
};
export const PRESTASHOP_STATES = [
  { id: 1, name: 'Oczekiwanie na płatność przelewem' },
  { id: 2, name: 'Płatność zaakceptowana' },
  { id: 3, name: 'Przygotowanie w toku' },
  { id: 4, name: 'Wysłane' },
  { id: 5, name: 'Dostarczone' },
  { id: 6, name: 'Anulowane' },
];
export const PRESTASHOP_KEY = 'ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ';
const TAX_IDS: Record<number, number> = { 23: 1, 8: 2, 5: 3, 0: 4 };
const TAXES = [
  { id: 1, rate: '23.000' },
  { id: 2, rate: '8.000' },
  { id: 3, rate: '5.000' },
  { id: 4, rate: '0.000' },
];
const CARRIER_IDS: Record<string, number> = { 'Kurier InPost': 3, 'Paczkomat InPost': 4, 'Kurier DPD': 5, 'Odbiór osobisty': 6 };
const PL = 14;

type Row = Record<string, unknown> & { id: number };

function reference(id: number): string {
  let n = id * 7919;
  let text = '';
  for (let i = 0; i < 9; i++) {
    text += String.fromCharCode(65 + (n % 26));
    n = Math.floor(n / 26) + i * 3;
  }
  return text;
}

export interface PsFakeOrder extends Row {
  current_state: string;
  date_upd: string;
}

interface Store {
  orders: PsFakeOrder[];
  customers: Map<number, Row>;
  addresses: Map<number, Row>;
  orderDetails: Map<number, Row>;
}

function render(store: Store, order: FixtureOrder): PsFakeOrder {
  const customerId = 100 + order.id;
  const addressId = 500 + order.id;
  store.customers.set(customerId, {
    id: customerId,
    email: order.buyer.email,
    firstname: order.buyer.firstName,
    lastname: order.buyer.lastName,
    company: order.buyer.company ?? '',
  });
  store.addresses.set(addressId, {
    id: addressId,
    id_customer: String(customerId),
    id_country: String(PL),
    alias: 'Mój adres',
    company: order.buyer.company ?? '',
    vat_number: order.buyer.taxId ?? '',
    dni: '',
    firstname: order.buyer.firstName,
    lastname: order.buyer.lastName,
    address1: `${order.address.street} ${order.address.houseNumber}`,
    address2: '',
    postcode: order.address.postcode,
    city: order.address.city,
    phone: '',
    phone_mobile: order.buyer.phone ?? '',
  });
  const rows = order.lines.map((line, index) => {
    const id = order.id * 10 + index;
    const net = netOf(line.unitGross, line.vatRate);
    store.orderDetails.set(id, {
      id,
      id_order: String(order.id),
      product_name: line.name,
      product_quantity: String(line.quantity),
      product_reference: line.sku,
      associations: { taxes: [{ id: String(TAX_IDS[line.vatRate]) }] },
    });
    return {
      id: String(id),
      product_id: String(12 + index),
      product_attribute_id: '0',
      product_quantity: String(line.quantity),
      product_name: line.name,
      product_reference: line.sku,
      product_ean13: line.ean ?? '',
      product_isbn: '',
      product_upc: '',
      product_price: decimal(net, 6),
      unit_price_tax_incl: decimal(line.unitGross, 6),
      unit_price_tax_excl: decimal(net, 6),
    };
  });
  const productsGross = order.lines.reduce((s, l) => s + l.unitGross * l.quantity, 0);
  const productsNet = order.lines.reduce((s, l) => s + netOf(l.unitGross, l.vatRate) * l.quantity, 0);
  const shippingNet = netOf(order.shipping.gross, order.shipping.vatRate);
  const ps: PsFakeOrder = {
    id: order.id,
    reference: reference(order.id),
    id_address_delivery: String(addressId),
    id_address_invoice: String(addressId),
    id_cart: String(order.id + 7000),
    id_currency: '1',
    id_lang: '1',
    id_customer: String(customerId),
    id_carrier: String(CARRIER_IDS[order.shipping.method] ?? 3),
    current_state: String(PRESTASHOP_STATE_IDS[order.status]),
    module: 'ps_wirepayment',
    payment: order.payment,
    date_add: warsawLocal(order.createdAt),
    date_upd: warsawLocal(order.updatedAt),
    invoice_number: '0',
    total_discounts: '0.000000',
    total_discounts_tax_incl: '0.000000',
    total_discounts_tax_excl: '0.000000',
    total_paid: decimal(productsGross + order.shipping.gross, 6),
    total_paid_tax_incl: decimal(productsGross + order.shipping.gross, 6),
    total_paid_tax_excl: decimal(productsNet + shippingNet, 6),
    total_products: decimal(productsNet, 6),
    total_products_wt: decimal(productsGross, 6),
    total_shipping: decimal(order.shipping.gross, 6),
    total_shipping_tax_incl: decimal(order.shipping.gross, 6),
    total_shipping_tax_excl: decimal(shippingNet, 6),
    carrier_tax_rate: '23.000',
    associations: { order_rows: rows },
  };
  return ps;
}

function psError(status: number, code: number, message: string): FakeResponse {
  return { status, body: { errors: [{ code, message }] } };
}

/** filter[field]=[a|b] (any of), [from,to] (interval), plain value. */
function matches(value: unknown, filter: string): boolean {
  const text = String(value ?? '');
  const bracket = /^\[(.*)\]$/.exec(filter);
  if (!bracket) return text === filter;
  const inner = bracket[1]!;
  if (inner.includes(',')) {
    const [from, to] = inner.split(',');
    const numeric = /^\d+$/.test(from!) && /^\d+$/.test(to!);
    return numeric ? Number(text) >= Number(from) && Number(text) <= Number(to) : text >= from! && text <= to!;
  }
  return inner.split('|').includes(text);
}

export async function startFakePrestaShop(options: FakeOptions & { key?: string } = {}): Promise<FakeShop<PsFakeOrder>> {
  const key = options.key ?? PRESTASHOP_KEY;
  const now = options.now ?? shopCalendar();
  const store: Store = { orders: [], customers: new Map(), addresses: new Map(), orderDetails: new Map() };
  const renderOne = (order: FixtureOrder) => render(store, order);
  store.orders = (options.orders ?? generateOrders(12)).map(renderOne);
  const state = emptyState(store.orders);
  let historyId = 80;

  // Order messages: customer_threads (id_lang, id_contact and token required) and customer_messages
  // (message required, private 0/1), XML in, as the webservice takes them.
  const threads: Row[] = [];
  const messages: Row[] = [];
  const xmlField = (xml: string, name: string) =>
    new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];
  const postMessage = (resource: string, xml: string): FakeResponse => {
    const stamp = warsawLocal(Math.floor(now().getTime() / 1000) * 1000);
    if (resource === 'customer_threads') {
      const missing = ['id_lang', 'id_contact', 'token'].filter((name) => xmlField(xml, name) === undefined || xmlField(xml, name) === '');
      if (missing.length) return psError(400, 41, `Validation error: "${missing[0]}" is required`);
      const orderId = Number(xmlField(xml, 'id_order') ?? 0);
      if (orderId && !state.orders.some((o) => o.id === orderId)) return psError(400, 41, 'Validation error: id_order is invalid');
      const row: Row = {
        id: 40 + threads.length + 1,
        id_lang: xmlField(xml, 'id_lang'),
        id_shop: xmlField(xml, 'id_shop') ?? '1',
        id_customer: xmlField(xml, 'id_customer') ?? '0',
        id_order: String(orderId),
        id_contact: xmlField(xml, 'id_contact'),
        email: xmlField(xml, 'email') ?? '',
        token: xmlField(xml, 'token'),
        status: xmlField(xml, 'status') ?? 'open',
        date_add: stamp,
        date_upd: stamp,
      };
      threads.push(row);
      return { status: 201, body: { customer_thread: row } };
    }
    const threadId = Number(xmlField(xml, 'id_customer_thread') ?? 0);
    const thread = threads.find((t) => t.id === threadId);
    if (!thread) return psError(400, 41, 'Validation error: id_customer_thread is invalid');
    const message = xmlField(xml, 'message');
    if (!message) return psError(400, 41, 'Validation error: "message" is required');
    const row: Row = {
      id: 70 + messages.length + 1,
      id_employee: xmlField(xml, 'id_employee') ?? '0',
      id_customer_thread: String(threadId),
      message,
      private: xmlField(xml, 'private') === '1' ? '1' : '0',
      date_add: stamp,
      date_upd: stamp,
      read: '0',
    };
    messages.push(row);
    state.uploads.push({
      orderId: String(thread.id_order),
      bytes: Buffer.alloc(0),
      documentNumber: /(\S+\/\S+)/.exec(message)?.[1],
      detail: { message, private: row.private === '1' },
    });
    return { status: 201, body: { customer_message: row } };
  };

  const resources = (): Record<string, Row[]> => ({
    customer_threads: threads,
    customer_messages: messages,
    orders: state.orders,
    customers: [...store.customers.values()],
    addresses: [...store.addresses.values()],
    countries: [{ id: PL, iso_code: 'PL', name: 'Polska' }],
    currencies: [{ id: 1, iso_code: 'PLN', name: 'Złoty' }],
    carriers: Object.entries(CARRIER_IDS).map(([name, id]) => ({ id, name })),
    order_details: [...store.orderDetails.values()],
    taxes: TAXES,
    order_states: PRESTASHOP_STATES.map((s) => ({
      id: s.id,
      name: [{ id: '1', value: s.name }],
      send_email: '1',
      paid: s.id === 2 ? '1' : '0',
    })),
  });

  const handle = (request: FakeRequest): FakeResponse => {
    if (!request.path.startsWith('/api')) return { status: 404, body: 'Not found' };
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials)
      return {
        status: 401,
        headers: {
          'WWW-Authenticate':
            'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."',
        },
        body: psError(401, 17, 'Authentication key is empty').body,
      };
    if (credentials[0] !== key) return psError(401, 18, 'Invalid authentication key');
    const q = request.query;
    if (q.get('output_format') !== 'JSON') return psError(400, 99, 'This fake answers JSON only: add output_format=JSON');
    const parts = request.path
      .replace(/^\/api\/?/, '')
      .replace(/\/+$/, '')
      .split('/');
    const [resource, id] = parts as [string, string | undefined];

    if (resource === 'order_histories' && request.method === 'POST') {
      const xml = request.body.toString('utf8');
      const orderId = /<id_order>(?:<!\[CDATA\[)?(\d+)/.exec(xml)?.[1];
      const stateId = /<id_order_state>(?:<!\[CDATA\[)?(\d+)/.exec(xml)?.[1];
      if (!orderId || !stateId) return psError(400, 41, 'Validation error: "id_order" and "id_order_state" are required');
      const order = state.orders.find((o) => o.id === Number(orderId));
      if (!order) return psError(404, 87, `Order ${orderId} not found`);
      if (!PRESTASHOP_STATES.some((s) => s.id === Number(stateId))) return psError(400, 41, 'Validation error: id_order_state is invalid');
      order.current_state = stateId;
      order.date_upd = warsawLocal(Math.floor(now().getTime() / 1000) * 1000);
      state.statusChanges.push({ orderId, status: stateId, body: xml });
      return {
        status: 201,
        body: {
          order_history: { id: ++historyId, id_employee: '0', id_order_state: stateId, id_order: orderId, date_add: order.date_upd },
        },
      };
    }
    if ((resource === 'customer_threads' || resource === 'customer_messages') && request.method === 'POST')
      return postMessage(resource, request.body.toString('utf8'));
    if (request.method !== 'GET') return psError(405, 3, 'Method not allowed');
    const all = resources();
    const table = all[resource];
    if (!table) return psError(400, 20, `Resource of type "${resource}" does not exists`);
    const singular =
      resource === 'addresses'
        ? 'address'
        : resource === 'taxes'
          ? 'tax'
          : resource === 'order_histories'
            ? 'order_history'
            : resource.replace(/s$/, '');
    if (id !== undefined) {
      const row = table.find((r) => r.id === Number(id));
      return row ? { status: 200, body: { [singular]: row } } : psError(404, 87, `Id(s) not exists: ${id}`);
    }
    let rows = [...table];
    for (const [param, value] of q.entries()) {
      const field = /^filter\[(\w+)\]$/.exec(param)?.[1];
      if (!field) continue;
      if (field.startsWith('date') && q.get('date') !== '1') return psError(400, 31, 'Cannot filter by date without date=1');
      rows = rows.filter((row) => matches(row[field], value));
    }
    const sort = /^\[(.*)\]$/.exec(q.get('sort') ?? '')?.[1];
    if (sort) {
      const keys = sort.split(',').map((s) => {
        const m = /^(\w+)_(ASC|DESC)$/.exec(s)!;
        return [m[1]!, m[2] === 'ASC' ? 1 : -1] as const;
      });
      rows.sort((a, b) => {
        for (const [field, direction] of keys) {
          const [x, y] = [a[field], b[field]];
          const cmp =
            typeof x === 'number' && typeof y === 'number'
              ? x - y
              : /^\d+$/.test(String(x)) && /^\d+$/.test(String(y))
                ? Number(x) - Number(y)
                : String(x) < String(y)
                  ? -1
                  : String(x) > String(y)
                    ? 1
                    : 0;
          if (cmp) return cmp * direction;
        }
        return 0;
      });
    }
    const limit = q.get('limit');
    if (limit) {
      const [a, b] = limit.split(',').map(Number);
      rows = b === undefined ? rows.slice(0, a) : rows.slice(a, a! + b);
    }
    const display = q.get('display');
    const fields = display && display !== 'full' ? /^\[(.*)\]$/.exec(display)?.[1]?.split(',') : undefined;
    const shaped =
      display === 'full' ? rows : rows.map((row) => (fields ? Object.fromEntries(fields.map((f) => [f, row[f]])) : { id: row.id }));
    // Language given: multilang fields render as plain strings.
    const localized = q.has('language')
      ? shaped.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [
              k,
              Array.isArray(v) && (v[0] as { value?: string })?.value !== undefined ? (v[0] as { value: string }).value : v,
            ]),
          ),
        )
      : shaped;
    return { status: 200, body: localized.length ? { [resource]: localized } : [] };
  };
  const moveInPanel = (id: string, status: NeutralStatus) => {
    const order = state.orders.find((o) => String(o.id) === id);
    if (!order) throw new Error(`no order ${id}`);
    order.current_state = String(PRESTASHOP_STATE_IDS[status]);
    order.date_upd = warsawLocal(Math.floor(now().getTime() / 1000) * 1000);
  };
  return startHttpFake(options, state, { handle, moveInPanel }, renderOne);
}
