// A WooCommerce REST API v3 fake (/wp-json/wc/v3) following research/shop-apis.md §2: Basic auth with the
// consumer key/secret, GET /orders (status, modified_after, after, orderby, order, per_page ≤100, offset,
// page; X-WP-Total/X-WP-TotalPages), GET/PUT /orders/{id}, GET /orders/statuses (no auth; absent on
// "legacy" shops), GET /taxes, PUT meta_data (by key), POST/GET /orders/{id}/notes; and WordPress's
// GET /wp-json/wp/v2/users/me and the media library (wordpress-media.ts: upload, list and search with
// anonymous vs logged-in visibility, update, delete, the files served at their source_url);
// errors as {"code","message","data":{"status"}}.
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
import { type FixtureOrder, generateOrders, netOf, type NeutralStatus } from '../common/orders';
import { wordpressMedia, wordpressUser, type WpMedia } from './wordpress-media';

export { WP_APP_PASSWORD, WP_USER, type WpMedia } from './wordpress-media';

export const WOO_STATUS_SLUGS: Record<NeutralStatus, string> = {
  new: 'pending',
  paid: 'processing',
  processing: 'on-hold',
  shipped: 'shipped',
  completed: 'completed',
  cancelled: 'cancelled',
};
export const WOO_STATUSES = [
  { slug: 'pending', name: 'Oczekujące na płatność' },
  { slug: 'processing', name: 'W trakcie realizacji' },
  { slug: 'on-hold', name: 'Wstrzymane (oczekujące)' },
  { slug: 'shipped', name: 'Wysłane' },
  { slug: 'completed', name: 'Zrealizowane' },
  { slug: 'cancelled', name: 'Anulowane' },
  { slug: 'refunded', name: 'Zwrócone' },
  { slug: 'failed', name: 'Nieudane' },
];
export const WOO_CONSUMER_KEY = 'ck_4f0b3c2a1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
export const WOO_CONSUMER_SECRET = 'cs_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
/** The order meta key the fake reads to tell which document a linked PDF is (the integrator's choice). */
const DOCUMENT_NUMBER_KEY = '_optima_sync_document_number';
const TAXES = [
  { id: 1, country: 'PL', rate: '23.0000', name: 'VAT 23%', class: 'standard' },
  { id: 2, country: 'PL', rate: '8.0000', name: 'VAT 8%', class: 'reduced-rate' },
  { id: 3, country: 'PL', rate: '5.0000', name: 'VAT 5%', class: 'vat-5' },
  { id: 4, country: 'PL', rate: '0.0000', name: 'VAT 0%', class: 'zero-rate' },
];
const TAX_ID: Record<number, number> = { 23: 1, 8: 2, 5: 3, 0: 4 };

export interface WooFakeOrder extends Record<string, unknown> {
  id: number;
  status: string;
  date_created_gmt: string;
  date_modified_gmt: string;
}

export interface WooFakeOptions extends FakeOptions {
  /** A shop older than WooCommerce 9.5: no GET /orders/statuses. */
  legacy?: boolean;
  /** The meta_data key the checkout plugin stores the NIP under. */
  taxIdMetaKey?: string;
  /** The media upload takes the file only; status and title stay WordPress's defaults. */
  ignoreUploadFields?: boolean;
}

function gmt(iso: string): string {
  return iso.replace(/\.\d{3}Z$|Z$/, '');
}

