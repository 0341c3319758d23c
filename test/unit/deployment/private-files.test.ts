// .optima-sync/ holds the customers' data: under the usual umask 022 (which leaves new files readable by every
// user of the machine) its folders are 0700 and its files 0600, for a new deployment and for one an earlier
// version left open.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDemo } from '../../../src/core/demo/run-demo';
import { MemoryLogger } from '../../../src/core/log';
import { RotatingLogFile } from '../../../src/core/service/log-file';
import { openStateStore, statePaths } from '../../../src/core/state/index';
import { migrate } from '../../../src/core/state/schema';
import { loadSqlJs } from '../../../src/core/state/sqljs';
import { cli } from '../../support/cli';
import { testClock } from '../../support/clock';

/** Every folder and file below `folder` with its permission bits, e.g. "logs/optima-sync.log 600". */
async function modes(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    found.push(`${path.relative(folder, dir) || '.'}/ ${((await fs.stat(dir)).mode & 0o777).toString(8)}`);
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(`${path.relative(folder, full)} ${((await fs.stat(full)).mode & 0o777).toString(8)}`);
    }
  };
  await walk(folder);
  return found.sort();
}

const open = (list: string[]) => list.filter((line) => !/(\/ 700|[^/] 600)$/.test(line));

(process.platform === 'win32' ? describe.skip : describe)('a private state folder (umask 022)', function () {
  this.timeout(120_000);
  let previousUmask: number;
  let root: string;
  before(async () => {
    previousUmask = process.umask(0o022);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-private-'));
  });
  after(async () => {
    process.umask(previousUmask);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('a new deployment: state, journal, lock, summary, service status, logs and their rotation, outbox, demo shop, corrupt copy', async () => {
    const dir = path.join(root, 'new');
    await runDemo(dir, { logger: new MemoryLogger(), say: () => {}, now: testClock });
    assert.equal((await cli(['run', '--dir', dir], { env: {} })).code, 0, 'one unattended pass');
    const log = new RotatingLogFile(dir, { maxBytes: 64, keep: 2 });
    for (let i = 0; i < 4; i++) log.write(`line ${i} of the rotation test`);
    log.close();
    const paths = statePaths(dir);
    const writer = await openStateStore(dir, { now: testClock });
    const lockMode = ((await fs.stat(paths.lock)).mode & 0o777).toString(8);
    await writer.close();
    // An unreadable database is moved aside (a hard link keeps its mode) and a fresh one started.
    await fs.writeFile(paths.file, 'not a database');
    await (await openStateStore(dir, { now: testClock, confirmFreshStart: true })).close();

    const list = await modes(paths.folder);
    for (const expected of [
      'state.sqlite',
      'state.journal',
      'summary.json',
      'service.json',
      'logs/optima-sync.log',
      'logs/optima-sync.log.1',
      'demo-shop.json',
      '.gitignore',
    ]) {
      assert.ok(list.includes(`${expected} 600`), `${expected} 600 in\n${list.join('\n')}`);
    }
    for (const pattern of [/^outbox\/.+\.eml 600$/, /^demo-shop\/pdf\/.+\.pdf 600$/, /^state\.sqlite\.corrupt-.+ 600$/])
      assert.ok(
        list.some((line) => pattern.test(line)),
        `${pattern} in\n${list.join('\n')}`,
      );
    assert.equal(lockMode, '600', 'the lock file');
    assert.deepEqual(open(list), [], 'nothing readable by others');
  });

  it('an upgraded deployment: modes fixed once when the state is opened (and logged), the schema backup private too', async () => {
    const dir = path.join(root, 'upgraded');
    const paths = statePaths(dir);
    // What an earlier version left under umask 022: a v5 database, its summary, a log, an e-mail, folders 0755.
    await fs.mkdir(path.join(paths.folder, 'logs'), { recursive: true, mode: 0o755 });
    await fs.mkdir(path.join(paths.folder, 'outbox'), { mode: 0o755 });
    const SQL = await loadSqlJs();
    const v5 = new SQL.Database();
    migrate(v5, 5);
    await fs.writeFile(paths.file, v5.export(), { mode: 0o644 });
    v5.close();
    await fs.writeFile(path.join(paths.folder, 'summary.json'), '{}\n', { mode: 0o644 });
    await fs.writeFile(path.join(paths.folder, 'logs', 'optima-sync.log'), '{"msg":"jan.kowalski@example.pl"}\n', { mode: 0o644 });
    await fs.writeFile(
      path.join(paths.folder, 'outbox', '001-jan.kowalski@example.pl.eml'),
      'To: jan.kowalski@example.pl\r\n\r\nFaktura\r\n',
      { mode: 0o644 },
    );
    assert.ok(open(await modes(paths.folder)).length >= 6, 'the old folder is open to others');

    const logger = new MemoryLogger();
    await (await openStateStore(dir, { now: testClock, logger })).close();
    const list = await modes(paths.folder);
    assert.deepEqual(open(list), [], list.join('\n'));
    assert.ok(list.includes('state.sqlite.v5-backup 600'), `the backup before the schema upgrade\n${list.join('\n')}`);
    assert.match(logger.text(), /Made .*\.optima-sync private: 7 files and folders were open to other users of this computer/);

    const again = new MemoryLogger();
    await (await openStateStore(dir, { now: testClock, logger: again })).close();
    assert.doesNotMatch(again.text(), /private/, 'nothing left to fix, nothing said');
  });
});
