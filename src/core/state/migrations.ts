// The released steps of the state database's schema, one per version. Never edit a released step: add one.
// schema.ts applies them (migrate) and holds the constants the code reads the tables with.
import type { Database } from 'sql.js';
import { MIGRATIONS_V1_TO_V3 } from './migrations-v1-to-v3';

/** A migration step: SQL text, or a function for a step SQL alone cannot say. */
export type MigrationStep = string | ((db: Database) => void);

/**
 * MIGRATIONS[i] takes the database from version i to version i + 1. Never edit a released step: add one.
 * Timestamps are ISO 8601 strings in UTC with milliseconds (Date.toISOString), so text order is time order.
 */
export const MIGRATIONS: readonly MigrationStep[] = [
  // v1–v3: the first releases (migrations-v1-to-v3.ts).
  ...MIGRATIONS_V1_TO_V3,
  // v4: rows compact enough for years of history (sql.js keeps the whole file in memory, so every byte of a
  // row is memory). Times as integer milliseconds and calendar dates as integer days (since 1970-01-01) instead
  // of ISO text. The order's payload moves to order_details while templates may still need it, and to
  // order_summaries once the order is settled and old (state/retention.ts): moving whole rows between the two
  // frees whole pages that new orders reuse, where shrinking a payload in place would leave every page half
  // empty; for the same reason the outcome texts of actions (addresses, message ids) live in action_details.
  // The e-mail address and shop creation time are read from the payload instead of being copied into columns.
  // An ERP document that is itself the sales document (FS/PA mode) does not repeat its number, id,
  // issue date and total in the sales columns (sales_kind set, sales_number NULL).
  `
  CREATE TABLE orders_v4 (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    shop_order_id TEXT NOT NULL,
    number TEXT NOT NULL,
    fetched_ms INTEGER NOT NULL,
    shop_status TEXT NOT NULL,
    erp_stage INTEGER NOT NULL DEFAULT 0,
    UNIQUE (platform, shop_order_id)
  );
  INSERT INTO orders_v4 (id, platform, shop_order_id, number, fetched_ms, shop_status, erp_stage)
    SELECT id, platform, shop_order_id, number, CAST(round(unixepoch(fetched_at, 'subsec') * 1000) AS INTEGER), shop_status, erp_stage
    FROM orders;
  CREATE TABLE order_details (order_id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
  INSERT INTO order_details (order_id, payload) SELECT id, order_json FROM orders;
  CREATE TABLE order_summaries (order_id INTEGER PRIMARY KEY, summary BLOB NOT NULL);
  CREATE TABLE action_details (order_id INTEGER NOT NULL, kind INTEGER NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (order_id, kind)) WITHOUT ROWID;
  INSERT INTO action_details (order_id, kind, detail) SELECT order_id, kind, detail FROM actions WHERE detail IS NOT NULL;
  ALTER TABLE actions DROP COLUMN detail;
  DROP TABLE orders;
  ALTER TABLE orders_v4 RENAME TO orders;
  CREATE INDEX orders_fetched ON orders (fetched_ms);
  CREATE INDEX orders_erp_waiting ON orders (erp_stage, platform) WHERE erp_stage < 2;
  CREATE TABLE erp_documents_v4 (
    order_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    erp_id TEXT NOT NULL,
    issue_day INTEGER NOT NULL,
    total_gross INTEGER NOT NULL,
    recorded_ms INTEGER NOT NULL,
    sales_kind TEXT,
    sales_number TEXT,
    sales_id TEXT,
    sales_issue_day INTEGER,
    sales_sale_day INTEGER,
    sales_total_gross INTEGER,
    sales_total_net INTEGER,
    realized_ms INTEGER
  );
  WITH d AS (
    SELECT *, COALESCE(sales_number = number AND sales_id = erp_id AND sales_issue_date = issue_date AND sales_total_gross = total_gross, 0) AS itself
    FROM erp_documents)
  INSERT INTO erp_documents_v4 (order_id, kind, number, erp_id, issue_day, total_gross, recorded_ms, sales_kind, sales_number, sales_id,
      sales_issue_day, sales_sale_day, sales_total_gross, sales_total_net, realized_ms)
    SELECT order_id, kind, number, erp_id, unixepoch(issue_date) / 86400, total_gross, CAST(round(unixepoch(recorded_at, 'subsec') * 1000) AS INTEGER),
      sales_kind, IIF(itself, NULL, sales_number), IIF(itself, NULL, sales_id), IIF(itself, NULL, unixepoch(sales_issue_date) / 86400),
      unixepoch(sales_sale_date) / 86400, IIF(itself, NULL, sales_total_gross), sales_total_net,
      CAST(round(unixepoch(realized_at, 'subsec') * 1000) AS INTEGER)
    FROM d;
  DROP TABLE erp_documents;
  ALTER TABLE erp_documents_v4 RENAME TO erp_documents;
  `,
  // v5: the pass history behind `optima-sync status`, the status bar and the Activity view. Each run says what
  // started it and carries the figures the views chart (copied from counts_json for older runs); alerts_sent
  // remembers the consultant alerts raised and not cleared yet, so each condition is e-mailed once. Touches only
  // the runs table and its own new table.
  `
  ALTER TABLE runs ADD COLUMN triggered_by TEXT;
  ALTER TABLE runs ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN emails_sent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
  UPDATE runs SET
    imported = COALESCE(json_extract(counts_json, '$.imported'), 0),
    emails_sent = COALESCE(json_extract(counts_json, '$.emailsSent'), 0),
    failed = COALESCE((SELECT SUM(j.value) FROM json_each(runs.counts_json) j WHERE j.key LIKE '%.failed'), 0),
    uncertain = COALESCE((SELECT SUM(j.value) FROM json_each(runs.counts_json) j WHERE j.key LIKE '%.uncertain'), 0)
    WHERE json_valid(counts_json);
  CREATE INDEX runs_started ON runs (started_at);
  CREATE INDEX runs_succeeded ON runs (finished_at) WHERE result = 'ok';
  CREATE TABLE alerts_sent (
    condition TEXT PRIMARY KEY,
    sent_at TEXT NOT NULL,
    detail TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // v6: the state 'uncertain': a side effect whose request (or message) went out and whose answer was lost, the
  // same decision a crash leaves to the consultant. It is live (not settled) and needs attention, so the two
  // partial indexes take it in. Widening a CHECK changes no stored row, so the table's declaration is edited in
  // place (SQLite's documented writable_schema procedure) instead of copying every action row.
  (db) => {
    const version = Number(db.exec('PRAGMA schema_version')[0]?.values[0]?.[0] ?? 0);
    db.exec('PRAGMA writable_schema = ON');
    db.run("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'actions'", [
      "IN ('pending', 'done', 'failed', 'reset')",
      "IN ('pending', 'done', 'failed', 'reset', 'uncertain')",
    ]);
    db.exec(`PRAGMA schema_version = ${version + 1}`);
    db.exec('PRAGMA writable_schema = OFF');
    db.exec(`
      DROP INDEX actions_live;
      CREATE INDEX actions_live ON actions (kind, order_id) WHERE state IN ('pending', 'failed', 'uncertain') OR (state IS NULL AND updated_ms IS NOT NULL);
      DROP INDEX actions_attention;
      CREATE INDEX actions_attention ON actions (state, order_id) WHERE state IN ('pending', 'failed', 'uncertain');
    `);
  },
  // v7: live vs archive. sql.js holds this database in memory, so it keeps the live work: settled orders older
  // than ORDER_DETAILS_DAYS move to month archive files (state/archive), their audit rows with them. The key of
  // every archived order stays here with its month (archived_orders), so the shop listing it again never makes
  // it new, and each month's counts (archive_months) answer the views and `optima-sync state` without opening a
  // file; newest_fetched_ms bounds a reset's mark as the live orders' fetch times do. The sandbox ERP's tables
  // (sandbox_*) move to their own file at this upgrade (state/companion.ts).
  `
  CREATE TABLE archived_orders (
    platform TEXT NOT NULL,
    shop_order_id TEXT NOT NULL,
    month INTEGER NOT NULL,
    PRIMARY KEY (platform, shop_order_id)
  ) WITHOUT ROWID;
  CREATE TABLE archive_months (
    month INTEGER PRIMARY KEY,
    orders INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    reset INTEGER NOT NULL DEFAULT 0,
    audit INTEGER NOT NULL DEFAULT 0,
    newest_fetched_ms INTEGER
  );
  `,
  // v8: KSeF. The sales document's state in KSeF as the pass last asked the ERP (status, number, acceptance,
  // the ERP's reason for a rejection, the FA(3) hash when known) and the actions the pass holds for it
  // (ksef_held: a bit per ACTION_KIND_CODES, since ksef_held_ms). Added columns cost no row rewrite; the two
  // partial indexes find the held and the rejected documents for the alerts without a scan.
  `
  ALTER TABLE erp_documents ADD COLUMN ksef_status TEXT;
  ALTER TABLE erp_documents ADD COLUMN ksef_number TEXT;
  ALTER TABLE erp_documents ADD COLUMN ksef_accepted_ms INTEGER;
  ALTER TABLE erp_documents ADD COLUMN ksef_reason TEXT;
  ALTER TABLE erp_documents ADD COLUMN ksef_hash TEXT;
  ALTER TABLE erp_documents ADD COLUMN ksef_held INTEGER;
  ALTER TABLE erp_documents ADD COLUMN ksef_held_ms INTEGER;
  CREATE INDEX erp_documents_ksef_held ON erp_documents (ksef_held_ms) WHERE ksef_held IS NOT NULL;
  CREATE INDEX erp_documents_ksef_rejected ON erp_documents (order_id) WHERE ksef_status = 'rejected';
  `,
];
