// Retention: orders whose actions are all settled (none pending or failed) leave the state after N days.
// Each pruned order keeps its key in pruned_orders, so a shop listing it again never makes it new.
import type { SqlRunner } from './sql';

/** Deletes (or, in a dry run, counts) the settled orders fetched more than N days before `now`. */
export function pruneSettled(sql: SqlRunner, olderThanDays: number, now: Date, dryRun: boolean, audit: (detail: Record<string, unknown>, at: string) => void): number {
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  const candidates = `SELECT id FROM orders o WHERE o.fetched_at < ?
    AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.state IN ('pending', 'failed'))`;
  if (dryRun) return sql.number(`SELECT COUNT(*) AS n FROM (${candidates})`, [cutoff]);
  return sql.transaction(() => {
    const at = now.toISOString();
    sql.run('CREATE TEMP TABLE IF NOT EXISTS prune_ids (id INTEGER PRIMARY KEY)');
    sql.run('DELETE FROM prune_ids');
    sql.run(`INSERT INTO prune_ids ${candidates}`, [cutoff]);
    sql.run('DELETE FROM actions WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('DELETE FROM erp_documents WHERE order_id IN (SELECT id FROM prune_ids)');
    sql.run('INSERT OR IGNORE INTO pruned_orders (platform, shop_order_id, pruned_at) SELECT platform, shop_order_id, ? FROM orders WHERE id IN (SELECT id FROM prune_ids)', [at]);
    sql.run('DELETE FROM orders WHERE id IN (SELECT id FROM prune_ids)');
    const deleted = sql.database.getRowsModified();
    sql.run('DELETE FROM prune_ids');
    audit({ olderThanDays, cutoff, orders: deleted }, at);
    return deleted;
  });
}
