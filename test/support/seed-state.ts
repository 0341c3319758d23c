// Seeds a deployment's state database with N realistic orders (and optionally action states), through the
// store's own API. Used by the state tests, the bench and the in-VS Code tests.
import { ACTION_KINDS, type ActionKind, type ActionState } from '../../src/core/model/actions';
import type { ShopOrder } from '../../src/core/model/order';
import type { SqlStateStore } from '../../src/core/state';
import { ACTION_KIND_CODES } from '../../src/core/state/schema';

export function sampleOrder(index: number, overrides: Partial<ShopOrder> = {}): ShopOrder {
  const id = String(100000 + index);
  const address = {
    name: `Jan Kowalski ${index}`,
    street: `ul. Długa ${index % 200}`,
    postcode: '00-950',
    city: 'Warszawa',
    country: 'PL',
    phone: '+48 600 100 200',
  };
  return {
    platform: 'prestashop',
    id,
    number: `ZAM${id}`,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    status: '2',
    statusName: 'Płatność zaakceptowana',
    currency: 'PLN',
    paymentMethod: 'Przelewy24',
    shippingMethod: 'InPost Paczkomaty',
    buyer: { name: address.name, email: `klient${index}@example.pl`, phone: address.phone },
    billingAddress: address,
    shippingAddress: address,
    lines: [
      {
        name: 'Kubek ceramiczny „Żółw”',
        sku: `KUB-${index % 50}`,
        quantity: 2,
        unit: 'szt.',
        unitGross: 3999,
        vatRate: 23,
        isShipping: false,
      },
      { name: 'Dostawa', quantity: 1, unit: 'szt.', unitGross: 1499, vatRate: 23, isShipping: true },
    ],
    totalGross: 9497,
    ...overrides,
  };
}

export interface SeedOptions {
  /** First order's fetch time; the next ones follow every `spacingMs`. */
  firstFetchedAt?: Date;
  spacingMs?: number;
  /** Sets action states per order (index → kind → state); undefined leaves the action not attempted. */
  actionState?: (index: number, kind: ActionKind) => ActionState | undefined;
  platform?: ShopOrder['platform'];
  startIndex?: number;
}

/** What a pass records for a done action, as long as the real one (an e-mail's message id, the PDF's name). */
function doneDetail(kind: ActionKind, order: ShopOrder, index: number): string {
  const messageId = `<${((index * 2654435761) >>> 0).toString(16).padStart(8, '0')}-5c1e-4b7a-9d2f-${String(index).padStart(12, '0')}@optima-sync.example.pl>`;
  switch (kind) {
    case 'status-after-import':
      return 'shop status set to processing';
    case 'status-after-realization':
      return 'shop status set to completed';
    case 'email-after-import':
      return `e-mail sent to ${order.buyer.email}, message id ${messageId}`;
    case 'email-after-realization':
      return `e-mail sent to ${order.buyer.email} with FS_${index}_2026.pdf, message id ${messageId}`;
    case 'pdf-to-shop':
      return `FS_${index}_2026.pdf uploaded to the shop`;
  }
}

/** Inserts `count` orders in one transaction and saves once. Returns the shop order ids. */
export async function seedOrders(store: SqlStateStore, count: number, options: SeedOptions = {}): Promise<string[]> {
  const first = (options.firstFetchedAt ?? new Date('2026-01-01T00:00:00.000Z')).getTime();
  const spacing = options.spacingMs ?? 60_000;
  const ids: string[] = [];
  // Straight into the table (the store records states one saved action at a time, too slow for 100k orders).
  const setState = store.database.prepare(
    `UPDATE actions SET state = ?, updated_ms = ?, attempts = 1, last_error = ?
     WHERE kind = ? AND order_id = (SELECT id FROM orders WHERE platform = ? AND shop_order_id = ?)`,
  );
  const setDetail = store.database.prepare(
    'INSERT INTO action_details (order_id, kind, detail) SELECT id, ?, ? FROM orders WHERE platform = ? AND shop_order_id = ?',
  );
  store.database.exec('BEGIN');
  try {
    for (let i = 0; i < count; i++) {
      const index = (options.startIndex ?? 0) + i;
      const order = sampleOrder(index, options.platform ? { platform: options.platform } : {});
      const fetchedAt = new Date(first + i * spacing);
      store.upsertOrder(order, fetchedAt);
      ids.push(order.id);
      if (!options.actionState) continue;
      for (const kind of ACTION_KINDS) {
        const state = options.actionState(index, kind);
        if (!state) continue;
        setState.run([
          state,
          fetchedAt.getTime(),
          state === 'failed' ? 'SMTP 550 mailbox unavailable' : null,
          ACTION_KIND_CODES[kind],
          order.platform,
          order.id,
        ]);
        if (state === 'done') setDetail.run([ACTION_KIND_CODES[kind], doneDetail(kind, order, index), order.platform, order.id]);
      }
    }
    store.database.exec('COMMIT');
  } catch (error) {
    store.database.exec('ROLLBACK');
    throw error;
  } finally {
    setState.free();
    setDetail.free();
  }
  await store.saveNow();
  return ids;
}

/**
 * Gives every order without an ERP document a realized FS, which is its own sales document (straight into the tables, as seedOrders does), so a
 * seeded history looks like one a deployment builds up: imported and realized, nothing left to do in the ERP.
 */
export async function settleInErp(store: SqlStateStore): Promise<void> {
  store.database.exec(`
    INSERT INTO erp_documents (order_id, kind, number, erp_id, issue_day, total_gross, recorded_ms, sales_kind, sales_sale_day, sales_total_net, realized_ms)
    SELECT id, 'FS', 'FS/' || id || '/2025', id, fetched_ms / 86400000, 9497, fetched_ms, 'FS', fetched_ms / 86400000, 7721, fetched_ms
    FROM orders WHERE id NOT IN (SELECT order_id FROM erp_documents);
    UPDATE orders SET erp_stage = 2;`);
  await store.saveNow();
}
