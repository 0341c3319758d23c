// Reading new and changed orders from the shop for a pass: page by page from the stored cursor, then the
// bounded status-membership check (orders now in an import status that the state does not know: created in
// another status and moved later). Reads only; the pass records what was fetched and the new cursor.
import { plural, t } from '../l10n';
import type { ShopOrder } from '../model/order';
import { ShopError } from '../shops/errors';
import type { SyncDependencies } from './types';

/** Pages fetched per pass at most, so one pass always ends (the cursor carries on next time). */
export const MAX_PAGES_PER_PASS = 200;

export function cursorKey(platform: string): string {
  return `shop.cursor.${platform}`;
}

export interface FetchResult {
  orders: ShopOrder[];
  cursor: string | undefined;
  /** The listing failed after some pages: what came before is in `orders` and `cursor`; the pass records it, then fails with this. */
  failure?: Error;
}

/** One stored value holds both cursors: the listing's and the change feed's (BaseLinker's journal). */
interface StoredCursors {
  list?: string;
  missed?: string;
}

function readCursors(text: string | undefined): StoredCursors {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as { v?: number } & StoredCursors;
    if (parsed.v === 2) return { list: parsed.list, missed: parsed.missed };
  } catch {
    // an older, plain listing cursor
  }
  return { list: text };
}

function writeCursors(cursors: StoredCursors): string | undefined {
  if (cursors.list === undefined && cursors.missed === undefined) return undefined;
  return JSON.stringify({ v: 2, list: cursors.list, missed: cursors.missed });
}

export async function fetchOrders(deps: SyncDependencies): Promise<FetchResult> {
  const { shop, settings, store, logger } = deps;
  const platform = settings.shop.platform;
  const stored = readCursors(store.getMeta(cursorKey(platform)));
  let cursor = stored.list;
  const byId = new Map<string, ShopOrder>();
  let failure: Error | undefined;
  for (let page = 0; page < MAX_PAGES_PER_PASS; page++) {
    let result;
    try {
      result = await shop.listOrders(cursor, settings.shop.importStatuses);
    } catch (error) {
      // Nothing read yet: the pass fails as it always did. Otherwise the pages read are kept and the next
      // pass resumes from the last cursor that was fully consumed.
      if (page === 0) throw error;
      failure = partialFailure(error as Error, byId.size, deps.redact);
      break;
    }
    for (const order of result.orders) byId.set(order.id, order);
    cursor = result.cursor ?? cursor;
    if (!result.more) break;
  }

  let missedCursor = stored.missed;
  if (!failure && shop.listMissed && settings.shop.importStatuses.length > 0) {
    const known = (id: string) => byId.has(id) || store.getOrder(platform, id) !== undefined || store.isPruned(platform, id);
    try {
      const missed = await shop.listMissed(settings.shop.importStatuses, known, missedCursor);
      if (missed.notice) logger.warn(missed.notice);
      for (const order of missed.orders) if (!byId.has(order.id)) byId.set(order.id, order);
      if (missed.orders.length)
        logger.info(
          plural(missed.orders.length, {
            one: 'Found {0} order moved into an import status after it was created',
            other: 'Found {0} orders moved into an import status after they were created',
          }),
        );
      missedCursor = missed.cursor ?? missedCursor;
    } catch (error) {
      // A safety net: when it fails the listing still counts, and the next pass checks again.
      logger.warn(t('The check for orders moved into an import status failed: {0}', deps.redact((error as Error).message)));
    }
  }

  const since = settings.shop.importSince;
  const orders = [...byId.values()].filter((o) => !since || o.createdAt.slice(0, 10) >= since);
  return { orders, cursor: writeCursors({ list: cursor, missed: missedCursor }), failure };
}

function partialFailure(error: Error, kept: number, redact: (text: string) => string): Error {
  const message = plural(
    kept,
    {
      one: "Listing the shop's orders stopped part-way ({0} order read is kept; the next pass resumes from there): {1}",
      other: "Listing the shop's orders stopped part-way ({0} orders read are kept; the next pass resumes from there): {1}",
    },
    redact(error.message),
  );
  return error instanceof ShopError
    ? new ShopError(message, error.kind, error.platform, error.status, error.shopMessage)
    : new Error(message);
}
