// The product's HTTP client of the Optima bridge (node:http/https, so a deployment can trust the bridge's own
// certificate). The token goes only over https, or plain http to this machine. A create whose answer is lost
// is repeated with the same Idempotency-Key — the one side effect where an automatic repeat is right, since
// the contract makes it safe — and reported uncertain only when no repeat gets an answer either.
import http from 'node:http';
import https from 'node:https';
import { plural, t } from '../../l10n';
import { credentialUrlVerdict } from '../../net/transport-security';
import type {
  BridgeErrorBody,
  BridgeHealth,
  CreateDocumentRequest,
  CreatedDocument,
  DictionaryCheck,
  DocumentDetails,
  DocumentList,
} from './contract';
import { BRIDGE_TOKEN_VARIABLE, BridgeError, refusalMessage, SET_BRIDGE_TOKEN_HINT } from './errors';

export interface BridgeClientOptions {
  url: string;
  token: string | undefined;
  /** One request's wait for an answer. */
  timeoutMs: number;
  /** PEM of the certificate (or its CA) the bridge presents, for a self-signed one. */
  ca?: Buffer;
  /** Waits before each repeat of a request whose answer was lost. */
  repeatDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Why no answer came: never sent (nothing happened on the bridge) or sent and lost (it may have happened). */
class NoAnswer extends Error {
  constructor(
    readonly sent: boolean,
    message: string,
  ) {
    super(message);
  }
}

const NEVER_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|altnames|EPROTO/i;

export class BridgeClient {
  private readonly base: URL;
  private readonly repeats: number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: BridgeClientOptions) {
    this.base = new URL(options.url);
    this.repeats = options.repeatDelaysMs ?? [1_000, 5_000];
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get url(): string {
    return this.base.origin;
  }

  private check(): string {
    if (credentialUrlVerdict(this.options.url, false) === 'refused') {
      throw new BridgeError(
        t('The Optima bridge URL {0} is plain http to another computer: the token would travel unencrypted. Use https.', this.url),
        'insecure',
      );
    }
    if (!this.options.token)
      throw new BridgeError(
        t('No token for the Optima bridge: set it with "{0}" (CLI: {1})', SET_BRIDGE_TOKEN_HINT, BRIDGE_TOKEN_VARIABLE),
        'no-token',
      );
    return this.options.token;
  }

  private once(method: 'GET' | 'POST', path: string, body?: string, key?: string): Promise<Answer> {
    const token = this.check();
    const target = new URL(path, this.base);
    const transport = target.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json, application/pdf' };
    if (body !== undefined)
      Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
    if (key) headers['Idempotency-Key'] = key;
    return new Promise((resolve, reject) => {
      let sent = false;
      const request = transport.request(target, { method, headers, ...(this.options.ca ? { ca: this.options.ca } : {}) }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', (error) => reject(new NoAnswer(true, error.message)));
      });
      request.on('finish', () => {
        sent = true;
      });
      request.setTimeout(this.options.timeoutMs, () =>
        request.destroy(new NoAnswer(sent, t('no answer within {0} s', this.options.timeoutMs / 1000))),
      );
      request.on('error', (error: Error & { code?: string }) => {
        if (error instanceof NoAnswer) return reject(error);
        const cause = [error.code, error.message].filter(Boolean).join(' ');
        reject(new NoAnswer(sent && !NEVER_SENT.test(cause), cause));
      });
      request.end(body);
    });
  }

  private fail(answer: Answer, externalId?: string): never {
    let body: BridgeErrorBody | undefined;
    try {
      body = JSON.parse(answer.body.toString('utf8')) as BridgeErrorBody;
    } catch {
      body = undefined;
    }
    const said = body ? `${body.message} [${body.code}]` : `HTTP ${answer.status}`;
    if (answer.status === 401 || answer.status === 403) {
      throw new BridgeError(
        t(
          'The Optima bridge at {0} refused the token (HTTP {1}): set it again with "{2}" (CLI: {3})',
          this.url,
          answer.status,
          SET_BRIDGE_TOKEN_HINT,
          BRIDGE_TOKEN_VARIABLE,
        ),
        'unauthorized',
        answer.status,
        body,
      );
    }
    if (answer.status === 503 || answer.status === 429) {
      const retry = Number(answer.headers['retry-after'] ?? 0);
      throw new BridgeError(
        t('Optima cannot be used through the bridge at {0} right now: {1}; it asks to retry after {2} s', this.url, said, retry || '?'),
        'unavailable',
        answer.status,
        body,
      );
    }
    if (answer.status === 422 && body) throw new BridgeError(refusalMessage(body, externalId ?? ''), 'refused', 422, body);
    if (answer.status === 404)
      throw new BridgeError(t('The Optima bridge at {0} does not know this: {1}', this.url, said), 'not-found', 404, body);
    throw new BridgeError(t('The Optima bridge at {0} failed: {1}', this.url, said), 'failed', answer.status, body);
  }

