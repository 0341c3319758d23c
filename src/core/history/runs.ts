// The pass history as the state database keeps it (table runs) and the consultant alerts raised and not
// cleared yet (table alerts_sent): what the store records, and what `optima-sync status`, the status bar, the
// Activity view (activity.ts) and the alerts read. Every read is bounded: the newest N runs, the runs since an
// instant (index runs_started), the last successful one (runs_succeeded). The whole of the pass history lives
// in this folder: the records (here), the views' reads (activity.ts, attention.ts), their wording (format.ts)
// and the monitoring verdict (health.ts).
import type { SqlValue } from 'sql.js';
import { optionalString } from '../state/rows';
import type { SqlRunner } from '../state/sql';

/** What started a pass: VS Code's "Run sync pass", its auto-sync, `optima-sync sync`, or the service (`optima-sync run`). */
export const PASS_TRIGGERS = ['vscode', 'auto-sync', 'cli', 'service'] as const;
export type PassTrigger = (typeof PASS_TRIGGERS)[number];

export type PassResult = 'ok' | 'failed' | 'cancelled' | 'blocked';

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt?: string;
  /** Absent for passes recorded before the history knew it. */
  trigger?: PassTrigger;
  /** Absent while the pass runs, or when its process died before the end. */
  result?: PassResult;
  imported: number;
  emailsSent: number;
  /** Actions failed and imports failed in this pass. */
  failed: number;
  /** Actions found uncertain (left pending by an interrupted pass) at the start of this pass. */
  uncertain: number;
  /** Per action and state ("email-after-import.done") and the pass's other figures. */
  counts: Record<string, number>;
  error?: string;
}

export interface RunFigures {
  result: PassResult;
  counts: Record<string, number>;
  imported?: number;
  emailsSent?: number;
  failed?: number;
  uncertain?: number;
  error?: string;
}

/** The conditions an alert is raised for; each is e-mailed once until it clears. */
export type AlertCondition = 'pass-failure' | 'actions-attention' | 'no-success' | 'ksef-held' | 'ksef-rejected';

export interface AlertRecord {
  condition: AlertCondition;
  sentAt: string;
  /** What the e-mail said, in one line. */
  detail: string;
}

function toRunRecord(row: Record<string, SqlValue>): RunRecord {
  const trigger = optionalString(row.triggered_by);
  return {
    id: Number(row.id),
    startedAt: String(row.started_at),
    finishedAt: optionalString(row.finished_at),
    trigger: trigger as PassTrigger | undefined,
    result: optionalString(row.result) as PassResult | undefined,
    imported: Number(row.imported ?? 0),
    emailsSent: Number(row.emails_sent ?? 0),
    failed: Number(row.failed ?? 0),
    uncertain: Number(row.uncertain ?? 0),
    counts: row.counts_json ? (JSON.parse(String(row.counts_json)) as Record<string, number>) : {},
    error: optionalString(row.error),
  };
}

export function insertRun(sql: SqlRunner, startedAt: Date, trigger: PassTrigger | undefined): number {
  sql.run('INSERT INTO runs (started_at, triggered_by) VALUES (?, ?)', [startedAt.toISOString(), trigger ?? null]);
  return sql.lastInsertId();
}

export function updateRun(sql: SqlRunner, id: number, finishedAt: Date, figures: RunFigures): void {
  sql.run(
    'UPDATE runs SET finished_at = ?, result = ?, counts_json = ?, error = ?, imported = ?, emails_sent = ?, failed = ?, uncertain = ? WHERE id = ?',
    [
      finishedAt.toISOString(),
      figures.result,
      JSON.stringify(figures.counts),
      figures.error ?? null,
      figures.imported ?? 0,
      figures.emailsSent ?? 0,
      figures.failed ?? 0,
      figures.uncertain ?? 0,
      id,
    ],
  );
}

/** Newest first. */
export function selectRuns(sql: SqlRunner, limit: number): RunRecord[] {
  return sql.all('SELECT * FROM runs ORDER BY id DESC LIMIT ?', [limit]).map(toRunRecord);
}

/**
 * Reads the history, and writes the alerts' memory, of one state database. The store passes the writer hooks
 * (a read-only store refuses the writes).
 */
export class PassHistory {
  constructor(
    private readonly sql: SqlRunner,
    private readonly writer: { assertWritable(): void; save(): Promise<void> },
  ) {}

  /** The newest passes, newest first. */
  recent(limit = 20): RunRecord[] {
    return selectRuns(this.sql, limit);
  }

  /** The passes started at or after `from`, oldest first. */
  since(from: Date): RunRecord[] {
    return this.sql.all('SELECT * FROM runs WHERE started_at >= ? ORDER BY started_at, id', [from.toISOString()]).map(toRunRecord);
  }

  /** The newest finished pass with this result (any result when not given). */
  last(result?: PassResult): RunRecord | undefined {
    const row =
      result === 'ok'
        ? this.sql.get("SELECT * FROM runs WHERE result = 'ok' ORDER BY finished_at DESC LIMIT 1")
        : this.sql.get(
            `SELECT * FROM runs WHERE finished_at IS NOT NULL${result ? ' AND result = ?' : ''} ORDER BY id DESC LIMIT 1`,
            result ? [result] : [],
          );
    return row ? toRunRecord(row) : undefined;
  }

  /** When the first pass of this state started (the "no success since" clock starts there). */
  firstStartedAt(): string | undefined {
    return optionalString(this.sql.get('SELECT MIN(started_at) AS at FROM runs')?.at);
  }

  /** Deletes the passes started before `before` (retention); returns how many. */
  async prune(before: Date): Promise<number> {
    this.writer.assertWritable();
    this.sql.run('DELETE FROM runs WHERE started_at < ? AND finished_at IS NOT NULL', [before.toISOString()]);
    const deleted = this.sql.database.getRowsModified();
    if (deleted > 0) await this.writer.save();
    return deleted;
  }

  alerts(): AlertRecord[] {
    return this.sql.all('SELECT condition, sent_at, detail FROM alerts_sent ORDER BY condition').map((row) => ({
      condition: String(row.condition) as AlertCondition,
      sentAt: String(row.sent_at),
      detail: String(row.detail),
    }));
  }

  async recordAlert(condition: AlertCondition, sentAt: Date, detail: string): Promise<void> {
    this.writer.assertWritable();
    this.sql.run(
      'INSERT INTO alerts_sent (condition, sent_at, detail) VALUES (?, ?, ?) ON CONFLICT (condition) DO UPDATE SET sent_at = excluded.sent_at, detail = excluded.detail',
      [condition, sentAt.toISOString(), detail],
    );
    await this.writer.save();
  }

  async clearAlert(condition: AlertCondition): Promise<void> {
    this.writer.assertWritable();
    this.sql.run('DELETE FROM alerts_sent WHERE condition = ?', [condition]);
    await this.writer.save();
  }
}
