// Retention over the archives: archived orders fetched before the cutoff are pruned like live ones (their key
// moves to pruned_orders, so the shop listing them again never makes them new). Months wholly before the cutoff
// are known from the live database alone; the month the cutoff falls in is read to find which of its orders are
// older. The live database changes first (saved by the caller); the files follow, and a crash in between leaves
// rows in a file whose keys no longer say archived, which nothing reads.
import type { SqlJsStatic } from 'sql.js';
import { SqlRunner } from '../sql';
import { monthRange, removeArchiveFile, withArchiveMonth } from './files';

interface PartialMonth {
  month: number;
  keys: Array<{ platform: string; shopOrderId: string }>;
  done: number;
  reset: number;
}

export interface ArchivePrunePlan {
  wholeMonths: number[];
  partial: PartialMonth[];
  /** Orders it prunes. */
  orders: number;
}

/** What pruning the archives of the orders fetched before `cutoffMs` takes (nothing is changed). */
export async function planArchivePrune(
  SQL: SqlJsStatic,
  stateFolder: string,
  live: SqlRunner,
  cutoffMs: number,
): Promise<ArchivePrunePlan> {
  const plan: ArchivePrunePlan = { wholeMonths: [], partial: [], orders: 0 };
  for (const row of live.all('SELECT month, orders FROM archive_months WHERE orders > 0 ORDER BY month')) {
    const month = Number(row.month);
    const { startMs, endMs } = monthRange(month);
    if (endMs <= cutoffMs) {
      plan.wholeMonths.push(month);
      plan.orders += Number(row.orders);
    } else if (startMs < cutoffMs) {
      const partial = await withArchiveMonth(SQL, stateFolder, month, false, (archive) => {
        const sql = new SqlRunner(archive.database);
        try {
          const older = sql.all(
            `SELECT o.platform, o.shop_order_id,
              (SELECT COUNT(*) FROM actions a WHERE a.order_id = o.id AND a.state = 'done') AS done,
              (SELECT COUNT(*) FROM actions a WHERE a.order_id = o.id AND a.state = 'reset') AS reset
            FROM orders o WHERE o.fetched_ms < ?`,
            [cutoffMs],
          );
          return older.filter((order) =>
            live.get('SELECT 1 AS x FROM archived_orders WHERE platform = ? AND shop_order_id = ? AND month = ?', [
              order.platform!,
              order.shop_order_id!,
              month,
            ]),
          );
        } finally {
          sql.free();
        }
      });
      if (partial.length === 0) continue;
      plan.partial.push({
        month,
        keys: partial.map((order) => ({ platform: String(order.platform), shopOrderId: String(order.shop_order_id) })),
        done: partial.reduce((sum, order) => sum + Number(order.done), 0),
        reset: partial.reduce((sum, order) => sum + Number(order.reset), 0),
      });
      plan.orders += partial.length;
    }
  }
  return plan;
}

/** The live side of the plan (inside the caller's transaction): the keys say pruned, the counts follow. */
export function applyArchivePrune(live: SqlRunner, plan: ArchivePrunePlan, prunedAt: string): void {
  for (const month of plan.wholeMonths) {
    live.run(
      'INSERT OR IGNORE INTO pruned_orders (platform, shop_order_id, pruned_at) SELECT platform, shop_order_id, ? FROM archived_orders WHERE month = ?',
      [prunedAt, month],
    );
    live.run('DELETE FROM archived_orders WHERE month = ?', [month]);
    live.run('UPDATE archive_months SET orders = 0, done = 0, reset = 0 WHERE month = ?', [month]);
  }
  for (const partial of plan.partial) {
    for (const key of partial.keys) {
      live.run('INSERT OR IGNORE INTO pruned_orders (platform, shop_order_id, pruned_at) VALUES (?, ?, ?)', [
        key.platform,
        key.shopOrderId,
        prunedAt,
      ]);
      live.run('DELETE FROM archived_orders WHERE platform = ? AND shop_order_id = ?', [key.platform, key.shopOrderId]);
    }
    live.run('UPDATE archive_months SET orders = orders - ?, done = done - ?, reset = reset - ? WHERE month = ?', [
      partial.keys.length,
      partial.done,
      partial.reset,
      partial.month,
    ]);
  }
  live.run('DELETE FROM archive_months WHERE orders = 0 AND audit = 0');
}

/** The files' side, once the live side is saved: pruned orders leave their month files (a file left empty goes). */
export async function finishArchivePrune(SQL: SqlJsStatic, stateFolder: string, live: SqlRunner, plan: ArchivePrunePlan): Promise<void> {
  for (const month of plan.wholeMonths) {
    const keepsAudit = live.get('SELECT 1 AS x FROM archive_months WHERE month = ?', [month]) !== undefined;
    if (!keepsAudit) {
      await removeArchiveFile(stateFolder, month);
      continue;
    }
    await withArchiveMonth(SQL, stateFolder, month, true, async (archive) => {
      archive.database.exec('DELETE FROM actions; DELETE FROM erp_documents; DELETE FROM order_summaries; DELETE FROM orders; VACUUM');
      archive.changed = true;
      await archive.save();
    });
  }
  for (const partial of plan.partial) {
    await withArchiveMonth(SQL, stateFolder, partial.month, true, async (archive) => {
      const sql = new SqlRunner(archive.database);
      try {
        for (const key of partial.keys) {
          const order = sql.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [key.platform, key.shopOrderId]);
          if (!order) continue;
          for (const table of ['actions', 'erp_documents', 'order_summaries'])
            sql.run(`DELETE FROM ${table} WHERE order_id = ?`, [order.id!]);
          sql.run('DELETE FROM orders WHERE id = ?', [order.id!]);
        }
      } finally {
        sql.free();
      }
      archive.database.exec('VACUUM');
      archive.changed = true;
      await archive.save();
    });
  }
}
