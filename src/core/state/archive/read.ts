// Reading archived orders and audit rows back: each month file needed is opened, read with the same SELECTs as
// the live database (state/rows.ts, state/queries.ts), and closed before the next. An order counts as archived
// only through its key in the live database (archived_orders, with its month): a row of a file whose key is not
// there is a leftover of an interrupted run, and is not shown.
import type { SqlJsStatic, SqlValue } from 'sql.js';
import { toAuditRecord, type AuditRecord } from '../records';
import { orderQueryCondition, ordersWithActionsWhere, type OrderQuery, type OrderWithActions } from '../queries';
import { SqlRunner } from '../sql';
import { withArchiveMonth, type ArchiveMonth } from './files';

/** The archived orders matching the query (by shop order id, or by that or the order number), newest month first. */
export async function lookupArchived(
  SQL: SqlJsStatic,
  stateFolder: string,
  live: SqlRunner,
  query: OrderQuery,
  limit: number,
): Promise<OrderWithActions[]> {
  const id = 'shopOrderId' in query ? query.shopOrderId : query.idOrNumber;
  const platform = 'shopOrderId' in query ? query.platform : undefined;
  const keys = live.all(
    `SELECT month FROM archived_orders WHERE shop_order_id = ?${platform ? ' AND platform = ?' : ''}`,
    platform ? [id, platform] : [id],
  );
  const months = new Set(keys.map((key) => Number(key.month)));
  // An order number is not among the keys: every month is looked at (one file in memory at a time).
  if ('idOrNumber' in query) for (const row of live.all('SELECT month FROM archive_months WHERE orders > 0')) months.add(Number(row.month));
  const { where, params } = orderQueryCondition(query);
  const found: OrderWithActions[] = [];
  for (const month of [...months].sort((a, b) => b - a)) {
    if (found.length >= limit) break;
    const rows = await withArchiveMonth(SQL, stateFolder, month, false, (archive) =>
      ordersWithActions(archive, live, `${where} ORDER BY o.fetched_ms DESC LIMIT ${limit}`, params),
    );
    found.push(
      ...rows
        .filter((order) => isArchivedIn(live, order.platform, order.shopOrderId, month))
        .map((order) => ({ ...order, archived: true as const })),
    );
  }
  return found.slice(0, limit);
}

function isArchivedIn(live: SqlRunner, platform: string, shopOrderId: string, month: number): boolean {
  return (
    live.get('SELECT 1 AS x FROM archived_orders WHERE platform = ? AND shop_order_id = ? AND month = ?', [
      platform,
      shopOrderId,
      month,
    ]) !== undefined
  );
}

/**
 * Orders of an archive with their action records. The live database's reset marks are copied in (temporarily,
 * nothing is written back): a reset covers archived orders' never-attempted actions as it covers live ones.
 */
function ordersWithActions(archive: ArchiveMonth, live: SqlRunner, where: string, params: SqlValue[]): OrderWithActions[] {
  const sql = new SqlRunner(archive.database);
  try {
    sql.run(
      'CREATE TEMP TABLE IF NOT EXISTS reset_marks (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, cutoff_ms INTEGER NOT NULL, at TEXT NOT NULL)',
    );
    for (const mark of live.all('SELECT id, kind, cutoff_ms, at FROM reset_marks'))
      sql.run('INSERT INTO temp.reset_marks VALUES (?, ?, ?, ?)', [mark.id!, mark.kind!, mark.cutoff_ms!, mark.at!]);
    return ordersWithActionsWhere(sql, where, params);
  } finally {
    sql.free();
  }
}

/** The newest `limit` audit rows kept in the archives, below the live database's own (newest first). */
export async function archivedAudit(SQL: SqlJsStatic, stateFolder: string, live: SqlRunner, limit: number): Promise<AuditRecord[]> {
  const found: AuditRecord[] = [];
  for (const row of live.all('SELECT month FROM archive_months WHERE audit > 0 ORDER BY month DESC')) {
    if (found.length >= limit) break;
    const rows = await withArchiveMonth(SQL, stateFolder, Number(row.month), false, (archive) =>
      new SqlRunner(archive.database).all('SELECT * FROM audit ORDER BY id DESC LIMIT ?', [limit - found.length]),
    );
    found.push(...rows.map(toAuditRecord));
  }
  return found;
}
