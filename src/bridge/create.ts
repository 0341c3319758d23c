// POST /v1/documents, idempotent on the Idempotency-Key: a key the journal has seen done answers the same
// document without touching Optima; a key in flight waits for that job; otherwise the create job runs
// (it looks in Optima first, so a key that a crash left "started" cannot make a second document). When the
// worker dies during the job, the bridge asks Optima whether the document was saved before it answers.
import { createHash } from 'node:crypto';
import type { CreateDocumentRequest, CreatedDocument } from '../core/erp/bridge/contract';
import type { Logger } from '../core/log';
import { BridgeJobError } from './errors';
import type { JobJournal } from './journal';
import { type WorkerHost, WorkerLostError } from './worker-host';

export interface CreateOutcome {
  /** 201 when this request created the document, 200 when it answers one made before. */
  status: 200 | 201;
  document: CreatedDocument;
}

export function requestHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export class DocumentCreator {
  private readonly inFlight = new Map<string, Promise<CreateOutcome>>();

  constructor(
    private readonly journal: JobJournal,
    private readonly host: WorkerHost,
    private readonly log: Logger,
    /** Create jobs waiting or running at most; more are refused with 503 BUSY. */
    private readonly maxQueue = 50,
  ) {}

  async create(key: string, request: CreateDocumentRequest, hash: string): Promise<CreateOutcome> {
    const known = this.journal.get(key);
    if (known?.state === 'done' && known.document) {
      if (known.hash !== hash)
        this.log.warn(
          `Optima bridge: ${key} was imported as ${known.document.number}; the order has changed since, the document is not updated`,
        );
      return { status: 200, document: known.document };
    }
    const running = this.inFlight.get(key);
    if (running) return { ...(await running), status: 200 };
    if (this.inFlight.size >= this.maxQueue) {
      throw new BridgeJobError(503, {
        code: 'BUSY',
        message: `The bridge has ${this.inFlight.size} documents waiting for Optima; try again shortly`,
      });
    }
    const job = this.run(key, request, hash);
    this.inFlight.set(key, job);
    try {
      return await job;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async run(key: string, request: CreateDocumentRequest, hash: string): Promise<CreateOutcome> {
    this.journal.started(key, hash);
    try {
      const result = await this.host.run({ type: 'create', request });
      this.journal.done(key, hash, result.document);
      this.log.info(
        `Optima bridge: ${key} → ${result.document.kind} ${result.document.number}${result.existing ? ' (already in Optima)' : ''}`,
      );
      return { status: result.existing ? 200 : 201, document: result.document };
    } catch (error) {
      if (error instanceof WorkerLostError) return this.reconcile(key, request, hash, error);
      if (error instanceof BridgeJobError && error.status === 422) this.journal.failed(key, hash);
      throw error;
    }
  }

  /** The worker died mid-job: the document exists in Optima or it does not; ask, never guess. */
  private async reconcile(key: string, request: CreateDocumentRequest, hash: string, lost: WorkerLostError): Promise<CreateOutcome> {
    let found: CreatedDocument | undefined;
    try {
      const { documents } = await this.host.run({ type: 'find', externalId: request.externalId });
      const match = documents.find((d) => d.kind === request.kind && !d.cancelled && !d.correction);
      if (match)
        found = {
          erpId: match.erpId,
          kind: match.kind,
          number: match.number,
          buffer: match.buffer,
          issueDate: match.issueDate,
          totalGross: match.totalGross,
          totalNet: match.totalNet,
          warnings: [],
        };
    } catch (error) {
      this.log.error(
        `Optima bridge: ${key}: ${lost.message}, and Optima could not be asked whether the document was saved: ${(error as Error).message}`,
      );
      throw new BridgeJobError(503, {
        code: 'WORKER_UNAVAILABLE',
        message: `${lost.message}; whether the document was saved is checked with the next request`,
      });
    }
    if (found) {
      this.journal.done(key, hash, found);
      this.log.warn(`Optima bridge: ${key}: ${lost.message}, but Optima had saved ${found.number}`);
      return { status: 201, document: found };
    }
    this.journal.failed(key, hash);
    throw new BridgeJobError(500, {
      code: 'WORKER_FAILED',
      message: `${lost.message}; Optima holds no document for ${request.externalId}, so nothing was saved`,
    });
  }
}
