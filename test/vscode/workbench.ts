// Opens the VS Code workbench of a fresh code-server in Debian's headless Chromium, with this repository as the
// development extension (and optionally a mocha suite as extensionTestsPath). Shared by the integration-test
// driver (run-tests.ts), the @vscode/test-electron stand-in (code-shim.cjs) and the e2e harness (test/e2e).
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server';
import { assertEnvironmentReady, CHROMIUM, newRunDir, ROOT, socketSafeTmpDir } from './environment';

export interface WorkbenchOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /** The session's run folder (default: a new .vscode-env/run/<label>-…). */
  runDir?: string;
  label?: string;
  /** Default: this repository. */
  extensionDevelopmentPath?: string;
  /** A compiled mocha runner exporting run(); when set, VS Code runs it and reports the exit code. */
  extensionTestsPath?: string;
  /** Environment variables for the extension host (merged over the server's). */
  extensionEnvironment?: Record<string, string>;
  /** Receives every line the extension host logs through the test driver (test output). */
  onExtensionHostLog?: (type: string, line: string) => void;
  /** Extra VS Code user settings. */
  userSettings?: Record<string, unknown>;
  /**
   * Run a packaged extension instead of the development one: installs this .vsix and opens the workbench
   * without the smoke-test driver (the URL payload is then ignored, and notification toasts are shown).
   */
  vsix?: string;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  runDir: string;
  server: CodeServer;
  context: BrowserContext;
  page: Page;
  /** Resolves with the code the test runner exited with (only when extensionTestsPath is set). */
  testsExited: Promise<number>;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Copies a fixture folder (default test/fixtures/workspace) into the run folder; tests may change the copy freely. */
export function copyWorkspace(runDir: string, fixture = path.join(ROOT, 'test', 'fixtures', 'workspace')): string {
  const target = path.join(runDir, 'workspace');
  cpSync(fixture, target, { recursive: true });
  return target;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  assertEnvironmentReady();
  const runDir = options.runDir ?? newRunDir(options.label ?? 'session');
  const server = await startCodeServer({
    runDir,
    smokeTestDriver: !options.vsix,
    ...(options.vsix ? { vsix: options.vsix } : {}),
    ...(options.userSettings ? { userSettings: options.userSettings } : {}),
  });
  let context: BrowserContext | undefined;
  const browserTmp = socketSafeTmpDir(runDir, 'bt');
  const removeBrowserTmp = () => {
    if (!browserTmp.startsWith(runDir)) rmSync(browserTmp, { recursive: true, force: true });
  };
  try {
    const browserHome = path.join(runDir, 'browser-home');
    context = await chromium.launchPersistentContext(path.join(runDir, 'browser-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
      env: {
        ...process.env,
        HOME: browserHome,
        XDG_CONFIG_HOME: path.join(browserHome, '.config'),
        XDG_CACHE_HOME: path.join(browserHome, '.cache'),
        TMPDIR: browserTmp,
      },
    });
    const page = context.pages()[0] ?? (await context.newPage());

    // The workbench calls these two globals when the smoke-test driver is on: the extension host's log lines
    // (printf-style arguments) and the test runner's exit code.
    let reportExit: (code: number) => void = () => undefined;
    const testsExited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...(args ?? []));
      (options.onExtensionHostLog ?? ((_type: string, text: string) => console.log(text)))(type, line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

    const remote = (file: string) => `vscode-remote://${server.host}${path.resolve(file)}`;
    // The payload is read into a Map: one extensionDevelopmentPath only.
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath ?? ROOT)],
      ['skipWelcome', 'true'],
    ];
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    if (options.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(options.extensionEnvironment)]);
    const url = `http://${server.host}/?folder=${encodeURIComponent(path.resolve(options.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);

    const ctx = context;
    return {
      runDir,
      server,
      context: ctx,
      page,
      testsExited,
      close: async () => {
        await ctx.close().catch(() => undefined);
        await server.stop();
        removeBrowserTmp();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server.stop();
    removeBrowserTmp();
    throw error;
  }
}
