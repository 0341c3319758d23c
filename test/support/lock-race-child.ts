// A process that races for a deployment's lock, round after round: it waits for the round's start signal (a
// file), tries to take the lock (left stale by a dead process), and if it gets it, holds it a moment and checks
// that nobody removed or replaced it meanwhile. Used by the lock takeover race test.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../src/core/log';
import { acquireLock } from '../../src/core/state/lock';

const [lockFile, folder, rounds] = process.argv.slice(2) as [string, string, string];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  for (let round = 0; round < Number(rounds); round++) {
    const go = path.join(folder, `go-${round}`);
    while (!existsSync(go)) await sleep(1);
    let result: string;
    try {
      const handle = await acquireLock(lockFile, { logger: silentLogger, now: new Date(0), holder: `race ${process.pid}` });
      const mine = readFileSync(lockFile, 'utf8');
      await sleep(60);
      const still = existsSync(lockFile) ? readFileSync(lockFile, 'utf8') : '';
      result = still === mine ? 'won' : 'won-but-lost-it';
      await handle.release();
    } catch (error) {
      result = (error as Error).name === 'StateLockedError' ? 'locked' : `error ${(error as Error).message}`;
    }
    // Complete when it appears: the test reads it as soon as it exists.
    const file = path.join(folder, `result-${round}-${process.pid}`);
    writeFileSync(`${file}.tmp`, result);
    renameSync(`${file}.tmp`, file);
  }
}

void main();
