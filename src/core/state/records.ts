// The store's writes of whole records: a new order's actions, ERP documents, the audit log.
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { KsefState } from '../ksef/state';
import { ACTION_KINDS, type ActionKind } from '../model/actions';
import { t } from '../l10n';
import { dayOfDate, heldMask } from './rows';
import { ACTION_KIND_CODES, DAY_MS, ERP_STAGE } from './schema';
import type { Row, SqlRunner } from './sql';

export interface AuditRecord {
  id: number;
  at: string;
  user: string;
  kind: string;
  detail: Record<string, unknown>;
}

/** A new order's five actions, "not attempted" (state NULL) with the fetch time that reset marks compare. */
export function insertNewActions(sql: SqlRunner, orderId: number, fetchedMs: number): void {
  // The day's counters of never-attempted actions must exist before the triggers count the new rows in.
  const day = Math.floor(fetchedMs / DAY_MS);
  sql.run(
    `INSERT OR IGNORE INTO fresh_counts (kind, day, n) VALUES ${ACTION_KINDS.map(() => '(?, ?, 0)').join(', ')}`,
    ACTION_KINDS.flatMap((kind) => [ACTION_KIND_CODES[kind], day]),
  );
  sql.run(
    `INSERT INTO actions (order_id, kind, fetched_ms) VALUES ${ACTION_KINDS.map(() => '(?, ?, ?)').join(', ')}`,
    ACTION_KINDS.flatMap((kind) => [orderId, ACTION_KIND_CODES[kind], fetchedMs]),
  );
}

/** The order's ERP document (and its sales document when it is one); the order moves to that stage. */
export function writeErpDocument(sql: SqlRunner, orderId: number, document: ErpDocument, now: Date): void {
  sql.run(
    `INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_day, total_gross, recorded_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id) DO UPDATE SET kind = excluded.kind, number = excluded.number, erp_id = excluded.erp_id,
       issue_day = excluded.issue_day, total_gross = excluded.total_gross`,
    [orderId, document.kind, document.number, document.id, dayOfDate(document.issueDate), document.totalGross, now.getTime()],
  );
  sql.run('UPDATE orders SET erp_stage = MAX(erp_stage, ?) WHERE id = ?', [ERP_STAGE.document, orderId]);
  if (document.salesDocument) writeSalesDocument(sql, orderId, document.salesDocument, now);
}

/**
 * The sales document that realized the order's ERP document: the order is realized. A sales document that is
 * the ERP document itself (FS/PA mode) keeps only its kind, sale date and net total (see the v4 schema).
 */
export function writeSalesDocument(sql: SqlRunner, orderId: number, sales: SalesDocument, now: Date): void {
  if (!sql.get('SELECT 1 AS x FROM erp_documents WHERE order_id = ?', [orderId])) {
    throw new Error(t('The order has no ERP document to be realized by {0}', sales.number));
  }
  const issueDay = dayOfDate(sales.issueDate);
  sql.run(
    `UPDATE erp_documents SET sales_kind = ?,
       sales_number = IIF(itself, NULL, ?), sales_id = IIF(itself, NULL, ?), sales_issue_day = IIF(itself, NULL, ?), sales_total_gross = IIF(itself, NULL, ?),
       sales_sale_day = ?, sales_total_net = ?, realized_ms = COALESCE(realized_ms, ?)
     FROM (SELECT number = ? AND erp_id = ? AND issue_day = ? AND total_gross = ? AS itself FROM erp_documents WHERE order_id = ?)
     WHERE order_id = ?`,
    [
      sales.kind,
      sales.number,
      sales.id,
      issueDay,
      sales.totalGross,
      dayOfDate(sales.saleDate),
      sales.totalNet,
      now.getTime(),
      sales.number,
      sales.id,
      issueDay,
      sales.totalGross,
      orderId,
      orderId,
    ],
  );
  sql.run('UPDATE orders SET erp_stage = ? WHERE id = ?', [ERP_STAGE.realized, orderId]);
}

/** The sales document's KSeF state and the actions held for it; the hold's start stays while it lasts. */
export function writeKsef(sql: SqlRunner, orderId: number, ksef: KsefState, held: readonly ActionKind[], now: Date): void {
  const mask = held.length > 0 ? heldMask(held) : null;
  sql.run(
    `UPDATE erp_documents SET ksef_status = ?, ksef_number = ?, ksef_accepted_ms = ?, ksef_reason = ?, ksef_hash = COALESCE(?, ksef_hash),
       ksef_held = ?, ksef_held_ms = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(ksef_held_ms, ?) END
     WHERE order_id = ?`,
    [
      ksef.status,
      ksef.number ?? null,
      ksef.acceptedAt ? Date.parse(ksef.acceptedAt) : null,
      ksef.reason ?? null,
      ksef.fa3Sha256 ?? null,
      mask,
      mask,
      now.getTime(),
      orderId,
    ],
  );
}

/**
 * Records an action's new state. `attempt` is added to the attempts (1 when one starts, -1 gives it back after a
 * failure of the server); a detail (what happened) is kept apart, in action_details.
 */
export function writeAction(
  sql: SqlRunner,
  order: { id: number; fetchedMs: number },
  code: number,
  state: string,
  at: Date,
  runId: number | undefined,
  change: { attempt?: number; detail?: string; error?: string },
): void {
  sql.run(
    `INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id, kind) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms,
       attempts = MAX(0, attempts + ?), last_error = COALESCE(excluded.last_error, CASE WHEN excluded.state = 'done' THEN NULL ELSE last_error END),
       run_id = COALESCE(excluded.run_id, run_id)`,
    [
      order.id,
      code,
      order.fetchedMs,
      state,
      at.getTime(),
      Math.max(0, change.attempt ?? 0),
      change.error ?? null,
      runId ?? null,
      change.attempt ?? 0,
    ],
  );
  if (change.detail !== undefined) {
    sql.run(
      'INSERT INTO action_details (order_id, kind, detail) VALUES (?, ?, ?) ON CONFLICT (order_id, kind) DO UPDATE SET detail = excluded.detail',
      [order.id, code, change.detail],
    );
  }
}

/** Back to "not attempted", with a time so that no earlier reset mark covers it: the next pass decides again. */
export function clearAction(sql: SqlRunner, orderId: number, code: number, at: Date): void {
  sql.run(
    'UPDATE actions SET state = NULL, attempts = 0, last_error = NULL, run_id = NULL, updated_ms = ? WHERE order_id = ? AND kind = ?',
    [at.getTime(), orderId, code],
  );
  sql.run('DELETE FROM action_details WHERE order_id = ? AND kind = ?', [orderId, code]);
}

export function insertAudit(sql: SqlRunner, kind: string, detail: Record<string, unknown>, user: string, at: string): void {
  sql.run('INSERT INTO audit (at, user, kind, detail_json) VALUES (?, ?, ?, ?)', [at, user, kind, JSON.stringify(detail)]);
}

export function toAuditRecord(row: Row): AuditRecord {
  return {
    id: Number(row.id),
    at: String(row.at),
    user: String(row.user),
    kind: String(row.kind),
    detail: JSON.parse(String(row.detail_json)) as Record<string, unknown>,
  };
}

export function selectAudit(sql: SqlRunner, limit: number): AuditRecord[] {
  return sql.all('SELECT * FROM audit ORDER BY id DESC LIMIT ?', [limit]).map(toAuditRecord);
}
