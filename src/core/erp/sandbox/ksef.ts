// The sandbox ERP's KSeF: an FS issued while erp.ksef is on is "sent" at once (its FA(3) XML and that file's
// SHA-256 are kept) and waits, as a real one may, until it is accepted — on command (`optima-sync sandbox ksef
// accept`, VS Code's Show sandbox ERP documents), or by itself erp.sandbox.ksefAutoAcceptSeconds after it was
// issued — or rejected with a reason. An accepted FS gets a well-formed KSeF number: the seller's NIP, the day
// of acceptance in the deployment's zone, 12 hex digits taken from the file's hash, and the CRC-8.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { t } from '../../l10n';
import { formatKsefNumber } from '../../ksef/number';
import { base64Url, ksefVerificationUrl, type KsefState } from '../../ksef/state';
import type { Settings } from '../../settings/types.generated';
import { todayInZone } from '../../state/timezone';
import type { SalesDocumentModel } from '../pdf/model';
import { fa3Xml } from './fa3-xml';
import { queryRows, type DocumentRow } from './records';
import type { SandboxKsefView } from './views';

export interface SandboxKsefRow {
  status: 'pending' | 'accepted' | 'rejected';
  submittedAt: string;
  number?: string;
  acceptedAt?: string;
  reason?: string;
  xml: Uint8Array;
  sha256: string;
}

function rowOf(database: Database, documentId: number): SandboxKsefRow | undefined {
  const row = queryRows(database, 'SELECT * FROM sandbox_ksef WHERE document_id = ?', [documentId])[0];
  if (!row) return undefined;
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
  return {
    status: String(row.status) as SandboxKsefRow['status'],
    submittedAt: String(row.submitted_at),
    number: optional(row.number),
    acceptedAt: optional(row.accepted_at),
    reason: optional(row.reason),
    xml: row.fa3_xml as Uint8Array,
    sha256: String(row.fa3_sha256),
  };
}

/** Sends a new FS to the sandbox's KSeF: its FA(3) XML, hashed as the bytes KSeF would receive. */
export function submitToKsef(database: Database, documentId: number, model: SalesDocumentModel, now: Date): void {
  const xml = new TextEncoder().encode(fa3Xml(model, now.toISOString().replace(/\.\d{3}Z$/, 'Z')));
  const sha256 = base64Url(createHash('sha256').update(xml).digest());
  database.run('INSERT INTO sandbox_ksef (document_id, status, submitted_at, fa3_xml, fa3_sha256) VALUES (?, ?, ?, ?, ?)', [
    documentId,
    'pending',
    now.toISOString(),
    xml,
    sha256,
  ]);
}

/** The KSeF number KSeF would give this file on this day (its technical part from the file's hash). */
function numberFor(settings: Settings, row: SandboxKsefRow, acceptedAt: Date): string {
  const technical = Buffer.from(row.sha256, 'base64url').toString('hex').slice(0, 12);
  try {
    return formatKsefNumber(settings.erp.seller.taxId, todayInZone(acceptedAt, settings.timezone), technical);
  } catch {
    throw new Error(
      t('The sandbox ERP cannot number invoices as KSeF does: erp.seller.taxId "{0}" is not a 10-digit NIP.', settings.erp.seller.taxId),
    );
  }
}

/** What the sandbox's KSeF says of a document now: outside (never sent), pending, accepted or rejected. */
export function ksefStateOf(database: Database, documentId: number, settings: Settings, now: Date): KsefState {
  const row = rowOf(database, documentId);
  if (!row) return { status: 'outside' };
  const auto = settings.erp.sandbox?.ksefAutoAcceptSeconds ?? 0;
  if (row.status === 'pending' && auto > 0) {
    const acceptedAt = new Date(Date.parse(row.submittedAt) + auto * 1000);
    if (acceptedAt.getTime() <= now.getTime()) {
      return {
        status: 'accepted',
        number: numberFor(settings, row, acceptedAt),
        acceptedAt: acceptedAt.toISOString(),
        fa3Sha256: row.sha256,
      };
    }
  }
  return {
    status: row.status,
    ...(row.number ? { number: row.number } : {}),
    ...(row.acceptedAt ? { acceptedAt: row.acceptedAt } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    fa3Sha256: row.sha256,
  };
}

/** The FA(3) XML the sandbox sent for a document (undefined when it never went to KSeF). */
export function ksefXmlOf(database: Database, documentId: number): Uint8Array | undefined {
  return rowOf(database, documentId)?.xml;
}

export type KsefDecision = { accept: true } | { reject: string };

/**
 * KSeF's answer, given by hand: accept (a pending or a rejected FS — a corrected one sent again) or reject (a
 * pending one). An accepted FS stays accepted: an invoice in KSeF is never taken back.
 */
export function decideKsef(
  database: Database,
  documentId: number,
  number: string,
  decision: KsefDecision,
  settings: Settings,
  now: Date,
): KsefState {
  const current = ksefStateOf(database, documentId, settings, now);
  if (current.status === 'outside') throw new Error(t('{0} is not in KSeF: only an FS issued with erp.ksef on goes there.', number));
  if (current.status === 'accepted') throw new Error(t('{0} is already accepted in KSeF as {1}.', number, current.number ?? ''));
  if ('reject' in decision) {
    if (current.status === 'rejected') throw new Error(t('{0} is already rejected by KSeF: {1}', number, current.reason ?? ''));
    if (!decision.reject.trim()) throw new Error(t('Give the reason KSeF rejects {0} with.', number));
    database.run('UPDATE sandbox_ksef SET status = ?, reason = ? WHERE document_id = ?', ['rejected', decision.reject.trim(), documentId]);
  } else {
    const ksefNumber = numberFor(settings, rowOf(database, documentId)!, now);
    database.run('UPDATE sandbox_ksef SET status = ?, number = ?, accepted_at = ?, reason = NULL WHERE document_id = ?', [
      'accepted',
      ksefNumber,
      now.toISOString(),
      documentId,
    ]);
  }
  return ksefStateOf(database, documentId, settings, now);
}

/**
 * The state with an automatic acceptance (erp.sandbox.ksefAutoAcceptSeconds) written down once a writer has seen
 * it, so that the number stays whatever the settings say later; true when it wrote.
 */
export function recordAutoAcceptance(database: Database, documentId: number, state: KsefState): boolean {
  if (state.status !== 'accepted' || rowOf(database, documentId)?.status !== 'pending') return false;
  database.run("UPDATE sandbox_ksef SET status = 'accepted', number = ?, accepted_at = ? WHERE document_id = ?", [
    state.number!,
    state.acceptedAt!,
    documentId,
  ]);
  return true;
}

/** A sales document's KSeF state with its KOD I link (the views, the PDF). */
export function ksefViewOf(database: Database, row: Pick<DocumentRow, 'id' | 'issueDate'>, settings: Settings, now: Date): SandboxKsefView {
  const state = ksefStateOf(database, row.id, settings, now);
  const url = ksefVerificationUrl(settings.erp.ksef?.environment ?? 'production', state, row.issueDate, settings.erp.seller.taxId);
  return { ...state, ...(url ? { verificationUrl: url } : {}) };
}

/** The KSeF block of the printed copy: the number once accepted, the KOD I link while the file is in KSeF. */
export function printedKsef(view: SandboxKsefView): Pick<SalesDocumentModel, 'ksef'> {
  if (view.status !== 'pending' && view.status !== 'accepted') return {};
  return {
    ksef: { ...(view.number ? { number: view.number } : {}), ...(view.verificationUrl ? { verificationUrl: view.verificationUrl } : {}) },
  };
}
