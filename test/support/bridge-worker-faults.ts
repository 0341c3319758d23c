// The bridge's real COM worker with faults on command, for the tests of crashes and time limits (run by the
// bridge as its worker program). A create job whose notes say
//   "CRASH-AFTER-SAVE": runs (the document is saved in Optima), then the process dies before it answers;
//   "HANG":             blocks the worker's thread before the job starts, until the time limit kills it.
import type { HostMessage, WorkerMessage } from '../../src/bridge/worker/protocol';

const crashing = new Set<number>();
const realSend = process.send!.bind(process);

process.on('message', (message: HostMessage) => {
  if (message.kind !== 'job' || message.job.type !== 'create') return;
  if (message.job.request.notes === 'CRASH-AFTER-SAVE') crashing.add(message.id);
  if (message.job.request.notes === 'HANG')
    for (;;) {
      /* a COM call that never returns */
    }
});

process.send = ((message: WorkerMessage, ...rest: unknown[]) => {
  if (message.kind === 'result' && crashing.has(message.id)) process.exit(3);
  return (realSend as (...args: unknown[]) => boolean)(message, ...rest);
}) as typeof process.send;

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../src/bridge/worker/main');
