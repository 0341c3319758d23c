// The one definition of a *settled* order, shared by retention (prune), the summaries of old orders and the
// counts a reset reports: realized (or cancelled) in the ERP, and no action pending, failed, uncertain, retried,
// or still to do (never attempted, of an enabled kind, not covered by a reset mark). Nothing unsettled is ever
// deleted or summarized: an RO still waiting for realization after a year keeps everything its e-mail needs.
import type { ActionKind } from '../model/actions';
import { FRESH, LIVE, markedUpTo } from './reset';
import { ACTION_KIND_CODES, ERP_STAGE } from './schema';
import type { SqlRunner } from './sql';

/**
 * The SQL condition, over the orders row `o`, that the order is settled for these enabled action kinds. The
 * reset marks' cutoffs are read once here, so the condition is plain SQL over indexed columns.
 */
export function settledCondition(sql: SqlRunner, enabledKinds: readonly ActionKind[]): string {
  const stillToDo = enabledKinds.map(
    (kind) =>
      `EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND a.kind = ${ACTION_KIND_CODES[kind]} AND ${FRESH} AND a.fetched_ms > ${markedUpTo(sql, kind)})`,
  );
  return [
    `o.erp_stage IN (${ERP_STAGE.realized}, ${ERP_STAGE.cancelled})`,
    `NOT EXISTS (SELECT 1 FROM actions a WHERE a.order_id = o.id AND ${LIVE})`,
    ...stillToDo.map((term) => `NOT ${term}`),
  ].join(' AND ');
}
