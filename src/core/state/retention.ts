// Retention: settled orders (settled.ts) leave the state after N days. Each pruned order keeps its key in
// pruned_orders, so a shop listing it again never makes it new. Long before that, a settled order leaves the live
// database for the archive (state/archive) once it is ORDER_DETAILS_DAYS old; these functions prune the live
// rows, the store adds the archived ones.
import type { ActionKind } from '../model/actions';
import { settledCondition } from './settled';
import type { SqlRunner } from './sql';

/** Days an order keeps its full details (lines, addresses) after it was fetched; settled, it is archived then. */
export const ORDER_DETAILS_DAYS = 60;

function candidates(sql: SqlRunner, enabledKinds: readonly ActionKind[]): string {
  return `SELECT id FROM orders o WHERE o.fetched_ms < ? AND ${settledCondition(sql, enabledKinds)}`;
}

/** How many live settled orders were fetched before the cutoff. */
export function countPrunable(sql: SqlRunner, cutoffMs: number, enabledKinds: readonly ActionKind[]): number {
  return sql.number(`SELECT COUNT(*) AS n FROM (${candidates(sql, enabledKinds)})`, [cutoffMs]);
}

/** Deletes the live settled orders fetched before the cutoff (in the caller's transaction); returns how many. */
export function pruneLiveSettled(sql: SqlRunner, cutoffMs: number, enabledKinds: readonly ActionKind[], prunedAt: string): number {
  sql.run('CREATE TEMP TABLE IF NOT EXISTS prune_ids (id INTEGER PRIMARY KEY)');
  sql.run('DELETE FROM prune_ids');
  sql.run(`INSERT INTO prune_ids ${candidates(sql, enabledKinds)}`, [cutoffMs]);
  for (const table of ['actions', 'erp_documents', 'order_details', 'order_summaries', 'action_details']) {
    sql.run(`DELETE FROM ${table} WHERE order_id IN (SELECT id FROM prune_ids)`);
  }
  sql.run(
    'INSERT OR IGNORE INTO pruned_orders (platform, shop_order_id, pruned_at) SELECT platform, shop_order_id, ? FROM orders WHERE id IN (SELECT id FROM prune_ids)',
    [prunedAt],
  );
  sql.run('DELETE FROM orders WHERE id IN (SELECT id FROM prune_ids)');
  const deleted = sql.database.getRowsModified();
  sql.run('DELETE FROM prune_ids');
  return deleted;
}
