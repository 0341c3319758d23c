// npm run bench (no area): every figure of issue 18 beside its goal in one table, measured in one run:
// bundle sizes (a production build in a temp folder), the .vsix (--vsix packages it; else the last one
// built), e-mail rendering, PDF rendering (the shipped chunk of that same build), and activation and a
// first command in a real VS Code (test-results/activation.json from the integration suite's foundation
// test; --activation runs it first). The load average is printed: other work on the machine slows the
// wall-clock figures, so each speed also has its ratio to the old way measured side by side.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureMail } from './mail';
import { measurePdf } from './pdf';

interface SizeScript {
  GOALS: { activationBundle: number; vsix: number };
  measureBundles(keep?: string): Array<{ file: string; bytes: number; gzip: number; loaded: string }>;
  packageVsix(): number;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');

export async function run(args: string[]): Promise<void> {
  const sizeScript = '../scripts/size.mjs';
  const size = (await import(sizeScript)) as SizeScript;
  const loads: number[] = [os.loadavg()[0]!];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-bench-goals-'));
  const rows: string[][] = [];
  const row = (figure: string, measured: string, goal: string, met: boolean | undefined, note = '') => rows.push([figure, measured, goal, met === undefined ? '–' : met ? 'met' : 'NOT met', note]);
  try {
    const bundles = size.measureBundles(dir);
    const extension = bundles.find((b) => b.file === 'extension.js')!;
    row('activation bundle dist/extension.js', kb(extension.bytes), `< ${kb(size.GOALS.activationBundle)}`, extension.bytes < size.GOALS.activationBundle, `was 4,090 KB; gzip ${kb(extension.gzip)}`);
    for (const chunk of bundles.filter((b) => b.file.startsWith('chunk-'))) row(`  lazy chunk ${chunk.file}`, kb(chunk.bytes), 'not at activation', undefined, chunk.loaded);

    if (args.includes('--vsix')) size.packageVsix();
    if (existsSync('optima-order-sync.vsix')) {
      const vsix = statSync('optima-order-sync.vsix');
      row('optima-order-sync.vsix', kb(vsix.size), `< ${kb(size.GOALS.vsix)}`, vsix.size < size.GOALS.vsix, args.includes('--vsix') ? 'packaged now' : `packaged ${vsix.mtime.toISOString().slice(0, 16)} (--vsix to repackage)`);
    } else row('optima-order-sync.vsix', 'not built', `< ${kb(size.GOALS.vsix)}`, undefined, 'run npm run bench -- --vsix');

    const mail = await measureMail(10_000);
    loads.push(mail.load);
    row('template rendering (subject + HTML + text)', `${n(mail.perSecond)} messages/s`, '≥ 10,000/s', mail.perSecond >= 10_000, `${n(mail.perCpuSecond)} per CPU-second; LiquidJS + html-to-text per message, same run: ${n(mail.liquidOnlyPerSecond)}/s (×${(mail.perSecond / mail.liquidOnlyPerSecond).toFixed(1)})`);

    const pdf = await measurePdf(1000, dir);
    loads.push(pdf.load);
    row('sales-document PDF (as shipped)', `${n(pdf.shipped.perSecond)} PDFs/s`, '≥ 150/s', pdf.shipped.perSecond >= 150, `${n(pdf.shipped.perCpuSecond)} per CPU-second; from source ${n(pdf.source.perSecond)}/s; ${n(pdf.shipped.bytes)} bytes; Polish text parsed back: ${pdf.polishTextOk ? 'yes' : 'NO'}`);

    if (args.includes('--activation')) execFileSync('bash', ['test/vscode/run-integration.sh', '--files', 'foundation'], { stdio: 'inherit' });
    const file = path.join('test-results', 'activation.json');
    if (existsSync(file)) {
      const figures = JSON.parse(readFileSync(file, 'utf8')) as { activationMs: number; firstCommandMs?: number; firstCommand?: string; vscode: string };
      // When it was measured is when the suite wrote the file (the test itself reads no clock).
      const where = `VS Code ${figures.vscode} (code-server), measured ${statSync(file).mtime.toISOString().slice(0, 16)}`;
      row('activation in a real VS Code', `${figures.activationMs} ms`, 'printed', undefined, where);
      row('a first command after activation', figures.firstCommandMs === undefined ? 'not measured' : `${figures.firstCommandMs} ms`, 'printed', undefined, figures.firstCommand ?? '');
    } else row('activation in a real VS Code', 'not measured', 'printed', undefined, 'npm run bench -- --activation (runs the foundation suite in code-server)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`Goals of issue 18 (${os.cpus().length} CPU, Node ${process.version}, load average during the run ${loads.map((l) => l.toFixed(1)).join(' / ')})\n\n`);
  process.stdout.write(`| figure | measured | goal | | notes |\n| --- | ---: | --- | --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
}
