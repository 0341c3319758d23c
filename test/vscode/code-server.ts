// Starts one code-server (a real VS Code server, run by Node 24) on a free loopback port with every folder it
// writes (user data, extensions, XDG dirs, TMPDIR, HOME) inside the session's run folder, and stops its whole
// process group: killing only the top process leaves the file watcher and other helpers running.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, socketSafeTmpDir } from './environment';

export interface CodeServerOptions {
  /** The session's run folder; the server's files go to <runDir>/server/. */
  runDir: string;
  /** Lets the workbench URL's payload load a development extension and its tests (hides notification toasts). */
  smokeTestDriver?: boolean;
  /** Extensions folder (default: an empty one in the run folder). */
  extensionsDir?: string;
  /** A packaged extension (.vsix) to install into the extensions folder before the server starts. */
  vsix?: string;
  /** Extra VS Code user settings. */
  userSettings?: Record<string, unknown>;
  /** Extra environment of the server; the remote extension host inherits it. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export interface CodeServer {
  host: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'git.enabled': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Process groups of the servers this process started. The servers run in their own groups (so the terminal's
 * Ctrl-C does not reach them): kill them when this process exits or is interrupted.
 */
const running = new Set<number>();
function killRunningServers(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  running.clear();
}
process.once('exit', killRunningServers);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killRunningServers();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dir = path.join(options.runDir, 'server');
  const dirs = {
    userData: path.join(dir, 'user-data'),
    extensions: options.extensionsDir ?? path.join(dir, 'extensions'),
    home: path.join(dir, 'home'),
    tmp: socketSafeTmpDir(options.runDir, 'st'),
    xdgConfig: path.join(dir, 'xdg-config'),
    xdgData: path.join(dir, 'xdg-data'),
    xdgCache: path.join(dir, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...options.userSettings }, null, 2),
  );
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const logFile = path.join(dir, 'code-server.log');
  const port = await freePort();

  const env = {
    ...process.env,
    ...options.env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  const folders = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    const installed = spawnSync(NODE24, [CODE_SERVER_ENTRY, ...folders, '--install-extension', options.vsix], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (installed.status !== 0)
      throw new Error(`code-server --install-extension ${options.vsix} failed:\n${installed.stdout}${installed.stderr}`);
  }
  const args = [
    CODE_SERVER_ENTRY,
    ...folders,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it every closed browser tab leaves its extension host running for hours.
    '--reconnection-grace-time',
    '5',
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
  ];
  const log = openSync(logFile, 'a');
  const child = spawn(NODE24, args, {
    // detached = setsid: the server and everything it spawns form one process group we can kill at once.
    detached: true,
    stdio: ['ignore', log, log],
    env,
  });
  closeSync(log);
  const pgid = child.pid!;
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    if (groupAlive(pgid)) {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
      if (groupAlive(pgid)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    if (!dirs.tmp.startsWith(options.runDir)) rmSync(dirs.tmp, { recursive: true, force: true });
  };
  running.add(pgid);

  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited during start-up; its log ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const response = await fetch(`http://${host}/healthz`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${host} in time; its log: ${logFile}`);
    }
    await sleep(200);
  }
  return {
    host,
    port,
    logFile,
    stop: async () => {
      await stop();
      running.delete(pgid);
    },
  };
}
