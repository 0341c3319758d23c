// The body of code-shim.cjs: reads the flags test-electron passes to a VS Code executable
// (--extensionDevelopmentPath=, --extensionTestsPath=, the workspace folder; desktop-only flags are ignored),
// runs the tests in code-server through the shared driver and exits with the test runner's code.
// The extension host inherits this process's environment, so runTests' extensionTestsEnv reaches the tests.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { newRunDir } from './environment';
import { testOutputPrinter } from './test-output';
import { copyWorkspace, openWorkbench } from './workbench';

async function main(): Promise<number> {
  const developmentPaths: string[] = [];
  let testsPath: string | undefined;
  let workspace: string | undefined;
  for (const arg of process.argv.slice(2)) {
    const match = /^--(extensionDevelopmentPath|extensionTestsPath)=(.*)$/.exec(arg);
    if (match?.[1] === 'extensionDevelopmentPath') developmentPaths.push(path.resolve(match[2]!));
    else if (match?.[1] === 'extensionTestsPath') testsPath = path.resolve(match[2]!);
    else if (!arg.startsWith('-')) workspace = path.resolve(arg);
  }
  if (developmentPaths.length > 1) console.error('[code-shim] the web workbench loads one development extension only: using the last');
  if (!testsPath) throw new Error('--extensionTestsPath= is required');
  const runDir = newRunDir('shim');
  const workbench = await openWorkbench({
    runDir,
    workspace: workspace ?? copyWorkspace(runDir),
    ...(developmentPaths.length ? { extensionDevelopmentPath: developmentPaths[developmentPaths.length - 1]! } : {}),
    extensionTestsPath: testsPath.endsWith('.js') ? testsPath : `${testsPath}.js`,
    onExtensionHostLog: testOutputPrinter(path.join(runDir, 'workbench.log')),
  });
  const timeoutMs = Number(process.env.OPTIMA_VSCODE_TIMEOUT_MS ?? 600_000);
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    workbench.testsExited,
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  await workbench.close();
  if (code !== 0) console.error(`[code-shim] tests ended with ${code}; logs in ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[code-shim] error:', error);
    process.exit(2);
  },
);
