// The shipped CLI as users and cron jobs start it: the built dist/cli.js in a process of its own (everything
// else tests the same commands in process). The unit stage of `npm test` runs after the build.
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILT_CLI, runBuiltCli } from '../../support/cli';

describe('CLI: the built dist/cli.js in its own process', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first (npm test builds before the unit tests)`);
  });
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-built-cli-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('init and validate on a fresh folder exit 0; a broken file exits 1 with file:line:col', async () => {
    const init = await runBuiltCli(['init', '--dir', dir]);
    assert.equal(init.code, 0, init.stderr);
    const valid = await runBuiltCli(['validate'], { cwd: dir });
    assert.equal(valid.code, 0, valid.stdout + valid.stderr);
    assert.match(valid.stdout, /optima-sync\.json is valid/);
    await fs.writeFile(path.join(dir, 'optima-sync.json'), '{\n  "version": 1,\n');
    const broken = await runBuiltCli(['validate'], { cwd: dir });
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^optima-sync\.json:\d+:\d+: /m);
  });

  it('usage errors exit 2 on stderr, in Polish under a Polish locale', async () => {
    const run = await runBuiltCli(['frobnicate'], { env: { OPTIMA_SYNC_LANG: 'pl' } });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /frobnicate/);
    assert.doesNotMatch(run.stderr, /Unknown command/);
  });
});
