// A stub of the Optima bridge that follows schemas/optima-bridge.openapi.yaml (the contract suite runs against
// it too), with the faults a real one shows: an answer lost after the document was made, 422, 503 with
// Retry-After, 401. Documents live in memory; a test can realize one as a person would in Optima.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BridgeKsef,
  CreateDocumentRequest,
  CreatedDocument,
  DocumentDetails,
  DocumentSummary,
} from '../../../src/core/erp/bridge/contract';

export const STUB_TOKEN = 'stub-bridge-token-0123456789';

interface StoredDocument {
  summary: DocumentSummary;
  request: CreateDocumentRequest;
}

export interface StubFaults {
  /** The next N creates are carried out, then their connection is closed without an answer. */
  dropCreateAnswers?: number;
  /** Every request answers this (after the token check, unless status is 401). */
  answer?: { status: number; body: { code: string; message: string }; retryAfter?: number };
}

export class BridgeStub {
  private server: http.Server | undefined;
  readonly documents: StoredDocument[] = [];
  private readonly keys = new Map<string, number>();
  readonly items = new Set(['KUB-001', 'HER-100', 'TRANSPORT']);
  readonly paymentMethods = new Set(['przelew', 'gotówka']);
  faults: StubFaults = {};
  /** Requests seen, as "METHOD path". */
  readonly requests: string[] = [];
  /** PDF bytes served as Optima's printout (absent: 404, as the project's bridge answers). */
  printout: Buffer | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  realize(erpId: number, kind: 'FS' | 'PA' = 'FS'): DocumentSummary {
    const source = this.documents.find((d) => d.summary.erpId === erpId)!;
    const id = this.documents.length + 1;
    const number = `${kind}/${this.documents.filter((d) => d.summary.kind === kind).length + 1}/2026`;
    // An FS waits for its KSeF number, as in a 2026 Optima; a receipt is outside KSeF.
    const ksef: BridgeKsef = kind === 'FS' ? { status: 'pending' } : { status: 'outside' };
    const sales: DocumentSummary = { ...source.summary, erpId: id, kind, number, sales: [], ksef };
    this.documents.push({ summary: sales, request: source.request });
    source.summary.sales.push({
      erpId: id,
      kind,
      number,
      issuedAt: sales.issueDate,
      saleDate: sales.issueDate,
      totalGross: sales.totalGross,
      totalNet: sales.totalNet,
      currency: 'PLN',
      ksef,
    });
    return sales;
  }

  /** KSeF's answer to an FS, as Optima would record it (the summary and its entry in the RO's sales). */
  decideKsef(erpId: number, ksef: BridgeKsef): void {
    for (const document of this.documents) {
      if (document.summary.erpId === erpId) document.summary.ksef = ksef;
      for (const sale of document.summary.sales) if (sale.erpId === erpId) sale.ksef = ksef;
    }
  }

