// The sql.js implementation of StateStore: the whole database lives in memory; StatePersistence makes every
// change durable through the journal and checkpoints. Reading costs follow the orders asked for, and planning
// asks only for the orders with work left (listOpenWork), never for the whole history.
import path from 'node:path';
import type { Database } from 'sql.js';
import type { ActionKind, ActionState } from '../model/actions';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { ShopOrder } from '../model/order';
import type { Logger } from '../log';
import type { FailureScope } from '../outcome';
import { t } from '../l10n';
import type { ActionRecord, OpenWorkQuery, PruneOptions, ResetRequest, ResetResult, RunSummary, StateStore, StoredOrder } from './api';
import { ReadOnlyStateError } from './errors';
import { isPrunedOrder, upsertOrderRow } from './order-upsert';
import type { LockHandle } from './lock';
import type { StatePersistence } from './persistence';
import { applyReset } from './reset';
import { countStates, selectAction, selectActions, selectOpenWork, selectOrderByIdOrNumber, selectOrders, selectOrdersWithActions, type ActionFilter, type OrderFilter, type OrderWithActions } from './queries';
import { pruneSettled, summarizeSettledOrders } from './retention';
import { ORDER_SELECT, toStoredOrder } from './rows';
import { insertAudit, selectAudit, writeErpDocument, writeSalesDocument, type AuditRecord } from './records';
import { insertRun, PassHistory, selectRuns, updateRun, type PassTrigger, type RunRecord } from './history';
import { ACTION_KIND_CODES } from './schema';
import { SqlRunner } from './sql';
import { summarizeState, writeStateSummary } from './summary';

export interface SqlStateStoreOptions {
  file: string;
  database: Database;
  logger: Logger;
  now: () => Date;
  readOnly: boolean;
  lock?: LockHandle;
  /** How changes reach the disk (writers only). */
  persistence?: StatePersistence;
}

export class SqlStateStore implements StateStore {
  readonly file: string;
  readonly database: Database;
  readonly readOnly: boolean;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly lock: LockHandle | undefined;
  private readonly persistence: StatePersistence | undefined;
  private readonly sql: SqlRunner;
  private closed = false;
  private currentRun: number | undefined;
  /** The pass history and the alerts' memory (read-only stores refuse the writes). */
  readonly history: PassHistory;

  constructor(options: SqlStateStoreOptions) {
    this.file = options.file;
    this.database = options.database;
    this.logger = options.logger;
    this.now = options.now;
    this.readOnly = options.readOnly;
    this.lock = options.lock;
    this.persistence = options.persistence;
    this.sql = new SqlRunner(options.database);
    this.history = new PassHistory(this.sql, { assertWritable: () => this.assertWritable(), save: () => this.saveNow() });
  }

  /** The run started by this process (startRun), whose pending actions are in flight rather than uncertain. */
  get activeRunId(): number | undefined {
    return this.currentRun;
  }

  /** What persisting has cost in this session (undefined read-only). */
  get persistenceStats(): StatePersistence['stats'] | undefined {
    return this.persistence?.stats;
  }

  // ---- orders ----

  upsertOrder(order: ShopOrder, fetchedAt: Date): { isNew: boolean } {
    this.assertWritable();
    const { isNew, written } = upsertOrderRow(this.sql, order, fetchedAt, this.logger);
    if (written) this.markDirty();
    return { isNew };
  }

  /** Whether the order was pruned from the state (its actions were settled): it is never new again. */
  isPruned(platform: string, shopOrderId: string): boolean {
    return isPrunedOrder(this.sql, platform, shopOrderId);
  }

  getOrder(platform: string, shopOrderId: string): StoredOrder | undefined {
    const row = this.sql.get(`${ORDER_SELECT} WHERE o.platform = ? AND o.shop_order_id = ?`, [platform, shopOrderId]);
    return row ? toStoredOrder(row) : undefined;
  }

  /** An order by its shop id or the number the customer sees (the newest fetched when several match). */
  findOrder(idOrNumber: string): StoredOrder | undefined {
    return selectOrderByIdOrNumber(this.sql, idOrNumber);
  }

  /** Newest fetched first. */
  listOrders(filter: OrderFilter = {}): StoredOrder[] {
    return selectOrders(this.sql, filter);
  }

