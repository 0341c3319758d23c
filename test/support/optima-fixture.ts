// Builds the SQLite copy of an Optima company database for the adapter's tests: the tables of
// test/fixtures/optima/schema.sql in a database attached as CDN, filled from fixtures.sql (or not).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { OptimaSettings } from '../../src/core/erp/optima/connection';
import type { ShopOrder } from '../../src/core/model/order';
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

export const SELLER = {
  name: 'Sklep Testowy Sp. z o.o.',
  taxId: '5260250274',
  street: 'ul. Prosta 1',
  postcode: '00-001',
  city: 'Warszawa',
  bankAccount: '',
};

export function optimaSettings(overrides: Partial<OptimaSettings> = {}): OptimaSettings {
  return {
    server: 'optima-srv',
    port: 1433,
    database: 'CDN_Test',
    user: 'optima_sync_ro',
    encrypt: true,
    trustServerCertificate: false,
    match: { by: 'externalNumber', pattern: '{number}' },
    documents: {
      buffer: false,
      priceMode: 'gross',
      definitions: { RO: 'RO', PF: 'FPF', FS: 'FS', PA: 'PA' },
      series: '',
      paymentMethods: {},
      defaultPaymentMethod: 'przelew',
      shippingItem: 'TRANSPORT',
      oneOffBuyer: 'never',
    },
    ...overrides,
  } as OptimaSettings;
}

export function order(number: string, id = `id-${number}`): ShopOrder {
  const address = { name: 'Jan Kowalski', street: 'ul. Długa 1', postcode: '00-950', city: 'Warszawa', country: 'PL' };
  return {
    platform: 'demo',
    id,
    number,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    status: 'new',
    currency: 'PLN',
    buyer: { name: 'Jan Kowalski', email: 'jan@example.pl' },
    billingAddress: address,
    shippingAddress: address,
    lines: [],
    totalGross: 12300,
  };
}
