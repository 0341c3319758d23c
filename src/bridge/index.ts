// `optima-sync bridge`, assembled: the job journal in the data folder, the COM worker child process (winax,
// or the simulator with --simulate), the idempotent document creator and the HTTP(S) server.
import path from 'node:path';
import type { Logger } from '../core/log';
import { DocumentCreator } from './create';
import { JobJournal } from './journal';
import { BridgeServer } from './server';
import { WorkerHost, type WorkerEntry } from './worker-host';
import type { WorkerConfig } from './worker/protocol';

export const DEFAULT_JOB_TIMEOUT_MS = 120_000;

export interface BridgeOptions {
  port: number;
  /** The address to listen on (127.0.0.1 unless told). */
  listen: string;
  token: string;
  tls?: { cert: Buffer; key: Buffer };
  /** The journal (and, with --simulate, the simulated company) live here. */
  dataDir: string;
  worker: Omit<WorkerConfig, 'simulatorFile'>;
  jobTimeoutMs?: number;
  logger: Logger;
  now: () => Date;
  /** Another worker program (tests of crashes and time limits). */
  workerEntry?: WorkerEntry;
}

export interface RunningBridge {
  url: string;
  host: WorkerHost;
  close(): Promise<void>;
}

function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const simulate = options.worker.backend === 'simulator';
  const config: WorkerConfig = {
    ...options.worker,
    ...(simulate ? { simulatorFile: path.join(options.dataDir, 'simulated-company.json') } : {}),
  };
  const journal = JobJournal.open(options.dataDir, options.now);
  const host = new WorkerHost({
    config,
    jobTimeoutMs: options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
    logger: options.logger,
    ...(options.workerEntry ? { entry: options.workerEntry } : {}),
  });
  const creator = new DocumentCreator(journal, host, options.logger);
  const server = new BridgeServer({
    host,
    creator,
    token: options.token,
    logger: options.logger,
    ...(options.tls ? { tls: options.tls } : {}),
    simulate,
    today: () => localToday(options.now()),
    now: options.now,
  });
  const url = await server.listen(options.port, options.listen);
  return {
    url,
    host,
    async close() {
      await server.close();
      await host.stop();
    },
  };
}
