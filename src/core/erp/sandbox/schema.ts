// The sandbox ERP's own tables in the deployment's state database. Every name starts with sandbox_; the
// sandbox never reads or writes another table. Versioned by its own row in sandbox_meta.
import type { Database } from 'sql.js';
import { t } from '../../l10n';

export const SANDBOX_SCHEMA_VERSION = 2;

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS sandbox_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- One numbering series per document kind and calendar year: last_number is the last number issued.
CREATE TABLE IF NOT EXISTS sandbox_counters (
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (kind, year)
);
-- Contractor cards (Optima's "kontrahenci"), matched by tax id, then e-mail.
CREATE TABLE IF NOT EXISTS sandbox_contractors (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  company TEXT,
  tax_id TEXT,
  email TEXT,
  phone TEXT,
  street TEXT NOT NULL,
  postcode TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sandbox_contractors_tax_id ON sandbox_contractors (tax_id);
CREATE INDEX IF NOT EXISTS sandbox_contractors_email ON sandbox_contractors (email);
CREATE TABLE IF NOT EXISTS sandbox_documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('RO', 'PF', 'FS', 'PA')),
  number TEXT NOT NULL UNIQUE,
  series_year INTEGER NOT NULL,
  series_number INTEGER NOT NULL,
  platform TEXT NOT NULL,
  shop_order_id TEXT NOT NULL,
  shop_order_number TEXT NOT NULL,
  -- The mode the order was imported with; NULL for an FS/PA made by realizing an RO/PF.
  import_mode TEXT,
  -- FS/PA made by realization: the RO/PF it realized.
  source_id INTEGER REFERENCES sandbox_documents (id),
  -- RO/PF: the FS/PA that realized it.
  realized_by_id INTEGER REFERENCES sandbox_documents (id),
  contractor_id INTEGER NOT NULL REFERENCES sandbox_contractors (id),
  buyer_json TEXT NOT NULL,
  recipient_json TEXT,
  issue_date TEXT NOT NULL,
  sale_date TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_net INTEGER NOT NULL,
  total_vat INTEGER NOT NULL,
  total_gross INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (kind, series_year, series_number)
);
-- Idempotent import: one imported document per shop order.
CREATE UNIQUE INDEX IF NOT EXISTS sandbox_documents_order ON sandbox_documents (platform, shop_order_id) WHERE source_id IS NULL;
-- An RO/PF is realized at most once.
CREATE UNIQUE INDEX IF NOT EXISTS sandbox_documents_source ON sandbox_documents (source_id) WHERE source_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sandbox_documents_order_number ON sandbox_documents (shop_order_number);
CREATE TABLE IF NOT EXISTS sandbox_lines (
  document_id INTEGER NOT NULL REFERENCES sandbox_documents (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sku TEXT,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  unit_gross INTEGER NOT NULL,
  vat_rate INTEGER,
  is_shipping INTEGER NOT NULL,
  PRIMARY KEY (document_id, position)
);
`;

// v2: KSeF. Each FS issued while erp.ksef is on is "sent" to the sandbox's KSeF: its FA(3) XML (the exact bytes
// hashed for the KOD I link) and its state there, pending until accepted (a KSeF number) or rejected (a reason).
const SCHEMA_V2 = `
CREATE TABLE IF NOT EXISTS sandbox_ksef (
  document_id INTEGER PRIMARY KEY REFERENCES sandbox_documents (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  submitted_at TEXT NOT NULL,
  number TEXT,
  accepted_at TEXT,
  reason TEXT,
  fa3_xml BLOB NOT NULL,
  fa3_sha256 TEXT NOT NULL
);
`;

export class NewerSandboxSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      t(
        'The sandbox ERP tables were written by a newer version (schema {0}, this version knows {1}). Update Optima Order Sync.',
        found,
        SANDBOX_SCHEMA_VERSION,
      ),
    );
  }
}

export function sandboxSchemaVersion(database: Database): number {
  const exists = database.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sandbox_meta'").length > 0;
  if (!exists) return 0;
  const value = database.exec("SELECT value FROM sandbox_meta WHERE key = 'schema_version'")[0]?.values[0]?.[0];
  return value === undefined || value === null ? 0 : Number(value);
}

/** Creates or upgrades the sandbox tables; true when anything changed (the caller saves). */
export function migrateSandbox(database: Database): boolean {
  const version = sandboxSchemaVersion(database);
  if (version > SANDBOX_SCHEMA_VERSION) throw new NewerSandboxSchemaError(version);
  if (version === SANDBOX_SCHEMA_VERSION) return false;
  database.exec('SAVEPOINT sandbox_migrate');
  try {
    if (version < 1) database.exec(SCHEMA_V1);
    database.exec(SCHEMA_V2);
    database.run("INSERT OR REPLACE INTO sandbox_meta (key, value) VALUES ('schema_version', ?)", [String(SANDBOX_SCHEMA_VERSION)]);
    database.exec('RELEASE sandbox_migrate');
  } catch (error) {
    database.exec('ROLLBACK TO sandbox_migrate');
    database.exec('RELEASE sandbox_migrate');
    throw error;
  }
  return true;
}
