// The COM worker's jobs, each in a fresh session of the one login: health, create a document (after looking
// for one that already carries the order, so a repeated or interrupted request never makes a second one),
// find documents, one document's details, the dictionaries the mapping needs.
import type { CreatedDocument, DocumentSummary } from '../../core/erp/bridge/contract';
import { AdoExecutor } from '../com/ado-executor';
import { type ComObject, type OptimaCom, objectOf, textOfCom } from '../com/types';
import { BridgeJobError, unavailable } from '../errors';
import { checkDictionaries, createDocument } from '../mapping';
import type { SimulatedCompany } from '../simulator/company';
import type { Job, JobResults, WorkerConfig } from './protocol';
import { documentDetails, documentsByExternalId, documentSummary } from './reads';

/** Login errors by their words (UNCONFIRMED: Optima's texts; the simulator raises these). */
export function loginFailure(error: unknown): BridgeJobError {
  const message = error instanceof Error ? error.message : String(error);
  if (/licencj|licenc|licence|license/i.test(message))
    return unavailable('NO_LICENCE', `Optima has no free licence for the bridge's operator: ${message}`);
  if (/zablokowan|blokad|locked/i.test(message))
    return unavailable('OPTIMA_LOCKED', `Optima is locked (an update or another program): ${message}`);
  return unavailable('LOGIN_FAILED', `Optima refused the login: ${message}`);
}

export class OptimaConnection {
  private application: ComObject | undefined;
  private login: ComObject | undefined;
  private version = '';

  constructor(
    private readonly com: OptimaCom,
    private readonly config: WorkerConfig,
    private readonly company?: SimulatedCompany,
  ) {}

  /** Logs in once: LockApp, then Login with the modules of the operator's card (the arguments left empty). */
  open(): void {
    try {
      this.application = this.com.create('CDNBase.Application');
      this.application.call('LockApp', 256, 5000, null, null, null, null);
      this.login = objectOf(
        this.application.call('Login', this.config.operator, this.config.password, this.config.company, ...Array<null>(18).fill(null)),
        'Login',
      );
    } catch (error) {
      throw loginFailure(error);
    }
    try {
      this.version = textOfCom(this.application.get('Wersja'));
    } catch {
      this.version = 'unknown';
    }
  }

  close(): void {
    try {
      this.application?.call('UnlockApp');
    } catch {
      // The process ends anyway.
    }
  }

  private session(): { session: ComObject; executor: AdoExecutor } {
    if (!this.login) throw unavailable('LOGIN_FAILED', 'The COM worker is not logged in to Optima');
    const session = objectOf(this.login.call('CreateSession'), 'CreateSession');
    return { session, executor: new AdoExecutor(this.com, session) };
  }

  async run(job: Job): Promise<JobResults[Job['type']]> {
    switch (job.type) {
      case 'health':
        return {
          optimaVersion: this.version,
          company: this.config.company,
          operator: this.config.operator,
          simulated: this.config.backend === 'simulator',
        };
      case 'create': {
        const { session, executor } = this.session();
        const { request } = job;
        const existing = (await documentsByExternalId(executor, request.externalId)).find(
          (d) => d.kind === request.kind && !d.cancelled && !d.correction,
        );
        if (existing) return { document: created(existing, []), existing: true };
        const mapped = createDocument(session, request);
        return { document: created(await documentSummary(executor, mapped.erpId), mapped.warnings), existing: false };
      }
      case 'find':
        return { documents: await documentsByExternalId(this.session().executor, job.externalId) };
      case 'document':
        return documentDetails(this.session().executor, job.erpId);
      case 'dictionaries':
        return checkDictionaries(this.session().session, job.query);
      case 'realize':
        if (!this.company)
          throw new BridgeJobError(404, { code: 'NOT_FOUND', message: 'Realizing on command exists only in the simulator (--simulate)' });
        return this.company.realize(job.erpId, job.date, job.kind);
      case 'ksef':
        if (!this.company)
          throw new BridgeJobError(404, { code: 'NOT_FOUND', message: 'KSeF answers on command exist only in the simulator (--simulate)' });
        return this.company.ksef(job.erpId, job.decision, new Date(job.at));
    }
  }
}

function created(summary: DocumentSummary, warnings: string[]): CreatedDocument {
  return {
    erpId: summary.erpId,
    kind: summary.kind,
    number: summary.number,
    buffer: summary.buffer,
    issueDate: summary.issueDate,
    totalGross: summary.totalGross,
    totalNet: summary.totalNet,
    warnings,
  };
}
