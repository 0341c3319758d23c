// `npm test`: every check, in order, each stage's output shown as it runs, then a summary. The very last line
// is exactly "tests: N passed, N failed, N skipped" (CI reads it); a stage that fails without test counts (type
// check, lint, build, environment) counts as one failed test there. Exit code 0 only when every stage passed.
// Installs what the VS Code stages need (test/vscode/setup-env.sh: Node 24 + code-server into .vscode-env/,
// Debian chromium when run as root) and what the postfix stage needs (test/support/setup-postfix.sh: Debian
// postfix and dovecot-core, as root). A stage that cannot run here says *skipped*, why, and how to fix it —
// never "passed" with nothing run; in CI (CI=true) that is a failure.
//
// Options: --only unit,integration,e2e  (stage keys: typecheck lint build unit postfix vscode-env integration e2e)
//          --skip lint,e2e
//          --with unit-faketime,crash  also the stages CI adds: the unit suite again 400 days ahead in another
//                                      time zone (Debian's faketime), and the crash tests at full counts
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? hasFiles(full, suffix) : name.endsWith(suffix);
  });
}

const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { stdio: 'ignore' }).status === 0;
// Other builds in the same checkout take the same lock (see the contributor brief).
const locked = (command) => (hasFlock ? ['flock', ['/tmp/build.lock', ...command]] : [command[0], command.slice(1)]);

const stages = [
  { key: 'typecheck', name: 'type check', run: ['npm', ['run', '--silent', 'typecheck']] },
  { key: 'lint', name: 'lint', run: ['npx', ['eslint', '--no-error-on-unmatched-pattern', 'src', 'webview', 'test', 'bench']] },
  { key: 'build', name: 'build', run: locked(['node', 'esbuild.mjs']) },
  { key: 'unit', name: 'unit tests', run: ['npx', ['mocha']], counts: true, when: () => hasFiles('test/unit', '.test.ts') },
  // The e-mail suite against a real Postfix + Dovecot the tests start on 127.0.0.1 (Debian postfix, dovecot-core;
  // root; installed by its setup when missing), trusting the test CA of test/fixtures/postfix-tls.
  {
    key: 'postfix',
    name: 'e-mail against Postfix',
    setup: ['bash', ['test/support/setup-postfix.sh']],
    run: [
      'npx',
      [
        'mocha',
        '--no-config',
        '-r',
        'tsx/cjs',
        '--extension',
        'ts',
        '--timeout',
        '30000',
        '--reporter',
        './test/support/counting-reporter.js',
        'test/unit/mail/*.postfix.ts',
      ],
    ],
    env: { NODE_EXTRA_CA_CERTS: path.join(ROOT, 'test/fixtures/postfix-tls/ca.pem') },
    counts: true,
    when: () => hasFiles('test/unit/mail', '.postfix.ts'),
  },
  // The same suite on another day and in another zone: no test may depend on the wall clock or the machine's zone.
  {
    key: 'unit-faketime',
    name: 'unit tests +400 days, New York',
    optional: true,
    run: ['faketime', ['+400 days', 'npx', 'mocha']],
    env: { TZ: 'America/New_York' },
    counts: true,
    needs: ['build'],
  },
  { key: 'crash', name: 'crash tests, full counts', optional: true, run: ['node', ['test/run-crash.mjs']], counts: true, needs: ['build'] },
  // Mostly downloads (and a first-time code-server install of a few minutes): started at once in the
  // background, its output shown when its turn comes.
  { key: 'vscode-env', name: 'VS Code test environment', run: ['bash', ['test/vscode/setup-env.sh']], background: true },
  {
    key: 'integration',
    name: 'tests in a real VS Code',
    run: ['npx', ['tsx', 'test/vscode/run-tests.ts']],
    counts: true,
    needs: ['build', 'vscode-env'],
  },
  {
    key: 'e2e',
    name: 'end-to-end tests',
    run: ['npx', ['mocha', '--config', 'test/e2e/.mocharc.json', 'test/e2e/**/*.e2e.ts']],
    counts: true,
    needs: ['build', 'vscode-env'],
    when: () => hasFiles('test/e2e', '.e2e.ts'),
  },
];

function listOption(name) {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1].split(',') : undefined;
}
const only = listOption('--only');
const skip = listOption('--skip') ?? [];
const withOptional = listOption('--with') ?? [];

function runStage(command, args, env, captured) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: captured ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    if (captured) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => captured.push(chunk));
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** How many tests a mocha stage holds, without running them (mocha --dry-run): what a skipped stage leaves out. */
async function countTests(stage) {
  const statsFile = path.join(statsDir, `${stage.key}-count.json`);
  await runStage(stage.run[0], [...stage.run[1], '--dry-run'], { ...stage.env, TEST_STATS_FILE: statsFile }, []);
  return existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')).passes : 0;
}

