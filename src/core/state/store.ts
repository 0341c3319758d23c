// The sql.js implementation of StateStore: the whole database lives in memory, and the file is replaced
// atomically by an export. Saves that callers wait for (an action about to happen or just done) are grouped:
// callers arriving while a save runs share the next one, so the write rate is bounded by the save time.
import type { Database, SqlValue, Statement } from 'sql.js';
import { ACTION_KINDS, ActionKind, ActionState } from '../model/actions';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { ShopOrder } from '../model/order';
import type { Logger } from '../log';
import { t } from '../l10n';
import type { ActionRecord, ResetRequest, ResetResult, RunSummary, StateStore, StoredOrder } from './api';
import { writeFileAtomic } from './atomic-file';
import { ReadOnlyStateError } from './errors';
import { decodeOrder, encodeOrder } from './payload';
import type { LockHandle } from './lock';
import { ACTION_KIND_CODES, actionKindOfCode } from './schema';
import { endOfDayInZone } from './timezone';

type Params = Record<string, SqlValue> | SqlValue[];
type Row = Record<string, SqlValue>;

export interface SqlStateStoreOptions {
  file: string;
  database: Database;
  logger: Logger;
  now: () => Date;
  readOnly: boolean;
  lock?: LockHandle;
  /** Delay of saveSoon(): bursts of small changes within it become one write. */
  saveDelayMs?: number;
}

export interface OrderWithActions extends StoredOrder {
  actions: ActionRecord[];
}

export class SqlStateStore implements StateStore {
  readonly file: string;
  readonly database: Database;
  readonly readOnly: boolean;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly lock: LockHandle | undefined;
  private readonly saveDelayMs: number;
  private readonly statements = new Map<string, Statement>();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  private currentRun: number | undefined;

  constructor(options: SqlStateStoreOptions) {
    this.file = options.file;
    this.database = options.database;
    this.logger = options.logger;
    this.now = options.now;
    this.readOnly = options.readOnly;
    this.lock = options.lock;
    this.saveDelayMs = options.saveDelayMs ?? 500;
  }

  /** The run started by this process (startRun), whose pending actions are in flight rather than uncertain. */
  get activeRunId(): number | undefined {
    return this.currentRun;
  }

  // ---- orders ----

