// Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix:
// write a temp file in the same folder, fsync it, rename it over the target, fsync the folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from '../deployment/private-files';

export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  // Private from its creation: the rename keeps the mode (every file under .optima-sync/ is the customers' data).
  const handle = await fs.open(temp, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
  await syncFolder(path.dirname(file));
}

async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return; // Folders cannot be opened for fsync there; rename is durable enough.
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
