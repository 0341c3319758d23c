// Recording an order as the shop lists it: new (with its five actions, never attempted), updated (status,
// payload; a change after import is reported, not applied), or ignored (archived or pruned: settled history).
import { t } from '../l10n';
import type { Logger } from '../log';
import type { ShopOrder } from '../model/order';
import { describeOrderChange } from './order-change';
import { decodeOrder, encodeOrder } from './payload';
import { insertNewActions } from './records';
import { fetchedFloorMs } from './reset';
import { ERP_STAGE } from './schema';
import type { SqlRunner } from './sql';

/** Whether the order is settled history, archived or pruned (only its key is live): it is never new again. */
export function isSettledHistory(sql: SqlRunner, platform: string, shopOrderId: string): boolean {
  return (
    sql.get('SELECT 1 AS x FROM archived_orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]) !== undefined ||
    sql.get('SELECT 1 AS x FROM pruned_orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]) !== undefined
  );
}

/** Returns whether the order is new, and whether anything was written. */
export function upsertOrderRow(sql: SqlRunner, order: ShopOrder, fetchedAt: Date, logger: Logger): { isNew: boolean; written: boolean } {
  const existing = sql.get(
    `SELECT o.id, o.erp_stage, COALESCE(d.payload, s.summary) AS payload FROM orders o
    LEFT JOIN order_details d ON d.order_id = o.id LEFT JOIN order_summaries s ON s.order_id = o.id
    WHERE o.platform = ? AND o.shop_order_id = ?`,
    [order.platform, order.id],
  );
  if (existing) {
    const before = decodeOrder(existing.payload);
    // A summary stays a summary: the order is settled, and comparing its missing lines would report a change.
    if (!before.detailsKept) {
      sql.run('UPDATE orders SET number = ?, shop_status = ? WHERE id = ?', [order.number, order.status, existing.id!]);
      return { isNew: false, written: true };
    }
    if (Number(existing.erp_stage) !== ERP_STAGE.none) reportChangeAfterImport(logger, before.order, order);
    sql.run('UPDATE orders SET number = ?, shop_status = ? WHERE id = ?', [order.number, order.status, existing.id!]);
    sql.run('UPDATE order_details SET payload = ? WHERE order_id = ?', [encodeOrder(order), existing.id!]);
    return { isNew: false, written: true };
  }
  // Settled and archived or pruned: recording it again would make it new, and its customer e-mailed twice.
  if (isSettledHistory(sql, order.platform, order.id)) return { isNew: false, written: false };
  // After a reset, new orders count as fetched after its cutoff even if the clock stepped back.
  const fetchedMs = Math.max(fetchedAt.getTime(), fetchedFloorMs(sql));
  sql.run('INSERT INTO orders (platform, shop_order_id, fetched_ms, number, shop_status) VALUES (?, ?, ?, ?, ?)', [
    order.platform,
    order.id,
    fetchedMs,
    order.number,
    order.status,
  ]);
  const orderId = sql.lastInsertId();
  sql.run('INSERT INTO order_details (order_id, payload) VALUES (?, ?)', [orderId, encodeOrder(order)]);
  insertNewActions(sql, orderId, fetchedMs);
  return { isNew: true, written: true };
}

/** An imported order changed in the shop: the ERP document is not changed by the integrator, so say so. */
function reportChangeAfterImport(logger: Logger, before: ShopOrder, after: ShopOrder): void {
  const change = describeOrderChange(before, after);
  if (change)
    logger.warn(
      t(
        'Order {0} changed in the shop after it was imported ({1}); its ERP document is not changed: check it by hand',
        after.number,
        change,
      ),
    );
}
