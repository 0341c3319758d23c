// The mocha runner VS Code loads as extensionTestsPath (it runs inside the extension host): every
// suite/*.test.js next to it, TDD UI. Filters from the environment (set by test/vscode/run-tests.ts):
//   OPTIMA_TEST_FILES=foundation,settings-form   only these suite files
//   OPTIMA_TEST_GREP=regex                       only tests whose full title matches
// Totals go to $OPTIMA_TEST_STATS_FILE; the last line printed is "N passed, N failed".
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.OPTIMA_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, ...(grep ? { grep: new RegExp(grep) } : {}) });
  const wanted = process.env.OPTIMA_TEST_FILES?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const suiteDir = path.join(__dirname, 'suite');
  const files = readdirSync(suiteDir)
    .filter((file) => file.endsWith('.test.js'))
    .filter((file) => !wanted || wanted.includes(file.replace(/\.test\.js$/, '')))
    .sort();
  if (wanted) {
    const unknown = wanted.filter((name) => !files.includes(`${name}.test.js`));
    if (unknown.length > 0) return Promise.reject(new Error(`No suite file for: ${unknown.join(', ')} (in ${suiteDir})`));
  }
  for (const file of files) mocha.addFile(path.join(suiteDir, file));
  console.log(`optima-tests: running ${files.length} suite file(s): ${files.join(', ')}${grep ? ` (grep ${grep})` : ''}`);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = { passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 };
        if (process.env.OPTIMA_TEST_STATS_FILE) writeFileSync(process.env.OPTIMA_TEST_STATS_FILE, JSON.stringify(stats));
        console.log(`${stats.passes} passed, ${stats.failures} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A suite file that throws while loading: report it as a failure instead of hanging.
      console.error(error);
      if (process.env.OPTIMA_TEST_STATS_FILE)
        writeFileSync(process.env.OPTIMA_TEST_STATS_FILE, JSON.stringify({ passes: 0, failures: 1, pending: 0 }));
      console.log('0 passed, 1 failed');
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
