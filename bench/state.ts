// npm run bench -- state [sizes…]: the reverse-update state database at 1k, 10k and 100k orders × 5 actions.
// Each size runs in its own child process (peak memory = that child's max RSS). Figures: load (open + check),
// save (export + temp file + fsync + rename), reset of all five actions up to a date covering every order,
// the query for pending / failed actions, and the file size.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACTION_KINDS } from '../src/core/model/actions';
import { openStateStore } from '../src/core/state';
import { seedOrders } from '../test/support/seed-state';
import { systemClock } from '../src/core/clock';

interface Figures {
  orders: number;
  actionRows: number;
  seedMs: number;
  loadMs: number;
  saveMs: number;
  resetMs: number;
  resetInMemoryMs: number;
  repeatResetMs: number;
  pendingQueryMs: number;
  pendingFound: number;
  attentionOrders: number;
  fileBytes: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(orders: number): Promise<Figures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
  try {
    let store = await openStateStore(dir, { now: systemClock, saveDelayMs: 60_000 });
    const seedStart = performance.now();
    // A settled history: 60 % of orders have every action done; 1 % have a failed e-mail, 1 % an uncertain status;
    // the rest have import actions done and realization actions not yet due (the reset inserts those).
    await seedOrders(store, orders, {
      firstFetchedAt: new Date('2025-01-01T00:00:00Z'),
      spacingMs: Math.floor((365 * 86_400_000) / orders),
      actionState: (i, kind) => {
        if (i % 100 === 7 && kind === 'email-after-import') return 'failed';
        if (i % 100 === 8 && kind === 'status-after-import') return 'pending';
        if (i % 10 < 6) return 'done';
        return kind.endsWith('after-import') ? 'done' : undefined;
      },
    });
    const seedMs = performance.now() - seedStart;
    await store.close();

    const loadStart = performance.now();
    store = await openStateStore(dir, { now: systemClock, saveDelayMs: 60_000 });
    const loadMs = performance.now() - loadStart;

    const saves: number[] = [];
    for (let i = 0; i < 5; i++) {
      store.setMeta('bench', String(i));
      const start = performance.now();
      await store.saveNow();
      saves.push(performance.now() - start);
    }

    const pendingStart = performance.now();
    const pending = store.listActions({ states: ['pending', 'failed'] });
    const attention = store.listOrders({ withActionStates: ['pending', 'failed'] });
    const pendingQueryMs = performance.now() - pendingStart;

    // The reset's own work, without its save: the same first reset on a copy whose saves are switched off.
    const copyDir = mkdtempSync(path.join(os.tmpdir(), 'bench-state-copy-'));
    mkdirSync(path.join(copyDir, '.optima-sync'));
    await store.saveNow();
    copyFileSync(store.file, path.join(copyDir, '.optima-sync', 'state.sqlite'));
    const request = { actions: [...ACTION_KINDS], until: '2025-12-31', timezone: 'Europe/Warsaw', dryRun: false, user: 'bench' };
    const copy = await openStateStore(copyDir, { now: systemClock, saveDelayMs: 60_000 });
    copy.saveNow = () => Promise.resolve();
    const inMemoryStart = performance.now();
    await copy.reset(request);
    const resetInMemoryMs = performance.now() - inMemoryStart;
    await copy.close();
    rmSync(copyDir, { recursive: true, force: true });

    const resetStart = performance.now();
    await store.reset(request);
    const resetMs = performance.now() - resetStart;
    const repeatStart = performance.now();
    await store.reset(request);
    const repeatResetMs = performance.now() - repeatStart;
    const actionRows = Number(store.database.exec('SELECT COUNT(*) FROM actions')[0]?.values[0]?.[0]);
    const fileBytes = statSync(store.file).size;
    await store.close();

    return {
      orders, actionRows, seedMs, loadMs, saveMs: median(saves), resetMs, resetInMemoryMs, repeatResetMs, pendingQueryMs,
      pendingFound: pending.length, attentionOrders: attention.length, fileBytes, peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CHILD_FLAG = '--bench-state-child';

export async function run(args: string[]): Promise<void> {
  const sizes = args.length ? args.map(Number) : [1_000, 10_000, 100_000];
  const rows: Figures[] = [];
  for (const size of sizes) {
    const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), __filename, CHILD_FLAG, String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`bench child for ${size} orders failed: ${child.stderr}`);
    rows.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures);
  }
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const table = [
    ['orders', 'action rows', 'load', 'save', 'reset (incl. save)', 'reset (no save)', 'repeat reset', 'pending/failed query', 'found (actions/orders)', 'file', 'peak RSS', 'seed'],
    ...rows.map((r) => [
      r.orders.toLocaleString('en'), r.actionRows.toLocaleString('en'), ms(r.loadMs), ms(r.saveMs), ms(r.resetMs), ms(r.resetInMemoryMs), ms(r.repeatResetMs),
      ms(r.pendingQueryMs), `${r.pendingFound}/${r.attentionOrders}`, `${(r.fileBytes / 1_048_576).toFixed(1)} MiB`, `${r.peakRssMb.toFixed(0)} MiB`, ms(r.seedMs),
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(table[0]!));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(line(row));
  console.log(`targets: reset of 100k < 500 ms, save at 100k < 500 ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs while measuring`);
}

if (process.argv[2] === CHILD_FLAG) {
  measure(Number(process.argv[3])).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => { process.stderr.write(`${String(error)}\n`); process.exit(1); },
  );
}
