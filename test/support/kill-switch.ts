// The crash tests' kill switch, installed in a child process before it does anything else: it counts the
// child's file-system changes under one folder (every write, fsync, rename, link, unlink, truncate) and kills
// the process with SIGKILL at the chosen one. The kill point is therefore a number drawn from the test's seed,
// not a moment in time: the same seed kills the same child at the same step on any machine.
//
// OPTIMA_KILL_AT="STEP" kills just before step STEP; "STEP:FRACTION" lets a write at that step put the first
// FRACTION of its bytes on disk first (a torn write), then kills. Without the variable nothing is killed.
// On a normal exit the child can report how many steps it took (stepsTaken).
import fs from 'node:fs';
import path from 'node:path';

export interface KillPoint {
  step: number;
  /** Share of a write's bytes that reach the file before the kill (0: the kill comes before the step). */
  fraction: number;
}

export function parseKillPoint(value: string | undefined): KillPoint | undefined {
  if (!value) return undefined;
  const [step, fraction] = value.split(':');
  return { step: Number(step), fraction: Number(fraction ?? 0) };
}

export function formatKillPoint(point: KillPoint): string {
  return point.fraction > 0 ? `${point.step}:${point.fraction.toFixed(3)}` : String(point.step);
}

let steps = 0;

export function stepsTaken(): number {
  return steps;
}

type Bytes = Uint8Array | string;

function sliceOf(data: Bytes, fraction: number): Bytes {
  const length = Math.floor((typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength) * fraction);
  return (typeof data === 'string' ? Buffer.from(data) : data).subarray(0, length);
}

/**
 * Installs the switch for changes under `folder`. Call (and await) it first thing in the child: it patches
 * node:fs's promise API and its FileHandle, which the code under test looks up at each call.
 */
export async function installKillSwitch(folder: string, point: KillPoint | undefined): Promise<void> {
  const root = path.resolve(folder) + path.sep;
  const watched = (file: unknown) => typeof file === 'string' && path.resolve(file).startsWith(root);
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: killed');
  };
  /** Counts a step; at the kill point, writes the torn part (if any) and dies. */
  const step = async (tornWrite?: (fraction: number) => Promise<unknown>): Promise<void> => {
    steps++;
    if (!point || steps !== point.step) return;
    if (tornWrite && point.fraction > 0) await tornWrite(point.fraction);
    die();
  };

  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['writeFile', 'appendFile'] as const) {
    const original = promises[name]!.bind(fs.promises);
    promises[name] = async (file: unknown, data: unknown, ...rest: unknown[]) => {
      if (watched(file)) await step((fraction) => original(file, sliceOf(data as Bytes, fraction), ...rest));
      return original(file, data, ...rest);
    };
  }
  for (const name of ['rename', 'link', 'unlink', 'truncate', 'copyFile'] as const) {
    const original = promises[name]!.bind(fs.promises);
    promises[name] = async (file: unknown, ...rest: unknown[]) => {
      if (watched(file) || watched(rest[0])) await step();
      return original(file, ...rest);
    };
  }

  // File handles opened under the folder: their writes, fsyncs and truncations are steps too.
  const handles = new WeakSet<object>();
  const originalOpen = promises.open!.bind(fs.promises);
  promises.open = async (file: unknown, ...rest: unknown[]) => {
    const handle = (await originalOpen(file, ...rest)) as object;
    if (watched(file)) handles.add(handle);
    return handle;
  };
  const probe = await fs.promises.open(__filename, 'r');
  const prototype = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  await probe.close();
  for (const name of ['writeFile', 'appendFile'] as const) {
    const original = prototype[name]!;
    prototype[name] = async function (this: object, data: unknown, ...rest: unknown[]) {
      if (handles.has(this)) await step((fraction) => original.call(this, sliceOf(data as Bytes, fraction)));
      return original.call(this, data, ...rest);
    };
  }
  const originalWrite = prototype.write!;
  prototype.write = async function (this: object, data: unknown, ...rest: unknown[]) {
    if (handles.has(this)) {
      await step((fraction) => {
        if (typeof data === 'string') return originalWrite.call(this, sliceOf(data, fraction), ...rest);
        // write(buffer, offset?, length?, position?): the same place, fewer bytes.
        const bytes = data as Uint8Array;
        const offset = typeof rest[0] === 'number' ? rest[0] : 0;
        const length = typeof rest[1] === 'number' ? rest[1] : bytes.byteLength - offset;
        return originalWrite.call(this, bytes, offset, Math.floor(length * fraction), rest[2] ?? null);
      });
    }
    return originalWrite.call(this, data, ...rest);
  };
  for (const name of ['sync', 'datasync', 'truncate'] as const) {
    const original = prototype[name]!;
    prototype[name] = async function (this: object, ...rest: unknown[]) {
      if (handles.has(this)) await step();
      return original.call(this, ...rest);
    };
  }
}
