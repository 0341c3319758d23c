// Row-level access to the sandbox tables: documents, lines, contractors and numbering counters. All
// functions are synchronous (sql.js) and run inside the caller's transaction.
import type { Database, SqlValue } from 'sql.js';
import type { ErpDocumentKind, ImportMode } from '../gateway';
import type { Grosze } from '../../model/money';

export interface PartySnapshot {
  name: string;
  company?: string;
  taxId?: string;
  email?: string;
  phone?: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
}

export interface DocumentRow {
  id: number;
  kind: ErpDocumentKind;
  number: string;
  seriesYear: number;
  seriesNumber: number;
  platform: string;
  shopOrderId: string;
  shopOrderNumber: string;
  importMode?: ImportMode;
  sourceId?: number;
  realizedById?: number;
  contractorId: number;
  buyer: PartySnapshot;
  recipient?: PartySnapshot;
  issueDate: string;
  saleDate: string;
  paymentMethod: string;
  currency: string;
  totalNet: Grosze;
  totalVat: Grosze;
  totalGross: Grosze;
  createdAt: string;
}

export interface LineRow {
  position: number;
  name: string;
  sku?: string;
  quantity: number;
  unit: string;
  unitGross: Grosze;
  vatRate: number | null;
  isShipping: boolean;
}

/** A contractor card: the party's data as first seen, with its card id and code. */
export interface ContractorRow extends PartySnapshot {
  id: number;
  code: string;
}

type Row = Record<string, SqlValue>;

export function queryRows(database: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = database.prepare(sql);
  try {
    statement.bind(params);
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.getAsObject() as Row);
    return rows;
  } finally {
    statement.free();
  }
}

function optional(value: SqlValue): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : String(value);
}

function optionalNumber(value: SqlValue): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function toDocument(row: Row): DocumentRow {
  return {
    id: Number(row.id),
    kind: String(row.kind) as ErpDocumentKind,
    number: String(row.number),
    seriesYear: Number(row.series_year),
    seriesNumber: Number(row.series_number),
    platform: String(row.platform),
    shopOrderId: String(row.shop_order_id),
    shopOrderNumber: String(row.shop_order_number),
    importMode: optional(row.import_mode) as ImportMode | undefined,
    sourceId: optionalNumber(row.source_id),
    realizedById: optionalNumber(row.realized_by_id),
    contractorId: Number(row.contractor_id),
    buyer: JSON.parse(String(row.buyer_json)) as PartySnapshot,
    recipient: row.recipient_json ? (JSON.parse(String(row.recipient_json)) as PartySnapshot) : undefined,
    issueDate: String(row.issue_date),
    saleDate: String(row.sale_date),
    paymentMethod: String(row.payment_method),
    currency: String(row.currency),
    totalNet: Number(row.total_net),
    totalVat: Number(row.total_vat),
    totalGross: Number(row.total_gross),
    createdAt: String(row.created_at),
  };
}

export function documentById(database: Database, id: number): DocumentRow | undefined {
  const row = queryRows(database, 'SELECT * FROM sandbox_documents WHERE id = ?', [id])[0];
  return row ? toDocument(row) : undefined;
}

export function documentByNumber(database: Database, number: string): DocumentRow | undefined {
  const row = queryRows(database, 'SELECT * FROM sandbox_documents WHERE number = ?', [number])[0];
  return row ? toDocument(row) : undefined;
}

/** A document by its number ("FS/3/2026") or sandbox id. */
export function documentByReference(database: Database, reference: string): DocumentRow | undefined {
  return documentByNumber(database, reference) ?? (/^\d+$/.test(reference) ? documentById(database, Number(reference)) : undefined);
}

/** The document an order was imported as (not the FS/PA made by realizing it). */
export function importedDocument(database: Database, platform: string, shopOrderId: string): DocumentRow | undefined {
  const row = queryRows(database, 'SELECT * FROM sandbox_documents WHERE platform = ? AND shop_order_id = ? AND source_id IS NULL', [
    platform,
    shopOrderId,
  ])[0];
  return row ? toDocument(row) : undefined;
}

export function allDocuments(database: Database): DocumentRow[] {
  return queryRows(database, 'SELECT * FROM sandbox_documents ORDER BY id').map(toDocument);
}

/** Imported documents whose shop order id, shop order number or own number is the reference. */
export function importedDocumentsMatching(database: Database, reference: string): DocumentRow[] {
  return queryRows(
    database,
    `SELECT * FROM sandbox_documents WHERE source_id IS NULL AND (shop_order_id = ?1 OR shop_order_number = ?1 OR number = ?1
       OR id = (SELECT source_id FROM sandbox_documents WHERE number = ?1))
     ORDER BY id`,
    [reference],
  ).map(toDocument);
}

