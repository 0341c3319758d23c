// Reading new and changed orders from the shop for a pass: page by page from the stored cursor. Reads only;
// the pass records what was fetched and the new cursor.
import type { ShopOrder } from '../model/order';
import type { SyncDependencies } from './types';

/** Pages fetched per pass at most, so one pass always ends (the cursor carries on next time). */
export const MAX_PAGES_PER_PASS = 200;

export function cursorKey(platform: string): string {
  return `shop.cursor.${platform}`;
}

export interface FetchResult {
  orders: ShopOrder[];
  cursor: string | undefined;
}

export async function fetchOrders(deps: SyncDependencies): Promise<FetchResult> {
  const { shop, settings, store } = deps;
  let cursor = store.getMeta(cursorKey(settings.shop.platform));
  const byId = new Map<string, ShopOrder>();
  for (let page = 0; page < MAX_PAGES_PER_PASS; page++) {
    const result = await shop.listOrders(cursor, settings.shop.importStatuses);
    for (const order of result.orders) byId.set(order.id, order);
    cursor = result.cursor ?? cursor;
    if (!result.more) break;
  }
  const since = settings.shop.importSince;
  const orders = [...byId.values()].filter((o) => !since || o.createdAt.slice(0, 10) >= since);
  return { orders, cursor };
}

