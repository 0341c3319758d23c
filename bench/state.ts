// npm run bench -- state [sizes…]: the reverse-update state at 1k, 10k and 100k stored orders laid down over a
// year, side by side. Each figure comes from its own child process (its peak RSS is its own), running the
// production build with plain Node as the product runs: `seed` builds the history through the store as a year of
// passes leaves it (settled orders archived week by week), `state` measures open, per-action persist (p50/p95),
// a first and a repeated reset and close, `pass` runs a sync pass of 1,000 new orders over that history (the
// WooCommerce fake, 5 ms latency, 20 requests/s, a real SMTP server), `orders-view` and `activity-view` read what
// those views show, the CLI itself runs `state --order` (an archived order) and `reset`, and `upgrade` opens a
// v6 file of the same history (the move to the archive).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { createDefaultDeployment } from '../src/core/deployment/files';
import { statePaths } from '../src/core/state';
import { DAY_MS } from '../src/core/state/schema';
import { writeOldStateFile } from '../test/support/old-state-file';
import { startPassServers, type PassServers } from './state-servers';

/** An early order of the seeded history (settled, so archived): what `state --order` and the search look up. */
const ARCHIVED = { id: String(100_000 + 10), number: `ZAM${100_000 + 10}` };

/**
 * The children run as the product runs: a production build (the CLI's lazy chunks, sql-wasm.wasm and the fonts
 * beside it), with plain Node, so their peak RSS is the product's and not that of a test bundle.
 */
async function bundleChild(dir: string): Promise<string> {
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dir], { stdio: 'inherit' });
  const { lazyChunksPlugin } = (await import(path.resolve('build/chunks.mjs'))) as { lazyChunksPlugin(): Plugin };
  const outfile = path.join(dir, 'bench-state-child.js');
  await build({
    entryPoints: [path.join(__dirname, 'state-child.ts')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'error',
    plugins: [lazyChunksPlugin()],
  });
  // Preloaded into the CLI's own process: it writes the process's peak RSS when it exits.
  writeFileSync(
    path.join(dir, 'rss-probe.cjs'),
    "process.on('exit', () => require('fs').writeFileSync(process.env.OPTIMA_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS / 1024)));\n",
  );
  return outfile;
}

function child(bundle: string, mode: string, dir: string, extra: string | number = ''): Record<string, number> {
  const result = spawnSync(process.execPath, [bundle, mode, dir, String(extra)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`bench child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

/** The CLI (dist/cli.js of the production build) as a user runs it: its time and peak RSS. */
function cli(bundleDir: string, args: string[]): { ms: number; rssMb: number } {
  const rssFile = path.join(bundleDir, `rss-${process.pid}.txt`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--require', path.join(bundleDir, 'rss-probe.cjs'), path.join(bundleDir, 'cli.js'), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, OPTIMA_BENCH_RSS_FILE: rssFile },
    },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`optima-sync ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) };
}

function folderBytes(folder: string): { bytes: number; files: number } {
  if (!existsSync(folder)) return { bytes: 0, files: 0 };
  const files = readdirSync(folder).filter((name) => name.endsWith('.sqlite'));
  return { bytes: files.reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0), files: files.length };
}

async function measureSize(bundle: string, bundleDir: string, orders: number): Promise<StateFigures> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
  const dir = path.join(temp, 'seeded');
  const copy = path.join(temp, 'copy');
  const cliDir = path.join(temp, 'cli');
  const old = path.join(temp, 'v6');
  const servers = await startPassServers();
  try {
    mkdirSync(dir);
    const seeded = child(bundle, 'seed', dir, orders);
    const paths = statePaths(dir);
    const archive = folderBytes(path.join(paths.folder, 'archive'));
    const sizes = { liveBytes: statSync(paths.file).size, archiveBytes: archive.bytes, archiveFiles: archive.files };
    cpSync(paths.folder, statePaths(copy).folder, { recursive: true });
    const state = child(bundle, 'state', copy);
    const pass = await childAsync(bundle, dir, servers.servers);
    const ordersView = child(bundle, 'orders-view', dir, ARCHIVED.number);
    const activityView = child(bundle, 'activity-view', dir);
    const order = cli(bundleDir, ['state', '--order', ARCHIVED.id, '--json', '--dir', dir]);
    await createDefaultDeployment(cliDir);
    cpSync(paths.folder, statePaths(cliDir).folder, { recursive: true });
    const reset = cli(bundleDir, [
      'reset',
      '--actions',
      'status-after-import,email-after-import,status-after-realization,email-after-realization,pdf-to-shop',
      '--until',
      new Date().toISOString().slice(0, 10),
      '--dir',
      cliDir,
    ]);
    // The same history as the version before the archive kept it, upgraded by the first writer.
    mkdirSync(statePaths(old).folder, { recursive: true });
    const now = Date.now();
    await writeOldStateFile(statePaths(old).file, {
      schema: 6,
      orders,
      firstFetchedAt: new Date(now - 365 * DAY_MS),
      lastFetchedAt: new Date(now - DAY_MS),
      summarizedBefore: new Date(now - 60 * DAY_MS),
    });
    const oldBytes = statSync(statePaths(old).file).size;
    const upgraded = child(bundle, 'upgrade', old);
    return {
      orders,
      ...seeded,
      ...sizes,
      ...state,
      ...pass,
      ...ordersView,
      ...activityView,
      ...upgraded,
      oldBytes,
      orderMs: order.ms,
      orderRssMb: order.rssMb,
      resetCliMs: reset.ms,
      resetRssMb: reset.rssMb,
    };
  } finally {
    await servers.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

export type StateFigures = Record<string, number> & { orders: number };

/** Every figure of the state at each size (a production build made for it, removed after). */
export async function measureStates(sizes: number[]): Promise<StateFigures[]> {
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'bench-state-bundle-'));
  const columns: StateFigures[] = [];
  try {
    const bundle = await bundleChild(bundleDir);
    for (const orders of sizes) columns.push(await measureSize(bundle, bundleDir, orders));
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  return columns;
}

