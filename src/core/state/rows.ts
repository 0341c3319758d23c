// The SELECTs of orders and actions and how their rows become StoredOrder / ActionRecord. An action's state
// as shown is its effective state: a never-attempted row covered by a reset mark reads as "reset", with the
// time of the first mark that covers it.
import type { SqlValue } from 'sql.js';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { KsefState } from '../ksef/state';
import type { ActionKind, ActionState } from '../model/actions';
import type { ActionRecord, StoredOrder } from './api';
import { decodeOrder } from './payload';
import { ACTION_KIND_CODES, actionKindOfCode, DAY_MS } from './schema';
import type { Row } from './sql';

export const ORDER_SELECT = `SELECT o.*, COALESCE(d.payload, s.summary) AS payload, e.kind AS e_kind, e.number AS e_number, e.erp_id AS e_id, e.issue_day AS e_issue_day, e.total_gross AS e_total_gross,
  e.sales_kind, e.sales_number, e.sales_id, e.sales_issue_day, e.sales_sale_day, e.sales_total_gross, e.sales_total_net,
  e.ksef_status, e.ksef_number, e.ksef_accepted_ms, e.ksef_reason, e.ksef_hash, e.ksef_held, e.ksef_held_ms
  FROM orders o LEFT JOIN order_details d ON d.order_id = o.id LEFT JOIN order_summaries s ON s.order_id = o.id
  LEFT JOIN erp_documents e ON e.order_id = o.id`;

/** A never-attempted row (state and update time NULL) fetched up to a mark's cutoff is reset by that mark. */
export const RESET_AT = `(SELECT MIN(r.at) FROM reset_marks r WHERE a.state IS NULL AND a.updated_ms IS NULL AND r.kind = a.kind AND r.cutoff_ms >= a.fetched_ms)`;

export const ACTION_SELECT = `SELECT o.platform, o.shop_order_id, a.order_id, a.kind, a.state, a.updated_ms, a.attempts, a.last_error, ad.detail, a.run_id,
  ${RESET_AT} AS reset_at
  FROM actions a JOIN orders o ON o.id = a.order_id LEFT JOIN action_details ad ON ad.order_id = a.order_id AND ad.kind = a.kind`;

export function optionalString(value: SqlValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** A calendar date stored as days since 1970-01-01, back as YYYY-MM-DD. */
export function dateOfDay(day: SqlValue | undefined): string {
  return new Date(Number(day) * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a YYYY-MM-DD calendar date. */
export function dayOfDate(date: string): number {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a calendar date: ${date}`);
  return Math.floor(ms / DAY_MS);
}

/** The bits of ksef_held: one per action kind, by its stored code. */
export function heldMask(kinds: readonly ActionKind[]): number {
  return kinds.reduce((mask, kind) => mask | (1 << ACTION_KIND_CODES[kind]), 0);
}

export function kindsOfMask(mask: number): ActionKind[] {
  return (Object.keys(ACTION_KIND_CODES) as ActionKind[]).filter((kind) => (mask & (1 << ACTION_KIND_CODES[kind])) !== 0);
}

function ksefOf(row: Row): KsefState | undefined {
  const status = optionalString(row.ksef_status);
  if (!status) return undefined;
  const number = optionalString(row.ksef_number);
  const reason = optionalString(row.ksef_reason);
  const hash = optionalString(row.ksef_hash);
  return {
    status: status as KsefState['status'],
    ...(number ? { number } : {}),
    ...(row.ksef_accepted_ms !== null && row.ksef_accepted_ms !== undefined
      ? { acceptedAt: new Date(Number(row.ksef_accepted_ms)).toISOString() }
      : {}),
    ...(reason ? { reason } : {}),
    ...(hash ? { fa3Sha256: hash } : {}),
  };
}

export function toStoredOrder(row: Row): StoredOrder {
  const { order, detailsKept } = decodeOrder(row.payload);
  const hasErpDocument = row.e_number !== null && row.e_number !== undefined;
  // sales_kind without sales_number: the ERP document is itself the sales document (FS/PA mode).
  const itself =
    hasErpDocument &&
    row.sales_kind !== null &&
    row.sales_kind !== undefined &&
    (row.sales_number === null || row.sales_number === undefined);
  const sales: SalesDocument | undefined =
    row.sales_kind !== null && row.sales_kind !== undefined && hasErpDocument
      ? {
          kind: row.sales_kind as SalesDocument['kind'],
          number: String(itself ? row.e_number : row.sales_number),
          id: String(itself ? row.e_id : row.sales_id),
          issueDate: dateOfDay(itself ? row.e_issue_day : row.sales_issue_day),
          saleDate: dateOfDay(row.sales_sale_day),
          totalGross: Number(itself ? row.e_total_gross : row.sales_total_gross),
          totalNet: Number(row.sales_total_net),
        }
      : undefined;
  const ksef = sales ? ksefOf(row) : undefined;
  if (sales && ksef) sales.ksef = ksef;
  const held = row.ksef_held === null || row.ksef_held === undefined ? [] : kindsOfMask(Number(row.ksef_held));
  const erpDocument: ErpDocument | undefined = hasErpDocument
    ? {
        kind: row.e_kind as ErpDocument['kind'],
        number: String(row.e_number),
        id: String(row.e_id),
        platform: String(row.platform),
        shopOrderId: String(row.shop_order_id),
        issueDate: dateOfDay(row.e_issue_day),
        totalGross: Number(row.e_total_gross),
        ...(sales && (row.e_kind === 'FS' || row.e_kind === 'PA') && sales.number === row.e_number ? { salesDocument: sales } : {}),
      }
    : undefined;
  return {
    platform: String(row.platform),
    shopOrderId: String(row.shop_order_id),
    number: String(row.number),
    customerEmail: order.buyer.email,
    shopCreatedAt: order.createdAt,
    fetchedAt: new Date(Number(row.fetched_ms)).toISOString(),
    shopStatus: String(row.shop_status),
    order,
    detailsKept,
    ...(erpDocument ? { erpDocument } : {}),
    ...(sales ? { salesDocument: sales } : {}),
    ...(held.length > 0 ? { ksefHold: { kinds: held, since: new Date(Number(row.ksef_held_ms)).toISOString() } } : {}),
  };
}

/** The record of an action row, or undefined for a row never attempted and not reset. */
export function toActionRecord(row: Row): ActionRecord | undefined {
  const resetAt = optionalString(row.reset_at);
  const state = resetAt ? 'reset' : (row.state as ActionState | null);
  if (!state) return undefined;
  return {
    platform: String(row.platform),
    shopOrderId: String(row.shop_order_id),
    kind: actionKindOfCode(Number(row.kind)),
    state,
    updatedAt: resetAt ?? new Date(Number(row.updated_ms)).toISOString(),
    attempts: Number(row.attempts),
    ...(row.last_error !== null && row.last_error !== undefined ? { lastError: String(row.last_error) } : {}),
    ...(row.detail !== null && row.detail !== undefined ? { detail: String(row.detail) } : {}),
    ...(row.run_id !== null && row.run_id !== undefined ? { runId: Number(row.run_id) } : {}),
  };
}
