// The F5 loop's contract: what `npm run watch` prints is what the "watch" task's problem matcher reads
// (.vscode/tasks.json, read as VS Code reads it). Real esbuild builds of small files, with the reporter's plugin.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { parse } from 'jsonc-parser';

interface Matcher {
  fileLocation: [string, string];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number };
  background: { beginsPattern: string; endsPattern: string };
}

const ROOT = path.resolve(__dirname, '../../..');
const tasks = parse(readFileSync(path.join(ROOT, '.vscode/tasks.json'), 'utf8')) as {
  tasks: Array<{ label: string; script?: string; problemMatcher: Matcher }>;
};
const watchTask = tasks.tasks.find((task) => task.label === 'watch')!;
const matcher = watchTask.problemMatcher;

async function reporterModule(): Promise<{ watchReporter(print: (line: string) => void, root: string): { plugin(): esbuild.Plugin } }> {
  return import(path.join(ROOT, 'build/watch-report.mjs'));
}

describe("the F5 loop: the watch build speaks the problem matcher's language", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'watch-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs `npm run watch`, and the matcher is a background one that waits for the first build', () => {
    assert.equal(watchTask.script, 'watch');
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.equal(scripts.watch, 'node esbuild.mjs --watch');
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
  });

  it('an error becomes a problem at its file, line and column; start and finish frame every build', async () => {
    const { watchReporter } = await reporterModule();
    writeFileSync(path.join(dir, 'broken.ts'), 'export const ok = 1;\nexport const broken: number = ;\n');
    const lines: string[] = [];
    const reporter = watchReporter((line) => lines.push(line), dir);
    const context = await esbuild.context({
      entryPoints: [path.join(dir, 'broken.ts')],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [reporter.plugin()],
    });
    try {
      await context.rebuild().catch(() => undefined);
    } finally {
      await context.dispose();
    }
    assert.match(lines[0]!, new RegExp(matcher.background.beginsPattern));
    assert.match(lines.at(-1)!, new RegExp(matcher.background.endsPattern));
    const problems = lines.slice(1, -1).map((line) => new RegExp(matcher.pattern.regexp).exec(line));
    assert.equal(problems.length, 1);
    const [match] = problems;
    assert.ok(match, `the matcher reads ${lines[1]}`);
    assert.equal(match[matcher.pattern.file], 'broken.ts');
    assert.equal(match[matcher.pattern.line], '2');
    // esbuild counts columns from 0, VS Code from 1: the ";" is the 31st character of the line.
    assert.equal(match[matcher.pattern.column], '31');
    assert.equal(match[matcher.pattern.severity], 'error');
    assert.match(match[matcher.pattern.message]!, /Unexpected ";"/);
  });

  it('bundles rebuilding together are one build to the matcher: one start, one finish, their problems between', async () => {
    const { watchReporter } = await reporterModule();
    writeFileSync(path.join(dir, 'a.ts'), 'export const a: number = ;\n');
    writeFileSync(path.join(dir, 'b.ts'), 'export const b = 2;\n');
    const lines: string[] = [];
    const reporter = watchReporter((line) => lines.push(line), dir);
    const contexts = await Promise.all(
      ['a.ts', 'b.ts'].map((file) =>
        esbuild.context({
          entryPoints: [path.join(dir, file)],
          bundle: true,
          write: false,
          logLevel: 'silent',
          plugins: [reporter.plugin()],
        }),
      ),
    );
    try {
      await Promise.all(contexts.map((context) => context.rebuild().catch(() => undefined)));
    } finally {
      await Promise.all(contexts.map((context) => context.dispose()));
    }
    const begins = lines.filter((line) => new RegExp(matcher.background.beginsPattern).test(line));
    const ends = lines.filter((line) => new RegExp(matcher.background.endsPattern).test(line));
    assert.equal(begins.length, 1, lines.join('\n'));
    assert.equal(ends.length, 1, lines.join('\n'));
    assert.equal(lines.at(-1), '[watch] build finished: 1 error(s), 0 warning(s)');
    assert.ok(
      lines.some((line) => line.startsWith('a.ts:1:26: error: ')),
      lines.join('\n'),
    );
  });
});
