// The store's reading queries of orders and actions. Each is bounded by what it is asked for: a page of the
// newest orders, one order's actions, or the open work of a pass (ranges of partial indexes).
import type { SqlValue } from 'sql.js';
import { ACTION_KINDS, type ActionKind, type ActionState } from '../model/actions';
import type { ActionRecord, OpenWorkQuery, StoredOrder } from './api';
import { countMarked, FRESH, LIVE, markedUpTo } from './reset';
import { ACTION_SELECT, ORDER_SELECT, toActionRecord, toStoredOrder } from './rows';
import { ACTION_KIND_CODES, actionKindOfCode } from './schema';
import type { SqlRunner } from './sql';

export type AttentionState = 'pending' | 'failed' | 'uncertain';

export interface OrderFilter {
  platform?: string;
  limit?: number;
  offset?: number;
  withActionStates?: AttentionState[];
}

export interface ActionFilter {
  platform?: string;
  shopOrderId?: string;
  states?: ActionState[];
  kinds?: ActionKind[];
}

/** Newest fetched first. */
export function selectOrders(sql: SqlRunner, filter: OrderFilter = {}): StoredOrder[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.platform) {
    where.push('o.platform = ?');
    params.push(filter.platform);
  }
  if (filter.withActionStates?.length) {
    const states = filter.withActionStates;
    // The literal term lets SQLite use the partial index of pending and failed actions.
    where.push(
      `o.id IN (SELECT a.order_id FROM actions a WHERE a.state IN ('pending', 'failed', 'uncertain') AND a.state IN (${states.map(() => '?').join(', ')}))`,
    );
    params.push(...states);
  }
  const text = `${ORDER_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY o.fetched_ms DESC, o.id DESC LIMIT ? OFFSET ?`;
  return sql.all(text, [...params, filter.limit ?? -1, filter.offset ?? 0]).map(toStoredOrder);
}

/**
 * The stored orders a pass may have work for: an enabled action not settled (pending, failed under the
 * attempt limit, retried, or never attempted and not reset), not in the ERP yet, or waiting for realization
 * by shop status. Each part is a range of a partial index, so the cost follows the open work, not the history.
 */
export function selectOpenWork(sql: SqlRunner, query: OpenWorkQuery): StoredOrder[] {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const codes = query.kinds.map((kind) => ACTION_KIND_CODES[kind]);
  if (codes.length) {
    parts.push(
      `SELECT order_id FROM actions WHERE kind IN (${codes.map(() => '?').join(', ')}) AND ${LIVE} AND (state IS NOT 'failed' OR attempts < ?)`,
    );
    params.push(...codes, query.maxAttempts);
    // Never attempted and not reset, of orders in the ERP (those not in it yet are the next part's).
    for (const kind of query.kinds) {
      parts.push(
        `SELECT a.order_id FROM actions a JOIN orders o ON o.id = a.order_id WHERE a.kind = ? AND ${FRESH} AND a.fetched_ms > ? AND o.erp_stage > 0`,
      );
      params.push(ACTION_KIND_CODES[kind], markedUpTo(sql, kind));
    }
  }
  const statuses = query.importStatuses;
  parts.push(
    `SELECT id FROM orders WHERE erp_stage < 2 AND erp_stage = 0 AND platform = ?${statuses.length ? ` AND shop_status IN (${statuses.map(() => '?').join(', ')})` : ''}`,
  );
  params.push(query.platform, ...statuses);
  if (query.awaitingRealization) {
    parts.push('SELECT id FROM orders WHERE erp_stage < 2 AND erp_stage = 1 AND platform = ?');
    params.push(query.platform);
  }
  const text = `${ORDER_SELECT} WHERE o.id IN (${parts.join(' UNION ')}) AND o.platform = ? ORDER BY o.id`;
  return sql.all(text, [...params, query.platform]).map(toStoredOrder);
}

export function selectAction(sql: SqlRunner, platform: string, shopOrderId: string, kind: ActionKind): ActionRecord | undefined {
  const row = sql.get(`${ACTION_SELECT} WHERE o.platform = ? AND o.shop_order_id = ? AND a.kind = ?`, [
    platform,
    shopOrderId,
    ACTION_KIND_CODES[kind],
  ]);
  return row ? toActionRecord(row) : undefined;
}

