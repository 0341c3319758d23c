// Small helpers the connectors share when turning a platform's record into a ShopOrder.
import type { Address, OrderLine, ShopOrder } from '../model/order';
import { type Grosze, multiply, toGrosze } from '../model/money';
import { zoneOffsetMs } from '../state/timezone';

const STANDARD_VAT_RATES = [23, 8, 5, 0];

/** Parses "23", "23.000", 23, null into a VAT percentage (null when absent). */
export function parseVatRate(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const rate = Number(String(value).replace(',', '.'));
  return Number.isFinite(rate) ? Math.round(rate * 100) / 100 : null;
}

/** The VAT rate implied by a gross and a net price, snapped to a standard Polish rate when within a rounding error. */
export function vatFromPrices(gross: Grosze, net: Grosze | undefined): number | null {
  if (!net || net <= 0) return null;
  const exact = ((gross - net) / net) * 100;
  const snapped = STANDARD_VAT_RATES.find((rate) => Math.abs(rate - exact) < 0.6);
  return snapped ?? Math.round(exact * 100) / 100;
}

/** Net from gross at a rate, rounded half up to the grosz. */
export function netFromGross(gross: Grosze, rate: number | null): Grosze | undefined {
  if (rate === null) return undefined;
  return Math.round((gross * 100) / (100 + rate));
}

export function shippingLine(name: string, gross: Grosze, vatRate: number | null, net?: Grosze): OrderLine {
  return { name, quantity: 1, unit: 'usł.', unitGross: gross, unitNet: net ?? netFromGross(gross, vatRate), vatRate, isShipping: true };
}

export function linesTotal(lines: readonly OrderLine[]): Grosze {
  return lines.reduce((sum, line) => sum + multiply(line.unitGross, line.quantity), 0);
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

export function optional(value: unknown): string | undefined {
  const result = text(value);
  return result ? result : undefined;
}

export function quantity(value: unknown): number {
  const result = Number(value);
  return Number.isFinite(result) ? result : 0;
}

export function joinName(...parts: unknown[]): string {
  return parts.map(text).filter(Boolean).join(' ');
}

export function street(...parts: unknown[]): string {
  return parts.map(text).filter(Boolean).join(' ');
}

export function address(fields: Partial<Address> & { name?: string }): Address {
  return {
    name: fields.name ?? '',
    company: fields.company || undefined,
    street: fields.street ?? '',
    postcode: fields.postcode ?? '',
    city: fields.city ?? '',
    country: (fields.country || 'PL').toUpperCase(),
    phone: fields.phone || undefined,
  };
}

/** "2024-05-02 10:11:12" in a time zone → UTC milliseconds. */
export function localToUtcMs(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(local.trim());
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

/** UTC milliseconds → "2024-05-02 10:11:12" in a time zone. */
export function utcMsToLocal(instant: number, timeZone: string): string {
  const shifted = new Date(instant + zoneOffsetMs(instant, timeZone));
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

export function isoFromLocal(local: unknown, timeZone: string): string {
  const ms = localToUtcMs(text(local), timeZone);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : text(local);
}

export function isoFromUnix(seconds: unknown): string {
  const value = Number(seconds);
  return Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : '';
}

/** Marks the order as seen by a connector: stable field order, totals computed when the shop gives none. */
export function finishOrder(order: Omit<ShopOrder, 'totalGross'> & { totalGross?: Grosze }): ShopOrder {
  return { ...order, totalGross: order.totalGross ?? linesTotal(order.lines) };
}

export { toGrosze };

/** Maps with at most `limit` calls in flight, keeping the order (the rate limiter still spaces the requests). */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