export function toWooOrder(order: FixtureOrder, taxIdMetaKey = '_billing_nip'): WooFakeOrder {
  const lineItems = order.lines.map((line, index) => {
    const gross = line.unitGross * line.quantity;
    const net = netOf(gross, line.vatRate);
    const tax = decimal(gross - net);
    return {
      id: order.id * 10 + index,
      name: line.name,
      product_id: 90 + index,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      sku: line.sku,
      price: Number((net / 100 / line.quantity).toFixed(4)),
      subtotal: decimal(net),
      subtotal_tax: tax,
      total: decimal(net),
      total_tax: tax,
      taxes: [{ id: TAX_ID[line.vatRate] ?? 1, total: tax, subtotal: tax }],
      meta_data: [],
    };
  });
  const shippingNet = netOf(order.shipping.gross, order.shipping.vatRate);
  const shippingTax = order.shipping.gross - shippingNet;
  const totalGross = order.lines.reduce((s, l) => s + l.unitGross * l.quantity, 0) + order.shipping.gross;
  const totalTax = lineItems.reduce((s, l) => s + Math.round(Number(l.total_tax) * 100), 0) + shippingTax;
  const street = `${order.address.street} ${order.address.houseNumber}`;
  return {
    id: order.id,
    parent_id: 0,
    number: String(order.id),
    order_key: `wc_order_${order.id}`,
    created_via: 'checkout',
    version: '9.4.0',
    status: WOO_STATUS_SLUGS[order.status],
    currency: order.currency,
    date_created: gmt(order.createdAt),
    date_created_gmt: gmt(order.createdAt),
    date_modified: gmt(order.updatedAt),
    date_modified_gmt: gmt(order.updatedAt),
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: decimal(shippingNet),
    shipping_tax: decimal(shippingTax),
    cart_tax: decimal(totalTax - shippingTax),
    total: decimal(totalGross),
    total_tax: decimal(totalTax),
    prices_include_tax: true,
    customer_id: 0,
    customer_note: order.note ?? '',
    billing: {
      first_name: order.buyer.firstName,
      last_name: order.buyer.lastName,
      company: order.buyer.company ?? '',
      address_1: street,
      address_2: '',
      city: order.address.city,
      state: '',
      postcode: order.address.postcode,
      country: 'PL',
      email: order.buyer.email,
      phone: order.buyer.phone ?? '',
    },
    shipping: {
      first_name: order.buyer.firstName,
      last_name: order.buyer.lastName,
      company: order.buyer.company ?? '',
      address_1: street,
      address_2: '',
      city: order.address.city,
      state: '',
      postcode: order.address.postcode,
      country: 'PL',
      phone: '',
    },
    payment_method: 'bacs',
    payment_method_title: order.payment,
    meta_data: order.buyer.taxId ? [{ id: order.id * 100, key: taxIdMetaKey, value: order.buyer.taxId }] : [],
    line_items: lineItems,
    tax_lines: [],
    shipping_lines: order.shipping.gross
      ? [
          {
            id: order.id * 10 + 9,
            method_title: order.shipping.method,
            method_id: 'flat_rate',
            total: decimal(shippingNet),
            total_tax: decimal(shippingTax),
            taxes: [{ id: 1, total: decimal(shippingTax), subtotal: '' }],
          },
        ]
      : [],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
  };
}

const wooError = (status: number, code: string, message: string): FakeResponse => ({ status, body: { code, message, data: { status } } });

export interface WooNote {
  id: number;
  orderId: string;
  note: string;
  customer_note: boolean;
  date_created: string;
}
export type WooCommerceFake = FakeShop<WooFakeOrder> & { media: WpMedia[]; notes: WooNote[] };

