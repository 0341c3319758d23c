// The bridge's HTTP(S) side, in plain Node: the contract v1 of schemas/optima-bridge.openapi.yaml. Every
// request needs `Authorization: Bearer <token>` (compared in constant time); jobs go to the COM worker one at
// a time; errors answer with the contract's body (and Retry-After on 503).
import { createHash, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/log';
import { type DocumentCreator, requestHash } from './create';
import { BridgeJobError, notFound, refused } from './errors';
import { parseCreateRequest } from './request';
import { type WorkerHost, WorkerLostError } from './worker-host';

const MAX_BODY_BYTES = 1024 * 1024;

export interface BridgeServerOptions {
  host: WorkerHost;
  creator: DocumentCreator;
  token: string;
  logger: Logger;
  /** HTTPS with this certificate and key; plain HTTP without (only --simulate, or loopback). */
  tls?: { cert: Buffer; key: Buffer };
  /** --simulate: also serve POST /v1/simulator/documents/{id}/realize. */
  simulate: boolean;
  /** Today as YYYY-MM-DD on this machine (the simulator's realization date by default). */
  today: () => string;
  /** The instant (the simulator's KSeF acceptance time). */
  now: () => Date;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant time whatever the lengths: both sides hashed first. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw refused('INVALID_REQUEST', 'The body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw refused('INVALID_REQUEST', 'The body is not JSON', { field: 'body' });
  }
}

export class BridgeServer {
  private readonly server: http.Server;

  constructor(private readonly options: BridgeServerOptions) {
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`${this.options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(request.url ?? '/', 'http://bridge');
    try {
      if (!tokenMatches(request.headers.authorization, this.options.token)) {
        send(
          response,
          401,
          { code: 'UNAUTHORIZED', message: 'A valid "Authorization: Bearer <token>" header is required' },
          { 'WWW-Authenticate': 'Bearer' },
        );
        return;
      }
      const { status, body, headers } = await this.route(request, url);
      if (Buffer.isBuffer(body)) {
        response.writeHead(status, { 'Content-Type': 'application/pdf', 'Content-Length': body.length, ...headers });
        response.end(body);
      } else send(response, status, body, headers);
    } catch (error) {
      const job =
        error instanceof BridgeJobError
          ? error
          : error instanceof WorkerLostError
            ? new BridgeJobError(503, { code: 'WORKER_UNAVAILABLE', message: error.message })
            : new BridgeJobError(500, { code: 'WORKER_FAILED', message: (error as Error).message });
      const headers: Record<string, string> =
        job.status === 503 ? { 'Retry-After': String(this.options.host.retryAfterSeconds() || 5) } : {};
      send(response, job.status, job.body, headers);
    } finally {
      this.options.logger.debug(
        `Optima bridge: ${request.method ?? ''} ${url.pathname} → ${response.statusCode} (${Date.now() - started} ms)`,
      );
    }
  }

  private async route(request: IncomingMessage, url: URL): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const { host } = this.options;
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const documentPath = /^\/v1\/documents\/(\d+)(\/pdf)?$/.exec(path);
    if (method === 'GET' && path === '/v1/health') {
      const health = await host.run({ type: 'health' });
      return { status: 200, body: { ok: true, ...health } };
    }
    if (method === 'POST' && path === '/v1/documents') {
      const key = String(request.headers['idempotency-key'] ?? '').trim();
      if (!key)
        throw refused('INVALID_REQUEST', 'The Idempotency-Key header is required (<platform>:<shop order id>)', {
          field: 'Idempotency-Key',
        });
      const text = await readBody(request);
      const outcome = await this.options.creator.create(key, parseCreateRequest(parseJson(text)), requestHash(text));
      return { status: outcome.status, body: outcome.document };
    }
    if (method === 'GET' && path === '/v1/documents') {
      const externalId = url.searchParams.get('externalId');
      if (!externalId) throw refused('INVALID_REQUEST', 'The query parameter externalId is required', { field: 'externalId' });
      return { status: 200, body: await host.run({ type: 'find', externalId }) };
    }
    if (method === 'GET' && documentPath) {
      const erpId = Number(documentPath[1]);
      // UNCONFIRMED: a COM call that prints Optima's own printout to PDF (none was found in public sources),
      // so the bridge has no printout to give: the product prints its copy from the document's data.
      if (documentPath[2])
        throw notFound(
          `Optima's printout of document ${erpId} is not available through the bridge; print a copy from GET /v1/documents/${erpId}`,
        );
      return { status: 200, body: await host.run({ type: 'document', erpId }) };
    }
    if (method === 'GET' && path === '/v1/dictionaries') {
      const query = {
        paymentMethods: url.searchParams.getAll('paymentMethod'),
        definitions: url.searchParams.getAll('definition'),
        items: url.searchParams.getAll('item'),
      };
      return { status: 200, body: await host.run({ type: 'dictionaries', query }) };
    }
    const realize = /^\/v1\/simulator\/documents\/(\d+)\/realize$/.exec(path);
    if (method === 'POST' && realize && this.options.simulate) {
      const body = parseJson(await readBody(request)) as { date?: unknown; kind?: unknown };
      const date = typeof body.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.date) ? body.date : this.options.today();
      const kind = body.kind === 'FS' || body.kind === 'PA' ? body.kind : undefined;
      return { status: 200, body: await host.run({ type: 'realize', erpId: Number(realize[1]), date, ...(kind ? { kind } : {}) }) };
    }
    const ksef = /^\/v1\/simulator\/documents\/(\d+)\/ksef$/.exec(path);
    if (method === 'POST' && ksef && this.options.simulate) {
      const body = parseJson(await readBody(request)) as { accept?: unknown; reject?: unknown };
      const decision =
        body.accept === true
          ? { accept: true as const }
          : typeof body.reject === 'string' && body.reject.trim()
            ? { reject: body.reject.trim() }
            : undefined;
      if (!decision) throw refused('INVALID_REQUEST', 'Send {"accept": true} or {"reject": "the reason"}', { field: 'accept' });
      return {
        status: 200,
        body: await host.run({ type: 'ksef', erpId: Number(ksef[1]), decision, at: this.options.now().toISOString() }),
      };
    }
    throw notFound(`${method} ${path} is not part of the bridge's API`);
  }
}
