// The shop's statuses (id + name) cached in the state database for the settings form's dropdowns, so the
// form works without contacting the shop. Refreshed by "Test shop connection" / "Refresh shop statuses".
import type { StateStore } from '../state/api';
import type { ShopStatus } from './connector';

export const STATUS_CACHE_KEY = 'shop.statuses';

export interface CachedStatuses {
  platform: string;
  /** ISO time of the refresh. */
  fetchedAt: string;
  statuses: ShopStatus[];
}

export function cacheStatuses(store: Pick<StateStore, 'setMeta'>, platform: string, statuses: ShopStatus[], now: Date): CachedStatuses {
  const cached: CachedStatuses = { platform, fetchedAt: now.toISOString(), statuses: statuses.map(({ id, name }) => ({ id, name })) };
  store.setMeta(STATUS_CACHE_KEY, JSON.stringify(cached));
  return cached;
}

export function cachedStatuses(store: Pick<StateStore, 'getMeta'>): CachedStatuses | undefined {
  const text = store.getMeta(STATUS_CACHE_KEY);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as CachedStatuses;
    return Array.isArray(parsed.statuses) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
