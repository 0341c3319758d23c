// npm run bench -- state [sizes…]: the reverse-update state at 1k, 10k and 100k stored orders, side by side.
// Per size, three child processes (each one's peak RSS is its own): `seed` builds a year of settled history
// through the store, `state` measures open, per-action persist (p50/p95 of awaited markPending/markDone), the
// first and a repeated reset of all five actions, and the file size; `pass` runs a sync pass of 1,000 new
// orders over that history (the WooCommerce fake, 5 ms latency, 20 requests/s, a real SMTP server) and
// measures the share of its time spent persisting (journal records and checkpoints).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { statePaths } from '../src/core/state';
import { startPassServers, type PassServers } from './state-servers';

/**
 * The children run as the product runs: a production build (the CLI's lazy chunks, sql-wasm.wasm and the fonts
 * beside it), with plain Node, so their peak RSS is the product's and not that of a test bundle.
 */
async function bundleChild(dir: string): Promise<string> {
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dir], { stdio: 'inherit' });
  const { lazyChunksPlugin } = (await import(path.resolve('build/chunks.mjs'))) as { lazyChunksPlugin(): Plugin };
  const outfile = path.join(dir, 'bench-state-child.js');
  await build({
    entryPoints: [path.join(__dirname, 'state-child.ts')], outfile, bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20',
    mainFields: ['module', 'main'], logLevel: 'error', plugins: [lazyChunksPlugin()],
  });
  return outfile;
}

function child(bundle: string, mode: string, dir: string, orders: number, servers?: PassServers): Record<string, number> {
  const result = spawnSync(process.execPath, [bundle, mode, dir, String(orders)], {
    encoding: 'utf8', maxBuffer: 1 << 24,
    env: { ...process.env, ...(servers ? { OPTIMA_BENCH_SERVERS: JSON.stringify(servers) } : {}) },
  });
  if (result.status !== 0) throw new Error(`bench child ${mode} for ${orders} orders failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

export async function run(args: string[]): Promise<void> {
  const sizes = args.length ? args.map(Number) : [1_000, 10_000, 100_000];
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'bench-state-bundle-'));
  const bundle = await bundleChild(bundleDir);
  const columns: Array<Record<string, number> & { orders: number }> = [];
  try {
    for (const orders of sizes) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
      const copy = mkdtempSync(path.join(os.tmpdir(), 'bench-state-copy-'));
      const servers = await startPassServers();
      try {
        const seeded = child(bundle, 'seed', dir, orders);
        cpSync(statePaths(dir).folder, statePaths(copy).folder, { recursive: true });
        const state = child(bundle, 'state', copy, orders);
        const pass = await childAsync(bundle, dir, orders, servers.servers);
        columns.push({ orders, ...seeded, ...state, ...pass });
      } finally {
        await servers.close();
        rmSync(dir, { recursive: true, force: true });
        rmSync(copy, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
  const at = (orders: number) => columns.find((c) => c.orders === orders);
  const rows: Array<[string, (c: Record<string, number>) => string, string]> = [
    ['open (writer, median of 3)', (c) => ms(c.openMs!), '< 400 ms at 100k'],
    ['persist one action, p50', (c) => ms(c.persistP50!), ''],
    ['persist one action, p95', (c) => ms(c.persistP95!), '100k within 1.5× of 1k'],
    ['1,000-order pass: time', (c) => `${(c.passMs! / 1000).toFixed(1)} s`, ''],
    ['1,000-order pass: persisting', (c) => `${(c.persistMs! / 1000).toFixed(2)} s (${c.records} records, ${(c.recordBytes! / 1_048_576).toFixed(1)} MiB; ${c.checkpoints} checkpoints)`, ''],
    ['journal record sync, p50 (overlapped)', (c) => ms(c.recordIoP50!), ''],
    ['1,000-order pass: share persisting', (c) => `${((100 * c.persistMs!) / c.passMs!).toFixed(1)} %`, '< 5 % at 100k'],
    ['1,000-order pass: planning', (c) => ms(c.planMs!), ''],
    ['reset of all five actions (first)', (c) => `${ms(c.resetMs!)} (${c.resetActions!.toLocaleString('en')} actions)`, '< 100 ms at 100k'],
    ['reset again (nothing to change)', (c) => ms(c.repeatResetMs!), '< 100 ms at 100k'],
    ['close (checkpoint)', (c) => ms(c.closeMs!), ''],
    ['file size', (c) => `${(c.fileBytes! / 1_048_576).toFixed(1)} MiB`, ''],
    ['peak RSS: open, persist, reset', (c) => `${c.stateRssMb!.toFixed(0)} MiB`, '< 250 MiB at 100k'],
    ['peak RSS: the pass', (c) => `${c.passRssMb!.toFixed(0)} MiB`, '< 250 MiB at 100k'],
    ['seed (bench setup)', (c) => `${(c.seedMs! / 1000).toFixed(1)} s`, ''],
  ];
  const table = [['stored orders', ...columns.map((c) => c.orders.toLocaleString('en')), 'target'], ...rows.map(([label, cell, target]) => [label, ...columns.map(cell), target])];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(table[0]!));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(line(row));
  const small = at(sizes[0]!);
  const large = at(sizes[sizes.length - 1]!);
  if (small && large && small !== large) console.log(`persist p95 at ${large.orders.toLocaleString('en')} / at ${small.orders.toLocaleString('en')}: ${(large.persistP95! / small.persistP95!).toFixed(2)}×`);
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs while measuring`);
}

/** The pass child must not block the parent's event loop: the parent serves its shop and mail. */
function childAsync(bundle: string, dir: string, orders: number, servers: PassServers): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bundle, 'pass', dir, String(orders)], {
      env: { ...process.env, OPTIMA_BENCH_SERVERS: JSON.stringify(servers) },
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    proc.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>) : reject(new Error(`bench pass child for ${orders} orders failed: ${err}`))));
  });
}
