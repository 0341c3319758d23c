// Files the settings name (a template's bodyFile) are relative to the deployment folder and stay inside it: no
// absolute path, no ".." segment, and, for a file about to be written, no symbolic link on the way out of it.
// The settings come from a repository anyone may have edited; a path must never reach the rest of the disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The absolute path of `relative` inside `dir`, or undefined when it would leave the folder. */
export function pathInsideDeployment(dir: string, relative: string): string | undefined {
  if (!relative || path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return undefined;
  if (relative.split(/[\\/]+/).includes('..')) return undefined;
  const resolved = path.resolve(dir, relative);
  const inside = path.relative(path.resolve(dir), resolved);
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? resolved : undefined;
}

/**
 * pathInsideDeployment for a file to create: also the real location of its nearest existing folder (symbolic
 * links resolved) must be inside the deployment folder's real location.
 */
export async function writablePathInsideDeployment(dir: string, relative: string): Promise<string | undefined> {
  const resolved = pathInsideDeployment(dir, relative);
  if (!resolved) return undefined;
  const root = await fs.realpath(dir);
  const outside = (real: string) => {
    const inside = path.relative(root, real);
    return inside.startsWith('..') || path.isAbsolute(inside);
  };
  // The file itself may be a link (a dangling one would be written through, wherever it points).
  if ((await fs.lstat(resolved).catch(() => undefined))?.isSymbolicLink()) {
    const real = await fs.realpath(resolved).catch(() => undefined);
    return real && !outside(real) ? resolved : undefined;
  }
  for (let existing = path.dirname(resolved); ; existing = path.dirname(existing)) {
    const real = await fs
      .realpath(existing)
      .catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (real !== undefined) return outside(real) ? undefined : resolved;
  }
}
