// The schema of our tables and its forward migrations. PRAGMA user_version is the version; migrations touch
// only the tables named here, never the tables of a companion database (the sandbox ERP's, which files before
// schema 7 held too: state/companion.ts moves them out).
import type { Database } from 'sql.js';
import type { ActionKind } from '../model/actions';
import { MIGRATIONS } from './migrations';

/** Tables kept by triggers from other tables: a journal replay applies their images after the others'. */
export const DERIVED_TABLES: readonly string[] = ['fresh_counts'];

/** The day buckets of fresh_counts: UTC days of the fetch time. */
export const DAY_MS = 86_400_000;

/** orders.erp_stage: where the order is in the ERP (cancelled: its document was cancelled there, nothing more to come). */
export const ERP_STAGE = { none: 0, document: 1, realized: 2, cancelled: 3 } as const;

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The stored code of each action kind (schema v2 on). Never renumber: append new kinds. */
export const ACTION_KIND_CODES: Record<ActionKind, number> = {
  'status-after-import': 0,
  'email-after-import': 1,
  'status-after-realization': 2,
  'email-after-realization': 3,
  'pdf-to-shop': 4,
};

export function actionKindOfCode(code: number): ActionKind {
  const kind = (Object.keys(ACTION_KIND_CODES) as ActionKind[]).find((k) => ACTION_KIND_CODES[k] === code);
  if (!kind) throw new Error(`Unknown action code ${code}`);
  return kind;
}

export function schemaVersion(db: Database): number {
  return Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
}

/** Applies the missing steps, each in its own transaction with its version bump. Returns the versions crossed. */
export function migrate(db: Database, target = SCHEMA_VERSION): { from: number; to: number } {
  const from = schemaVersion(db);
  for (let version = from; version < target; version++) {
    db.exec('BEGIN');
    try {
      const step = MIGRATIONS[version]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { from, to: Math.max(from, target) };
}
