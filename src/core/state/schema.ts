// The schema of our tables and its forward migrations. PRAGMA user_version is the version; migrations touch
// only the tables named here, never the foreign tables other modules (the sandbox ERP) keep in the same file.
import type { Database } from 'sql.js';

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
  // v2: attempt counts, outcome details and the run of each action; ERP documents; an index of the open
  // (pending / failed) actions only, so that marking thousands of actions reset does not grow it.
  `
  ALTER TABLE actions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE actions ADD COLUMN detail TEXT;
  ALTER TABLE actions ADD COLUMN run_id INTEGER;
  UPDATE actions SET attempts = 1 WHERE state IN ('pending', 'done', 'failed');
  CREATE INDEX IF NOT EXISTS actions_open ON actions (state, order_id) WHERE state IN ('pending', 'failed');
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
