// Moving settled history from the live database into the month archives. For each month: the month's file gets
// the orders (their summary, ERP documents and action records) and the audit rows, and is written whole; only
// then do the live rows go, in transactions of a batch each, leaving each order's key in archived_orders (so it
// is never new again) and the month's counts in archive_months. A crash between the two leaves the orders live
// and a copy in the file that nothing reads (reads go through archived_orders); the next run replaces that copy.
import type { SqlJsStatic, SqlValue } from 'sql.js';
import { decodeOrder, encodeOrderSummary } from '../payload';
import { RESET_AT } from '../rows';
import { SqlRunner, type Row } from '../sql';
import { monthOf, monthRange, withArchiveMonth, type ArchiveMonth } from './files';

const BATCH = 1000;

export interface ArchiveCandidates {
  /** The orders that move: the rows of `from` (over the orders row `o`) where `where` holds, with its parameters. */
  from: string;
  where: string;
  params: SqlValue[];
  /** Audit rows older than this ISO instant move too (none when undefined). */
  auditBefore?: string;
}

export interface MovedCounts {
  orders: number;
  audit: number;
}

/**
 * Moves the candidates into their months' archives, one month at a time (its ids are read when its turn comes,
 * so memory follows a month, not the history); returns how many orders and audit rows moved.
 */
export async function moveToArchive(
  SQL: SqlJsStatic,
  stateFolder: string,
  live: SqlRunner,
  candidates: ArchiveCandidates,
): Promise<MovedCounts> {
  const { from, where, params, auditBefore } = candidates;
  const moved: MovedCounts = { orders: 0, audit: 0 };
  for (const month of monthsOf(live, candidates)) {
    const { startMs, endMs } = monthRange(month);
    const orders = live
      .all(`SELECT o.id FROM ${from} WHERE o.fetched_ms >= ? AND o.fetched_ms < ? AND ${where} ORDER BY o.id`, [startMs, endMs, ...params])
      .map((row) => Number(row.id));
    const audit = auditBefore
      ? live
          .all('SELECT id FROM audit WHERE at >= ? AND at < ? AND at < ? ORDER BY id', [
            new Date(startMs).toISOString(),
            new Date(endMs).toISOString(),
            auditBefore,
          ])
          .map((row) => Number(row.id))
      : [];
    if (orders.length + audit.length === 0) continue;
    const counts = await withArchiveMonth(SQL, stateFolder, month, true, async (archive) => {
      const batches = chunks(orders).map((ids) => copyOrders(live, archive, ids));
      for (const ids of chunks(audit)) copyAudit(live, archive, ids);
      await archive.save();
      return batches;
    });
    // The file is on disk: now the live rows may go.
    for (const [index, ids] of chunks(orders).entries()) removeLiveOrders(live, month, ids, counts[index]!);
    for (const ids of chunks(audit)) removeLiveAudit(live, month, ids);
    moved.orders += orders.length;
    moved.audit += audit.length;
  }
  return moved;
}

/** The months from the oldest candidate (order or audit row) to the newest, oldest first. */
function monthsOf(live: SqlRunner, { from, where, params, auditBefore }: ArchiveCandidates): number[] {
  const orders = live.get(`SELECT MIN(o.fetched_ms) AS first, MAX(o.fetched_ms) AS last FROM ${from} WHERE ${where}`, params);
  const audit = auditBefore ? live.get('SELECT MIN(at) AS first, MAX(at) AS last FROM audit WHERE at < ?', [auditBefore]) : undefined;
  const ends = [
    ...(orders?.first !== null && orders?.first !== undefined ? [Number(orders.first), Number(orders.last)] : []),
    ...(audit?.first !== null && audit?.first !== undefined ? [Date.parse(String(audit.first)), Date.parse(String(audit.last))] : []),
  ];
  if (ends.length === 0) return [];
  const months: number[] = [];
  for (let month = monthOf(Math.min(...ends)); month <= monthOf(Math.max(...ends)); month = monthOf(monthRange(month).endMs))
    months.push(month);
  return months;
}

function chunks(ids: number[]): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < ids.length; start += BATCH) out.push(ids.slice(start, start + BATCH));
  return out;
}

/** The batch's ids in a temp table, so each statement keeps one text (the runner caches them by text). */
const IN_BATCH = 'IN (SELECT id FROM temp.archive_batch)';

function withBatch<T>(live: SqlRunner, ids: number[], work: () => T): T {
  live.run('CREATE TEMP TABLE IF NOT EXISTS archive_batch (id INTEGER PRIMARY KEY)');
  live.run('DELETE FROM temp.archive_batch');
  for (const id of ids) live.run('INSERT INTO temp.archive_batch (id) VALUES (?)', [id]);
  try {
    return work();
  } finally {
    live.run('DELETE FROM temp.archive_batch');
  }
}

interface BatchCounts {
  done: number;
  reset: number;
}

