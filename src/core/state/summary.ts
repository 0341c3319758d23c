// The state's summary beside it (.optima-sync/summary.json): the last finished pass and the number of failed
// and uncertain actions. Each writer rewrites it when it closes, so what is always on screen (VS Code's status
// bar) reads a few hundred bytes instead of loading the whole database into the shared extension host.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import type { PassHistory, RunRecord } from '../history/runs';
import type { SqlRunner } from './sql';

export const SUMMARY_FILE = 'summary.json';

export interface StateSummary {
  /** When the writer that wrote it closed (ISO). */
  writtenAt: string;
  lastPass?: RunRecord;
  /** Failed actions, and actions left pending by a pass that ended (uncertain). */
  failed: number;
  uncertain: number;
}

/** The summary of a state whose writer is closing: nothing of it is in flight any more. */
export function summarizeState(sql: SqlRunner, history: PassHistory, now: Date): StateSummary {
  // The partial index of pending and failed actions answers this without reading the history.
  const counts = new Map(
    sql
      .all("SELECT state, COUNT(*) AS n FROM actions WHERE state IN ('pending', 'failed', 'uncertain') GROUP BY state")
      .map((row) => [String(row.state), Number(row.n)]),
  );
  const lastPass = history.last();
  return {
    writtenAt: now.toISOString(),
    ...(lastPass ? { lastPass } : {}),
    failed: counts.get('failed') ?? 0,
    uncertain: (counts.get('pending') ?? 0) + (counts.get('uncertain') ?? 0),
  };
}

export async function writeStateSummary(folder: string, summary: StateSummary): Promise<void> {
  await writeFileAtomic(path.join(folder, SUMMARY_FILE), new TextEncoder().encode(`${JSON.stringify(summary, null, 2)}\n`));
}

/** The summary in a state folder; undefined when there is none (no writer closed since it was introduced). */
export async function readStateSummary(folder: string): Promise<StateSummary | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(path.join(folder, SUMMARY_FILE), 'utf8')) as Partial<StateSummary>;
    return typeof value.writtenAt === 'string' && typeof value.failed === 'number' && typeof value.uncertain === 'number'
      ? (value as StateSummary)
      : undefined;
  } catch {
    return undefined;
  }
}
