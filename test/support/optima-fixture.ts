// Builds the SQLite copy of an Optima company database for the adapter's tests: the tables of
// test/fixtures/optima/schema.sql in a database attached as CDN, filled from fixtures.sql (or not).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../src/core/state/sqljs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'optima');

export async function optimaFixtureDatabase(options: { withData?: boolean; schema?: string } = {}): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run("ATTACH DATABASE ':memory:' AS CDN");
  db.exec(options.schema ?? readFileSync(path.join(FIXTURES, 'schema.sql'), 'utf8'));
  if (options.withData !== false) db.exec(readFileSync(path.join(FIXTURES, 'fixtures.sql'), 'utf8'));
  return db;
}

export function optimaSchemaText(): string {
  return readFileSync(path.join(FIXTURES, 'schema.sql'), 'utf8');
}