const selected = (stage) => {
  if (only) return only.includes(stage.key);
  return !skip.includes(stage.key) && (!stage.optional || withOptional.includes(stage.key));
};
const backgroundRuns = new Map(
  stages
    .filter((stage) => stage.background && selected(stage))
    .map((stage) => {
      const output = [];
      const t0 = Date.now();
      const done = runStage(stage.run[0], stage.run[1], {}, output).then((code) => ({ code, output, seconds: (Date.now() - t0) / 1000 }));
      return [stage.key, done];
    }),
);

const statsDir = mkdtempSync(path.join(os.tmpdir(), 'optima-test-stats-'));
const results = [];
const started = Date.now();
for (const stage of stages) {
  if (!selected(stage)) continue;
  const result = { stage, status: 'passed', seconds: 0, passes: 0, failures: 0, pending: 0 };
  results.push(result);
  if (stage.when && !stage.when()) {
    result.status = 'no tests';
    console.log(`\n=== ${stage.name}: no test files, skipped`);
    continue;
  }
  const broken = (stage.needs ?? []).filter((key) => results.some((r) => r.stage.key === key && r.status === 'FAILED'));
  if (broken.length > 0) {
    Object.assign(result, { status: 'FAILED', failures: 1, note: `not run: ${broken.join(', ')} failed` });
    console.log(`\n=== ${stage.name}: not run because ${broken.join(', ')} failed`);
    continue;
  }
  if (stage.setup) {
    // Exit 3: the stage cannot run on this machine; the setup's last line says why and how to fix it.
    const output = [];
    const code = await runStage(stage.setup[0], stage.setup[1], {}, output);
    const lines = Buffer.concat(output).toString().trim().split('\n');
    if (code !== 0) {
      const reason = lines.at(-1)?.replace(/^skipped: /, '') ?? `${stage.setup[1].join(' ')} failed`;
      const skipped = code === 3 && !process.env.CI;
      Object.assign(
        result,
        skipped ? { status: 'skipped', note: reason, pending: await countTests(stage) } : { status: 'FAILED', failures: 1, note: reason },
      );
      console.log(`\n=== ${stage.name}: ${skipped ? 'skipped' : 'FAILED'}: ${reason}`);
      continue;
    }
    console.log(`\n${lines.join('\n')}`);
  }
  console.log(`\n=== ${stage.name}: ${stage.run[0]} ${stage.run[1].join(' ')}`);
  const statsFile = path.join(statsDir, `${stage.key}.json`);
  let code;
  if (backgroundRuns.has(stage.key)) {
    const run = await backgroundRuns.get(stage.key);
    process.stdout.write(Buffer.concat(run.output));
    code = run.code;
    result.seconds = run.seconds;
    result.note = 'ran in the background from the start';
  } else {
    const t0 = Date.now();
    code = await runStage(stage.run[0], stage.run[1], { ...stage.env, ...(stage.counts ? { TEST_STATS_FILE: statsFile } : {}) });
    result.seconds = (Date.now() - t0) / 1000;
  }
  if (stage.counts && existsSync(statsFile)) {
    const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    result.passes = stats.passes;
    result.failures = stats.failures;
    result.pending = stats.pending ?? 0;
    result.files = stats.files ?? [];
  }
  if (code !== 0) {
    result.status = 'FAILED';
    // A stage that failed without reporting a failed test (type errors, a crash before the tests) still counts.
    if (result.failures === 0) result.failures = 1;
  } else if (stage.counts && result.passes === 0 && result.pending > 0) {
    // Every test skipped itself: nothing was checked.
    result.status = process.env.CI ? 'FAILED' : 'skipped';
    result.note = 'every test skipped itself';
    if (process.env.CI) result.failures = 1;
  }
  const skippedText = result.pending > 0 ? `, ${result.pending} skipped` : '';
  console.log(
    `=== ${stage.name}: ${result.status} in ${result.seconds.toFixed(1)} s${stage.counts ? ` (${result.passes} passed, ${result.failures} failed${skippedText})` : ''}`,
  );
}
rmSync(statsDir, { recursive: true, force: true });

const slowest = results
  .flatMap((r) => (r.files ?? []).map((f) => ({ ...f, stage: r.stage.key })))
  .sort((a, b) => b.seconds - a.seconds)
  .slice(0, 10);
if (slowest.length > 0) {
  console.log('\nSlowest test files');
  for (const f of slowest) console.log(`  ${f.seconds.toFixed(1).padStart(6)} s  ${f.stage.padEnd(11)} ${f.file}`);
}

console.log('\nSummary');
for (const r of results) {
  const counts =
    (r.stage.counts && !['no tests', 'skipped'].includes(r.status)) || r.pending > 0
      ? `  ${r.passes} passed, ${r.failures} failed${r.pending > 0 ? `, ${r.pending} skipped` : ''}`
      : '';
  console.log(
    `  ${r.stage.name.padEnd(26)} ${r.status.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s${counts}${r.note ? `  (${r.note})` : ''}`,
  );
}
const passes = results.reduce((sum, r) => sum + r.passes, 0);
const failures = results.reduce((sum, r) => sum + r.failures, 0);
const pending = results.reduce((sum, r) => sum + r.pending, 0);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${passes} passed, ${failures} failed, ${pending} skipped`);
process.exit(results.some((r) => r.status === 'FAILED') ? 1 : 0);
