// Runs the in-VS Code mocha suites (dist/test/integration/suite/*.test.js) in a real VS Code extension host:
// fresh code-server + fresh copy of test/fixtures/workspace + headless Chromium, then stops everything.
//
// Usage: tsx test/vscode/run-tests.ts [--files foundation,settings-form] [--grep REGEX] [--env KEY=VALUE]… [--keep]
//   --files  only these suite files (names without .test.ts)      (or env OPTIMA_TEST_FILES)
//   --grep   only tests whose full title matches                    (or env OPTIMA_TEST_GREP)
//   --env    an environment variable for the extension host (repeatable)
//   --keep   keep the run folder (.vscode-env/run/integration-…) even when everything passed
// Exit code: 0 all passed, 1 a test failed or the run did not finish. Totals go to $TEST_STATS_FILE if set.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newRunDir, RESULTS_DIR, ROOT } from './environment';
import { testOutputPrinter } from './test-output';
import { copyWorkspace, openWorkbench, type Workbench } from './workbench';

interface Stats {
  passes: number;
  failures: number;
  pending: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string' },
      grep: { type: 'string' },
      env: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  const started = Date.now();
  const testsPath = path.join(ROOT, 'dist', 'test', 'integration', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: build first (node esbuild.mjs)`);

  const runDir = newRunDir('integration');
  const workspace = copyWorkspace(runDir);
  const statsFile = path.join(runDir, 'stats.json');
  const extensionEnvironment: Record<string, string> = {
    OPTIMA_TEST_STATS_FILE: statsFile,
    OPTIMA_TEST_RESULTS_DIR: RESULTS_DIR,
  };
  const files = values.files ?? process.env.OPTIMA_TEST_FILES;
  const grep = values.grep ?? process.env.OPTIMA_TEST_GREP;
  if (files) extensionEnvironment.OPTIMA_TEST_FILES = files;
  if (grep) extensionEnvironment.OPTIMA_TEST_GREP = grep;
  for (const pair of values.env ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env expects KEY=VALUE, got ${pair}`);
    extensionEnvironment[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const timeoutMs = Number(values.timeout ?? process.env.OPTIMA_VSCODE_TIMEOUT_MS ?? 600_000);

  console.log(`[vscode] run folder ${path.relative(ROOT, runDir)}; workspace ${path.relative(ROOT, workspace)}`);
  // Every workbench/extension-host line goes to workbench.log; the terminal gets the test output only
  // (OPTIMA_VSCODE_VERBOSE=1: everything).
  const workbenchLog = path.join(runDir, 'workbench.log');
  const onExtensionHostLog = testOutputPrinter(workbenchLog);
  let workbench: Workbench | undefined;
  let code: number | 'timeout';
  try {
    workbench = await openWorkbench({
      runDir,
      workspace,
      extensionTestsPath: testsPath,
      extensionEnvironment,
      onExtensionHostLog,
    });
    workbench.page.on('crash', () => console.error('[vscode] the browser page crashed'));
    let timer: NodeJS.Timeout | undefined;
    code = await Promise.race([
      workbench.testsExited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (code !== 0) {
      if (code === 'timeout') console.error(`[vscode] no test result after ${timeoutMs} ms`);
      const shots = path.join(RESULTS_DIR, 'screenshots');
      mkdirSync(shots, { recursive: true });
      await workbench.page.screenshot({ path: path.join(shots, 'integration-failure.png') }).catch(() => undefined);
      console.error(
        `[vscode] screenshot: test-results/screenshots/integration-failure.png; logs: ${path.relative(ROOT, workbenchLog)}, ${path.relative(ROOT, workbench.server.logFile)}`,
      );
    }
  } finally {
    await workbench?.close();
  }

  const stats: Stats = existsSync(statsFile)
    ? (JSON.parse(readFileSync(statsFile, 'utf8')) as Stats)
    : { passes: 0, failures: 1, pending: 0 }; // the runner never finished: count the run as one failure
  if (code !== 0 && stats.failures === 0) stats.failures = 1;
  if (process.env.TEST_STATS_FILE) writeFileSync(process.env.TEST_STATS_FILE, JSON.stringify(stats));
  const ok = code === 0 && stats.failures === 0;
  if (ok && !values.keep) rmSync(runDir, { recursive: true, force: true });
  else console.log(`[vscode] kept ${path.relative(ROOT, runDir)} (server and extension host logs are under server/)`);
  console.log(`[vscode] real VS Code: ${stats.passes} passed, ${stats.failures} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[vscode] driver error:', error);
    if (process.env.TEST_STATS_FILE) writeFileSync(process.env.TEST_STATS_FILE, JSON.stringify({ passes: 0, failures: 1, pending: 0 }));
    process.exit(1);
  },
);