  private unreachable(error: NoAnswer): BridgeError {
    return new BridgeError(
      t(
        'The Optima bridge at {0} cannot be reached: {1}. Check erp.optima.bridge.url, the network and that the bridge runs.',
        this.url,
        error.message,
      ),
      'unreachable',
    );
  }

  /** A read: repeated once when its answer is lost (reading twice changes nothing). */
  private async read(path: string): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.once('GET', path);
        if (answer.status >= 200 && answer.status < 300) return answer;
        this.fail(answer);
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        if (!error.sent || attempt >= 1) throw this.unreachable(error);
      }
    }
  }

  private async json<T>(path: string): Promise<T> {
    return JSON.parse((await this.read(path)).body.toString('utf8')) as T;
  }

  health(): Promise<BridgeHealth> {
    return this.json<BridgeHealth>('/v1/health');
  }

  findDocuments(externalId: string): Promise<DocumentList> {
    return this.json<DocumentList>(`/v1/documents?externalId=${encodeURIComponent(externalId)}`);
  }

  document(erpId: number): Promise<DocumentDetails> {
    return this.json<DocumentDetails>(`/v1/documents/${erpId}`);
  }

  dictionaries(query: { paymentMethods: string[]; definitions: string[]; items: string[] }): Promise<DictionaryCheck> {
    const params = new URLSearchParams();
    for (const name of query.paymentMethods) params.append('paymentMethod', name);
    for (const symbol of query.definitions) params.append('definition', symbol);
    for (const code of query.items) params.append('item', code);
    return this.json<DictionaryCheck>(`/v1/dictionaries?${params.toString()}`);
  }

  /** Optima's own printout, or undefined when the bridge has none (404): then print a copy from document(). */
  async printout(erpId: number): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array((await this.read(`/v1/documents/${erpId}/pdf`)).body);
    } catch (error) {
      if (error instanceof BridgeError && error.failure === 'not-found') return undefined;
      throw error;
    }
  }

  /** POST /v1/documents; a lost answer is asked again with the same key, never as a new document. */
  async createDocument(key: string, request: CreateDocumentRequest): Promise<{ status: number; document: CreatedDocument }> {
    const body = JSON.stringify(request);
    let lost: NoAnswer | undefined;
    for (let attempt = 0; attempt <= this.repeats.length; attempt++) {
      if (attempt > 0) await this.sleep(this.repeats[attempt - 1]!);
      let answer: Answer;
      try {
        answer = await this.once('POST', '/v1/documents', body, key);
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        if (!error.sent && !lost) throw this.unreachable(error);
        lost ??= error;
        continue;
      }
      if (answer.status === 200 || answer.status === 201)
        return { status: answer.status, document: JSON.parse(answer.body.toString('utf8')) as CreatedDocument };
      // An answer after a lost one settles it too: a refusal means the first request did nothing either.
      this.fail(answer, request.externalId);
    }
    const attempts = this.repeats.length + 1;
    throw new BridgeError(
      plural(
        attempts,
        {
          one: 'The Optima bridge at {1} did not answer the import of {2} ({3}): the document may have been created. The next pass asks again with the same key, which never makes a second one.',
          other:
            'The Optima bridge at {1} did not answer the import of {2} after {0} attempts ({3}): the document may have been created. The next pass asks again with the same key, which never makes a second one.',
        },
        this.url,
        request.externalId,
        lost?.message ?? '',
      ),
      'answer-lost',
    );
  }
}
