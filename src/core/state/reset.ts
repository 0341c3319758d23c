// The reset ("mark as done up to a date") at a cost independent of the history. The never-attempted rows of
// an action fetched up to the date are covered by one mark (reset_marks: kind, cutoff); only the rows that did
// something (pending, failed, retried) are updated one by one, and they are few. Orders fetched after a reset
// are fetched later than its cutoff (fetchedFloorMs), so a mark never reaches an order it did not see.
import { ACTION_KINDS, type ActionKind } from '../model/actions';
import type { ResetRequest, ResetResult } from './api';
import { ACTION_KIND_CODES, DAY_MS } from './schema';
import type { SqlRunner } from './sql';
import { endOfDayInZone } from './timezone';

/** Rows that did something and are not settled (pending, failed, uncertain, retried), as the partial index actions_live spells it. */
export const LIVE = "(state IN ('pending', 'failed', 'uncertain') OR (state IS NULL AND updated_ms IS NOT NULL))";
/** Rows never attempted, as the partial index actions_fresh spells it. */
export const FRESH = 'state IS NULL AND updated_ms IS NULL';

/** Per action kind, the latest cutoff of its marks (-1 without marks): its fresh rows up to it read as reset. */
export function markedUpTo(sql: SqlRunner, kind: ActionKind): number {
  const row = sql.get('SELECT MAX(cutoff_ms) AS cutoff FROM reset_marks WHERE kind = ?', [ACTION_KIND_CODES[kind]]);
  return row?.cutoff === null || row?.cutoff === undefined ? -1 : Number(row.cutoff);
}

/** The earliest fetch time a new order may get: after every mark's cutoff. */
export function fetchedFloorMs(sql: SqlRunner): number {
  const row = sql.get('SELECT MAX(cutoff_ms) AS cutoff FROM reset_marks');
  return row?.cutoff === null || row?.cutoff === undefined ? 0 : Number(row.cutoff) + 1;
}

/** Fresh rows of a kind covered by its marks (they count as reset). */
export function countMarked(sql: SqlRunner, kind: ActionKind): number {
  const upTo = markedUpTo(sql, kind);
  return upTo < 0 ? 0 : countFresh(sql, ACTION_KIND_CODES[kind], -1, upTo);
}

/**
 * Never-attempted rows of a kind fetched in (after, upTo]: whole UTC days from fresh_counts, the partial days at
 * both ends from the index, so the cost is a day's rows and a row per day, not every row.
 */
export function countFresh(sql: SqlRunner, code: number, after: number, upTo: number): number {
  if (upTo <= after) return 0;
  const exact = (from: number, to: number) =>
    to <= from
      ? 0
      : sql.number(`SELECT COUNT(*) AS n FROM actions WHERE kind = ? AND ${FRESH} AND fetched_ms > ? AND fetched_ms <= ?`, [
          code,
          from,
          to,
        ]);
  const firstWholeDay = Math.floor(after / DAY_MS) + 1;
  const lastWholeDay = Math.floor((upTo + 1) / DAY_MS) - 1;
  if (firstWholeDay > lastWholeDay) return exact(after, upTo);
  return (
    exact(after, firstWholeDay * DAY_MS - 1) +
    sql.number('SELECT COALESCE(SUM(n), 0) AS n FROM fresh_counts WHERE kind = ? AND day BETWEEN ? AND ?', [
      code,
      firstWholeDay,
      lastWholeDay,
    ]) +
    exact((lastWholeDay + 1) * DAY_MS - 1, upTo)
  );
}

/** Runs (or, in a dry run, counts) a reset. Writes the marks, the updated rows and an audit row in one transaction. */
export function applyReset(sql: SqlRunner, request: ResetRequest, at: Date, audit: (detail: Record<string, unknown>) => void): ResetResult {
  const endOfDay = endOfDayInZone(request.until, request.timezone);
  const kinds = ACTION_KINDS.filter((kind) => request.actions.includes(kind));
  const counts = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;
  // The newest order seen so far (live or archived) bounds the mark: an order fetched later (still on that day) is not covered.
  const newest = sql.get(
    'SELECT MAX(at) AS at FROM (SELECT MAX(fetched_ms) AS at FROM orders UNION ALL SELECT MAX(newest_fetched_ms) FROM archive_months)',
  )?.at;
  const cutoffMs = Math.min(endOfDay.getTime(), newest === null || newest === undefined ? -1 : Number(newest));
  const work = () => {
    for (const kind of kinds) {
      const code = ACTION_KIND_CODES[kind];
      const upTo = markedUpTo(sql, kind);
      const fresh = countFresh(sql, code, upTo, cutoffMs);
      if (request.dryRun) {
        counts[kind] =
          fresh + sql.number(`SELECT COUNT(*) AS n FROM actions WHERE kind = ? AND ${LIVE} AND fetched_ms <= ?`, [code, cutoffMs]);
        continue;
      }
      sql.run(`UPDATE actions SET state = 'reset', updated_ms = ? WHERE kind = ? AND ${LIVE} AND fetched_ms <= ?`, [
        at.getTime(),
        code,
        cutoffMs,
      ]);
      counts[kind] = fresh + sql.database.getRowsModified();
      if (cutoffMs > upTo) sql.run('INSERT INTO reset_marks (kind, cutoff_ms, at) VALUES (?, ?, ?)', [code, cutoffMs, at.toISOString()]);
    }
  };
  if (request.dryRun) {
    work();
  } else {
    sql.transaction(() => {
      work();
      audit({ actions: kinds, until: request.until, timezone: request.timezone, cutoff: endOfDay.toISOString(), counts });
    });
  }
  return { counts, cutoff: endOfDay.toISOString(), dryRun: request.dryRun };
}
