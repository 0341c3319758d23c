// The same in-VS Code suites through @vscode/test-electron's runTests, unchanged except that the "VS Code
// executable" is code-shim.cjs (no desktop VS Code can be downloaded here). Where a desktop VS Code is
// available, drop vscodeExecutablePath and runTests downloads and uses it instead.
// Usage: npm run test:vscode:test-electron   (OPTIMA_TEST_FILES / OPTIMA_TEST_GREP filter as usual)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { newRunDir, ROOT } from './environment';
import { copyWorkspace } from './workbench';

async function main(): Promise<void> {
  const runDir = newRunDir('test-electron');
  const workspace = copyWorkspace(runDir);
  const env: Record<string, string> = {};
  for (const key of ['OPTIMA_TEST_FILES', 'OPTIMA_TEST_GREP']) if (process.env[key]) env[key] = process.env[key]!;
  await runTests({
    vscodeExecutablePath: path.join(ROOT, 'test', 'vscode', 'code-shim.cjs'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [workspace],
    extensionTestsEnv: env,
  });
  rmSync(runDir, { recursive: true, force: true });
}

main().then(
  () => console.log('runTests: passed'),
  (error: unknown) => {
    console.error('runTests:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
