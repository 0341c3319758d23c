// `npm run test:crash`: the crash-injection tests at their full counts (100 sync kills, 50 state kills).
// `npm test` runs the same tests with a few kills. OPTIMA_CRASH_SEED replays a failing seed.
import { spawnSync } from 'node:child_process';

const files = ['test/unit/sync/crash.test.ts', 'test/unit/state/crash.test.ts'];
const result = spawnSync(
  'npx',
  [
    'mocha',
    '--no-config',
    '--require',
    'tsx/cjs',
    '--extension',
    'ts',
    '--timeout',
    '1800000',
    '--reporter',
    './test/support/counting-reporter.js',
    ...files,
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, OPTIMA_CRASH_FULL: '1' },
  },
);
process.exit(result.status ?? 1);
