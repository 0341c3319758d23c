// Polish money and date formatting for templates.
//
// Money: amounts are integer grosze; Intl.NumberFormat('pl-PL') gives "1234,56 zł" by default, because Polish
// CLDR data groups thousands only from five digits (minimumGroupingDigits 2). Shops and invoices print
// "1 234,56 zł", so grouping is forced with useGrouping: 'always'. The separators Intl emits are
// non-breaking spaces (U+00A0), kept on purpose: an amount never wraps between its digits and "zł".
import type { Grosze } from '../model/money';

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('pl-PL', { style: 'currency', currency, useGrouping: 'always' } as Intl.NumberFormatOptions);
    } catch {
      format = new Intl.NumberFormat('pl-PL', { style: 'currency', currency: 'PLN', useGrouping: 'always' } as Intl.NumberFormatOptions);
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

// Formatted amounts by currency and grosze: Intl's format costs more than rendering the rest of an output, and
// a pass prints the same prices and totals again and again. Bounded; cleared when full.
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 20_000;

/** 123456 grosze → "1 234,56 zł" (non-breaking spaces). Empty for null/undefined; integer grosze only. */
export function formatMoney(grosze: Grosze | null | undefined, currency = 'PLN'): string {
  if (grosze === null || grosze === undefined || (typeof grosze === 'string' && grosze === '')) return '';
  const value = Number(grosze);
  if (!Number.isFinite(value)) return String(grosze);
  const key = `${currency}|${value}`;
  let text = formatted.get(key);
  if (text === undefined) {
    // Division by 100 of an integer is exact enough for display (Intl rounds to 2 decimals).
    text = moneyFormat(currency.toUpperCase()).format(Math.round(value) / 100);
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export type DateStyle = 'date' | 'long' | 'datetime' | 'time';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'long'
        ? { day: 'numeric', month: 'long', year: 'numeric' }
        : style === 'datetime'
          ? { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }
          : style === 'time'
            ? { hour: '2-digit', minute: '2-digit' }
            : { day: '2-digit', month: '2-digit', year: 'numeric' };
    format = new Intl.DateTimeFormat('pl-PL', { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "2026-11-28T09:41:00Z" → "28.11.2026" in the deployment's time zone; styles: date (default), long
 * ("28 listopada 2026"), datetime ("28.11.2026, 10:41"), time. A date without time (an ERP issue date) is a
 * calendar day and is never shifted by the time zone.
 */
export function formatDate(value: string | Date | null | undefined, style: DateStyle = 'date', timeZone = 'Europe/Warsaw'): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value !== 'string') return formatDateUncached(value, style, timeZone);
  // Cached like money: Intl's format is the dearest step of an output, and the HTML and text print the same.
  const key = `${style}|${timeZone}|${value}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatDateUncached(value, style, timeZone);
    if (formattedDates.size >= FORMATTED_LIMIT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

const formattedDates = new Map<string, string>();

function formatDateUncached(value: string | Date, style: DateStyle, timeZone: string): string {
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const date = dateOnly ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return dateFormat(style, dateOnly ? 'UTC' : timeZone).format(date);
}

export const DATE_STYLES: ReadonlyArray<DateStyle> = ['date', 'long', 'datetime', 'time'];
