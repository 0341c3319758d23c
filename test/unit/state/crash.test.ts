// Crash safety: a child process records actions (each markX awaits its save), checkpoints and archives settled
// orders, and is killed with SIGKILL at a file-system step drawn from a seed (half of the time in the middle of
// a write), 50 times in `npm run test:crash`. After each kill the state must load, every action the child
// reported as saved must be in that state or a later one (pending → done/failed), live or archived, and every
// order must be there exactly once: nothing acknowledged is ever lost, nothing is doubled. A second loop kills
// the upgrade of a v6 file with history (the move to the archive) and checks every order against the old file.
// The child is the real test/support/state-child.ts, compiled once with esbuild so that 50 start-ups fit in
// the time budget (tsx compiles on every start).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openStateStore, statePaths, type OrderWithActions, type SqlStateStore } from '../../../src/core/state';
import { readJournal } from '../../../src/core/state/journal';
import { writeOldStateFile } from '../../support/old-state-file';
import { sampleOrder, seedOrders } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { crashKills, crashSeed, seededRandom } from '../../support/crash-counts';
import { formatKillPoint, type KillPoint } from '../../support/kill-switch';
import { testClock } from '../../support/clock';

const KILLS = crashKills(8, 50);
const UPGRADE_KILLS = crashKills(3, 20);
const SEED = crashSeed(12345);
/** Kill points fall within the child's first STEP_RANGE file-system steps (a save is about four). */
const STEP_RANGE = 400;

interface Saved {
  orderId: string;
  kind: string;
  state: string;
}

function runAndKill(
  bundle: string,
  dir: string,
  start: number,
  killAt: KillPoint | undefined,
  mode = 'record',
): Promise<{ saved: Saved[]; finished: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, mode, dir, String(start), '400'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPTIMA_KILL_AT: killAt ? formatKillPoint(killAt) : '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      // Only whole lines count: a line cut by the kill was not yet acknowledged.
      const lines = out.split('\n').slice(0, -1);
      const saved = lines
        .filter((l) => l.startsWith('saved '))
        .map((l) => {
          const [, orderId, kind, state] = l.split(' ');
          return { orderId: orderId!, kind: kind!, state: state! };
        });
      resolve({ saved, finished: lines.includes('finished'), lines });
    });
  });
}

/** An order's action as the state shows it now: live, or read from the archive. */
async function actionState(
  store: SqlStateStore,
  found: Map<string, OrderWithActions[]>,
  orderId: string,
  kind: string,
): Promise<string | undefined> {
  const live = store.getAction('prestashop', orderId, kind as never);
  if (live) return live.state;
  return (await ordersOf(store, found, orderId))[0]?.actions.find((a) => a.kind === kind)?.state;
}

async function ordersOf(store: SqlStateStore, found: Map<string, OrderWithActions[]>, orderId: string): Promise<OrderWithActions[]> {
  let orders = found.get(orderId);
  if (!orders) found.set(orderId, (orders = await store.lookupOrders({ shopOrderId: orderId })));
  return orders;
}

const tempFiles = (folder: string) => [
  ...readdirSync(folder).filter((name) => /\.(sqlite|journal)\.tmp-/.test(name)),
  ...(existsSync(path.join(folder, 'archive'))
    ? readdirSync(path.join(folder, 'archive'))
        .filter((name) => /\.tmp-/.test(name))
        .map((name) => `archive/${name}`)
    : []),
];

