// The state's archive: settled history kept out of the live database (which sql.js holds in memory) in month
// files opened only while old orders are needed. What moves is exactly what settled.ts calls settled, once the
// order is older than ORDER_DETAILS_DAYS; the live database keeps the key of every archived order (never new
// again) and each month's counts, so passes, views and counts never open a file.
import type { SqlJsStatic } from 'sql.js';
import type { ActionKind } from '../../model/actions';
import type { OrderQuery, OrderWithActions } from '../queries';
import type { AuditRecord } from '../records';
import { ORDER_DETAILS_DAYS } from '../retention';
import { DAY_MS } from '../schema';
import { settledCondition } from '../settled';
import type { SqlRunner } from '../sql';
import { moveToArchive, type MovedCounts } from './move';
import { applyArchivePrune, finishArchivePrune, planArchivePrune, type ArchivePrunePlan } from './prune';
import { archivedAudit, lookupArchived } from './read';

export { ARCHIVE_FOLDER, ArchiveUnreadableError, archiveFile, monthOf } from './files';
export type { ArchivePrunePlan } from './prune';

export interface ArchiveTotals {
  orders: number;
  done: number;
  reset: number;
}

export class StateArchive {
  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly stateFolder: string,
    private readonly live: SqlRunner,
  ) {}

  /** Whether the order was archived (settled history): a shop listing it again must not make it new. */
  isArchived(platform: string, shopOrderId: string): boolean {
    return (
      this.live.get('SELECT 1 AS x FROM archived_orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]) !== undefined
    );
  }

  /** What the archives hold, from the live database's counts (no file is opened). */
  totals(): ArchiveTotals {
    const row = this.live.get(
      'SELECT COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(done), 0) AS done, COALESCE(SUM(reset), 0) AS reset FROM archive_months',
    );
    return { orders: Number(row?.orders ?? 0), done: Number(row?.done ?? 0), reset: Number(row?.reset ?? 0) };
  }

  /**
   * Archives the settled orders (settled.ts, for these enabled kinds) fetched more than ORDER_DETAILS_DAYS before
   * `now`, with the audit rows older than that. The caller saves the live database after.
   */
  archiveSettled(now: Date, enabledKinds: readonly ActionKind[]): Promise<MovedCounts> {
    const cutoffMs = now.getTime() - ORDER_DETAILS_DAYS * DAY_MS;
    return moveToArchive(this.SQL, this.stateFolder, this.live, {
      from: 'orders o',
      where: `o.fetched_ms <= ? AND ${settledCondition(this.live, enabledKinds)}`,
      params: [cutoffMs],
      auditBefore: new Date(cutoffMs).toISOString(),
    });
  }

  /**
   * At the upgrade to schema 7, without the settings: the orders that already keep only their summary (they were
   * settled under the settings of the time) and are still settled whatever is enabled now, and old audit rows.
   */
  archiveAtUpgrade(now: Date): Promise<MovedCounts> {
    const cutoffMs = now.getTime() - ORDER_DETAILS_DAYS * DAY_MS;
    return moveToArchive(this.SQL, this.stateFolder, this.live, {
      from: 'orders o JOIN order_summaries s ON s.order_id = o.id',
      where: settledCondition(this.live, []),
      params: [],
      auditBefore: new Date(cutoffMs).toISOString(),
    });
  }

  lookup(query: OrderQuery, limit = 20): Promise<OrderWithActions[]> {
    return lookupArchived(this.SQL, this.stateFolder, this.live, query, limit);
  }

  audit(limit: number): Promise<AuditRecord[]> {
    return archivedAudit(this.SQL, this.stateFolder, this.live, limit);
  }

  planPrune(cutoffMs: number): Promise<ArchivePrunePlan> {
    return planArchivePrune(this.SQL, this.stateFolder, this.live, cutoffMs);
  }

  applyPrune(plan: ArchivePrunePlan, prunedAt: string): void {
    applyArchivePrune(this.live, plan, prunedAt);
  }

  finishPrune(plan: ArchivePrunePlan): Promise<void> {
    return finishArchivePrune(this.SQL, this.stateFolder, this.live, plan);
  }
}
