// A schema-5 or -6 state file with a history, as the versions before the archive left it: every order in the one
// file, the settled ones older than the details window kept as summaries (their outcome texts dropped), the
// sandbox ERP's tables beside ours, old audit rows. Written straight with SQL (the store of today writes v7), for
// the upgrade tests, the crash loop over the upgrade and the bench.
import { writeFileSync } from 'node:fs';
import { ACTION_KIND_CODES, DAY_MS, ERP_STAGE, migrate } from '../../src/core/state/schema';
import { encodeOrder, encodeOrderSummary } from '../../src/core/state/payload';
import { loadSqlJs } from '../../src/core/state/sqljs';
import { sampleOrder } from './seed-state';

export interface OldHistory {
  /** 5 or 6 (the versions before the archive). */
  schema: 5 | 6;
  orders: number;
  /** The first order's fetch time; the others follow, evenly spread up to `lastFetchedAt`. */
  firstFetchedAt: Date;
  lastFetchedAt: Date;
  /** Orders fetched before this are settled and kept as summaries (the details window of the old version). */
  summarizedBefore: Date;
  /** Sandbox ERP documents (one per order, from the first). */
  sandboxDocuments?: number;
  /** Audit rows, one a day back from `lastFetchedAt`. */
  auditRows?: number;
}

/**
 * Order i: realized in the ERP; its import actions done (order i % 50 === 7 has its e-mail failed for good: never
 * settled), the realization actions never attempted (not enabled), and every pdf-to-shop covered by one reset mark.
 */
export async function writeOldStateFile(file: string, history: OldHistory): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  migrate(db, history.schema);
  const first = history.firstFetchedAt.getTime();
  const spacing = history.orders > 1 ? (history.lastFetchedAt.getTime() - first) / (history.orders - 1) : 0;
  const insertOrder = db.prepare(
    'INSERT INTO orders (id, platform, shop_order_id, number, fetched_ms, shop_status, erp_stage) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDetails = db.prepare('INSERT INTO order_details (order_id, payload) VALUES (?, ?)');
  const insertSummary = db.prepare('INSERT INTO order_summaries (order_id, summary) VALUES (?, ?)');
  const insertDocument =
    db.prepare(`INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_day, total_gross, recorded_ms, sales_kind, sales_sale_day, sales_total_net, realized_ms)
    VALUES (?, 'FS', ?, ?, ?, 9497, ?, 'FS', ?, 7721, ?)`);
  const insertAction = db.prepare(
    'INSERT INTO actions (order_id, kind, fetched_ms, state, updated_ms, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDetail = db.prepare('INSERT INTO action_details (order_id, kind, detail) VALUES (?, ?, ?)');
  try {
    for (let start = 0; start < history.orders; start += 5000) {
      db.exec('BEGIN');
      for (let i = start; i < Math.min(history.orders, start + 5000); i++) {
        const id = i + 1;
        const order = sampleOrder(i);
        const fetchedMs = Math.round(first + i * spacing);
        const day = Math.floor(fetchedMs / DAY_MS);
        const failed = i % 50 === 7;
        const summarized = fetchedMs < history.summarizedBefore.getTime() && !failed;
        insertOrder.run([id, order.platform, order.id, order.number, fetchedMs, order.status, ERP_STAGE.realized]);
        (summarized ? insertSummary : insertDetails).run([id, summarized ? encodeOrderSummary(order) : encodeOrder(order)]);
        insertDocument.run([id, `FS/${id}/2026`, String(id), day, fetchedMs, day, fetchedMs]);
        for (const [kind, code] of Object.entries(ACTION_KIND_CODES)) {
          const imported = kind === 'status-after-import' || kind === 'email-after-import';
          const state = !imported ? null : failed && kind === 'email-after-import' ? 'failed' : 'done';
          insertAction.run([
            id,
            code,
            fetchedMs,
            state,
            state ? fetchedMs + 60_000 : null,
            state ? (state === 'failed' ? 5 : 1) : 0,
            state === 'failed' ? 'SMTP 550 mailbox unavailable' : null,
          ]);
          if (state === 'done' && !summarized)
            insertDetail.run([id, code, `e-mail sent to ${order.buyer.email}, message id <${id}@optima-sync.example.pl>`]);
        }
      }
      db.exec('COMMIT');
    }
  } finally {
    for (const statement of [insertOrder, insertDetails, insertSummary, insertDocument, insertAction, insertDetail]) statement.free();
  }
  db.run("INSERT INTO reset_marks (kind, cutoff_ms, at) VALUES (?, ?, '2026-01-01T00:00:00.000Z')", [
    ACTION_KIND_CODES['pdf-to-shop'],
    history.lastFetchedAt.getTime(),
  ]);
  db.exec(
    'INSERT INTO fresh_counts (kind, day, n) SELECT kind, fetched_ms / 86400000, COUNT(*) FROM actions WHERE state IS NULL AND updated_ms IS NULL GROUP BY 1, 2',
  );
  db.run("INSERT INTO meta (key, value) VALUES ('prestashop.cursor', '2026-11-01T00:00:00Z')");
  db.run("INSERT INTO pruned_orders (platform, shop_order_id, pruned_at) VALUES ('prestashop', '1', '2026-01-01T00:00:00.000Z')");
  // Oldest first, as they were written.
  for (let i = (history.auditRows ?? 0) - 1; i >= 0; i--) {
    db.run("INSERT INTO audit (at, user, kind, detail_json) VALUES (?, 'anna', 'reset', ?)", [
      new Date(history.lastFetchedAt.getTime() - i * DAY_MS).toISOString(),
      JSON.stringify({ n: i }),
    ]);
  }
  if (history.sandboxDocuments) {
    // The sandbox ERP's tables as it kept them in the state file (its schema 1, abridged to what is checked).
    db.exec(`CREATE TABLE sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO sandbox_meta VALUES ('schema_version', '1');
      CREATE TABLE sandbox_documents (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, shop_order_id TEXT NOT NULL);
      CREATE INDEX sandbox_documents_order ON sandbox_documents (shop_order_id);`);
    for (let i = 0; i < history.sandboxDocuments; i++)
      db.run('INSERT INTO sandbox_documents (number, shop_order_id) VALUES (?, ?)', [`FS/${i + 1}/2026`, sampleOrder(i).id]);
  }
  writeFileSync(file, db.export());
  db.close();
}