describe('state: crash safety (SIGKILL while recording)', function () {
  this.timeout(180_000);
  const lanes: Array<ReturnType<typeof tempDeployment>> = [];
  let bundleDir: string;
  let bundle: string;

  before(async () => {
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'state-child-'));
    bundle = path.join(bundleDir, 'state-child.js');
    await build({
      entryPoints: [path.join(__dirname, '..', '..', 'support', 'state-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
    });
    // The wasm sits next to the bundle, as in dist/.
    copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), path.join(bundleDir, 'sql-wasm.wasm'));
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
    let killsDuringArchive = 0;
    let archived = 0;
    let tornAppends = 0;
    // Every kill point drawn up front from the seed alone (the two lanes run concurrently).
    const random = seededRandom(SEED);
    const killPoints: KillPoint[] = Array.from({ length: KILLS }, () => ({
      step: 1 + Math.floor(random() * STEP_RANGE),
      fraction: random() < 0.5 ? 0 : random(),
    }));
    const lane = async (temp: ReturnType<typeof tempDeployment>, first: number, count: number) => {
      const paths = statePaths(temp.dir);
      for (let kill = first; kill < first + count; kill++) {
        const killAt = killPoints[kill]!;
        const { saved, finished, lines } = await runAndKill(bundle, temp.dir, 1_000_000 + kill * 1000, killAt);
        const where = `seed ${SEED}, kill ${kill} at step ${formatKillPoint(killAt)}`;
        assert.equal(finished, false, `${where}: the child was killed before it finished`);
        const temps = tempFiles(paths.folder);
        if (temps.some((name) => !name.startsWith('archive/'))) killsDuringWrite++;
        if (temps.some((name) => name.startsWith('archive/'))) killsDuringArchive++;
        archived += lines.filter((line) => line.startsWith('archived ')).reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
        if ((await readJournal(paths.journal)).dropped) tornAppends++;
        const store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
        try {
          const last = new Map<string, Saved>();
          for (const entry of saved) last.set(`${entry.orderId} ${entry.kind}`, entry);
          const found = new Map<string, OrderWithActions[]>();
          for (const entry of last.values()) {
            const state = await actionState(store, found, entry.orderId, entry.kind);
            const allowed = entry.state === 'pending' ? ['pending', 'done', 'failed'] : [entry.state];
            assert.ok(
              state && allowed.includes(state),
              `${where}: ${entry.orderId} ${entry.kind} acknowledged ${entry.state}, found ${state}`,
            );
          }
          for (const orderId of new Set(saved.map((entry) => entry.orderId))) {
            const copies = (await ordersOf(store, found, orderId)).length;
            assert.equal(copies, 1, `${where}: order ${orderId} is there ${copies} times`);
          }
          acknowledged += last.size;
        } finally {
          await store.close();
        }
      }
      // The next writer takes over the dead child's lock and cleans its abandoned temp files.
      const writer = await openStateStore(temp.dir, { now: testClock });
      assert.equal(writer.countOrders() >= 1000, true);
      await writer.close();
      assert.deepEqual(tempFiles(paths.folder), []);
    };
    const half = Math.ceil(KILLS / 2);
    await Promise.all([lane(lanes[0]!, 0, half), lane(lanes[1]!, half, KILLS - half)]);
    assert.ok(acknowledged > KILLS, `the children acknowledged ${acknowledged} actions`);
    assert.ok(archived > 0, 'the children archived orders');
    console.log(
      `      seed ${SEED}: ${KILLS} kills, ${KILLS} loads OK, ${acknowledged} acknowledged actions checked, ${archived} orders archived, ${killsDuringWrite} kills landed in a checkpoint (a half-written temp file), ${killsDuringArchive} in an archive write, ${tornAppends} in a journal append (a torn record)`,
    );
  });

  it(`an upgrade of a v6 file with history killed at ${UPGRADE_KILLS} seeded steps loses no order and doubles none`, async () => {
    const temp = tempDeployment();
    const original = path.join(bundleDir, 'v6.sqlite');
    try {
      await writeOldStateFile(original, {
        schema: 6,
        orders: 300,
        firstFetchedAt: new Date('2026-01-05T10:00:00Z'),
        lastFetchedAt: new Date('2026-11-20T10:00:00Z'),
        summarizedBefore: new Date('2026-09-29T10:00:00Z'),
        sandboxDocuments: 20,
        auditRows: 60,
      });
      const paths = statePaths(temp.dir);
      const restore = () => {
        rmSync(paths.folder, { recursive: true, force: true });
        mkdirSync(paths.folder, { recursive: true });
        copyFileSync(original, paths.file);
      };
      restore();
      const expected = await upgradeSnapshot(temp.dir, 300);
      const full = await runAndKill(bundle, temp.dir, 0, undefined, 'upgrade');
      const steps = Number(full.lines.find((line) => line.startsWith('steps '))?.split(' ')[1]);
      assert.ok(steps > 10, `an upgrade takes ${steps} file-system steps`);
      assert.deepEqual(await upgradeSnapshot(temp.dir, 300), expected, 'an upgrade that is not killed');
      const random = seededRandom(SEED + 1);
      for (let kill = 0; kill < UPGRADE_KILLS; kill++) {
        restore();
        const killAt: KillPoint = { step: 1 + Math.floor(random() * steps), fraction: random() < 0.5 ? 0 : random() };
        const where = `seed ${SEED}, upgrade kill ${kill} at step ${formatKillPoint(killAt)} of ${steps}`;
        const killed = await runAndKill(bundle, temp.dir, 0, killAt, 'upgrade');
        assert.equal(
          killed.lines.some((line) => line.startsWith('steps ')),
          false,
          `${where}: killed before the end`,
        );
        assert.deepEqual(await upgradeSnapshot(temp.dir, 300), expected, `${where}: as a reader sees it after the kill`);
        await runAndKill(bundle, temp.dir, 0, undefined, 'upgrade');
        assert.deepEqual(await upgradeSnapshot(temp.dir, 300), expected, `${where}: once the next writer upgraded it`);
      }
      console.log(`      seed ${SEED}: ${UPGRADE_KILLS} kills of an upgrade of ${steps} steps, every order once and as before`);
    } finally {
      temp.cleanup();
    }
  });
});

/** Every order (wherever it is kept), the counts, the audit and the sandbox's documents, as a reader sees them. */
async function upgradeSnapshot(dir: string, orders: number): Promise<unknown> {
  const store = await openStateStore(dir, { now: testClock, readOnly: true });
  try {
    const found = [];
    for (let i = 0; i < orders; i++)
      found.push((await store.lookupOrders({ shopOrderId: sampleOrder(i).id })).map(({ archived: _archived, ...order }) => order));
    const sandbox = (await store.companion('sandbox')).database.exec('SELECT * FROM sandbox_documents ORDER BY id')[0]?.values;
    return { found, orders: store.countOrders(), states: store.countActionStates(), audit: await store.readAudit(1000), sandbox };
  } finally {
    await store.close();
  }
}