  /** Orders (newest first) with their action records, for the Orders view and `optima-sync state`. */
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

  countOrders(): number {
    return this.sql.number('SELECT COUNT(*) AS n FROM orders');
  }

  recordErpDocument(platform: string, shopOrderId: string, document: ErpDocument): void {
    this.assertWritable();
    writeErpDocument(this.sql, this.requireOrderId(platform, shopOrderId), document, this.now());
    this.markDirty();
  }

  recordSalesDocument(platform: string, shopOrderId: string, sales: SalesDocument): void {
    this.assertWritable();
    writeSalesDocument(this.sql, this.requireOrderId(platform, shopOrderId), sales, this.now());
    this.markDirty();
  }

  // ---- actions ----

  getAction(platform: string, shopOrderId: string, kind: ActionKind): ActionRecord | undefined {
    return selectAction(this.sql, platform, shopOrderId, kind);
  }

  listActions(filter: ActionFilter = {}): ActionRecord[] {
    return selectActions(this.sql, filter);
  }

  countActionStates(): Record<ActionState, number> {
    return countStates(this.sql);
  }

  async markPending(platform: string, shopOrderId: string, kind: ActionKind): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'pending', { attempt: 1 });
    await this.saveNow();
  }

  async markDone(platform: string, shopOrderId: string, kind: ActionKind, detail: string): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'done', { detail });
    await this.saveNow();
  }

  async markFailed(platform: string, shopOrderId: string, kind: ActionKind, error: string, scope: FailureScope = 'order'): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'failed', { error, attempt: scope === 'server' ? -1 : 0 });
    await this.saveNow();
  }

  async markUncertain(platform: string, shopOrderId: string, kind: ActionKind, reason: string): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'uncertain', { error: reason });
    await this.saveNow();
  }

  async resolveAction(platform: string, shopOrderId: string, kind: ActionKind, resolution: 'done' | 'retry', user: string): Promise<void> {
    this.assertWritable();
    const before = this.getAction(platform, shopOrderId, kind);
    if (!before) throw new Error(t('Order {0}/{1} has no recorded action {2}', platform, shopOrderId, kind));
    if (resolution === 'done') {
      this.setAction(platform, shopOrderId, kind, 'done', { detail: t('marked as done by {0} (was {1})', user, before.state) });
    } else {
      // Back to "not attempted" with a time, so no earlier reset mark covers it: the next pass decides again.
      const orderId = this.requireOrderId(platform, shopOrderId);
      this.sql.run('UPDATE actions SET state = NULL, attempts = 0, last_error = NULL, run_id = NULL, updated_ms = ? WHERE order_id = ? AND kind = ?',
        [this.now().getTime(), orderId, ACTION_KIND_CODES[kind]]);
      this.sql.run('DELETE FROM action_details WHERE order_id = ? AND kind = ?', [orderId, ACTION_KIND_CODES[kind]]);
    }
    this.audit(resolution === 'done' ? 'mark-done' : 'retry', { platform, shopOrderId, action: kind, previousState: before.state, previousError: before.lastError }, user);
    await this.saveNow();
  }

  /** `attempt`: added to the attempts (1 when one starts, -1 to give it back after a failure of the server). */
  private setAction(platform: string, shopOrderId: string, kind: ActionKind, state: ActionState, change: { attempt?: number; detail?: string; error?: string }): void {
    this.assertWritable();
    const order = this.sql.get('SELECT id, fetched_ms FROM orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]);
    if (!order) throw new Error(t('Order {0}/{1} is not in the state database', platform, shopOrderId));
    this.sql.run(
      `INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id, kind) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms,
         attempts = MAX(0, attempts + ?), last_error = COALESCE(excluded.last_error, CASE WHEN excluded.state = 'done' THEN NULL ELSE last_error END),
         run_id = COALESCE(excluded.run_id, run_id)`,
      [order.id!, ACTION_KIND_CODES[kind], Number(order.fetched_ms), state, this.now().getTime(), Math.max(0, change.attempt ?? 0), change.error ?? null, this.currentRun ?? null, change.attempt ?? 0],
    );
    if (change.detail !== undefined) {
      this.sql.run('INSERT INTO action_details (order_id, kind, detail) VALUES (?, ?, ?) ON CONFLICT (order_id, kind) DO UPDATE SET detail = excluded.detail',
        [order.id!, ACTION_KIND_CODES[kind], change.detail]);
    }
  }

  // ---- reset and retention ----

  async reset(request: ResetRequest): Promise<ResetResult> {
    if (!request.dryRun) this.assertWritable();
    const at = this.now();
    const result = applyReset(this.sql, request, at, (detail) => insertAudit(this.sql, 'reset', detail, request.user, at.toISOString()));
    if (!request.dryRun) await this.saveNow();
    return result;
  }

  /** Settled orders (settled.ts) fetched more than N days ago are deleted. */
  async prune(olderThanDays: number, now: Date, options: PruneOptions): Promise<{ orders: number }> {
    if (!options.dryRun) this.assertWritable();
    const orders = pruneSettled(this.sql, olderThanDays, now, options.enabledKinds, options.dryRun === true, (detail, at) => insertAudit(this.sql, 'prune', detail, options.user ?? 'unknown', at));
    if (!options.dryRun) await this.saveNow();
    return { orders };
  }

  /** Settled orders past ORDER_DETAILS_DAYS keep only their summary (see summarizeSettledOrders). */
  async summarizeSettled(now: Date, enabledKinds: readonly ActionKind[]): Promise<{ orders: number }> {
    this.assertWritable();
    const orders = summarizeSettledOrders(this.sql, now, enabledKinds);
    if (orders > 0) await this.saveNow();
    return { orders };
  }

  // ---- runs, audit, meta ----

  startRun(now: Date, trigger?: PassTrigger): number {
    this.assertWritable();
    this.currentRun = insertRun(this.sql, now, trigger);
    this.markDirty();
    return this.currentRun;
  }

  async finishRun(id: number, now: Date, summary: RunSummary): Promise<void> {
    this.assertWritable();
    updateRun(this.sql, id, now, summary);
    if (this.currentRun === id) this.currentRun = undefined;
    await this.saveNow();
  }

  listRuns(limit = 20): RunRecord[] {
    return selectRuns(this.sql, limit);
  }

  audit(kind: string, detail: Record<string, unknown>, user: string): void {
    this.assertWritable();
    insertAudit(this.sql, kind, detail, user, this.now().toISOString());
    this.markDirty();
  }

  listAudit(limit = 50): AuditRecord[] {
    return selectAudit(this.sql, limit);
  }

  getMeta(key: string): string | undefined {
    const row = this.sql.get('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.assertWritable();
    this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    this.markDirty();
  }

  // ---- persistence ----

  saveSoon(): void {
    if (this.readOnly || this.closed) return;
    this.persistence?.saveSoon();
  }

  /** Resolves when everything recorded so far is on disk (a journal record, synced). */
  saveNow(): Promise<void> {
    this.assertWritable();
    return this.persistence?.saveNow() ?? Promise.resolve();
  }

  /** Folds the journal into the database file: the end of a pass. */
  checkpoint(): Promise<void> {
    this.assertWritable();
    return this.persistence?.checkpoint() ?? Promise.resolve();
  }

  /** Whether a change is not yet on disk. */
  get hasUnsavedChanges(): boolean {
    return this.persistence?.hasUnsavedChanges ?? false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.persistence) await this.writeSummary();
      await this.persistence?.close();
    } finally {
      this.closed = true;
      this.sql.free();
      this.database.close();
      await this.lock?.release();
    }
  }

  // ---- helpers ----

  /** The summary beside the file for the status bar; a failure to write it costs only that display. */
  private async writeSummary(): Promise<void> {
    try {
      await writeStateSummary(path.dirname(this.file), summarizeState(this.sql, this.history, this.now()));
    } catch (error) {
      this.logger.warn(t('Could not write the state summary beside {0}: {1}', this.file, String(error)));
    }
  }

  private markDirty(): void {
    this.saveSoon();
  }

  private assertWritable(): void {
    if (this.readOnly) throw new ReadOnlyStateError();
    if (this.closed) throw new Error(t('The state database {0} is closed.', this.file));
  }

  private requireOrderId(platform: string, shopOrderId: string): number {
    const row = this.sql.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]);
    if (!row) throw new Error(t('Order {0}/{1} is not in the state database', platform, shopOrderId));
    return Number(row.id);
  }
}
