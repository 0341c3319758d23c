// One read of everything the history views show: the last passes, passes per day in the deployment's zone,
// what needs attention, the alerts raised, and the service's own status file. The state is opened read-only
// for the read and closed at once (no lock, nothing written), so VS Code holds no database between reads.
import { promises as fs } from 'node:fs';
import { loadSettings } from '../deployment/files';
import type { ActivityDay } from '../../protocol/activity';
import { defaultSettings } from '../settings/defaults';
import { activeRunIdFor, openStateStore, statePaths, type AlertRecord, type RunRecord } from '../state/index';
import { todayInZone } from '../state/timezone';
import { readServiceStatus, type ServiceStatus } from '../service/status-file';
import { actionsNeedingAttention, type Attention } from './attention';

/** One day of the chart (the protocol's shape: the Activity view shows it as it is). */
export type DayActivity = ActivityDay;

export interface ActivitySnapshot {
  /** The newest passes, newest first. */
  passes: RunRecord[];
  /** One entry per day, oldest first, ending today. */
  days: DayActivity[];
  lastSuccess?: RunRecord;
  attention: Attention;
  /** Orders waiting for KSeF to number their FS, longest first (a page). */
  waitingForKsef: Array<{ number: string; salesDocument: string; since: string }>;
  alerts: AlertRecord[];
  /** The service's status file, if a service ever ran here; `running` when its process is alive. */
  service?: ServiceStatus & { running: boolean };
  timeZone: string;
  /** False when the deployment has no state database yet. */
  hasState: boolean;
}

export interface ActivityQuery {
  now: Date;
  /** Days in the chart (default 14; 0 reads no days). */
  days?: number;
  /** Passes listed (default 10). */
  passes?: number;
  /** Orders needing attention listed (default 20). */
  attentionLimit?: number;
}

const DAY_MS = 86_400_000;

/** The calendar days ending today in the zone, oldest first. */
export function lastDays(now: Date, timeZone: string, count: number): string[] {
  const today = todayInZone(now, timeZone);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const base = Date.UTC(y, m - 1, d);
  return Array.from({ length: count }, (_, i) => new Date(base - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Passes per day (the day a pass started, in the zone). */
export function passesPerDay(runs: RunRecord[], days: string[], timeZone: string): DayActivity[] {
  const byDay = new Map(
    days.map((date) => [date, { date, passes: 0, failedPasses: 0, imported: 0, emailsSent: 0, failed: 0, uncertain: 0 }]),
  );
  for (const run of runs) {
    const day = byDay.get(todayInZone(new Date(run.startedAt), timeZone));
    if (!day) continue;
    day.passes++;
    if (run.result === 'failed' || run.result === 'blocked') day.failedPasses++;
    day.imported += run.imported;
    day.emailsSent += run.emailsSent;
    day.failed += run.failed;
    day.uncertain += run.uncertain;
  }
  return days.map((date) => byDay.get(date)!);
}

/** The deployment's zone from its settings (the default when the file cannot be read). */
export async function deploymentTimeZone(dir: string): Promise<string> {
  try {
    return (await loadSettings(dir)).settings.timezone;
  } catch {
    return String(defaultSettings().timezone);
  }
}

export async function readActivity(dir: string, query: ActivityQuery): Promise<ActivitySnapshot> {
  const timeZone = await deploymentTimeZone(dir);
  const dayList = lastDays(query.now, timeZone, query.days ?? 14);
  const service = await readServiceStatus(dir);
  const hasState = await fs.stat(statePaths(dir).file).then(
    () => true,
    () => false,
  );
  const empty: ActivitySnapshot = {
    passes: [],
    days: passesPerDay([], dayList, timeZone),
    attention: { failed: 0, uncertain: 0, items: [] },
    waitingForKsef: [],
    alerts: [],
    service,
    timeZone,
    hasState,
  };
  if (!hasState) return empty;
  const store = await openStateStore(dir, { readOnly: true, now: () => query.now });
  try {
    const activeRun = await activeRunIdFor(dir, store);
    // From a day before the first day shown: the zone's midnight is at most a day from UTC's.
    const from = dayList.length ? new Date(Date.parse(`${dayList[0]}T00:00:00Z`) - DAY_MS) : undefined;
    return {
      ...empty,
      passes: store.history.recent(query.passes ?? 10),
      days: from ? passesPerDay(store.history.since(from), dayList, timeZone) : [],
      lastSuccess: store.history.last('ok'),
      attention: actionsNeedingAttention(store, activeRun, query.attentionLimit ?? 20),
      waitingForKsef: store
        .heldForKsefSince(new Date(query.now.getTime() + 1).toISOString(), query.attentionLimit ?? 20)
        .map((order) => ({ number: order.number, salesDocument: order.salesDocument?.number ?? '', since: order.ksefHold!.since })),
      alerts: store.history.alerts(),
    };
  } finally {
    await store.close();
  }
}
