// Small pure helpers the connectors build requests and read answers with: URLs, Basic auth, JSON, Retry-After.
import { t } from '../l10n';
import { ShopError } from './errors';

export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function parseJson<T>(text: string, name: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ShopError(t('{0}: {1}: the answer is not JSON: {2}', name, t(what), text.slice(0, 200)), 'request', name);
  }
}

export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
