// The COM worker: a child process of `optima-sync bridge` and the only process that loads winax. Its main
// thread is its one STA thread: jobs run one at a time, synchronously, never on worker threads. It logs in
// once at start and opens a fresh session per job; the HTTP side restarts it when it crashes or when a job
// runs past its time limit.
import type { OptimaCom } from '../com/types';
import { recordingCom } from '../com/recorder';
import { serializeJobError } from '../errors';
import { OptimaConnection } from './jobs';
import type { HostMessage, WorkerConfig, WorkerMessage } from './protocol';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function backend(config: WorkerConfig): Promise<{ com: OptimaCom; company?: import('../simulator/company').SimulatedCompany }> {
  if (config.backend === 'simulator') {
    // Loaded only in this mode, synchronously: the worker's backends are plain local modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SimulatedCompany, simulatedOptima } = require('../simulator/index') as typeof import('../simulator/index');
    const company = await SimulatedCompany.open(config.simulatorFile, config.seed);
    return { com: simulatedOptima(company), company };
  }
  // The samples run with Optima's installation folder as the current directory.
  if (config.optimaDir) process.chdir(config.optimaDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { winaxOptima } = require('../com/winax') as typeof import('../com/winax');
  return { com: winaxOptima() };
}

async function start(config: WorkerConfig): Promise<OptimaConnection | undefined> {
  const { com, company } = await backend(config);
  const connection = new OptimaConnection(config.recordFile ? recordingCom(com, config.recordFile) : com, config, company);
  try {
    connection.open();
  } catch (error) {
    send({ kind: 'login-failed', error: serializeJobError(error) });
    return undefined;
  }
  process.on('exit', () => {
    connection.close();
    com.release?.();
  });
  send({ kind: 'ready' });
  return connection;
}

let connection: Promise<OptimaConnection | undefined> | undefined;
let queue: Promise<void> = Promise.resolve();

process.on('message', (message: HostMessage) => {
  if (message.kind === 'start') {
    connection ??= start(message.config).catch((error: unknown) => {
      send({ kind: 'login-failed', error: serializeJobError(error) });
      return undefined;
    });
    return;
  }
  // One job at a time, in order: COM objects live on this one thread.
  queue = queue.then(async () => {
    const open = await connection;
    try {
      if (!open) throw new Error('not logged in');
      send({ kind: 'result', id: message.id, ok: true, result: await open.run(message.job) });
    } catch (error) {
      send({ kind: 'result', id: message.id, ok: false, error: serializeJobError(error) });
    }
  });
});
process.on('disconnect', () => process.exit(0));