export function selectActions(sql: SqlRunner, filter: ActionFilter = {}): ActionRecord[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.platform) {
    where.push('o.platform = ?');
    params.push(filter.platform);
  }
  if (filter.shopOrderId) {
    where.push('o.shop_order_id = ?');
    params.push(filter.shopOrderId);
  }
  const states = filter.states ?? [];
  if (states.length && states.every((state) => state === 'pending' || state === 'failed' || state === 'uncertain')) {
    // Pending, failed and uncertain are never implied by a mark: the partial index of those rows answers alone.
    where.push(`a.state IN ('pending', 'failed', 'uncertain') AND a.state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
  }
  if (filter.kinds?.length) {
    where.push(`a.kind IN (${filter.kinds.map(() => '?').join(', ')})`);
    params.push(...filter.kinds.map((kind) => ACTION_KIND_CODES[kind]));
  }
  const rows = sql.all(`${ACTION_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.order_id, a.kind`, params);
  return rows
    .map(toActionRecord)
    .filter((record): record is ActionRecord => record !== undefined && (!states.length || states.includes(record.state)));
}

/** How many actions are in each state (the view's header, the CLI summary); marks count as reset. */
export function countStates(sql: SqlRunner): Record<ActionState, number> {
  const counts: Record<ActionState, number> = { pending: 0, done: 0, failed: 0, reset: 0, uncertain: 0 };
  for (const row of sql.all('SELECT state, COUNT(*) AS n FROM actions WHERE state IS NOT NULL GROUP BY state'))
    counts[row.state as ActionState] = Number(row.n);
  for (const kind of ACTION_KINDS) counts.reset += countMarked(sql, kind);
  return counts;
}

export interface OrderWithActions extends StoredOrder {
  actions: ActionRecord[];
  /** Read from the archive (settled history), not the live database. */
  archived?: true;
}

/** An order by its shop id or the number the customer sees (the newest fetched when several match). */
export function selectOrderByIdOrNumber(sql: SqlRunner, idOrNumber: string): StoredOrder | undefined {
  const row = sql.get(`${ORDER_SELECT} WHERE o.shop_order_id = ? OR o.number = ? ORDER BY o.fetched_ms DESC LIMIT 1`, [
    idOrNumber,
    idOrNumber,
  ]);
  return row ? toStoredOrder(row) : undefined;
}

/** The orders a condition over `o` (the orders row) picks, with their action records. */
export function ordersWithActionsWhere(sql: SqlRunner, where: string, params: SqlValue[]): OrderWithActions[] {
  return sql
    .all(`${ORDER_SELECT} WHERE ${where}`, params)
    .map(toStoredOrder)
    .map((order) => ({ ...order, actions: selectActions(sql, { platform: order.platform, shopOrderId: order.shopOrderId }) }));
}

/** Orders (newest first, or the one asked for) with their action records, for the Orders view and `optima-sync state`. */
export function selectOrdersWithActions(sql: SqlRunner, filter: OrderFilter & { shopOrderId?: string }): OrderWithActions[] {
  if (filter.shopOrderId)
    return ordersWithActionsWhere(
      sql,
      `o.shop_order_id = ?${filter.platform ? ' AND o.platform = ?' : ''}`,
      filter.platform ? [filter.shopOrderId, filter.platform] : [filter.shopOrderId],
    );
  return selectOrders(sql, filter).map((order) => ({
    ...order,
    actions: selectActions(sql, { platform: order.platform, shopOrderId: order.shopOrderId }),
  }));
}

/** What a lookup of orders asks for: a shop order id (on one platform or any), or a shop order id or order number. */
export type OrderQuery = { shopOrderId: string; platform?: string } | { idOrNumber: string };

/** The condition and parameters of a lookup, over the orders row `o` (live or in an archive file). */
export function orderQueryCondition(query: OrderQuery): { where: string; params: SqlValue[] } {
  if ('idOrNumber' in query) return { where: '(o.shop_order_id = ? OR o.number = ?)', params: [query.idOrNumber, query.idOrNumber] };
  return query.platform
    ? { where: 'o.shop_order_id = ? AND o.platform = ?', params: [query.shopOrderId, query.platform] }
    : { where: 'o.shop_order_id = ?', params: [query.shopOrderId] };
}

/** One failed or uncertain action with its order's number (the views' list of what needs attention). */
export interface AttentionRow {
  platform: string;
  shopOrderId: string;
  number: string;
  kind: ActionKind;
  state: 'failed' | 'uncertain';
  updatedAt: string;
  error?: string;
}

/**
 * The failed and uncertain actions (a pending one of `activeRunId`, the run in flight, is under way, not
 * uncertain): their counts, and the first `limit` of them, oldest change first. Both read the partial index of
 * those rows; no other row is read and nothing beyond the page is copied out.
 */
export function selectAttention(
  sql: SqlRunner,
  activeRunId: number | undefined,
  limit: number,
): { failed: number; uncertain: number; items: AttentionRow[] } {
  const where = "a.state IN ('pending', 'failed', 'uncertain') AND (a.state = 'failed' OR ? IS NULL OR a.run_id IS NOT ?)";
  const run = activeRunId ?? null;
  const failed = sql.number(`SELECT COUNT(*) AS n FROM actions a WHERE ${where} AND a.state = 'failed'`, [run, run]);
  const total = sql.number(`SELECT COUNT(*) AS n FROM actions a WHERE ${where}`, [run, run]);
  const items = sql
    .all(
      `SELECT o.platform, o.shop_order_id, o.number, a.kind, a.state, a.updated_ms, a.last_error FROM actions a JOIN orders o ON o.id = a.order_id
    WHERE ${where} ORDER BY a.updated_ms, a.order_id, a.kind LIMIT ?`,
      [run, run, limit],
    )
    .map((row): AttentionRow => ({
      platform: String(row.platform),
      shopOrderId: String(row.shop_order_id),
      number: String(row.number),
      kind: actionKindOfCode(Number(row.kind)),
      state: row.state === 'failed' ? 'failed' : 'uncertain',
      updatedAt: new Date(Number(row.updated_ms)).toISOString(),
      ...(row.last_error !== null && row.last_error !== undefined ? { error: String(row.last_error) } : {}),
    }));
  return { failed, uncertain: total - failed, items };
}
