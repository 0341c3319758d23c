// Bounds of the status-membership check (orders now in an import status that the state does not know), so it
// costs a few requests per pass whatever the shop's size: the newest rows in the statuses, and few detail reads.
import type { Settings } from '../settings/types.generated';
import { localToUtcMs } from './normalize';

/** Rows in the import statuses looked at per pass (newest changes first where the API sorts so). */
export const MEMBERSHIP_ROWS = 200;
/** Orders read one by one per pass at most (detail reads, journal events); the rest wait for the next pass. */
export const MAX_DETAIL_READS = 30;
/** BaseLinker without its journal: orders confirmed this many days back are checked. */
export const MEMBERSHIP_LOOKBACK_DAYS = 30;
/**
 * Where the API cannot be asked for changes (BaseLinker without its journal, SellAsist), each import status is
 * read whole, newest first, for at most this long per pass (about 25 requests at BaseLinker's 100 a minute); what
 * is older than where it got to waits for the next pass, and the log says so.
 */
export const MEMBERSHIP_BUDGET_MS = 15_000;

/** The time budget of one pass's membership check, on the HTTP client's clock (which tests move). */
export class MembershipBudget {
  private readonly deadline: number;
  /** Per status, where the check stopped when the budget ran out (an ISO time or a row count). */
  readonly cutShort: Array<{ status: string; reachedBack: string }> = [];

  constructor(
    private readonly ticks: () => number,
    budgetMs = MEMBERSHIP_BUDGET_MS,
  ) {
    this.deadline = ticks() + budgetMs;
  }

  get spent(): boolean {
    return this.ticks() >= this.deadline;
  }

  note(status: string, reachedBack: string): void {
    this.cutShort.push({ status, reachedBack });
  }
}

/** Created before shop.importSince (a day of margin: the pass applies the exact rule after normalizing). */
export function beforeImportSince(settings: Settings, createdAtMs: number): boolean {
  const since = settings.shop.importSince;
  if (!since || !Number.isFinite(createdAtMs)) return false;
  return createdAtMs < localToUtcMs(`${since} 00:00:00`, settings.timezone ?? 'Europe/Warsaw') - 86_400_000;
}
