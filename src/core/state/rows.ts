// The SELECTs of orders and actions and how their rows become StoredOrder / ActionRecord. An action's state
// as shown is its effective state: a never-attempted row covered by a reset mark reads as "reset", with the
// time of the first mark that covers it.
import type { SqlValue } from 'sql.js';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { ActionState } from '../model/actions';
import type { ActionRecord, StoredOrder } from './api';
import { decodeOrder } from './payload';
import { actionKindOfCode } from './schema';
import type { Row } from './sql';

export const ORDER_SELECT = `SELECT o.*, e.kind AS e_kind, e.number AS e_number, e.erp_id AS e_id, e.issue_date AS e_issue_date, e.total_gross AS e_total_gross,
  e.sales_kind, e.sales_number, e.sales_id, e.sales_issue_date, e.sales_sale_date, e.sales_total_gross, e.sales_total_net
  FROM orders o LEFT JOIN erp_documents e ON e.order_id = o.id`;

/** A never-attempted row (state and update time NULL) fetched up to a mark's cutoff is reset by that mark. */
export const RESET_AT = `(SELECT MIN(r.at) FROM reset_marks r WHERE a.state IS NULL AND a.updated_ms IS NULL AND r.kind = a.kind AND r.cutoff_ms >= a.fetched_ms)`;

export const ACTION_SELECT = `SELECT o.platform, o.shop_order_id, a.order_id, a.kind, a.state, a.updated_ms, a.attempts, a.last_error, a.detail, a.run_id,
  ${RESET_AT} AS reset_at
  FROM actions a JOIN orders o ON o.id = a.order_id`;

export function optionalString(value: SqlValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function toStoredOrder(row: Row): StoredOrder {
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
