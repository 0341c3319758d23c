// The project's own bridge in --simulate mode, as the tests start it: in this process (the HTTP side) with
// its real COM worker child process over the simulator, a fresh data folder, plain HTTP on 127.0.0.1.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type RunningBridge } from '../../src/bridge/index';
import type { WorkerEntry } from '../../src/bridge/worker-host';
import type { SimulatorSeed } from '../../src/bridge/simulator/schema';
import { MemoryLogger } from '../../src/core/log';
import { testClock } from './clock';

export const BRIDGE_TOKEN = 'test-bridge-token-5f2c9a';

export type BridgeAnswer = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One request to a bridge (or its stub): JSON in, JSON out (the text as it is when it is not JSON, e.g. a PDF). */
export async function callBridge(
  url: string,
  token: string | undefined,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<BridgeAnswer> {
  const response = await fetch(new URL(route, url), {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the text as it is.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export interface SimulatedBridge extends RunningBridge {
  dataDir: string;
  logger: MemoryLogger;
  /** GET/POST with the token, JSON in and out. */
  call(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<BridgeAnswer>;
  /** Stops it and removes its data folder (unless `keep`). */
  stop(keep?: boolean): Promise<void>;
}

export async function startSimulatedBridge(
  options: {
    dataDir?: string;
    seed?: SimulatorSeed;
    jobTimeoutMs?: number;
    workerEntry?: WorkerEntry;
    recordFile?: string;
    tls?: { cert: Buffer; key: Buffer };
  } = {},
): Promise<SimulatedBridge> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'optima-bridge-')));
  const logger = new MemoryLogger();
  const bridge = await startBridge({
    port: 0,
    listen: '127.0.0.1',
    token: BRIDGE_TOKEN,
    dataDir,
    worker: {
      backend: 'simulator',
      company: options.seed?.company ?? 'DEMO',
      operator: 'ADMIN',
      password: '',
      ...(options.seed ? { seed: options.seed } : {}),
      ...(options.recordFile ? { recordFile: options.recordFile } : {}),
    },
    ...(options.jobTimeoutMs ? { jobTimeoutMs: options.jobTimeoutMs } : {}),
    ...(options.workerEntry ? { workerEntry: options.workerEntry } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    logger,
    now: testClock,
  });
  return {
    ...bridge,
    dataDir,
    logger,
    call: (method, route, body, headers) => callBridge(bridge.url, BRIDGE_TOKEN, method, route, body, headers),
    async stop(keep = false) {
      await bridge.close();
      if (!keep) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
