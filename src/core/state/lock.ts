// One writer per deployment: an exclusive lock file next to the database holding the owner's pid, host and
// start time. The file is created complete (written to a temp file, then hard-linked into place), so a reader
// never sees a half-written lock. A lock left by a dead process on this host is taken over, under a guard that
// lets only one taker remove it, and only while it still holds what was judged stale.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import { t } from '../l10n';
import { type LockOwner, StateLockedError } from './errors';
import { PRIVATE_FILE_MODE } from '../deployment/private-files';

interface LockContent extends LockOwner {
  token: string;
}

export async function readLock(lockFile: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockFile, 'utf8')) as LockContent;
    return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt, holder: parsed.holder };
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs (unknowable for another host: assumed alive). */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live process holds the lock of a deployment (the Orders view uses it to tell "uncertain"). */
export async function activeLockOwner(lockFile: string): Promise<LockOwner | undefined> {
  const owner = await readLock(lockFile);
  return owner && isOwnerAlive(owner) ? owner : undefined;
}

export class LockHandle {
  constructor(
    readonly file: string,
    private readonly token: string,
  ) {}

  async release(): Promise<void> {
    try {
      const current = JSON.parse(await fs.readFile(this.file, 'utf8')) as LockContent;
      if (current.token === this.token) await fs.unlink(this.file);
    } catch {
      // Already gone, or taken over: nothing of ours to remove.
    }
  }
}

export async function acquireLock(lockFile: string, options: { logger: Logger; now: Date; holder?: string }): Promise<LockHandle> {
  const content: LockContent = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: options.now.toISOString(),
    holder: options.holder,
    token: randomUUID(),
  };
  const temp = `${lockFile}.${process.pid}.${content.token}`;
  await fs.writeFile(temp, JSON.stringify(content), { mode: PRIVATE_FILE_MODE });
  try {
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        await fs.link(temp, lockFile);
        return new LockHandle(lockFile, content.token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = await fs.readFile(lockFile, 'utf8').catch(() => undefined);
      if (seen === undefined) continue; // Released in between: try again.
      const owner = ownerOf(seen);
      if (owner && isOwnerAlive(owner)) throw new StateLockedError(lockFile, owner);
      if (!owner) {
        // Unreadable lock: not ours to judge unless it is old (a writer killed between link and nothing else).
        const age = Date.now() - (await fs.stat(lockFile).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
        if (age < 10_000) throw new StateLockedError(lockFile, undefined);
      }
      if (await removeIfStillStale(lockFile, seen, temp)) {
        options.logger.warn(
          owner
            ? t(
                'Taking over a stale lock of process {0} on {1} (started {2}); that process is no longer running.',
                owner.pid,
                owner.host,
                owner.startedAt,
              )
            : t('Taking over an unreadable stale lock file {0}.', lockFile),
        );
      }
    }
    throw new StateLockedError(lockFile, await readLock(lockFile));
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

function ownerOf(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as LockContent;
    return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt, holder: parsed.holder };
  } catch {
    return undefined;
  }
}

/** An unreadable takeover guard older than this belongs to nobody (it is held for a few file operations). */
const TAKEOVER_GUARD_STALE_MS = 10_000;

/**
 * Removes the lock file only if it still holds exactly what was judged stale. Takers serialize on a guard file,
 * linked into place whole (the taker's own lock content, so it names its pid) and so created exclusively, and
 * re-read the lock under it: two processes that both judged the same dead owner stale can never remove each
 * other's fresh lock (the second sees the first one's live lock and stops). A guard left by a taker that died
 * holding it is removed as soon as its process is known to be gone.
 */
async function removeIfStillStale(lockFile: string, judged: string, ownLock: string): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  try {
    await fs.link(ownLock, guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await clearDeadGuard(guard);
    return false;
  }
  try {
    const current = await fs.readFile(lockFile, 'utf8').catch(() => undefined);
    if (current !== judged) return false;
    await fs.unlink(lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  } finally {
    await fs.unlink(guard).catch(() => undefined);
  }
}

/** Another taker holds the guard: wait a moment for it, or remove the guard of one that died holding it. */
async function clearDeadGuard(guard: string): Promise<void> {
  const text = await fs.readFile(guard, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const holder = ownerOf(text);
  const dead = holder
    ? !isOwnerAlive(holder)
    : Date.now() - (await fs.stat(guard).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > TAKEOVER_GUARD_STALE_MS;
  if (dead && (await fs.readFile(guard, 'utf8').catch(() => undefined)) === text) {
    await fs.unlink(guard).catch(() => undefined);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 25));
}