/** Copies a batch of live orders into the archive (replacing an earlier copy of the same order). */
function copyOrders(live: SqlRunner, archive: ArchiveMonth, ids: number[]): BatchCounts {
  const into = new SqlRunner(archive.database);
  const counts: BatchCounts = { done: 0, reset: 0 };
  try {
    const { orders, documents, actions } = withBatch(live, ids, () => ({
      orders: live.all(`SELECT o.*, d.payload AS details, s.summary AS summary FROM orders o LEFT JOIN order_details d ON d.order_id = o.id
        LEFT JOIN order_summaries s ON s.order_id = o.id WHERE o.id ${IN_BATCH}`),
      documents: new Map(live.all(`SELECT * FROM erp_documents WHERE order_id ${IN_BATCH}`).map((row) => [Number(row.order_id), row])),
      // A never-attempted action covered by a reset mark is archived as reset, at the time of that mark.
      actions: groupBy(live.all(`SELECT a.*, ${RESET_AT} AS reset_at FROM actions a WHERE a.order_id ${IN_BATCH}`), (row) =>
        Number(row.order_id),
      ),
    }));
    into.transaction(() => {
      for (const order of orders) {
        const earlier = into.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [order.platform!, order.shop_order_id!]);
        if (earlier)
          for (const table of ['order_summaries', 'erp_documents', 'actions'])
            into.run(`DELETE FROM ${table} WHERE order_id = ?`, [earlier.id!]);
        if (earlier) into.run('DELETE FROM orders WHERE id = ?', [earlier.id!]);
        into.run('INSERT INTO orders (platform, shop_order_id, number, fetched_ms, shop_status, erp_stage) VALUES (?, ?, ?, ?, ?, ?)', [
          order.platform!,
          order.shop_order_id!,
          order.number!,
          order.fetched_ms!,
          order.shop_status!,
          order.erp_stage!,
        ]);
        const id = into.lastInsertId();
        const summary =
          order.details !== null && order.details !== undefined ? encodeOrderSummary(decodeOrder(order.details).order) : order.summary;
        if (summary !== null && summary !== undefined)
          into.run('INSERT INTO order_summaries (order_id, summary) VALUES (?, ?)', [id, summary]);
        const document = documents.get(Number(order.id));
        if (document) insertRow(into, 'erp_documents', { ...document, order_id: id });
        for (const action of actions.get(Number(order.id)) ?? []) {
          const reset = action.state === null && action.updated_ms === null && action.reset_at !== null && action.reset_at !== undefined;
          if (action.state === 'done') counts.done++;
          if (reset || action.state === 'reset') counts.reset++;
          into.run(
            'INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [
              id,
              action.kind!,
              action.fetched_ms!,
              reset ? 'reset' : action.state!,
              reset ? Date.parse(String(action.reset_at)) : action.updated_ms!,
              action.attempts!,
              action.last_error!,
              action.run_id!,
            ],
          );
        }
      }
    });
  } finally {
    into.free();
  }
  archive.changed = true;
  return counts;
}

function groupBy(rows: Row[], key: (row: Row) => number): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

function insertRow(sql: SqlRunner, table: string, row: Row): void {
  const columns = Object.keys(row);
  sql.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    columns.map((column) => row[column] as SqlValue),
  );
}

function copyAudit(live: SqlRunner, archive: ArchiveMonth, ids: number[]): void {
  const into = new SqlRunner(archive.database);
  try {
    const rows = withBatch(live, ids, () => live.all(`SELECT id, at, user, kind, detail_json FROM audit WHERE id ${IN_BATCH}`));
    into.transaction(() => {
      for (const row of rows) {
        into.run('INSERT OR REPLACE INTO audit (id, at, user, kind, detail_json) VALUES (?, ?, ?, ?, ?)', [
          row.id!,
          row.at!,
          row.user!,
          row.kind!,
          row.detail_json!,
        ]);
      }
    });
  } finally {
    into.free();
  }
  archive.changed = true;
}

/** The archived orders leave the live database; their keys stay, with the month that holds them. */
function removeLiveOrders(live: SqlRunner, month: number, ids: number[], counts: BatchCounts): void {
  withBatch(live, ids, () =>
    live.transaction(() => {
      const newest = live.number(`SELECT MAX(fetched_ms) AS newest FROM orders WHERE id ${IN_BATCH}`);
      live.run(
        `INSERT OR REPLACE INTO archived_orders (platform, shop_order_id, month) SELECT platform, shop_order_id, ? FROM orders WHERE id ${IN_BATCH}`,
        [month],
      );
      for (const table of ['actions', 'action_details', 'erp_documents', 'order_details', 'order_summaries'])
        live.run(`DELETE FROM ${table} WHERE order_id ${IN_BATCH}`);
      live.run(`DELETE FROM orders WHERE id ${IN_BATCH}`);
      live.run(
        `INSERT INTO archive_months (month, orders, done, reset, newest_fetched_ms) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (month) DO UPDATE SET orders = orders + excluded.orders, done = done + excluded.done, reset = reset + excluded.reset,
        newest_fetched_ms = MAX(COALESCE(newest_fetched_ms, 0), excluded.newest_fetched_ms)`,
        [month, ids.length, counts.done, counts.reset, newest],
      );
    }),
  );
}

function removeLiveAudit(live: SqlRunner, month: number, ids: number[]): void {
  withBatch(live, ids, () =>
    live.transaction(() => {
      live.run(`DELETE FROM audit WHERE id ${IN_BATCH}`);
      live.run('INSERT INTO archive_months (month, audit) VALUES (?, ?) ON CONFLICT (month) DO UPDATE SET audit = audit + excluded.audit', [
        month,
        ids.length,
      ]);
    }),
  );
}
