// Short sessions on a deployment's sandbox ERP for the CLI and the extension: open the state (read-only, or
// locked only for the duration of a change), do one thing, close. Also the "realize ORDER" operation both
// front ends share.
import type { Clock } from '../../clock';
import { loadSettings } from '../../deployment/files';
import { t } from '../../l10n';
import type { Logger } from '../../log';
import type { Settings } from '../../settings/types.generated';
import { openStateStore } from '../../state/index';
import type { SalesDocument } from '../gateway';
import {
  createSandboxErp,
  type KsefDecision,
  type SandboxDocumentDetail,
  type SandboxDocumentSummary,
  type SandboxErp,
  type SandboxKsefView,
} from './index';

export interface SandboxSessionOptions {
  /** Take the state lock and allow changes (realize); otherwise read-only, no lock. */
  write?: boolean;
  /** Named in the lock while it is held ("optima-sync sandbox realize", "VS Code"). */
  holder?: string;
  now: Clock;
  logger?: Logger;
  fontDir?: string;
}

export class SandboxNotInUseError extends Error {
  constructor(adapter: string) {
    super(t('This deployment uses the ERP adapter "{0}"; the sandbox ERP commands work only with "erp.adapter": "sandbox".', adapter));
  }
}

/** Runs fn on the deployment's sandbox ERP and closes the state afterwards (releasing the lock). */
export async function withSandbox<T>(
  dir: string,
  options: SandboxSessionOptions,
  fn: (erp: SandboxErp, settings: Settings) => Promise<T>,
): Promise<T> {
  const { settings } = await loadSettings(dir);
  if (settings.erp.adapter !== 'sandbox') throw new SandboxNotInUseError(settings.erp.adapter);
  const store = await openStateStore(dir, { readOnly: !options.write, holder: options.holder, now: options.now, logger: options.logger });
  try {
    const erp = await createSandboxErp(store, settings, { now: options.now, fontDir: options.fontDir });
    const result = await fn(erp, settings);
    if (options.write) await erp.flush();
    return result;
  } finally {
    await store.close();
  }
}

export class OrderNotInSandboxError extends Error {
  constructor(readonly reference: string) {
    super(t('No order "{0}" in the sandbox ERP (give the shop order id, the shop order number or the ERP document number).', reference));
  }
}

export class AmbiguousOrderError extends Error {
  constructor(
    readonly reference: string,
    readonly candidates: SandboxDocumentSummary[],
  ) {
    super(
      t(
        '"{0}" matches several orders in the sandbox ERP: {1}. Give the ERP document number.',
        reference,
        candidates.map((c) => `${c.number} (${c.platform} ${c.shopOrderNumber})`).join(', '),
      ),
    );
  }
}

export interface RealizeOutcome {
  /** The imported document (RO/PF, or an FS/PA imported in FS/PA/AUTO mode). */
  document: SandboxDocumentSummary;
  salesDocument: SalesDocument;
  /** Realized before (or imported as a sales document): nothing changed. */
  already: boolean;
}

/** The one imported document of an order reference (shop order id, shop order number, ERP number). */
export function resolveOrder(erp: SandboxErp, reference: string): SandboxDocumentSummary {
  const candidates = erp.findOrderDocuments(reference);
  if (candidates.length === 0) throw new OrderNotInSandboxError(reference);
  if (candidates.length > 1) throw new AmbiguousOrderError(reference, candidates);
  return candidates[0]!;
}

/** Realizes an order's RO/PF on a date (default: today in the deployment's zone); idempotent. */
export async function realizeOrder(erp: SandboxErp, reference: string, date?: string): Promise<RealizeOutcome> {
  const document = resolveOrder(erp, reference);
  const already = document.kind === 'FS' || document.kind === 'PA' || document.realizedBy !== undefined;
  const salesDocument = await erp.realizeDocument(document.id, date ?? erp.today());
  return { document: erp.findOrderDocuments(document.number)[0] ?? document, salesDocument, already };
}

export class NotRealizedError extends Error {
  constructor(readonly number: string) {
    super(t('{0} is not realized yet: there is no sales document to print.', number));
  }
}

/** A document by number or sandbox id, else the imported document of an order reference. */
export function documentDetail(erp: SandboxErp, reference: string): SandboxDocumentDetail {
  return erp.getDocument(reference) ?? erp.getDocument(resolveOrder(erp, reference).number)!;
}

/** The PDF of a document's sales document: itself (FS/PA) or the FS/PA that realized it (RO/PF). */
export async function salesPdfOf(
  erp: SandboxErp,
  document: SandboxDocumentSummary,
): Promise<{ fileName: string; bytes: Uint8Array; salesNumber: string }> {
  const salesId = document.kind === 'FS' || document.kind === 'PA' ? document.id : document.realizedBy?.id;
  if (!salesId) throw new NotRealizedError(document.number);
  const model = erp.salesDocumentModel(salesId);
  const rendered = await erp.salesDocumentPdf({
    id: salesId,
    kind: model.kind,
    number: model.number,
    issueDate: model.issueDate,
    saleDate: model.saleDate,
    totalGross: model.totals.gross,
    totalNet: model.totals.net,
  });
  return { ...rendered, salesNumber: model.number };
}

/** The sales document a reference stands for: an FS/PA itself, or the one that realized an RO/PF. */
export function salesDocumentOf(erp: SandboxErp, reference: string): SandboxDocumentDetail {
  const detail = documentDetail(erp, reference);
  if (detail.kind === 'FS' || detail.kind === 'PA') return detail;
  if (!detail.realizedBy) throw new NotRealizedError(detail.number);
  return erp.getDocument(detail.realizedBy.number)!;
}

/** KSeF's answer to the FS a reference stands for (an FS number, an order, its RO/PF), given by hand. */
export async function decideKsefOf(
  erp: SandboxErp,
  reference: string,
  decision: KsefDecision,
): Promise<{ document: SandboxDocumentSummary; ksef: SandboxKsefView }> {
  return erp.decideKsef(salesDocumentOf(erp, reference).number, decision);
}