  private send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(`${request.method ?? ''} ${url.pathname}`);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.headers.authorization !== `Bearer ${STUB_TOKEN}`)
      return this.send(response, 401, { code: 'UNAUTHORIZED', message: 'bad token' });
    const fault = this.faults.answer;
    if (fault) return this.send(response, fault.status, fault.body, fault.retryAfter ? { 'Retry-After': String(fault.retryAfter) } : {});
    const details = /^\/v1\/documents\/(\d+)(\/pdf)?$/.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/v1/health')
      return this.send(response, 200, { ok: true, optimaVersion: '2026.5 (stub)', company: 'STUB', operator: 'BRIDGE' });
    if (request.method === 'POST' && url.pathname === '/v1/documents')
      return this.create(request, response, JSON.parse(Buffer.concat(chunks).toString('utf8')) as CreateDocumentRequest);
    if (request.method === 'GET' && url.pathname === '/v1/documents') {
      const externalId = url.searchParams.get('externalId');
      if (!externalId) return this.send(response, 422, { code: 'INVALID_REQUEST', message: 'externalId is required', field: 'externalId' });
      return this.send(response, 200, {
        documents: this.documents.filter((d) => d.request.externalId === externalId).map((d) => d.summary),
      });
    }
    if (request.method === 'GET' && details) {
      const stored = this.documents.find((d) => d.summary.erpId === Number(details[1]));
      if (!stored || (details[2] && !this.printout))
        return this.send(response, 404, { code: 'NOT_FOUND', message: 'no such document or printout' });
      if (details[2]) {
        response.writeHead(200, { 'Content-Type': 'application/pdf' });
        return void response.end(this.printout);
      }
      return this.send(response, 200, this.detailsOf(stored));
    }
    if (request.method === 'GET' && url.pathname === '/v1/dictionaries') {
      return this.send(response, 200, {
        paymentMethods: url.searchParams.getAll('paymentMethod').map((name) => ({ name, found: this.paymentMethods.has(name) })),
        definitions: url.searchParams.getAll('definition').map((symbol) => ({ symbol, found: ['RO', 'FPF', 'FS', 'PA'].includes(symbol) })),
        items: url.searchParams.getAll('item').map((code) => ({ code, found: this.items.has(code), service: code === 'TRANSPORT' })),
      });
    }
    this.send(response, 404, { code: 'NOT_FOUND', message: 'not part of the API' });
  }

  private create(request: http.IncomingMessage, response: http.ServerResponse, body: CreateDocumentRequest): void {
    const key = String(request.headers['idempotency-key'] ?? '');
    if (!key)
      return this.send(response, 422, { code: 'INVALID_REQUEST', message: 'Idempotency-Key is required', field: 'Idempotency-Key' });
    let status = 200;
    let erpId = this.keys.get(key);
    if (erpId === undefined) {
      const unknown = body.lines.find((line) => !this.items.has(line.sku));
      if (unknown) return this.send(response, 422, { code: 'UNKNOWN_SKU', message: `no item ${unknown.sku}`, sku: unknown.sku });
      if (!this.paymentMethods.has(body.payment.method))
        return this.send(response, 422, {
          code: 'UNKNOWN_PAYMENT',
          message: `no payment method ${body.payment.method}`,
          method: body.payment.method,
        });
      erpId = this.documents.length + 1;
      const gross = body.lines.reduce((sum, line) => sum + line.unitPriceGross * line.quantity, body.shipping?.priceGross ?? 0);
      const number = `${body.kind}/${this.documents.filter((d) => d.summary.kind === body.kind).length + 1}/2026`;
      this.documents.push({
        request: body,
        summary: {
          erpId,
          kind: body.kind,
          number,
          buffer: body.buffer,
          cancelled: false,
          correction: false,
          issueDate: body.issueDate,
          totalGross: Math.round(gross * 100) / 100,
          totalNet: Math.round((gross / 1.23) * 100) / 100,
          sales: [],
        },
      });
      this.keys.set(key, erpId);
      status = 201;
    }
    if ((this.faults.dropCreateAnswers ?? 0) > 0) {
      this.faults.dropCreateAnswers!--;
      request.socket.destroy();
      return;
    }
    const summary = this.documents.find((d) => d.summary.erpId === erpId)!.summary;
    const created: CreatedDocument = {
      erpId,
      kind: summary.kind,
      number: summary.number,
      buffer: summary.buffer,
      issueDate: summary.issueDate,
      totalGross: summary.totalGross,
      totalNet: summary.totalNet,
      warnings: [],
    };
    this.send(response, status, created);
  }

  private detailsOf(stored: StoredDocument): DocumentDetails {
    const { request, summary } = stored;
    const party = {
      name: request.customer.company ?? request.customer.name,
      ...(request.customer.taxId ? { taxId: request.customer.taxId } : {}),
      ...request.customer.address,
    };
    const lines = request.lines.map((line) => ({
      name: line.name,
      code: line.sku,
      quantity: line.quantity,
      unit: 'szt.',
      vatRate: line.vatRate ?? 0,
      gross: line.unitPriceGross * line.quantity,
      net: Math.round(((line.unitPriceGross * line.quantity) / 1.23) * 100) / 100,
    }));
    const net = Math.round(lines.reduce((sum, line) => sum + line.net, 0) * 100) / 100;
    const gross = Math.round(lines.reduce((sum, line) => sum + line.gross, 0) * 100) / 100;
    return {
      ...summary,
      externalId: request.externalId,
      saleDate: summary.issueDate,
      dueDate: null,
      currency: 'PLN',
      paymentMethod: request.payment.method,
      buyer: party,
      recipient: null,
      lines,
      vatTable: [{ vatRate: 23, net, vat: Math.round((gross - net) * 100) / 100, gross }],
      totals: { net, vat: Math.round((gross - net) * 100) / 100, gross },
    };
  }
}
