// .optima-sync/service.json: what the running service tells `optima-sync status` and VS Code (its pid, its
// interval, when the next pass is due, how many cycles failed in a row). Written atomically on every change;
// "running" is believed only while that process is alive on this host.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-file';
import { isOwnerAlive } from '../state/lock';

export const SERVICE_STATUS_FILE = path.join('.optima-sync', 'service.json');

export interface ServiceStatus {
  pid: number;
  host: string;
  /** When the service started (ISO). */
  startedAt: string;
  /** --every, e.g. "5m"; absent for the one-shot form. */
  every?: string;
  state: 'running-pass' | 'sleeping' | 'stopped';
  /** The next pass, while sleeping (ISO). */
  nextPassAt?: string;
  /** The wait before it is longer because of failures. */
  backoff?: boolean;
  consecutiveFailures: number;
  cycles: number;
  /** The last cycle: when it ended and how ("ok", "failed: …", "skipped: …"). */
  lastCycle?: { at: string; outcome: string };
  updatedAt: string;
}

export async function writeServiceStatus(dir: string, status: ServiceStatus): Promise<void> {
  await writeFileAtomic(path.join(dir, SERVICE_STATUS_FILE), new TextEncoder().encode(JSON.stringify(status, null, 2) + '\n'));
}

/** The status file, with whether its service is still running (a killed service leaves "sleeping" behind). */
export async function readServiceStatus(dir: string): Promise<(ServiceStatus & { running: boolean }) | undefined> {
  let status: ServiceStatus;
  try {
    status = JSON.parse(await fs.readFile(path.join(dir, SERVICE_STATUS_FILE), 'utf8')) as ServiceStatus;
  } catch {
    return undefined;
  }
  const running = status.state !== 'stopped' && isOwnerAlive({ pid: status.pid, host: status.host, startedAt: status.startedAt });
  return { ...status, running };
}

export function newServiceStatus(now: Date, every: string | undefined): ServiceStatus {
  return {
    pid: process.pid,
    host: os.hostname(),
    startedAt: now.toISOString(),
    every,
    state: 'running-pass',
    consecutiveFailures: 0,
    cycles: 0,
    updatedAt: now.toISOString(),
  };
}