export function insertDocument(database: Database, document: Omit<DocumentRow, 'id'>): number {
  database.run(
    `INSERT INTO sandbox_documents (kind, number, series_year, series_number, platform, shop_order_id, shop_order_number, import_mode,
       source_id, realized_by_id, contractor_id, buyer_json, recipient_json, issue_date, sale_date, payment_method, currency,
       total_net, total_vat, total_gross, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      document.kind,
      document.number,
      document.seriesYear,
      document.seriesNumber,
      document.platform,
      document.shopOrderId,
      document.shopOrderNumber,
      document.importMode ?? null,
      document.sourceId ?? null,
      document.realizedById ?? null,
      document.contractorId,
      JSON.stringify(document.buyer),
      document.recipient ? JSON.stringify(document.recipient) : null,
      document.issueDate,
      document.saleDate,
      document.paymentMethod,
      document.currency,
      document.totalNet,
      document.totalVat,
      document.totalGross,
      document.createdAt,
    ],
  );
  return Number(database.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
}

export function setRealizedBy(database: Database, id: number, realizedById: number): void {
  database.run('UPDATE sandbox_documents SET realized_by_id = ? WHERE id = ?', [realizedById, id]);
}

export function linesOf(database: Database, documentId: number): LineRow[] {
  return queryRows(database, 'SELECT * FROM sandbox_lines WHERE document_id = ? ORDER BY position', [documentId]).map((row) => ({
    position: Number(row.position),
    name: String(row.name),
    sku: optional(row.sku),
    quantity: Number(row.quantity),
    unit: String(row.unit),
    unitGross: Number(row.unit_gross),
    vatRate: row.vat_rate === null ? null : Number(row.vat_rate),
    isShipping: Number(row.is_shipping) === 1,
  }));
}

export function insertLines(database: Database, documentId: number, lines: readonly LineRow[]): void {
  const statement = database.prepare(
    'INSERT INTO sandbox_lines (document_id, position, name, sku, quantity, unit, unit_gross, vat_rate, is_shipping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  try {
    for (const line of lines) {
      statement.run([
        documentId,
        line.position,
        line.name,
        line.sku ?? null,
        line.quantity,
        line.unit,
        line.unitGross,
        line.vatRate,
        line.isShipping ? 1 : 0,
      ]);
    }
  } finally {
    statement.free();
  }
}

function toContractor(row: Row): ContractorRow {
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    company: optional(row.company),
    taxId: optional(row.tax_id),
    email: optional(row.email),
    phone: optional(row.phone),
    street: String(row.street),
    postcode: String(row.postcode),
    city: String(row.city),
    country: String(row.country),
  };
}

export function contractorById(database: Database, id: number): ContractorRow | undefined {
  const row = queryRows(database, 'SELECT * FROM sandbox_contractors WHERE id = ?', [id])[0];
  return row ? toContractor(row) : undefined;
}

export function contractorsWhere(database: Database, column: 'tax_id' | 'email', value: string): ContractorRow[] {
  return queryRows(database, `SELECT * FROM sandbox_contractors WHERE ${column} = ? ORDER BY id`, [value]).map(toContractor);
}

export function insertContractor(database: Database, contractor: Omit<ContractorRow, 'id' | 'code'>, createdAt: string): ContractorRow {
  const id = Number(database.exec('SELECT COALESCE(MAX(id), 0) + 1 FROM sandbox_contractors')[0]!.values[0]![0]);
  // Like Optima's akronim: a short unique code of the card.
  const code = `KH/${String(id).padStart(5, '0')}`;
  database.run(
    `INSERT INTO sandbox_contractors (id, code, name, company, tax_id, email, phone, street, postcode, city, country, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      code,
      contractor.name,
      contractor.company ?? null,
      contractor.taxId ?? null,
      contractor.email ?? null,
      contractor.phone ?? null,
      contractor.street,
      contractor.postcode,
      contractor.city,
      contractor.country,
      createdAt,
    ],
  );
  return { id, code, ...contractor };
}

export function setContractorTaxId(database: Database, id: number, taxId: string): void {
  database.run('UPDATE sandbox_contractors SET tax_id = ? WHERE id = ?', [taxId, id]);
}

/** The next number of a series (kind, year), recorded as issued: the caller's transaction makes it final. */
export function takeNextNumber(database: Database, kind: ErpDocumentKind, year: number): number {
  database.run(
    `INSERT INTO sandbox_counters (kind, year, last_number) VALUES (?, ?, 1)
     ON CONFLICT (kind, year) DO UPDATE SET last_number = last_number + 1`,
    [kind, year],
  );
  return Number(queryRows(database, 'SELECT last_number FROM sandbox_counters WHERE kind = ? AND year = ?', [kind, year])[0]!.last_number);
}

/** Runs fn in a savepoint: everything it wrote is kept, or (on an exception) none of it. */
export function inTransaction<T>(database: Database, fn: () => T): T {
  database.exec('SAVEPOINT sandbox_tx');
  try {
    const result = fn();
    database.exec('RELEASE sandbox_tx');
    return result;
  } catch (error) {
    database.exec('ROLLBACK TO sandbox_tx');
    database.exec('RELEASE sandbox_tx');
    throw error;
  }
}
