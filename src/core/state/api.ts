// The contract of the reverse-update state store (.optima-sync/state.sqlite). The implementation lives in
// this folder; the sync pass, the sandbox ERP, the CLI and the extension code against this interface.
import type { Database } from 'sql.js';
import type { ActionKind, ActionState } from '../model/actions';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { KsefState } from '../ksef/state';
import type { ShopOrder } from '../model/order';
import type { FailureScope } from '../outcome';
import type { CompanionDatabase, CompanionName } from './companion';
import type { PassHistory, PassTrigger, RunFigures } from '../history/runs';
import type { AttentionRow } from './queries';

export interface StoredOrder {
  platform: string;
  shopOrderId: string;
  number: string;
  customerEmail: string;
  /** ISO timestamp (UTC) of the order's creation in the shop. */
  shopCreatedAt: string;
  /** ISO timestamp (UTC) of the first time the integrator fetched the order (the reset compares this). */
  fetchedAt: string;
  /** Current shop status as last fetched. */
  shopStatus: string;
  /** The last fetched normalized order (for templates, previews and re-runs). */
  order: ShopOrder;
  /**
   * False for an archived order (settled and older than ORDER_DETAILS_DAYS), or one kept as a summary by an older
   * version: `order` is then a summary (buyer, total, status) without lines and addresses, and no template is
   * rendered from it.
   */
  detailsKept: boolean;
  erpDocument?: ErpDocument;
  /** With `ksef` when a pass has asked the ERP about it in KSeF. */
  salesDocument?: SalesDocument;
  /** The actions the last pass held until KSeF numbers the sales document ("waiting for KSeF"), and since when. */
  ksefHold?: { kinds: ActionKind[]; since: string };
}

export interface ActionRecord {
  platform: string;
  shopOrderId: string;
  kind: ActionKind;
  state: ActionState;
  /** ISO timestamp of the last state change. */
  updatedAt: string;
  attempts: number;
  lastError?: string;
  /** What happened, e.g. "sent to jan@example.com (test mode → kons@example.pl), id <…>". */
  detail?: string;
  /** The sync run that last recorded it (a pending action of an earlier run is "uncertain": see isUncertain). */
  runId?: number;
}

export interface ResetRequest {
  actions: ActionKind[];
  /** YYYY-MM-DD: every order fetched up to the end of this day (inclusive) in `timezone`. */
  until: string;
  timezone: string;
  dryRun: boolean;
  /** OS user recorded in the audit log. */
  user: string;
}

export interface ResetResult {
  /** Per action: how many orders were (or, in a dry run, would be) marked reset. */
  counts: Record<ActionKind, number>;
  /** The instant (ISO, UTC) the date ends in the time zone. */
  cutoff: string;
  dryRun: boolean;
}

/** What a pass may still have to do, by kind of work (planning asks for exactly these orders). */
export interface OpenWorkQuery {
  platform: string;
  /** The enabled actions: orders with one of them not settled. */
  kinds: ActionKind[];
  /** A failed action with this many attempts is settled (not retried). */
  maxAttempts: number;
  /** Orders not in the ERP yet, in these shop statuses (empty: any status). */
  importStatuses: string[];
  /** Also orders whose ERP document waits for realization, whatever their actions (realize by shop status). */
  awaitingRealization: boolean;
}

export interface PruneOptions {
  /** The action kinds the settings enable: a never-attempted one of these keeps its order unsettled. */
  enabledKinds: readonly ActionKind[];
  dryRun?: boolean;
  /** OS user recorded in the audit log. */
  user?: string;
}

/** What a finished pass records in the history (see history.ts). */
export type RunSummary = RunFigures;

export interface StateStore {
  readonly file: string;
  /** The live sql.js database. */
  readonly database: Database;
  /** A companion database beside the state, under its lock: the sandbox ERP keeps its tables there. */
  companion(name: CompanionName): Promise<CompanionDatabase>;

