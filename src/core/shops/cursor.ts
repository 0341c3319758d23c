// Incremental listing without gaps or repeats: a keyset cursor over (change time, order id).
// The cursor keeps the last change time seen and the ids already returned at exactly that time; the next
// call asks the shop for everything changed at or after that time and drops what was already returned, so
// orders sharing a timestamp are neither missed nor repeated, however the pages fall.
import type { OrderPage } from './connector';
import type { ShopOrder } from '../model/order';

export interface KeysetCursor {
  /** Change time of the newest order consumed, in the platform's sortable form (ISO string or unix seconds). */
  since: string;
  /** Ids consumed whose change time equals `since`. */
  seen: string[];
}

export function encodeCursor(cursor: KeysetCursor): string {
  return JSON.stringify(cursor);
}

export function decodeCursor(text: string | undefined): KeysetCursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as KeysetCursor;
    if (typeof parsed.since === 'string' && Array.isArray(parsed.seen)) return parsed;
  } catch {
    // fall through
  }
  throw new Error(`Not a shop cursor: ${text.slice(0, 80)}`);
}

/** One raw record of the shop's list, with its position in the listing order. */
export interface KeyedItem<R> {
  key: string;
  id: string;
  raw: R;
}

export interface RawPage<R> {
  items: Array<KeyedItem<R>>;
  /** The shop has more rows after this page. */
  more: boolean;
}

export interface KeysetSource<R> {
  /** Rows changed at or after `since` (undefined: from the start), sorted by key ascending, from `offset`. */
  fetch(since: string | undefined, offset: number): Promise<RawPage<R>>;
  /** Compares keys (default: string order, which fits ISO timestamps of one format). */
  compare?(a: string, b: string): number;
  /** Client-side filter (statuses the shop cannot filter on). */
  accept?(raw: R): boolean;
  /** Turns the accepted rows into orders (may batch extra requests). */
  normalize(raws: R[]): Promise<ShopOrder[]>;
  /** Safety valve: how many pages of already-seen rows to skip in one call. */
  maxSkippedPages?: number;
}

export async function listByKeyset<R>(source: KeysetSource<R>, cursorText: string | undefined): Promise<OrderPage> {
  const compare = source.compare ?? ((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  const cursor = decodeCursor(cursorText);
  const seen = new Set(cursor?.seen ?? []);
  let offset = 0;
  for (let skipped = 0; ; skipped++) {
    const page = await source.fetch(cursor?.since, offset);
    const fresh = page.items.filter((item) => {
      if (!cursor) return true;
      const order = compare(item.key, cursor.since);
      return order > 0 || (order === 0 && !seen.has(item.id));
    });
    // A page made only of rows returned before (many orders sharing one timestamp): walk on.
    if (fresh.length === 0 && page.more && skipped < (source.maxSkippedPages ?? 1000)) {
      offset += page.items.length;
      continue;
    }
    if (fresh.length === 0) return { orders: [], cursor: cursorText, more: false };
    let newest = fresh[0]!.key;
    for (const item of fresh) if (compare(item.key, newest) > 0) newest = item.key;
    const seenAtNewest = fresh.filter((item) => compare(item.key, newest) === 0).map((item) => item.id);
    const carried = cursor && compare(cursor.since, newest) === 0 ? [...seen] : [];
    const next = encodeCursor({ since: newest, seen: [...new Set([...carried, ...seenAtNewest])] });
    const accepted = fresh.filter((item) => source.accept?.(item.raw) ?? true).map((item) => item.raw);
    const orders = accepted.length ? await source.normalize(accepted) : [];
    return { orders, cursor: next, more: page.more };
  }
}
