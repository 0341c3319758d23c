// What every opened state answers, read-only or not: orders, actions, counts, the pass history, the audit, and
// the archive and companion databases beside the live one. The writer (SqlStateStore, store.ts) adds the changes.
import type { Database, SqlJsStatic } from 'sql.js';
import type { ActionKind, ActionState } from '../model/actions';
import type { Logger } from '../log';
import { t } from '../l10n';
import type { ActionRecord, OpenWorkQuery, StoredOrder } from './api';
import { StateArchive } from './archive/index';
import { openCompanion, type Companion, type CompanionDatabase, type CompanionName } from './companion';
import { ReadOnlyStateError } from './errors';
import { isSettledHistory } from './order-upsert';
import {
  countStates,
  orderQueryCondition,
  ordersWithActionsWhere,
  selectAction,
  selectActions,
  selectAttention,
  selectOpenWork,
  selectOrderByIdOrNumber,
  selectOrders,
  selectOrdersWithActions,
  type ActionFilter,
  type OrderFilter,
  type OrderQuery,
  type OrderWithActions,
} from './queries';
import { selectAudit, type AuditRecord } from './records';
import { selectRuns, type RunRecord } from '../history/runs';
import { ORDER_SELECT, RESET_AT, toStoredOrder } from './rows';
import { SqlRunner } from './sql';

export interface StateReaderOptions {
  SQL: SqlJsStatic;
  file: string;
  /** The state folder (.optima-sync): the archive and the companion databases live there. */
  folder: string;
  database: Database;
  logger: Logger;
  now: () => Date;
  readOnly: boolean;
  saveDelayMs?: number;
}

export class StateReader {
  readonly file: string;
  readonly database: Database;
  readonly readOnly: boolean;
  protected readonly logger: Logger;
  protected readonly now: () => Date;
  protected readonly sql: SqlRunner;
  /** Settled history, in month files beside the live database. */
  protected readonly archive: StateArchive;
  protected closed = false;
  private readonly companions = new Map<CompanionName, Promise<Companion>>();

  constructor(private readonly readerOptions: StateReaderOptions) {
    this.file = readerOptions.file;
    this.database = readerOptions.database;
    this.readOnly = readerOptions.readOnly;
    this.logger = readerOptions.logger;
    this.now = readerOptions.now;
    this.sql = new SqlRunner(readerOptions.database);
    this.archive = new StateArchive(readerOptions.SQL, readerOptions.folder, this.sql);
  }

  // ---- orders ----

  /** Whether the order is settled history (pruned, or archived): it is never new again. */
  isPruned(platform: string, shopOrderId: string): boolean {
    return isSettledHistory(this.sql, platform, shopOrderId);
  }

  /** A live order (an archived one is found by lookupOrders). */
  getOrder(platform: string, shopOrderId: string): StoredOrder | undefined {
    const row = this.sql.get(`${ORDER_SELECT} WHERE o.platform = ? AND o.shop_order_id = ?`, [platform, shopOrderId]);
    return row ? toStoredOrder(row) : undefined;
  }

  /** A live order by its shop id or the number the customer sees (the newest fetched when several match). */
  findOrder(idOrNumber: string): StoredOrder | undefined {
    return selectOrderByIdOrNumber(this.sql, idOrNumber);
  }

  /**
   * Orders by shop order id (or by that or their number), with their actions: the live ones, then the archived
   * ones, whose month files are opened for this and closed after.
   */
  async lookupOrders(query: OrderQuery, limit = 20): Promise<OrderWithActions[]> {
    const { where, params } = orderQueryCondition(query);
    const live = ordersWithActionsWhere(this.sql, `${where} ORDER BY o.fetched_ms DESC LIMIT ?`, [...params, limit]);
    if (live.length >= limit) return live;
    return [...live, ...(await this.archive.lookup(query, limit - live.length))];
  }

  /** Live orders, newest fetched first. */
  listOrders(filter: OrderFilter = {}): StoredOrder[] {
    return selectOrders(this.sql, filter);
  }

  /** Live orders (newest first) with their action records: a page of the Orders view or `optima-sync state`. */
  listOrdersWithActions(filter: OrderFilter & { shopOrderId?: string } = {}): OrderWithActions[] {
    return selectOrdersWithActions(this.sql, filter);
  }