  upsertOrder(order: ShopOrder, fetchedAt: Date): { isNew: boolean };
  /** A live order (archived orders are settled history, read by lookupOrders). */
  getOrder(platform: string, shopOrderId: string): StoredOrder | undefined;
  /** Whether the order is settled history, archived or pruned: a shop listing it again must not make it new. */
  isPruned(platform: string, shopOrderId: string): boolean;
  listOrders(filter?: { platform?: string; limit?: number; withActionStates?: Array<'pending' | 'failed' | 'uncertain'> }): StoredOrder[];
  /** The stored orders a pass may have work for (an indexed query: its cost follows the open work, not the history). */
  listOpenWork(query: OpenWorkQuery): StoredOrder[];
  recordErpDocument(platform: string, shopOrderId: string, document: ErpDocument): void;
  recordSalesDocument(platform: string, shopOrderId: string, sales: SalesDocument): void;
  /**
   * What KSeF says of the order's sales document, and the actions held for it (none: nothing waits). A hold
   * keeps the time it began while the same or other actions stay held.
   */
  recordKsef(platform: string, shopOrderId: string, ksef: KsefState, held: readonly ActionKind[]): void;
  /** Orders whose actions have waited for KSeF since before `before` (ISO), oldest first (a page). */
  heldForKsefSince(before: string, limit: number): StoredOrder[];
  /** Orders whose sales document KSeF rejected, with an action still failed for it (a page). */
  rejectedByKsef(limit: number): StoredOrder[];

  getAction(platform: string, shopOrderId: string, kind: ActionKind): ActionRecord | undefined;
  /** The failed and uncertain actions: their counts and the oldest `limit` of them (a page, by index). */
  attentionPage(activeRunId: number | undefined, limit: number): { failed: number; uncertain: number; items: AttentionRow[] };
  listActions(filter?: { platform?: string; shopOrderId?: string; states?: ActionState[] }): ActionRecord[];
  /**
   * Recorded and saved to disk before it resolves: the side effect may start only after.
   * Concurrent calls (e.g. Promise.all over a batch of actions) must share one save, so that the sync pass can
   * mark a batch pending with a single write; the same holds for markDone/markFailed.
   */
  markPending(platform: string, shopOrderId: string, kind: ActionKind): Promise<void>;
  /** Recorded and saved to disk before it resolves. */
  markDone(platform: string, shopOrderId: string, kind: ActionKind, detail: string): Promise<void>;
  /**
   * A definite failure, saved before it resolves. Scope `server` (a login, a connection, a shop down for every
   * order) gives back the attempt markPending counted: only failures of the order itself use its attempts.
   */
  markFailed(platform: string, shopOrderId: string, kind: ActionKind, error: string, scope?: FailureScope): Promise<void>;
  /** The request or message went out and no answer came: it may have happened, so no pass repeats it. */
  markUncertain(platform: string, shopOrderId: string, kind: ActionKind, reason: string): Promise<void>;
  /** Consultant's decision for an uncertain or failed action: done (never repeat) or retry (back to not attempted). */
  resolveAction(platform: string, shopOrderId: string, kind: ActionKind, resolution: 'done' | 'retry', user: string): Promise<void>;

  reset(request: ResetRequest): Promise<ResetResult>;
  /** Deletes the settled orders (settled.ts) fetched more than N days before `now` (dryRun: only counts). */
  prune(olderThanDays: number, now: Date, options: PruneOptions): Promise<{ orders: number }>;
  /** Settled orders fetched more than ORDER_DETAILS_DAYS ago move to the archive; returns how many. */
  archiveSettled(now: Date, enabledKinds: readonly ActionKind[]): Promise<{ orders: number }>;

  /** Records the start of a sync pass (dry runs are not recorded); its pending actions are in flight, not uncertain. */
  startRun(now: Date, trigger?: PassTrigger): number;
  finishRun(id: number, now: Date, summary: RunSummary): Promise<void>;
  /** The pass history and the memory of the alerts sent. */
  readonly history: PassHistory;
  audit(kind: string, detail: Record<string, unknown>, user: string): void;

  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;

  /** Coalesced save (bounded write rate). */
  saveSoon(): void;
  /** Makes every change so far durable (a synced journal record) before it resolves. */
  saveNow(): Promise<void>;
  /** Folds the journal into the database file (atomic export); the end of a pass. */
  checkpoint(): Promise<void>;
  /** Saves and releases the lock. */
  close(): Promise<void>;
}
