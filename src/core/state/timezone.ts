// Calendar dates in the deployment's time zone, computed with Intl (no hand-written zone tables).
import { t } from '../l10n';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let result = formatters.get(timeZone);
  if (!result) {
    result = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, result);
  }
  return result;
}

/** True when the runtime knows the IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (Warsaw in summer: +7 200 000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses a strict YYYY-MM-DD that names a real calendar day; undefined otherwise. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** The first instant of a calendar day in the zone (the first existing instant, should midnight be skipped). */
export function startOfDayInZone(date: CalendarDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  const corrected = wall - zoneOffsetMs(instant, timeZone);
  if (corrected !== instant && zoneOffsetMs(corrected, timeZone) === wall - corrected) instant = corrected;
  return new Date(instant);
}

/** The last millisecond of a calendar day (YYYY-MM-DD) in the zone: the reset's inclusive cutoff. */
export function endOfDayInZone(dateText: string, timeZone: string): Date {
  const date = parseCalendarDate(dateText);
  if (!date) throw new RangeError(t('"{0}" is not a date in the form YYYY-MM-DD', dateText));
  if (!isValidTimeZone(timeZone)) throw new RangeError(t('Unknown time zone "{0}"', timeZone));
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  const nextDay = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  return new Date(startOfDayInZone(nextDay, timeZone).getTime() - 1);
}

/** Today's date (YYYY-MM-DD) in the zone. */
export function todayInZone(now: Date, timeZone: string): string {
  const local = new Date(now.getTime() + zoneOffsetMs(now.getTime(), timeZone));
  return local.toISOString().slice(0, 10);
}
