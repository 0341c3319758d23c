// Everything under a deployment's .optima-sync/ is the customers' personal data (names, addresses, invoices,
// e-mails) or traces of the shop's keys: the folder is 0700 and every file in it 0600, whatever the umask, also
// after an atomic rename (the temp file is created 0600) and in a folder made by an older version (tightened
// once when the state is opened). On Windows POSIX modes mean nothing: NTFS permissions protect the folder
// (README, "Security and privacy").
import { chmodSync, mkdirSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plural } from '../l10n';
import type { Logger } from '../log';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const modesApply = process.platform !== 'win32';

/** Creates the folder (and missing parents: callers create the deployment folder first) 0700, or tightens it. */
export async function makePrivateFolder(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (modesApply) await fs.chmod(folder, PRIVATE_FOLDER_MODE);
}

/** makePrivateFolder for the synchronous log writer. */
export function makePrivateFolderSync(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (modesApply) chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/**
 * A new folder in the system's temp directory that only this user can open (mkdtemp: a unique name, 0700),
 * for a customer's document shown outside the deployment (a sandbox PDF): never a fixed, shared folder.
 */
export async function makePrivateTempFolder(prefix: string): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  if (modesApply) await fs.chmod(folder, PRIVATE_FOLDER_MODE);
  return folder;
}

/** Writes a file readable by its owner only (the mode applies when the file is created; `flag: 'wx'` refuses an existing one). */
export async function writePrivateFile(file: string, content: string | Uint8Array, options: { flag?: 'w' | 'wx' } = {}): Promise<void> {
  await fs.writeFile(file, content, { mode: PRIVATE_FILE_MODE, flag: options.flag ?? 'w' });
}

/** Replaces a file through a private temp file in the same folder: a reader sees the old or the new content, never a mix. */
export async function replacePrivateFile(file: string, content: string | Uint8Array): Promise<void> {
  await makePrivateFolder(path.dirname(file));
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writePrivateFile(temp, content);
  await fs.rename(temp, file);
}

/** Folders 0700 and files 0600 below `folder` (symbolic links are left alone); returns how many entries changed. */
export async function tightenPrivateTree(folder: string): Promise<number> {
  if (!modesApply) return 0;
  let changed = 0;
  const tighten = async (entry: string, wanted: number): Promise<void> => {
    const stat = await fs.lstat(entry).catch(() => undefined);
    if (!stat || stat.isSymbolicLink() || (stat.mode & 0o777) === wanted) return;
    // Another process may just have renamed a temp file away: gone is fine.
    await fs.chmod(entry, wanted).then(
      () => changed++,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  };
  // A folder last: one left open means "not done yet" (securePrivateFolder), also after a crash half-way.
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) await tighten(full, PRIVATE_FILE_MODE);
    }
    await tighten(dir, PRIVATE_FOLDER_MODE);
  };
  await walk(folder);
  return changed;
}

/**
 * The state folder before the state is opened: created 0700, or, when an earlier version left it readable by
 * others, tightened once (and said so in the log). A private folder is not walked again: everything this
 * product writes in it is created private, so a later open costs one stat, whatever the folder holds.
 */
export async function securePrivateFolder(folder: string, logger: Logger): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (!modesApply || ((await fs.stat(folder)).mode & 0o077) === 0) return;
  const changed = await tightenPrivateTree(folder);
  if (changed > 0) {
    logger.info(
      plural(
        changed,
        {
          one: 'Made {1} private: {0} file or folder was open to other users of this computer; now only its owner can read it (folders 0700, files 0600).',
          other:
            'Made {1} private: {0} files and folders were open to other users of this computer; now only their owner can read them (folders 0700, files 0600).',
        },
        folder,
      ),
    );
  }
}
