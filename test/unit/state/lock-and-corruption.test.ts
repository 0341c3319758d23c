// One writer at a time (a real second process), stale locks of dead processes, and unreadable files that are
// moved aside and never silently replaced by an empty state.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { CorruptStateError, openStateStore, readLock, StateLockedError, statePaths } from '../../../src/core/state';
import { seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { testClock } from '../../support/clock';

const CHILD = path.join(__dirname, '..', '..', 'support', 'state-child.ts');
const RACE_CHILD = path.join(__dirname, '..', '..', 'support', 'lock-race-child.ts');

/** The pid of a process that has just exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('exit', () => resolve(child.pid!));
  });
}

function startChild(args: string[]): { child: ChildProcess; line: (pattern: RegExp) => Promise<string> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (const waiter of [...waiters]) {
      const found = buffer.split('\n').find((l) => waiter.pattern.test(l));
      if (found) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(found);
      }
    }
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const found = buffer.split('\n').find((l) => pattern.test(l));
      if (found) return resolve(found);
      waiters.push({ pattern, resolve });
      child.once('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
    });
  return { child, line };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('state: one writer', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(() => {
    temp = tempDeployment();
  });
  afterEach(() => temp.cleanup());

  it('a second process gets a lock error naming the pid, host and start time', async () => {
    const { child, line } = startChild(['hold', temp.dir]);
    try {
      const pid = Number((await line(/^locked /)).split(' ')[1]);
      const error = await openStateStore(temp.dir, { now: testClock }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof StateLockedError, String(error));
      assert.match(error.message, new RegExp(`pid ${pid} on ${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(error.message, /test child hold/);
      assert.match(error.message, /\d{4}-\d{2}-\d{2}T/);
      // Readers are not blocked by a writer.
      const viewer = await openStateStore(temp.dir, { now: testClock, readOnly: true });
      await viewer.close();
    } finally {
      await killed(child);
    }
  });

  it('takes over the stale lock of a dead process, with a log line', async () => {
    const { child, line } = startChild(['hold', temp.dir]);
    const pid = Number((await line(/^locked /)).split(' ')[1]);
    await killed(child);
    assert.equal((await readLock(statePaths(temp.dir).lock))?.pid, pid, 'the dead process left its lock behind');
    const logger = new MemoryLogger();
    const store = await openStateStore(temp.dir, { now: testClock, logger });
    assert.match(logger.text(), new RegExp(`stale lock of process ${pid}`));
    assert.equal((await readLock(statePaths(temp.dir).lock))?.pid, process.pid);
    await store.close();
    assert.equal(existsSync(statePaths(temp.dir).lock), false, 'close releases the lock');
  });

  it('two processes taking over the same stale lock: never both hold it (25 rounds)', async function () {
    this.timeout(60_000);
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    const rounds = 25;
    const racers = [0, 1].map(() =>
      spawn(process.execPath, ['--require', 'tsx/cjs', RACE_CHILD, paths.lock, temp.dir, String(rounds)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    try {
      const pids = racers.map((racer) => racer.pid!);
      const results: string[] = [];
      for (let round = 0; round < rounds; round++) {
        // A lock left by a process that is gone.
        writeFileSync(
          paths.lock,
          JSON.stringify({ pid: await deadPid(), host: os.hostname(), startedAt: '2026-11-28T09:00:00.000Z', token: `stale-${round}` }),
        );
        writeFileSync(path.join(temp.dir, `go-${round}`), '');
        const files = pids.map((pid) => path.join(temp.dir, `result-${round}-${pid}`));
        while (!files.every((file) => existsSync(file))) await new Promise((resolve) => setTimeout(resolve, 5));
        results.push(...files.map((file) => readFileSync(file, 'utf8')));
        rmSync(paths.lock, { force: true });
      }
      assert.deepEqual(
        results.filter((result) => result !== 'won' && result !== 'locked'),
        [],
        'no racer lost its lock while holding it',
      );
      assert.ok(results.filter((result) => result === 'won').length >= rounds, 'every round had a winner');
    } finally {
      for (const racer of racers) racer.kill('SIGKILL');
    }
  });

  it('a takeover guard left by a process killed while it held it does not block the next writer', async () => {
    const paths = statePaths(temp.dir);
    mkdirSync(paths.folder, { recursive: true });
    const dead = { pid: await deadPid(), host: os.hostname(), startedAt: '2026-11-28T09:00:00.000Z', token: 'dead' };
    writeFileSync(paths.lock, JSON.stringify(dead));
    writeFileSync(`${paths.lock}.takeover`, JSON.stringify({ ...dead, token: 'dead-taker' }));
    const logger = new MemoryLogger();
    const store = await openStateStore(temp.dir, { now: testClock, logger });
    try {
      assert.match(logger.text(), new RegExp(`stale lock of process ${dead.pid}`));
      assert.equal(existsSync(`${paths.lock}.takeover`), false, "the dead taker's guard is gone");
    } finally {
      await store.close();
    }
  });

  it('refuses a second writer in the same process too', async () => {
    const first = await openStateStore(temp.dir, { now: testClock });
    await assert.rejects(openStateStore(temp.dir, { now: testClock }), StateLockedError);
    await first.close();
    const second = await openStateStore(temp.dir, { now: testClock });
    await second.close();
  });
});

describe('state: unreadable files', () => {
  let temp: ReturnType<typeof tempDeployment>;
  let paths: ReturnType<typeof statePaths>;
  beforeEach(async () => {
    temp = tempDeployment();
    paths = statePaths(temp.dir);
    const store = await openStateStore(temp.dir, { now: testClock });
    await seedOrders(store, 300, { actionState: () => 'done' });
    await store.close();
  });
  afterEach(() => temp.cleanup());

  const damages: Array<[string, () => void]> = [
    ['truncated', () => truncateSync(paths.file, Math.floor(readFileSync(paths.file).length / 2))],
    ['random bytes', () => writeFileSync(paths.file, randomBytes(64 * 1024))],
    ['a non-SQLite file', () => writeFileSync(paths.file, JSON.stringify({ orders: [] }))],
    ['empty', () => writeFileSync(paths.file, '')],
    [
      'a damaged page in the middle',
      () => {
        const bytes = readFileSync(paths.file);
        randomBytes(4096).copy(bytes, 8 * 4096);
        writeFileSync(paths.file, bytes);
      },
    ],
  ];

  for (const [name, damage] of damages) {
    it(`${name}: moved aside unchanged, a clear error, nothing overwritten, no silent fresh start`, async () => {
      damage();
      const damaged = readFileSync(paths.file);
      const error = await openStateStore(temp.dir, { now: () => new Date('2026-05-05T10:11:12Z') }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof CorruptStateError, String(error));
      assert.equal(error.movedTo, `${paths.file}.corrupt-20260505T101112Z`);
      assert.match(error.message, /moved aside/);
      assert.match(error.message, /--start-fresh/);
      assert.deepEqual(readFileSync(error.movedTo!), damaged, 'the aside copy is the damaged file, byte for byte');
      assert.equal(existsSync(paths.file), false, 'no empty database was put in its place');
      // Opening again still refuses: the missing file does not count as a first use.
      await assert.rejects(openStateStore(temp.dir, { now: testClock }), CorruptStateError);
      assert.equal(existsSync(paths.file), false);
      // Only an explicit confirmation starts fresh, and the fresh state remembers why.
      const store = await openStateStore(temp.dir, { now: testClock, confirmFreshStart: true });
      assert.equal(store.countOrders(), 0);
      assert.equal(store.getMeta('freshStartAfterCorruption'), error.movedTo);
      assert.equal(store.listAudit(1)[0]?.kind, 'fresh-start');
      await store.close();
      assert.deepEqual(readFileSync(error.movedTo!), damaged);
      assert.equal(readdirSync(paths.folder).filter((f) => f.includes('.corrupt-')).length, 1);
      const reopened = await openStateStore(temp.dir, { now: testClock });
      await reopened.close();
    });
  }

  it('read-only opening of a damaged file reports it and moves nothing', async () => {
    writeFileSync(
      paths.file,
      'not a database at all, but long enough to have a header of a hundred bytes ..........................................',
    );
    await assert.rejects(openStateStore(temp.dir, { now: testClock, readOnly: true }), CorruptStateError);
    assert.ok(existsSync(paths.file));
  });
});
