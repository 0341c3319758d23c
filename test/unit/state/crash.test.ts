// Crash safety: a child process records actions (each markX awaits its save) and is killed with SIGKILL at a
// random moment, 50 times. After each kill the file must load, and every action the child reported as saved
// must be in that state or a later one (pending → done/failed): nothing acknowledged is ever lost.
// The child is the real test/support/state-child.ts, compiled once with esbuild so that 50 start-ups fit in
// the time budget (tsx compiles on every start).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openStateStore, statePaths } from '../../../src/core/state';
import { seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';

const KILLS = 50;

interface Saved { orderId: string; kind: string; state: string }

function runAndKill(bundle: string, dir: string, start: number, delayMs: number): Promise<{ saved: Saved[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'record', dir, String(start), '400'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPTIMA_SYNC_SQL_WASM: require.resolve('sql.js/dist/sql-wasm.wasm') },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      // Only whole lines count: a line cut by the kill was not yet acknowledged.
      const lines = out.split('\n').slice(0, -1);
      const saved = lines.filter((l) => l.startsWith('saved ')).map((l) => {
        const [, orderId, kind, state] = l.split(' ');
        return { orderId: orderId!, kind: kind!, state: state! };
      });
      resolve({ saved, finished: lines.includes('finished') });
    });
  });
}

describe('state: crash safety (SIGKILL while recording)', function () {
  this.timeout(180_000);
  const lanes: Array<ReturnType<typeof tempDeployment>> = [];
  let bundleDir: string;
  let bundle: string;

  before(async () => {
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'state-child-'));
    bundle = path.join(bundleDir, 'state-child.js');
    await build({ entryPoints: [path.join(__dirname, '..', '..', 'support', 'state-child.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
    // Two deployments killed in parallel (one writer each), each with a database of some size so that kills
    // also land inside the export and the write.
    for (let lane = 0; lane < 2; lane++) {
      const temp = tempDeployment();
      lanes.push(temp);
      const store = await openStateStore(temp.dir);
      await seedOrders(store, 1000, { actionState: () => 'done' });
      await store.close();
    }
  });
  after(() => {
    for (const temp of lanes) temp.cleanup();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it(`loads after each of ${KILLS} kills, with every acknowledged action as last saved`, async () => {
    let acknowledged = 0;
    let killsDuringWrite = 0;
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lane = async (temp: ReturnType<typeof tempDeployment>, first: number, count: number) => {
      const paths = statePaths(temp.dir);
      for (let kill = first; kill < first + count; kill++) {
        const { saved, finished } = await runAndKill(bundle, temp.dir, 1_000_000 + kill * 1000, 100 + Math.floor(random() * 900));
        assert.equal(finished, false, 'the child was killed before it finished');
        if (readdirSync(paths.folder).some((name) => name.startsWith('state.sqlite.tmp-'))) killsDuringWrite++;
        const store = await openStateStore(temp.dir, { readOnly: true });
        try {
          const last = new Map<string, Saved>();
          for (const entry of saved) last.set(`${entry.orderId} ${entry.kind}`, entry);
          for (const entry of last.values()) {
            const state = store.getAction('prestashop', entry.orderId, entry.kind as never)?.state;
            const allowed = entry.state === 'pending' ? ['pending', 'done', 'failed'] : [entry.state];
            assert.ok(state && allowed.includes(state), `kill ${kill}: ${entry.orderId} ${entry.kind} acknowledged ${entry.state}, found ${state}`);
          }
          acknowledged += last.size;
        } finally {
          await store.close();
        }
      }
      // The next writer takes over the dead child's lock and cleans its abandoned temp file.
      const writer = await openStateStore(temp.dir);
      assert.equal(writer.countOrders() >= 1000, true);
      await writer.close();
      assert.equal(readdirSync(paths.folder).some((name) => name.startsWith('state.sqlite.tmp-')), false);
    };
    await Promise.all([lane(lanes[0]!, 0, KILLS / 2), lane(lanes[1]!, KILLS / 2, KILLS / 2)]);
    assert.ok(acknowledged > KILLS, `the children acknowledged ${acknowledged} actions`);
    console.log(`      ${KILLS} kills, ${KILLS} loads OK, ${acknowledged} acknowledged actions checked, ${killsDuringWrite} kills left a half-written temp file`);
  });
});