export async function startFakeWooCommerce(options: WooFakeOptions = {}): Promise<WooCommerceFake> {
  const render = (order: FixtureOrder) => toWooOrder(order, options.taxIdMetaKey);
  const now = options.now ?? shopCalendar();
  const state = emptyState((options.orders ?? generateOrders(12)).map(render));
  const prefix = '/wp-json/wc/v3';
  const notes: WooNote[] = [];
  let url = '';
  const stamp = () => new Date(Math.floor(now().getTime() / 1000) * 1000).toISOString().slice(0, 19);
  const library = wordpressMedia(() => url, stamp, { ignoreUploadFields: options.ignoreUploadFields });
  const media: WpMedia[] = library.media;

  const handle = (request: FakeRequest): FakeResponse => {
    const fromLibrary = library.handle(request);
    if (fromLibrary) return fromLibrary;
    if (request.method === 'GET' && request.path.replace(/\/+$/, '') === '/wp-json/wp/v2/users/me') {
      if (wordpressUser(request) !== 'user') return wooError(401, 'rest_not_logged_in', 'You are not currently logged in.');
      return { status: 200, body: { id: 2, name: 'Konsultant Wdrożeń', slug: 'konsultant' } };
    }
    if (!request.path.startsWith(prefix)) return { status: 404, body: '<html>Not Found</html>' };
    const path = request.path.slice(prefix.length).replace(/\/+$/, '');
    if (request.method === 'GET' && path === '/orders/statuses') {
      return options.legacy
        ? wooError(404, 'rest_no_route', 'No route was found matching the URL and request method.')
        : { status: 200, body: WOO_STATUSES };
    }
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials || credentials[0] !== WOO_CONSUMER_KEY || credentials[1] !== WOO_CONSUMER_SECRET) {
      return credentials
        ? wooError(401, 'woocommerce_rest_authentication_error', 'Invalid signature - provided signature does not match.')
        : wooError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    }
    if (request.method === 'GET' && path === '/taxes')
      return { status: 200, headers: { 'X-WP-Total': String(TAXES.length), 'X-WP-TotalPages': '1' }, body: TAXES };
    if (request.method === 'GET' && path === '/orders') {
      const q = request.query;
      const perPage = Number(q.get('per_page') ?? 10);
      if (!(perPage >= 1 && perPage <= 100)) return wooError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
      const statuses = (q.get('status') ?? 'any').split(',');
      let rows = state.orders.filter((o) => statuses.includes('any') || statuses.includes(o.status));
      // WordPress date queries: "after" bounds are exclusive.
      const modifiedAfter = q.get('modified_after');
      if (modifiedAfter) rows = rows.filter((o) => o.date_modified_gmt > gmt(modifiedAfter));
      const after = q.get('after');
      if (after) rows = rows.filter((o) => o.date_created_gmt > gmt(after));
      const orderby = q.get('orderby') ?? 'date';
      const key = orderby === 'modified' ? 'date_modified_gmt' : orderby === 'id' ? 'id' : 'date_created_gmt';
      const direction = (q.get('order') ?? 'desc') === 'asc' ? 1 : -1;
      rows = [...rows].sort(
        (a, b) =>
          direction *
          ((a[key] as string | number) < (b[key] as string | number)
            ? -1
            : (a[key] as string | number) > (b[key] as string | number)
              ? 1
              : a.id - b.id),
      );
      const offset = q.has('offset') ? Number(q.get('offset')) : (Number(q.get('page') ?? 1) - 1) * perPage;
      const page = rows.slice(offset, offset + perPage);
      return {
        status: 200,
        headers: { 'X-WP-Total': String(rows.length), 'X-WP-TotalPages': String(Math.ceil(rows.length / perPage)) },
        body: page,
      };
    }
    const notesMatch = /^\/orders\/(\d+)\/notes$/.exec(path);
    if (notesMatch) {
      const orderId = notesMatch[1]!;
      if (!state.orders.some((o) => String(o.id) === orderId))
        return wooError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      if (request.method === 'GET')
        return {
          status: 200,
          body: notes.filter((n) => n.orderId === orderId).map(({ orderId: _o, ...note }) => ({ ...note, author: 'system' })),
        };
      if (request.method === 'POST') {
        const body = JSON.parse(request.body.toString('utf8') || '{}') as { note?: string; customer_note?: boolean };
        if (!body.note) return wooError(400, 'rest_missing_callback_param', 'Missing parameter(s): note');
        const note = {
          id: 280 + notes.length + 1,
          orderId,
          note: body.note,
          customer_note: body.customer_note === true,
          date_created: stamp(),
        };
        notes.push(note);
        return {
          status: 201,
          body: { id: note.id, author: 'system', date_created: note.date_created, note: note.note, customer_note: note.customer_note },
        };
      }
    }
    const match = /^\/orders\/(\d+)$/.exec(path);
    if (match) {
      const order = state.orders.find((o) => o.id === Number(match[1]));
      if (!order) return wooError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      if (request.method === 'GET') return { status: 200, body: order };
      if (request.method === 'PUT') {
        const body = JSON.parse(request.body.toString('utf8') || '{}') as {
          status?: string;
          meta_data?: Array<{ id?: number; key: string; value: unknown }>;
        };
        if (body.meta_data) {
          // WC_Data::set_meta_data: an entry without an id updates the first meta of that key, or adds one.
          const meta = (order.meta_data ?? []) as Array<{ id: number; key: string; value: unknown }>;
          for (const entry of body.meta_data) {
            const existing = meta.find((m) => (entry.id ? m.id === entry.id : m.key === entry.key));
            if (existing) existing.value = entry.value;
            else meta.push({ id: order.id * 100 + meta.length + 1, key: entry.key, value: entry.value });
          }
          order.meta_data = meta;
          order.date_modified_gmt = order.date_modified = stamp();
          const linked = media.find((m) => meta.some((entry) => entry.value === m.source_url));
          if (linked)
            state.uploads.push({
              orderId: String(order.id),
              bytes: linked.bytes,
              fileName: linked.fileName,
              documentNumber: String(meta.find((m) => m.key === DOCUMENT_NUMBER_KEY)?.value ?? ''),
              detail: { url: linked.source_url },
            });
        }
        if (body.status !== undefined) {
          if (!WOO_STATUSES.some((s) => s.slug === body.status)) return wooError(400, 'rest_invalid_param', 'Invalid parameter(s): status');
          order.status = body.status;
          order.date_modified_gmt = order.date_modified = new Date(Math.floor(now().getTime() / 1000) * 1000).toISOString().slice(0, 19);
          state.statusChanges.push({ orderId: String(order.id), status: body.status, body: request.body.toString('utf8') });
        }
        return { status: 200, body: order };
      }
    }
    return wooError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  };
  const moveInPanel = (id: string, status: NeutralStatus) => {
    const order = state.orders.find((o) => String(o.id) === id);
    if (!order) throw new Error(`no order ${id}`);
    order.status = WOO_STATUS_SLUGS[status];
    order.date_modified_gmt = order.date_modified = new Date(Math.floor(now().getTime() / 1000) * 1000).toISOString().slice(0, 19);
  };
  const fake = await startHttpFake(options, state, { handle, moveInPanel }, render);
  url = fake.url;
  return Object.assign(fake, { media, notes });
}
