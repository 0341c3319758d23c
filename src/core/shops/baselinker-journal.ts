// BaseLinker's order journal (getJournalList): events of the last 3 days after `last_log_id`. Only when
// Base support has enabled it for the account; otherwise the answer is empty (no `logs`) or an error.
import { ShopError } from './errors';

/** Order creation and order status change (BL-doc getJournalList log types). */
export const JOURNAL_TYPES = { created: 1, statusChanged: 18 } as const;

interface JournalEntry {
  id: number | string;
  order_id: number | string;
  log_type: number | string;
  /** For a status change, the new status id (BL-doc: "additional information, depending on the event type"). */
  object_id?: number | string;
}

export interface JournalRead {
  /** Orders to read (unknown to the state; a status change into an import status, or a creation). */
  orderIds: string[];
  /** The last log id consumed; undefined when the journal is off. */
  cursor: string | undefined;
  off: boolean;
}

export async function readJournal(
  call: (parameters: Record<string, unknown>) => Promise<{ logs?: JournalEntry[] }>,
  cursor: string | undefined,
  statuses: readonly string[],
  known: (id: string) => boolean,
  maxOrders: number,
): Promise<JournalRead> {
  const last = Number(cursor ?? 0) || 0;
  let answer: { logs?: JournalEntry[] };
  try {
    answer = await call({ last_log_id: last, logs_types: [JOURNAL_TYPES.created, JOURNAL_TYPES.statusChanged] });
  } catch (error) {
    // Credentials and outages are not "the journal is off": they fail the check as any other call would.
    if (
      error instanceof ShopError &&
      (error.kind === 'auth' || error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'rateLimit')
    )
      throw error;
    return { orderIds: [], cursor, off: true };
  }
  if (!Array.isArray(answer.logs)) return { orderIds: [], cursor, off: true };
  const entries = answer.logs.filter((entry) => Number(entry.id) > last).sort((a, b) => Number(a.id) - Number(b.id));
  const orderIds: string[] = [];
  let consumed = last;
  for (const entry of entries) {
    const id = String(entry.order_id);
    const type = Number(entry.log_type);
    const relevant =
      !known(id) &&
      !orderIds.includes(id) &&
      (type === JOURNAL_TYPES.created ||
        (type === JOURNAL_TYPES.statusChanged && (entry.object_id === undefined || statuses.includes(String(entry.object_id)))));
    // Stop at the budget; the cursor stays before the first event not looked at.
    if (relevant && orderIds.length >= maxOrders) break;
    if (relevant) orderIds.push(id);
    consumed = Number(entry.id);
  }
  return { orderIds, cursor: String(consumed), off: false };
}
