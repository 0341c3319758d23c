// The shared machinery of the shop fakes: a loopback HTTP server with simulated latency, a request log,
// rate-limit enforcement that counts violations (a sliding window over arrival times, like the services),
// and injected faults (HTTP errors, 429 with Retry-After, answers that never come, requests carried out whose
// answer is lost on the way back: the connection stays silent, or closes).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_NOW } from '../../support/clock';
import type { FixtureOrder, NeutralStatus } from './orders';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Arrival time (ms). */
  at: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | unknown;
}

export type Fault = (
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  /** The shop carries the request out, and its answer never arrives: the connection stays silent, or closes. */
  | { kind: 'lostAnswer'; then?: 'silence' | 'drop' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
) & {
  /** Served to the first request that matches (default: the next request). */
  when?: (request: FakeRequest) => boolean;
};

export interface FakeState<Order = unknown> {
  orders: Order[];
  statusChanges: Array<{ orderId: string; status: string; body: string }>;
  uploads: Array<{ orderId: string; bytes: Buffer; fileName?: string; documentNumber?: string; detail?: Record<string, unknown> }>;
  requestLog: FakeRequest[];
  /** Requests that arrived while the window was already full. */
  violations: number;
}

export interface FakeOptions {
  latencyMs?: number;
  /** Enforced limit per minute (or per rateWindowMs). */
  requestsPerMinute?: number;
  /** Window of the limit (default 60 000 ms); tests scale it down. */
  rateWindowMs?: number;
  orders?: FixtureOrder[];
  /** The shop's calendar (order change times, token expiry); default: shopCalendar(). */
  now?: () => Date;
}

/**
 * A shop's own clock for the fakes: it starts at the tests' fixed instant and moves a second on each reading,
 * so change times are strictly increasing as on a real server, yet the same on any day the tests run.
 */
export function shopCalendar(start: Date = TEST_NOW): () => Date {
  let time = start.getTime();
  return () => new Date((time += 1000));
}

export interface FakeShop<Order = unknown> {
  url: string;
  /** Adds orders as if customers had just placed them. */
  addOrders(orders: FixtureOrder[]): void;
  port: number;
  state: FakeState<Order>;
  /**
   * The merchant moves an order to another status in the shop's own panel (not through the API): the late
   * status change, e.g. created as "new" and moved into an import status later. Moves the change time where
   * the platform keeps one, and writes the journal where there is one (BaseLinker).
   */
  moveInPanel(shopOrderId: string, status: NeutralStatus): void;
  /** Faults served, in order, before normal answers (each once). */
  inject(...faults: Fault[]): void;
  close(): Promise<void>;
}

export interface FakeHandler {
  handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** The platform's answer to a request over the limit (default 429 + Retry-After). */
  overLimit?(request: FakeRequest, retryAfterMs: number, injected: boolean): FakeResponse;
  /** The panel's status change (see FakeShop.moveInPanel). */
  moveInPanel?(shopOrderId: string, status: NeutralStatus): void;
  /** Requests the platform rejects before counting (e.g. BaseLinker's blocked token). */
  preCheck?(request: FakeRequest): FakeResponse | undefined;
}

export async function startHttpFake<Order>(
  options: FakeOptions,
  state: FakeState<Order>,
  handler: FakeHandler,
  render: (order: FixtureOrder) => Order,
): Promise<FakeShop<Order>> {
  const faults: Fault[] = [];
  const arrivals: number[] = [];
  const windowMs = options.rateWindowMs ?? 60_000;
  const hanging = new Set<http.ServerResponse>();

  const send = (res: http.ServerResponse, answer: FakeResponse) => {
    const body =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string' || Buffer.isBuffer(answer.body)
          ? answer.body
          : JSON.stringify(answer.body);
    const headers = {
      'Content-Type':
        typeof answer.body === 'object' && !Buffer.isBuffer(answer.body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      ...answer.headers,
    };
    res.writeHead(answer.status, headers);
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Arrival times measure the rate window and block times: the same ticks the client's limiter counts.
      const at = performance.timeOrigin + performance.now();
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        at,
      };
      state.requestLog.push(request);
      const respond = async (): Promise<FakeResponse | 'hang' | 'drop'> => {
        const blocked = handler.preCheck?.(request);
        if (blocked) return blocked;
        if (options.requestsPerMinute) {
          while (arrivals.length && arrivals[0]! <= at - windowMs) arrivals.shift();
          arrivals.push(at);
          if (arrivals.length > options.requestsPerMinute) {
            state.violations++;
            const retryAfterMs = arrivals[0]! + windowMs - at;
            return (
              handler.overLimit?.(request, retryAfterMs, false) ?? {
                status: 429,
                headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
                body: { message: 'Too Many Requests' },
              }
            );
          }
        }
        const index = faults.findIndex((f) => !f.when || f.when(request));
        const fault = index < 0 ? undefined : faults.splice(index, 1)[0];
        if (fault?.kind === 'hang') return 'hang';
        if (fault?.kind === 'lostAnswer') {
          await handler.handle(request);
          return fault.then === 'drop' ? 'drop' : 'hang';
        }
        if (fault?.kind === 'status')
          return { status: fault.status, headers: fault.headers, body: fault.body ?? { message: `HTTP ${fault.status}` } };
        if (fault?.kind === 'rateLimit')
          return (
            handler.overLimit?.(request, fault.retryAfterSeconds * 1000, true) ?? {
              status: 429,
              headers: { 'Retry-After': String(fault.retryAfterSeconds) },
              body: { message: 'Too Many Requests' },
            }
          );
        return handler.handle(request);
      };
      const delay = options.latencyMs ?? 0;
      setTimeout(() => {
        respond().then(
          (answer) => {
            if (answer === 'hang') {
              hanging.add(res);
              return;
            }
            if (answer === 'drop') {
              res.socket?.destroy();
              return;
            }
            send(res, answer);
          },
          (error: Error) => send(res, { status: 500, body: { message: error.message } }),
        );
      }, delay);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    inject: (...more) => {
      faults.push(...more);
    },
    moveInPanel: (id, status) => {
      if (!handler.moveInPanel) throw new Error('this fake has no panel status change');
      handler.moveInPanel(id, status);
    },
    addOrders: (orders) => {
      state.orders.push(...orders.map(render));
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function emptyState<Order>(orders: Order[]): FakeState<Order> {
  return { orders, statusChanges: [], uploads: [], requestLog: [], violations: 0 };
}

/** Decimal string of grosze ("135.30"). */
export function decimal(grosze: number, places = 2): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}${'0'.repeat(Math.max(0, places - 2))}`;
}

export function basicCredentials(header: string | string[] | undefined): [string, string] | undefined {
  if (typeof header !== 'string' || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
