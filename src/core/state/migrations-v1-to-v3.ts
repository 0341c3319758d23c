// The first three released steps of the state database's schema (v1–v3), apart so migrations.ts stays short.
// Never edit a released step: add one in migrations.ts.

/** MIGRATIONS[0..2]: SQL text only, spread at the head of MIGRATIONS (migrations.ts). */
export const MIGRATIONS_V1_TO_V3: readonly string[] = [
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
  // v3: state that scales with the work, not the history. Times of actions as integer milliseconds (a third of
  // the text's size, in every row and index). A reset is a mark per action kind (reset_marks) that covers the
  // never-attempted rows fetched up to its cutoff, instead of an UPDATE of every such row; the rows that did
  // something (pending, failed, retried) are few and indexed apart (actions_live). orders.erp_stage (0 nothing
  // in the ERP, 1 a document waiting for realization, 2 realized) lets planning find waiting orders by index.
  // pruned_orders keeps the key of every pruned order, so a shop listing it again does not make it new.
  // fresh_counts (kept by triggers) counts the never-attempted rows per action kind and UTC day of fetch, so a
  // reset counts what its mark covers by summing days instead of walking every row.
  `
  CREATE TABLE actions_v3 (
    order_id INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    fetched_ms INTEGER NOT NULL,
    state TEXT CHECK (state IS NULL OR state IN ('pending', 'done', 'failed', 'reset')),
    updated_ms INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    detail TEXT,
    run_id INTEGER,
    PRIMARY KEY (order_id, kind)
  ) WITHOUT ROWID;
  INSERT INTO actions_v3 (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error, detail, run_id)
    SELECT order_id, kind, CAST(round(unixepoch(fetched_at, 'subsec') * 1000) AS INTEGER), state,
      CASE WHEN updated_at IS NULL THEN NULL ELSE CAST(round(unixepoch(updated_at, 'subsec') * 1000) AS INTEGER) END,
      attempts, last_error, detail, run_id
    FROM actions;
  DROP TABLE actions;
  ALTER TABLE actions_v3 RENAME TO actions;
  CREATE INDEX actions_fresh ON actions (kind, fetched_ms) WHERE state IS NULL AND updated_ms IS NULL;
  CREATE INDEX actions_live ON actions (kind, order_id) WHERE state IN ('pending', 'failed') OR (state IS NULL AND updated_ms IS NOT NULL);
  CREATE INDEX actions_attention ON actions (state, order_id) WHERE state IN ('pending', 'failed');
  CREATE TABLE reset_marks (
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    cutoff_ms INTEGER NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX reset_marks_kind ON reset_marks (kind, cutoff_ms);
  ALTER TABLE orders ADD COLUMN erp_stage INTEGER NOT NULL DEFAULT 0;
  UPDATE orders SET erp_stage = CASE
    WHEN EXISTS (SELECT 1 FROM erp_documents e WHERE e.order_id = orders.id AND e.sales_number IS NOT NULL) THEN 2
    WHEN EXISTS (SELECT 1 FROM erp_documents e WHERE e.order_id = orders.id) THEN 1 ELSE 0 END;
  CREATE INDEX orders_erp_waiting ON orders (erp_stage, platform) WHERE erp_stage < 2;
  CREATE TABLE pruned_orders (
    platform TEXT NOT NULL,
    shop_order_id TEXT NOT NULL,
    pruned_at TEXT NOT NULL,
    PRIMARY KEY (platform, shop_order_id)
  ) WITHOUT ROWID;
  CREATE TABLE fresh_counts (
    kind INTEGER NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, day)
  ) WITHOUT ROWID;
  INSERT INTO fresh_counts (kind, day, n)
    SELECT kind, fetched_ms / 86400000, COUNT(*) FROM actions WHERE state IS NULL AND updated_ms IS NULL GROUP BY 1, 2;
  CREATE TRIGGER fresh_counts_insert AFTER INSERT ON actions WHEN NEW.state IS NULL AND NEW.updated_ms IS NULL
  BEGIN UPDATE fresh_counts SET n = n + 1 WHERE kind = NEW.kind AND day = NEW.fetched_ms / 86400000; END;
  CREATE TRIGGER fresh_counts_delete AFTER DELETE ON actions WHEN OLD.state IS NULL AND OLD.updated_ms IS NULL
  BEGIN UPDATE fresh_counts SET n = n - 1 WHERE kind = OLD.kind AND day = OLD.fetched_ms / 86400000; END;
  CREATE TRIGGER fresh_counts_update AFTER UPDATE ON actions
  BEGIN
    UPDATE fresh_counts SET n = n - 1 WHERE OLD.state IS NULL AND OLD.updated_ms IS NULL AND kind = OLD.kind AND day = OLD.fetched_ms / 86400000;
    UPDATE fresh_counts SET n = n + 1 WHERE NEW.state IS NULL AND NEW.updated_ms IS NULL AND kind = NEW.kind AND day = NEW.fetched_ms / 86400000;
  END;
  `,
];
