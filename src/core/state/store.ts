// The sql.js implementation of StateStore: the live database lives in memory; StatePersistence makes every
// change durable through the journal and checkpoints. Settled history moves to the archive (state/archive),
// opened only by what asks for old orders; the sandbox ERP keeps a companion database. The reads are StateReader's
// (reader.ts); this adds the writes, each saved before it resolves or soon after.
import path from 'node:path';
import type { ActionKind, ActionState } from '../model/actions';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { KsefState } from '../ksef/state';
import type { ShopOrder } from '../model/order';
import type { FailureScope } from '../outcome';
import { t } from '../l10n';
import type { PruneOptions, ResetRequest, ResetResult, RunSummary, StateStore } from './api';
import { upsertOrderRow } from './order-upsert';
import type { LockHandle } from './lock';
import type { StatePersistence } from './persistence';
import { StateReader, type StateReaderOptions } from './reader';
import { applyReset } from './reset';
import { countPrunable, pruneLiveSettled } from './retention';
import { clearAction, insertAudit, writeAction, writeErpDocument, writeKsef, writeSalesDocument } from './records';
import { insertRun, PassHistory, updateRun, type PassTrigger } from '../history/runs';
import { ACTION_KIND_CODES, DAY_MS } from './schema';
import { summarizeState, writeStateSummary } from './summary';

export interface SqlStateStoreOptions extends StateReaderOptions {
  lock?: LockHandle;
  /** How changes reach the disk (writers only). */
  persistence?: StatePersistence;
}

export class SqlStateStore extends StateReader implements StateStore {
  private readonly lock: LockHandle | undefined;
  private readonly persistence: StatePersistence | undefined;
  private currentRun: number | undefined;
  /** The pass history and the alerts' memory (read-only stores refuse the writes). */
  readonly history: PassHistory;

  constructor(options: SqlStateStoreOptions) {
    super(options);
    this.lock = options.lock;
    this.persistence = options.persistence;
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

  recordKsef(platform: string, shopOrderId: string, ksef: KsefState, held: readonly ActionKind[]): void {
    this.assertWritable();
    writeKsef(this.sql, this.requireOrderId(platform, shopOrderId), ksef, held, this.now());
    this.markDirty();
  }

  // ---- actions ----

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
      clearAction(this.sql, this.requireOrderId(platform, shopOrderId), ACTION_KIND_CODES[kind], this.now());
    }
    this.audit(
      resolution === 'done' ? 'mark-done' : 'retry',
      { platform, shopOrderId, action: kind, previousState: before.state, previousError: before.lastError },
      user,
    );
    await this.saveNow();
  }

  private setAction(
    platform: string,
    shopOrderId: string,
    kind: ActionKind,
    state: ActionState,
    change: { attempt?: number; detail?: string; error?: string },
  ): void {
    this.assertWritable();
    const order = this.sql.get('SELECT id, fetched_ms FROM orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]);
    if (!order) throw new Error(t('Order {0}/{1} is not in the state database', platform, shopOrderId));
    writeAction(
      this.sql,
      { id: Number(order.id), fetchedMs: Number(order.fetched_ms) },
      ACTION_KIND_CODES[kind],
      state,
      this.now(),
      this.currentRun,
      change,
    );
  }

  // ---- reset and retention ----

  async reset(request: ResetRequest): Promise<ResetResult> {
    if (!request.dryRun) this.assertWritable();
    const at = this.now();
    const result = applyReset(this.sql, request, at, (detail) => insertAudit(this.sql, 'reset', detail, request.user, at.toISOString()));
    if (!request.dryRun) await this.saveNow();
    return result;
  }

  /**
   * Settled orders (settled.ts) fetched more than N days ago are deleted, live and archived (their keys stay in
   * pruned_orders). The live database is saved first; the archive files follow.
   */
  async prune(olderThanDays: number, now: Date, options: PruneOptions): Promise<{ orders: number }> {
    if (!options.dryRun) this.assertWritable();
    const cutoffMs = now.getTime() - olderThanDays * DAY_MS;
    const plan = await this.archive.planPrune(cutoffMs);
    if (options.dryRun) return { orders: countPrunable(this.sql, cutoffMs, options.enabledKinds) + plan.orders };
    const at = now.toISOString();
    const orders = this.sql.transaction(() => {
      const live = pruneLiveSettled(this.sql, cutoffMs, options.enabledKinds, at);
      this.archive.applyPrune(plan, at);
      insertAudit(
        this.sql,
        'prune',
        { olderThanDays, cutoff: new Date(cutoffMs).toISOString(), orders: live + plan.orders, archived: plan.orders },
        options.user ?? 'unknown',
        at,
      );
      return live + plan.orders;
    });
    await this.saveNow();
    try {
      await this.archive.finishPrune(plan);
    } catch (error) {
      // The orders are pruned (their keys say so); what stays in a file is never read again.
      this.logger.warn(t('Could not remove pruned orders from the archive files: {0}', String(error)));
    }
    return { orders };
  }

  /**
   * Settled orders (settled.ts) fetched more than ORDER_DETAILS_DAYS ago move to the archive, with the audit rows
   * older than that; saved before it resolves.
   */
  async archiveSettled(now: Date, enabledKinds: readonly ActionKind[]): Promise<{ orders: number }> {
    this.assertWritable();
    const moved = await this.archive.archiveSettled(now, enabledKinds);
    if (moved.orders + moved.audit > 0) await this.saveNow();
    return { orders: moved.orders };
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

  audit(kind: string, detail: Record<string, unknown>, user: string): void {
    this.assertWritable();
    insertAudit(this.sql, kind, detail, user, this.now().toISOString());
    this.markDirty();
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

  /** Folds the journals (the state's, the companions') into their database files: the end of a pass. */
  async checkpoint(): Promise<void> {
    this.assertWritable();
    for (const companion of await this.openedCompanions()) await companion.checkpoint();
    await this.persistence?.checkpoint();
  }

  /** Whether a change is not yet on disk. */
  get hasUnsavedChanges(): boolean {
    return this.persistence?.hasUnsavedChanges ?? false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      for (const companion of await this.openedCompanions()) await companion.close();
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

  private requireOrderId(platform: string, shopOrderId: string): number {
    const row = this.sql.get('SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?', [platform, shopOrderId]);
    if (!row) throw new Error(t('Order {0}/{1} is not in the state database', platform, shopOrderId));
    return Number(row.id);
  }
}
