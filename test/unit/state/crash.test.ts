// Crash safety: a child process records actions (each markX awaits its save) and is killed with SIGKILL at a
// file-system step drawn from a seed (half of the time in the middle of a write), 50 times in
// `npm run test:crash`. After each kill the file must load, and every action the child reported as saved must
// be in that state or a later one (pending → done/failed): nothing acknowledged is ever lost.
// The child is the real test/support/state-child.ts, compiled once with esbuild so that 50 start-ups fit in
// the time budget (tsx compiles on every start).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openStateStore, statePaths } from '../../../src/core/state';
import { readJournal } from '../../../src/core/state/journal';
import { seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { crashKills, crashSeed, seededRandom } from '../../support/crash-counts';
import { formatKillPoint, KillPoint } from '../../support/kill-switch';
import { testClock } from '../../support/clock';

const KILLS = crashKills(8, 50);
const SEED = crashSeed(12345);
/** Kill points fall within the child's first STEP_RANGE file-system steps (a save is about four). */
const STEP_RANGE = 400;

interface Saved { orderId: string; kind: string; state: string }

function runAndKill(bundle: string, dir: string, start: number, killAt: KillPoint): Promise<{ saved: Saved[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'record', dir, String(start), '400'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPTIMA_SYNC_SQL_WASM: require.resolve('sql.js/dist/sql-wasm.wasm'), OPTIMA_KILL_AT: formatKillPoint(killAt) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
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
      const store = await openStateStore(temp.dir, { now: testClock });
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
    let tornAppends = 0;
    // Every kill point drawn up front from the seed alone (the two lanes run concurrently).
    const random = seededRandom(SEED);
    const killPoints: KillPoint[] = Array.from({ length: KILLS }, () => ({ step: 1 + Math.floor(random() * STEP_RANGE), fraction: random() < 0.5 ? 0 : random() }));
    const lane = async (temp: ReturnType<typeof tempDeployment>, first: number, count: number) => {
      const paths = statePaths(temp.dir);
      for (let kill = first; kill < first + count; kill++) {
        const killAt = killPoints[kill]!;
        const { saved, finished } = await runAndKill(bundle, temp.dir, 1_000_000 + kill * 1000, killAt);
        assert.equal(finished, false, `seed ${SEED}, kill ${kill} at step ${formatKillPoint(killAt)}: the child was killed before it finished`);
        if (readdirSync(paths.folder).some((name) => /^state\.(sqlite|journal)\.tmp-/.test(name))) killsDuringWrite++;
        if ((await readJournal(paths.journal)).dropped) tornAppends++;
        const store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
        try {
          const last = new Map<string, Saved>();
          for (const entry of saved) last.set(`${entry.orderId} ${entry.kind}`, entry);
          for (const entry of last.values()) {
            const state = store.getAction('prestashop', entry.orderId, entry.kind as never)?.state;
            const allowed = entry.state === 'pending' ? ['pending', 'done', 'failed'] : [entry.state];
            assert.ok(state && allowed.includes(state), `seed ${SEED}, kill ${kill} at step ${formatKillPoint(killAt)}: ${entry.orderId} ${entry.kind} acknowledged ${entry.state}, found ${state}`);
          }
          acknowledged += last.size;
        } finally {
          await store.close();
        }
      }
      // The next writer takes over the dead child's lock and cleans its abandoned temp file.
      const writer = await openStateStore(temp.dir, { now: testClock });
      assert.equal(writer.countOrders() >= 1000, true);
      await writer.close();
      assert.equal(readdirSync(paths.folder).some((name) => /^state\.(sqlite|journal)\.tmp-/.test(name)), false);
    };
    const half = Math.ceil(KILLS / 2);
    await Promise.all([lane(lanes[0]!, 0, half), lane(lanes[1]!, half, KILLS - half)]);
    assert.ok(acknowledged > KILLS, `the children acknowledged ${acknowledged} actions`);
    console.log(`      seed ${SEED}: ${KILLS} kills, ${KILLS} loads OK, ${acknowledged} acknowledged actions checked, ${killsDuringWrite} kills landed in a checkpoint (a half-written temp file), ${tornAppends} in a journal append (a torn record)`);
  });
});
