// Writes test/fixtures/state/v1.sqlite: a state database as the first release (schema v1) left it, with a
// foreign table of another module. Run once: npx tsx test/support/make-state-v1-fixture.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../src/core/state/migrations';
import { loadSqlJs } from '../../src/core/state/sqljs';
import { sampleOrder } from './seed-state';

async function main(): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(MIGRATIONS[0] as string);
  db.exec('PRAGMA user_version = 1');
  for (let i = 1; i <= 3; i++) {
    const order = sampleOrder(i);
    db.run(
      'INSERT INTO orders (platform, shop_order_id, number, customer_email, shop_created_at, fetched_at, shop_status, order_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        order.platform,
        order.id,
        order.number,
        order.buyer.email,
        order.createdAt,
        `2025-12-0${i}T10:00:00.000Z`,
        order.status,
        JSON.stringify(order),
      ],
    );
  }
  db.run(
    "INSERT INTO actions (order_id, kind, state, updated_at, last_error) VALUES (1, 'email-after-import', 'done', '2025-12-01T10:05:00.000Z', NULL)",
  );
  db.run(
    "INSERT INTO actions (order_id, kind, state, updated_at, last_error) VALUES (2, 'status-after-import', 'failed', '2025-12-02T10:05:00.000Z', 'HTTP 503')",
  );
  db.run(
    "INSERT INTO actions (order_id, kind, state, updated_at, last_error) VALUES (3, 'pdf-to-shop', 'reset', '2025-12-03T10:05:00.000Z', NULL)",
  );
  db.run("INSERT INTO meta (key, value) VALUES ('prestashop.cursor', '2025-12-03T10:00:00Z')");
  db.exec(
    "CREATE TABLE sandbox_documents (id INTEGER PRIMARY KEY, number TEXT); INSERT INTO sandbox_documents (number) VALUES ('RO/1/2025')",
  );
  const target = path.join(__dirname, '..', 'fixtures', 'state', 'v1.sqlite');
  writeFileSync(target, db.export());
  process.stdout.write(`wrote ${target}\n`);
}

void main();
