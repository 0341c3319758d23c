// A sales document's KSeF state as Optima records it in CDN.TraNag (queries.ts KSEF_OF_DOCUMENT), shared by the
// SQL read side and the bridge. The columns exist in 2026 Optima databases; what their values mean is
// UNCONFIRMED and read as follows:
//   TrN_NieWysylajDokumentuDoKSeF ≠ 0          → outside KSeF (the document is flagged "do not send to KSeF");
//   TrN_NrKSeF set                             → accepted, with TrN_KSeFDataPrzyjecia as the acceptance time;
//   TrN_KSeFStatusId ≥ 400 (KSeF's own codes:  → rejected, TrN_KSeFStatus as the reason (KSeF answers 4xx for a
//     100/150 in progress, 200 done, 4xx/5xx     refused invoice and 5xx for its own failure: either way the
//     failed)                                    invoice is not in KSeF until Optima sends it again);
//   anything else                              → pending.
// Where Optima keeps the FA(3) XML it sent is unknown, so no hash (fa3Sha256) is ever known here.
import type { KsefState } from '../../ksef/state';
import type { KsefRow } from './queries';
import { isSet, textOf } from './rows';

/** Optima's local date-time of the acceptance as an ISO instant (mssql hands it over as UTC fields). */
function instant(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const parsed = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(' ', 'T').replace(/(?<!Z)$/, 'Z'));
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
  }
  return undefined;
}

export function ksefStateOfRow(row: KsefRow): KsefState {
  if (isSet(row.notForKsef)) return { status: 'outside' };
  const number = textOf(row.ksefNumber);
  if (number) {
    const acceptedAt = instant(row.ksefAcceptedAt);
    return { status: 'accepted', number, ...(acceptedAt ? { acceptedAt } : {}) };
  }
  const code = Number(row.ksefStatusId ?? 0);
  if (code >= 400) return { status: 'rejected', reason: textOf(row.ksefStatus) || `KSeF status ${code}` };
  return { status: 'pending' };
}