  upsertOrder(order: ShopOrder, fetchedAt: Date): { isNew: boolean } {
    this.assertWritable();
    const existing = this.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [order.platform, order.id]);
    const values = [order.number, order.buyer.email, order.createdAt, order.status, encodeOrder(order)];
    if (existing) {
      this.run('UPDATE orders SET number = ?, customer_email = ?, shop_created_at = ?, shop_status = ?, order_json = ? WHERE id = ?', [...values, existing.id!]);
    } else {
      const fetched = fetchedAt.toISOString();
      this.run(
        'INSERT INTO orders (platform, shop_order_id, fetched_at, number, customer_email, shop_created_at, shop_status, order_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [order.platform, order.id, fetched, ...values],
      );
      const id = Number(this.get('SELECT last_insert_rowid() AS id')!.id);
      // Every action starts "not attempted" (state NULL): the reset then only has to update rows.
      this.run(`INSERT INTO actions (order_id, kind, fetched_at) VALUES ${ACTION_KINDS.map(() => '(?, ?, ?)').join(', ')}`,
        ACTION_KINDS.flatMap((kind) => [id, ACTION_KIND_CODES[kind], fetched]));
    }
    this.markDirty();
    return { isNew: !existing };
  }

  getOrder(platform: string, shopOrderId: string): StoredOrder | undefined {
    const row = this.get(`${ORDER_SELECT} WHERE o.platform = ? AND o.shop_order_id = ?`, [platform, shopOrderId]);
    return row ? toStoredOrder(row) : undefined;
  }

  /** Newest fetched first. */
  listOrders(filter: { platform?: string; limit?: number; offset?: number; withActionStates?: ActionState[] } = {}): StoredOrder[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.platform) {
      where.push('o.platform = ?');
      params.push(filter.platform);
    }
    if (filter.withActionStates?.length) {
      const states = filter.withActionStates;
      if (states.every((state) => state === 'pending' || state === 'failed')) {
        // The literal term lets SQLite use the partial index of open actions instead of scanning them all.
        where.push(`o.id IN (SELECT a.order_id FROM actions a WHERE a.state IN ('pending', 'failed') AND a.state IN (${states.map(() => '?').join(', ')}))`);
      } else {
        where.push(`EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.state IN (${states.map(() => '?').join(', ')}))`);
      }
      params.push(...states);
    }
    const sql = `${ORDER_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY o.fetched_at DESC, o.id DESC LIMIT ? OFFSET ?`;
    return this.all(sql, [...params, filter.limit ?? -1, filter.offset ?? 0]).map(toStoredOrder);
  }

  /** Orders (newest first) with their action records, for the Orders view and `optima-sync state`. */
  listOrdersWithActions(filter: { platform?: string; shopOrderId?: string; limit?: number; withActionStates?: ActionState[] } = {}): OrderWithActions[] {
    const orders = filter.shopOrderId
      ? this.all(`${ORDER_SELECT} WHERE o.shop_order_id = ?${filter.platform ? ' AND o.platform = ?' : ''}`, filter.platform ? [filter.shopOrderId, filter.platform] : [filter.shopOrderId]).map(toStoredOrder)
      : this.listOrders(filter);
    return orders.map((order) => ({ ...order, actions: this.listActions({ platform: order.platform, shopOrderId: order.shopOrderId }) }));
  }

  countOrders(): number {
    return Number(this.get('SELECT COUNT(*) AS n FROM orders')?.n ?? 0);
  }

  recordErpDocument(platform: string, shopOrderId: string, document: ErpDocument): void {
    this.assertWritable();
    const orderId = this.requireOrderId(platform, shopOrderId);
    this.run(
      `INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_date, total_gross, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET kind = excluded.kind, number = excluded.number, erp_id = excluded.erp_id,
         issue_date = excluded.issue_date, total_gross = excluded.total_gross`,
      [orderId, document.kind, document.number, document.id, document.issueDate, document.totalGross, this.now().toISOString()],
    );
    if (document.salesDocument) this.writeSales(orderId, document.salesDocument);
    this.markDirty();
  }

  recordSalesDocument(platform: string, shopOrderId: string, sales: SalesDocument): void {
    this.assertWritable();
    const orderId = this.requireOrderId(platform, shopOrderId);
    if (!this.get('SELECT 1 AS x FROM erp_documents WHERE order_id = ?', [orderId])) {
      throw new Error(t('Order {0}/{1} has no ERP document to be realized by {2}', platform, shopOrderId, sales.number));
    }
    this.writeSales(orderId, sales);
    this.markDirty();
  }

  private writeSales(orderId: number, sales: SalesDocument): void {
    this.run(
      `UPDATE erp_documents SET sales_kind = ?, sales_number = ?, sales_id = ?, sales_issue_date = ?, sales_sale_date = ?,
         sales_total_gross = ?, sales_total_net = ?, realized_at = COALESCE(realized_at, ?) WHERE order_id = ?`,
      [sales.kind, sales.number, sales.id, sales.issueDate, sales.saleDate, sales.totalGross, sales.totalNet, this.now().toISOString(), orderId],
    );
  }

  // ---- actions ----

  getAction(platform: string, shopOrderId: string, kind: ActionKind): ActionRecord | undefined {
    const row = this.get(`${ACTION_SELECT} WHERE a.state IS NOT NULL AND o.platform = ? AND o.shop_order_id = ? AND a.kind = ?`, [platform, shopOrderId, ACTION_KIND_CODES[kind]]);
    return row ? toActionRecord(row) : undefined;
  }

  listActions(filter: { platform?: string; shopOrderId?: string; states?: ActionState[]; kinds?: ActionKind[] } = {}): ActionRecord[] {
    const where: string[] = ['a.state IS NOT NULL'];
    const params: SqlValue[] = [];
    if (filter.platform) { where.push('o.platform = ?'); params.push(filter.platform); }
    if (filter.shopOrderId) { where.push('o.shop_order_id = ?'); params.push(filter.shopOrderId); }
    if (filter.states?.length) {
      const open = filter.states.every((state) => state === 'pending' || state === 'failed');
      where.push(`${open ? "a.state IN ('pending', 'failed') AND " : ''}a.state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.kinds?.length) { where.push(`a.kind IN (${filter.kinds.map(() => '?').join(', ')})`); params.push(...filter.kinds.map((kind) => ACTION_KIND_CODES[kind])); }
    return this.all(`${ACTION_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.order_id, a.kind`, params).map(toActionRecord);
  }

  /** How many actions are in each state (the view's header, the CLI summary). */
  countActionStates(): Record<ActionState, number> {
    const counts: Record<ActionState, number> = { pending: 0, done: 0, failed: 0, reset: 0 };
    for (const row of this.all('SELECT state, COUNT(*) AS n FROM actions WHERE state IS NOT NULL GROUP BY state')) counts[row.state as ActionState] = Number(row.n);
    return counts;
  }

  async markPending(platform: string, shopOrderId: string, kind: ActionKind): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'pending', { attempt: true });
    await this.saveNow();
  }

  async markDone(platform: string, shopOrderId: string, kind: ActionKind, detail: string): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'done', { detail });
    await this.saveNow();
  }

  async markFailed(platform: string, shopOrderId: string, kind: ActionKind, error: string): Promise<void> {
    this.setAction(platform, shopOrderId, kind, 'failed', { error });
    await this.saveNow();
  }

  async resolveAction(platform: string, shopOrderId: string, kind: ActionKind, resolution: 'done' | 'retry', user: string): Promise<void> {
    this.assertWritable();
    const before = this.getAction(platform, shopOrderId, kind);
    if (!before) throw new Error(t('Order {0}/{1} has no recorded action {2}', platform, shopOrderId, kind));
    if (resolution === 'done') {
      this.setAction(platform, shopOrderId, kind, 'done', { detail: t('marked as done by {0} (was {1})', user, before.state) });
    } else {
      // Back to "not attempted": the next pass decides again whether to do it.
      this.run('UPDATE actions SET state = NULL, attempts = 0, last_error = NULL, detail = NULL, run_id = NULL, updated_at = ? WHERE order_id = ? AND kind = ?',
        [this.now().toISOString(), this.requireOrderId(platform, shopOrderId), ACTION_KIND_CODES[kind]]);
    }
    this.audit(resolution === 'done' ? 'mark-done' : 'retry', { platform, shopOrderId, action: kind, previousState: before.state, previousError: before.lastError }, user);
    await this.saveNow();
  }

  private setAction(platform: string, shopOrderId: string, kind: ActionKind, state: ActionState, change: { attempt?: boolean; detail?: string; error?: string }): void {
    this.assertWritable();
    const orderId = this.requireOrderId(platform, shopOrderId);
    this.run(
      `INSERT INTO actions (order_id, kind, fetched_at, state, updated_at, attempts, last_error, detail, run_id)
         SELECT id, ?, fetched_at, ?, ?, ?, ?, ?, ? FROM orders WHERE id = ?
       ON CONFLICT (order_id, kind) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
         attempts = attempts + excluded.attempts, last_error = COALESCE(excluded.last_error, CASE WHEN excluded.state = 'done' THEN NULL ELSE last_error END),
         detail = COALESCE(excluded.detail, detail), run_id = COALESCE(excluded.run_id, run_id)`,
      [ACTION_KIND_CODES[kind], state, this.now().toISOString(), change.attempt ? 1 : 0, change.error ?? null, change.detail ?? null, this.currentRun ?? null, orderId],
    );
    this.dirty = true;
  }

  // ---- reset and retention ----

  async reset(request: ResetRequest): Promise<ResetResult> {
    if (!request.dryRun) this.assertWritable();
    const cutoff = endOfDayInZone(request.until, request.timezone).toISOString();
    const kinds = ACTION_KINDS.filter((kind) => request.actions.includes(kind));
    const counts = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;
    if (request.dryRun) {
      for (const kind of kinds) {
        counts[kind] = Number(this.get(`SELECT COUNT(*) AS n FROM actions WHERE kind = ? AND fetched_at <= ? AND ${OPEN}`, [ACTION_KIND_CODES[kind], cutoff])?.n ?? 0);
      }
      return { counts, cutoff, dryRun: true };
    }
    const at = this.now().toISOString();
    this.database.exec('BEGIN');
    try {
      for (const kind of kinds) {
        // One UPDATE per action over the index of open rows: only rows that change are visited.
        this.run(`UPDATE actions SET state = 'reset', updated_at = ? WHERE kind = ? AND fetched_at <= ? AND ${OPEN}`, [at, ACTION_KIND_CODES[kind], cutoff]);
        counts[kind] = this.database.getRowsModified();
      }
      this.insertAudit('reset', { actions: kinds, until: request.until, timezone: request.timezone, cutoff, counts }, request.user, at);
      this.database.exec('COMMIT');
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    }
    this.dirty = true;
    await this.saveNow();
    return { counts, cutoff, dryRun: false };
  }

  /** Orders fetched more than N days ago with no pending (uncertain) or failed action are deleted. */
  async prune(olderThanDays: number, now: Date, options: { dryRun?: boolean; user?: string } = {}): Promise<{ orders: number }> {
    if (!options.dryRun) this.assertWritable();
    const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
    const candidates = `SELECT id FROM orders o WHERE o.fetched_at < ?
      AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.state IN ('pending', 'failed'))`;
    if (options.dryRun) return { orders: Number(this.get(`SELECT COUNT(*) AS n FROM (${candidates})`, [cutoff])?.n ?? 0) };
    this.database.exec('BEGIN');
    let orders: number;
    try {
      this.run(`CREATE TEMP TABLE IF NOT EXISTS prune_ids (id INTEGER PRIMARY KEY)`);
      this.run('DELETE FROM prune_ids');
      this.run(`INSERT INTO prune_ids ${candidates}`, [cutoff]);
      this.run('DELETE FROM actions WHERE order_id IN (SELECT id FROM prune_ids)');
      this.run('DELETE FROM erp_documents WHERE order_id IN (SELECT id FROM prune_ids)');
      this.run('DELETE FROM orders WHERE id IN (SELECT id FROM prune_ids)');
      orders = this.database.getRowsModified();
      this.run('DELETE FROM prune_ids');
      this.insertAudit('prune', { olderThanDays, cutoff, orders }, options.user ?? 'unknown', this.now().toISOString());
      this.database.exec('COMMIT');
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    }
    this.dirty = true;
    await this.saveNow();
    return { orders };
  }

  // ---- runs, audit, meta ----

  startRun(now: Date): number {
    this.assertWritable();
    this.run('INSERT INTO runs (started_at) VALUES (?)', [now.toISOString()]);
    this.currentRun = Number(this.get('SELECT last_insert_rowid() AS id')!.id);
    this.markDirty();
    return this.currentRun;
  }

  async finishRun(id: number, now: Date, summary: RunSummary): Promise<void> {
    this.assertWritable();
    this.run('UPDATE runs SET finished_at = ?, result = ?, counts_json = ?, error = ? WHERE id = ?',
      [now.toISOString(), summary.result, JSON.stringify(summary.counts), summary.error ?? null, id]);
    if (this.currentRun === id) this.currentRun = undefined;
    this.dirty = true;
    await this.saveNow();
  }

  listRuns(limit = 20): Array<{ id: number; startedAt: string; finishedAt?: string; result?: string; counts: Record<string, number>; error?: string }> {
    return this.all('SELECT * FROM runs ORDER BY id DESC LIMIT ?', [limit]).map((row) => ({
      id: Number(row.id),
      startedAt: String(row.started_at),
      finishedAt: optionalString(row.finished_at),
      result: optionalString(row.result),
      counts: row.counts_json ? (JSON.parse(String(row.counts_json)) as Record<string, number>) : {},
      error: optionalString(row.error),
    }));
  }

  audit(kind: string, detail: Record<string, unknown>, user: string): void {
    this.assertWritable();
    this.insertAudit(kind, detail, user, this.now().toISOString());
    this.markDirty();
  }

  listAudit(limit = 50): Array<{ id: number; at: string; user: string; kind: string; detail: Record<string, unknown> }> {
    return this.all('SELECT * FROM audit ORDER BY id DESC LIMIT ?', [limit]).map((row) => ({
      id: Number(row.id), at: String(row.at), user: String(row.user), kind: String(row.kind), detail: JSON.parse(String(row.detail_json)) as Record<string, unknown>,
    }));
  }

  private insertAudit(kind: string, detail: Record<string, unknown>, user: string, at: string): void {
    this.run('INSERT INTO audit (at, user, kind, detail_json) VALUES (?, ?, ?, ?)', [at, user, kind, JSON.stringify(detail)]);
  }

  getMeta(key: string): string | undefined {
    const row = this.get('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? String(row.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.assertWritable();
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    this.markDirty();
  }

  // ---- persistence ----

  saveSoon(): void {
    if (this.readOnly || this.closed) return;
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveNow().catch((error: unknown) => this.logger.error(t('Could not save the state database {0}: {1}', this.file, String(error))));
    }, this.saveDelayMs);
  }

  /**
   * Saves everything recorded so far before resolving. A caller arriving while a save is being written waits
   * for the one queued after it, which all such callers share (group commit).
   */
  saveNow(): Promise<void> {
    this.assertWritable();
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (!this.saving) {
      if (!this.dirty) return Promise.resolve();
      this.saving = this.writeOnce().finally(() => { this.saving = undefined; });
      return this.saving;
    }
    if (!this.dirty) return this.saving;
    if (!this.queued) {
      this.queued = this.saving.catch(() => undefined).then(() => {
        this.queued = undefined;
        return this.saveNow();
      });
    }
    return this.queued;
  }

  private async writeOnce(): Promise<void> {
    this.dirty = false;
    try {
      await writeFileAtomic(this.file, this.database.export());
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  /** Whether a change is not yet on disk. */
  get hasUnsavedChanges(): boolean {
    return this.dirty || this.saveTimer !== undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.readOnly && (this.dirty || this.saveTimer)) await this.saveNow();
      else if (this.saving) await this.saving;
      if (this.queued) await this.queued;
    } finally {
      this.closed = true;
      if (this.saveTimer) clearTimeout(this.saveTimer);
      for (const statement of this.statements.values()) statement.free();
      this.statements.clear();
      this.database.close();
      await this.lock?.release();
    }
  }

  // ---- helpers ----

  private markDirty(): void {
    this.dirty = true;
    this.saveSoon();
  }

  private assertWritable(): void {
    if (this.readOnly) throw new ReadOnlyStateError();
    if (this.closed) throw new Error(t('The state database {0} is closed.', this.file));
  }

  private requireOrderId(platform: string, shopOrderId: string): number {
    const row = this.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]);
    if (!row) throw new Error(t('Order {0}/{1} is not in the state database', platform, shopOrderId));
    return Number(row.id);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private run(sql: string, params: Params = []): void {
    const statement = this.statement(sql);
    try {
      statement.run(params);
    } finally {
      statement.reset();
    }
  }

  private get(sql: string, params: Params = []): Row | undefined {
    const statement = this.statement(sql);
    try {
      statement.bind(params);
      return statement.step() ? statement.getAsObject() : undefined;
    } finally {
      statement.reset();
    }
  }

  private all(sql: string, params: Params = []): Row[] {
    const statement = this.statement(sql);
    const rows: Row[] = [];
    try {
      statement.bind(params);
      while (statement.step()) rows.push(statement.getAsObject());
    } finally {
      statement.reset();
    }
    return rows;
  }
}

/** The open actions (not attempted, pending, failed), as the partial index actions_open spells it. */
const OPEN = "(state IS NULL OR state IN ('pending', 'failed'))";

const ORDER_SELECT = `SELECT o.*, e.kind AS e_kind, e.number AS e_number, e.erp_id AS e_id, e.issue_date AS e_issue_date, e.total_gross AS e_total_gross,
  e.sales_kind, e.sales_number, e.sales_id, e.sales_issue_date, e.sales_sale_date, e.sales_total_gross, e.sales_total_net
  FROM orders o LEFT JOIN erp_documents e ON e.order_id = o.id`;

const ACTION_SELECT = `SELECT o.platform, o.shop_order_id, a.kind, a.state, a.updated_at, a.attempts, a.last_error, a.detail, a.run_id
  FROM actions a JOIN orders o ON o.id = a.order_id`;

function optionalString(value: SqlValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function toStoredOrder(row: Row): StoredOrder {
  const sales: SalesDocument | undefined = row.sales_number
    ? {
      kind: row.sales_kind as SalesDocument['kind'], number: String(row.sales_number), id: String(row.sales_id),
      issueDate: String(row.sales_issue_date), saleDate: String(row.sales_sale_date),
      totalGross: Number(row.sales_total_gross), totalNet: Number(row.sales_total_net),
    }
    : undefined;
  const erpDocument: ErpDocument | undefined = row.e_number
    ? {
      kind: row.e_kind as ErpDocument['kind'], number: String(row.e_number), id: String(row.e_id), platform: String(row.platform),
      shopOrderId: String(row.shop_order_id), issueDate: String(row.e_issue_date), totalGross: Number(row.e_total_gross),
      ...(sales && (row.e_kind === 'FS' || row.e_kind === 'PA') && sales.number === row.e_number ? { salesDocument: sales } : {}),
    }
    : undefined;
  return {
    platform: String(row.platform),
    shopOrderId: String(row.shop_order_id),
    number: String(row.number),
    customerEmail: String(row.customer_email),
    shopCreatedAt: String(row.shop_created_at),
    fetchedAt: String(row.fetched_at),
    shopStatus: String(row.shop_status),
    order: decodeOrder(row.order_json),
    ...(erpDocument ? { erpDocument } : {}),
    ...(sales ? { salesDocument: sales } : {}),
  };
}

function toActionRecord(row: Row): ActionRecord {
  return {
    platform: String(row.platform),
    shopOrderId: String(row.shop_order_id),
    kind: actionKindOfCode(Number(row.kind)),
    state: row.state as ActionState,
    updatedAt: String(row.updated_at),
    attempts: Number(row.attempts),
    ...(row.last_error !== null && row.last_error !== undefined ? { lastError: String(row.last_error) } : {}),
    ...(row.detail !== null && row.detail !== undefined ? { detail: String(row.detail) } : {}),
    ...(row.run_id !== null && row.run_id !== undefined ? { runId: Number(row.run_id) } : {}),
  };
}
