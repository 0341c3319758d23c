// Retention: settled orders (settled.ts) leave the state after N days. Each pruned order keeps its key in
// pruned_orders, so a shop listing it again never makes it new. Before that, a settled order keeps only its
// summary after ORDER_DETAILS_DAYS: the lines and addresses are what templates need, and a settled order renders
// no template (the whole database lives in memory, so this is memory).
import type { ActionKind } from '../model/actions';
import { decodeOrder, encodeOrderSummary } from './payload';
import { DAY_MS } from './schema';
import { settledCondition } from './settled';
import type { SqlRunner } from './sql';

/** Deletes (or, in a dry run, counts) the settled orders fetched more than N days before `now`. */
export function pruneSettled(sql: SqlRunner, olderThanDays: number, now: Date, enabledKinds: readonly ActionKind[], dryRun: boolean, audit: (detail: Record<string, unknown>, at: string) => void): number {
  const cutoffMs = now.getTime() - olderThanDays * DAY_MS;
  const cutoff = new Date(cutoffMs).toISOString();
  const candidates = `SELECT id FROM orders o WHERE o.fetched_ms < ? AND ${settledCondition(sql, enabledKinds)}`;
  if (dryRun) return sql.number(`SELECT COUNT(*) AS n FROM (${candidates})`, [cutoffMs]);
  return sql.transaction(() => {
    const at = now.toISOString();
    sql.run('CREATE TEMP TABLE IF NOT EXISTS prune_ids (id INTEGER PRIMARY KEY)');
    sql.run('DELETE FROM prune_ids');
    sql.run(`INSERT INTO prune_ids ${candidates}`, [cutoffMs]);
    sql.run('DELETE FROM actions WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('DELETE FROM erp_documents WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('DELETE FROM order_details WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('DELETE FROM order_summaries WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('DELETE FROM action_details WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('INSERT OR IGNORE INTO pruned_orders (platform, shop_order_id, pruned_at) SELECT platform, shop_order_id, ? FROM orders WHERE id IN (SELECT id FROM prune_ids)', [at]);
    sql.run('DELETE FROM orders WHERE id IN (SELECT id FROM prune_ids)');
    const deleted = sql.database.getRowsModified();
    sql.run('DELETE FROM prune_ids');
    audit({ olderThanDays, cutoff, orders: deleted }, at);
    return deleted;
  });
}

/** Days an order keeps its full details (lines, addresses) after it was fetched, once it is settled. */
export const ORDER_DETAILS_DAYS = 60;

/**
 * Replaces the payload of each settled order (settled.ts) fetched more than ORDER_DETAILS_DAYS ago by its summary
 * (encodeOrderSummary). Only the orders that still keep their details are looked at (the recent and the
 * unsettled ones), so the cost does not follow the history.
 */
export function summarizeSettledOrders(sql: SqlRunner, now: Date, enabledKinds: readonly ActionKind[]): number {
  const cutoffMs = now.getTime() - ORDER_DETAILS_DAYS * DAY_MS;
  const ids = sql.all(`SELECT o.id FROM order_details d JOIN orders o ON o.id = d.order_id WHERE o.fetched_ms <= ? AND ${settledCondition(sql, enabledKinds)}`, [cutoffMs])
    .map((row) => Number(row.id));
  if (ids.length === 0) return 0;
  return sql.transaction(() => {
    // A batch of payloads at a time: the first call after an upgrade may cover most of a long history.
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      const marks = batch.map(() => '?').join(', ');
      for (const row of sql.all(`SELECT order_id, payload FROM order_details WHERE order_id IN (${marks})`, batch)) {
        sql.run('INSERT OR REPLACE INTO order_summaries (order_id, summary) VALUES (?, ?)', [row.order_id!, encodeOrderSummary(decodeOrder(row.payload).order)]);
      }
      sql.run(`DELETE FROM order_details WHERE order_id IN (${marks})`, batch);
      // The outcome texts (addresses, message ids) go with the details; each action keeps its state and time.
      sql.run(`DELETE FROM action_details WHERE order_id IN (${marks})`, batch);
    }
    return ids.length;
  });
}
