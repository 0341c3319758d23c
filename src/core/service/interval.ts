// `--every`: how often the service runs a pass. A whole number with a unit: 30s, 5m, 2h (a bare number is
// minutes, like schedule.autoSyncMinutes). Between 1 second and 24 hours.
import { t } from '../l10n';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
export const MAX_INTERVAL_MS = 24 * 3_600_000;

export class IntervalError extends Error {}

export function parseInterval(text: string): number {
  const match = /^\s*(\d{1,6})\s*([smh]?)\s*$/i.exec(text);
  if (!match) throw new IntervalError(t('--every needs a whole number with a unit: 30s, 5m or 2h (got "{0}")', text));
  const ms = Number(match[1]) * UNITS[(match[2] || 'm').toLowerCase()]!;
  if (ms < 1000 || ms > MAX_INTERVAL_MS) throw new IntervalError(t('--every must be between 1s and 24h (got "{0}")', text));
  return ms;
}

/** 300000 → "5m", 90000 → "90s": the shortest exact form. */
export function formatInterval(ms: number): string {
  if (ms % UNITS.h! === 0) return `${ms / UNITS.h!}h`;
  if (ms % UNITS.m! === 0) return `${ms / UNITS.m!}m`;
  return `${Math.round(ms / 1000)}s`;
}