export async function run(args: string[]): Promise<void> {
  const sizes = args.length ? args.map(Number) : [1_000, 10_000, 100_000];
  printTable(await measureStates(sizes), sizes);
}

function printTable(columns: StateFigures[], sizes: number[]): void {
  const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
  const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
  const rss = (value: number) => `${value.toFixed(0)} MiB`;
  const at = (orders: number) => columns.find((c) => c.orders === orders);
  const rows: Array<[string, (c: Record<string, number>) => string, string]> = [
    ['open (writer, median of 3)', (c) => ms(c.openMs!), '< 400 ms at 100k'],
    ['persist one action, p50', (c) => ms(c.persistP50!), ''],
    ['persist one action, p95', (c) => ms(c.persistP95!), '100k within 1.5× of 1k'],
    ['1,000-order pass: time', (c) => `${(c.passMs! / 1000).toFixed(1)} s`, ''],
    [
      '1,000-order pass: persisting',
      (c) =>
        `${(c.persistMs! / 1000).toFixed(2)} s (${c.records} records, ${(c.recordBytes! / 1_048_576).toFixed(1)} MiB; ${c.checkpoints} checkpoints)`,
      '',
    ],
    ['journal record sync, p50 (overlapped)', (c) => ms(c.recordIoP50!), ''],
    ['1,000-order pass: share persisting', (c) => `${((100 * c.persistMs!) / c.passMs!).toFixed(1)} %`, '< 5 % at 100k'],
    ['1,000-order pass: planning', (c) => ms(c.planMs!), ''],
    ['reset of all five actions (first)', (c) => `${ms(c.resetMs!)} (${c.resetActions!.toLocaleString('en')} actions)`, '< 100 ms at 100k'],
    ['reset again (nothing to change)', (c) => ms(c.repeatResetMs!), '< 100 ms at 100k'],
    ['close (checkpoint)', (c) => ms(c.closeMs!), ''],
    ['Orders view: read a page (200 orders)', (c) => ms(c.ordersViewMs!), ''],
    ['Orders view: find an archived order by number', (c) => ms(c.searchMs!), ''],
    ['Activity view: read', (c) => ms(c.activityViewMs!), ''],
    ['live file (state.sqlite)', (c) => mib(c.liveBytes!), ''],
    ['archive files', (c) => `${mib(c.archiveBytes!)} in ${c.archiveFiles} months`, ''],
    ['live file after the pass; sandbox ERP file', (c) => `${mib(c.liveAfterPassBytes!)}; ${mib(c.sandboxBytes!)}`, ''],
    ['peak RSS: the pass (child process)', (c) => rss(c.passRssMb!), '< 250 MiB at 100k'],
    ['peak RSS: state --order (archived; the CLI)', (c) => `${rss(c.orderRssMb!)} (${ms(c.orderMs!)})`, '< 250 MiB at 100k'],
    ['peak RSS: reset (the CLI)', (c) => `${rss(c.resetRssMb!)} (${ms(c.resetCliMs!)})`, '< 250 MiB at 100k'],
    ['peak RSS: open, persist, reset, close', (c) => rss(c.stateRssMb!), '< 250 MiB at 100k'],
    ['peak RSS: Orders view data (page, search)', (c) => rss(c.ordersViewRssMb!), '< 250 MiB at 100k'],
    ['peak RSS: Activity view data', (c) => rss(c.activityViewRssMb!), '< 250 MiB at 100k'],
    [
      'upgrade of the v6 file: time, peak RSS',
      (c) => `${(c.upgradeMs! / 1000).toFixed(1)} s, ${rss(c.upgradeRssMb!)} (${mib(c.oldBytes!)} → ${mib(c.upgradedBytes!)})`,
      '< 250 MiB at 100k',
    ],
    ['seed (bench setup)', (c) => `${(c.seedMs! / 1000).toFixed(1)} s`, ''],
  ];
  const table = [
    ['stored orders', ...columns.map((c) => c.orders.toLocaleString('en')), 'target'],
    ...rows.map(([label, cell, target]) => [label, ...columns.map(cell), target]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(table[0]!));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(line(row));
  const small = at(sizes[0]!);
  const large = at(sizes[sizes.length - 1]!);
  if (small && large && small !== large)
    console.log(
      `persist p95 at ${large.orders.toLocaleString('en')} / at ${small.orders.toLocaleString('en')}: ${(large.persistP95! / small.persistP95!).toFixed(2)}×`,
    );
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs while measuring`);
}

/** The pass child must not block the parent's event loop: the parent serves its shop and mail. */
function childAsync(bundle: string, dir: string, servers: PassServers): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bundle, 'pass', dir], { env: { ...process.env, OPTIMA_BENCH_SERVERS: JSON.stringify(servers) } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>)
        : reject(new Error(`bench pass child failed: ${err}`)),
    );
  });
}
