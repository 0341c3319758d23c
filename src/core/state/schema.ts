// The schema of our tables and its forward migrations. PRAGMA user_version is the version; migrations touch
// only the tables named here, never the foreign tables other modules (the sandbox ERP) keep in the same file.
import type { Database } from 'sql.js';
import type { ActionKind } from '../model/actions';

/**
 * MIGRATIONS[i] takes the database from version i to version i + 1. Never edit a released step: add one.
 * Timestamps are ISO 8601 strings in UTC with milliseconds (Date.toISOString), so text order is time order.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: the first release.
  `
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    shop_order_id TEXT NOT NULL,
    number TEXT NOT NULL,
    customer_email TEXT NOT NULL,
    shop_created_at TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    shop_status TEXT NOT NULL,
    order_json TEXT NOT NULL,
    UNIQUE (platform, shop_order_id)
  );
  CREATE INDEX IF NOT EXISTS orders_fetched_at ON orders (fetched_at);
  CREATE TABLE IF NOT EXISTS actions (
    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'reset')),
    updated_at TEXT NOT NULL,
    last_error TEXT,
    PRIMARY KEY (order_id, kind)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    result TEXT,
    counts_json TEXT,
    error TEXT
  );
  CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail_json TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // v2: one row per order and action from the moment the order is fetched (state NULL = not attempted), with
  // the order's fetch time copied in, so that a reset is one UPDATE over an index of the open rows only
  // (a repeated reset touches nothing); kinds as small integers (ACTION_KIND_CODES); attempts, outcome details
  // and the run of each action; ERP documents.
  `
  CREATE TABLE actions_v2 (
    order_id INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    state TEXT CHECK (state IS NULL OR state IN ('pending', 'done', 'failed', 'reset')),
    updated_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    detail TEXT,
    run_id INTEGER,
    PRIMARY KEY (order_id, kind)
  ) WITHOUT ROWID;
  INSERT INTO actions_v2 (order_id, kind, fetched_at, state, updated_at, attempts, last_error)
    SELECT o.id, k.code, o.fetched_at, a.state, a.updated_at, CASE WHEN a.state IN ('pending', 'done', 'failed') THEN 1 ELSE 0 END, a.last_error
    FROM orders o
    CROSS JOIN (SELECT 0 AS code, 'status-after-import' AS name UNION ALL SELECT 1, 'email-after-import'
      UNION ALL SELECT 2, 'status-after-realization' UNION ALL SELECT 3, 'email-after-realization' UNION ALL SELECT 4, 'pdf-to-shop') k
    LEFT JOIN actions a ON a.order_id = o.id AND a.kind = k.name;
  DROP TABLE actions;
  ALTER TABLE actions_v2 RENAME TO actions;
  CREATE INDEX actions_open ON actions (kind, fetched_at) WHERE state IS NULL OR state IN ('pending', 'failed');
  CREATE INDEX actions_attention ON actions (state, order_id) WHERE state IN ('pending', 'failed');
  CREATE TABLE IF NOT EXISTS erp_documents (
    order_id INTEGER PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    erp_id TEXT NOT NULL,
    issue_date TEXT NOT NULL,
    total_gross INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    sales_kind TEXT,
    sales_number TEXT,
    sales_id TEXT,
    sales_issue_date TEXT,
    sales_sale_date TEXT,
    sales_total_gross INTEGER,
    sales_total_net INTEGER,
    realized_at TEXT
  );
  `,
];

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
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { from, to: Math.max(from, target) };
}
