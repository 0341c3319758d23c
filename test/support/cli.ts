// The CLI as the tests run it: in this process through runCli (fast: no start-up per call), with the fixed
// test clock and English unless the test says otherwise; and, for a few smoke tests, the built dist/cli.js as
// a real child process, as a user or a cron job starts it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { testClock } from './clock';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

const ROOT = path.resolve(__dirname, '../..');
export const BUILT_CLI = path.join(ROOT, 'dist', 'cli.js');

/** One command line, in process: the environment is only what the test gives (plus OPTIMA_SYNC_LANG=en). */
export async function cli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    out: (text) => stdout.push(`${text}\n`),
    err: (text) => stderr.push(`${text}\n`),
    env: { OPTIMA_SYNC_LANG: 'en', ...options.env },
    cwd: options.cwd ?? ROOT,
    now: options.now ?? testClock,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The built CLI (npm run build) as a child process; its clock is the machine's. */
export function runBuiltCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, OPTIMA_SYNC_LANG: 'en', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