  /**
   * The stored orders a pass may have work for: an enabled action not settled, not in the ERP yet, or waiting
   * for realization by shop status (see selectOpenWork): the cost follows the open work, not the history.
   */
  listOpenWork(query: OpenWorkQuery): StoredOrder[] {
    return selectOpenWork(this.sql, query);
  }

  /** Orders whose actions have waited for KSeF since before `before` (ISO), longest first (indexed: held ones only). */
  heldForKsefSince(before: string, limit: number): StoredOrder[] {
    // Only while a held action is still to do: not attempted since, and not covered by a reset (done without sending).
    return this.sql
      .all(
        `${ORDER_SELECT} WHERE e.ksef_held IS NOT NULL AND e.ksef_held_ms < ?
      AND EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.state IS NULL AND ((e.ksef_held >> a.kind) & 1) = 1 AND ${RESET_AT} IS NULL)
      ORDER BY e.ksef_held_ms, o.id LIMIT ?`,
        [Date.parse(before), limit],
      )
      .map(toStoredOrder);
  }

  /** Orders whose sales document KSeF rejected with an action still failed (indexed: rejected ones only). */
  rejectedByKsef(limit: number): StoredOrder[] {
    return this.sql
      .all(
        `${ORDER_SELECT} WHERE e.ksef_status = 'rejected'
      AND EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.state = 'failed') ORDER BY o.id LIMIT ?`,
        [limit],
      )
      .map(toStoredOrder);
  }

  /** Orders in the state: live and archived. */
  countOrders(): number {
    return this.sql.number('SELECT COUNT(*) AS n FROM orders') + this.archive.totals().orders;
  }

  // ---- actions ----

  getAction(platform: string, shopOrderId: string, kind: ActionKind): ActionRecord | undefined {
    return selectAction(this.sql, platform, shopOrderId, kind);
  }

  listActions(filter: ActionFilter = {}): ActionRecord[] {
    return selectActions(this.sql, filter);
  }

  /** The failed and uncertain actions: how many, and the first `limit` (see selectAttention). */
  attentionPage(activeRunId: number | undefined, limit: number): ReturnType<typeof selectAttention> {
    return selectAttention(this.sql, activeRunId, limit);
  }

  /** Per state, the actions of live and archived orders (an archived order's are done or reset). */
  countActionStates(): Record<ActionState, number> {
    const counts = countStates(this.sql);
    const archived = this.archive.totals();
    return { ...counts, done: counts.done + archived.done, reset: counts.reset + archived.reset };
  }

  // ---- runs, audit, meta ----

  listRuns(limit = 20): RunRecord[] {
    return selectRuns(this.sql, limit);
  }

  /** The newest audit rows still in the live database. */
  listAudit(limit = 50): AuditRecord[] {
    return selectAudit(this.sql, limit);
  }

  /** The newest audit rows, reading the archive's months (newest first) when the live ones are not enough. */
  async readAudit(limit = 50): Promise<AuditRecord[]> {
    const live = selectAudit(this.sql, limit);
    return live.length >= limit ? live : [...live, ...(await this.archive.audit(limit - live.length))];
  }

  getMeta(key: string): string | undefined {
    const row = this.sql.get('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row.value) : undefined;
  }

  // ---- companion databases ----

  /**
   * A companion database (the sandbox ERP's own file), opened on first use under this store's lock (read-only
   * for a read-only store) and closed with it.
   */
  companion(name: CompanionName): Promise<CompanionDatabase> {
    if (this.closed) return Promise.reject(new Error(t('The state database {0} is closed.', this.file)));
    let opened = this.companions.get(name);
    if (!opened) {
      const { SQL, folder, logger, saveDelayMs } = this.readerOptions;
      opened = openCompanion(SQL, folder, name, { readOnly: this.readOnly, logger, saveDelayMs, main: this.database });
      this.companions.set(name, opened);
      opened.catch(() => this.companions.delete(name));
    }
    return opened;
  }

  protected async openedCompanions(): Promise<Companion[]> {
    const settled = await Promise.allSettled(this.companions.values());
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  protected assertWritable(): void {
    if (this.readOnly) throw new ReadOnlyStateError();
    if (this.closed) throw new Error(t('The state database {0} is closed.', this.file));
  }
}
