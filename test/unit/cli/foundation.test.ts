import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';

describe('CLI: init, validate, help, exit codes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-cli-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('init writes a valid settings file and example templates; validate exits 0', async () => {
    const init = await cli(['init', '--dir', dir]);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Created .*optima-sync\.json/);
    const settings = JSON.parse(await fs.readFile(path.join(dir, 'optima-sync.json'), 'utf8'));
    assert.equal(settings.shop.platform, 'demo');
    assert.equal(settings.erp.adapter, 'sandbox');
    assert.equal(settings.email.testMode.enabled, true);
    assert.equal(Object.keys(settings.templates).length, 2);
    for (const template of Object.values(settings.templates) as Array<{ bodyFile: string }>) {
      assert.ok((await fs.readFile(path.join(dir, template.bodyFile), 'utf8')).includes('{{'), template.bodyFile);
    }
    const validate = await cli(['validate'], { cwd: dir });
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    assert.match(validate.stdout, /optima-sync\.json is valid/);
  });

  it('init refuses to overwrite an existing settings file (exit 1, file unchanged)', async () => {
    await fs.writeFile(path.join(dir, 'optima-sync.json'), '{"mine": true}\n');
    const init = await cli(['init', '--dir', dir]);
    assert.equal(init.code, 1);
    assert.match(init.stdout + init.stderr, /already exists/);
    assert.equal(await fs.readFile(path.join(dir, 'optima-sync.json'), 'utf8'), '{"mine": true}\n');
  });

  it('validate prints file:line:col: message per error and exits 1', async () => {
    await cli(['init', '--dir', dir]);
    const file = path.join(dir, 'optima-sync.json');
    const settings = JSON.parse(await fs.readFile(file, 'utf8'));
    settings.erp.importMode = 'FS';
    settings.email.smtp.password = 'do-not-store';
    const text = JSON.stringify(settings, null, 2);
    await fs.writeFile(file, text);
    const run = await cli(['validate', file], { cwd: dir });
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    const errors = lines.filter((l) => /^optima-sync\.json:\d+:\d+: /.test(l));
    assert.equal(errors.length, 4, run.stdout);
    const passwordLine = text.split('\n').findIndex((l) => l.includes('"password"')) + 1;
    assert.ok(
      errors.some((l) => l.startsWith(`optima-sync.json:${passwordLine}:`) && /Set SMTP password/.test(l)),
      run.stdout,
    );
    assert.ok(!run.stdout.includes('do-not-store'));
    assert.equal(errors.filter((l) => /only for import mode RO or PF/.test(l)).length, 3);
  });

  it('validate reports broken JSON with a position (exit 1) and a missing file (exit 1)', async () => {
    const file = path.join(dir, 'optima-sync.json');
    await fs.writeFile(file, '{\n  "version": 1,\n  "shop": {\n');
    const broken = await cli(['validate', '--dir', dir]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /optima-sync\.json:\d+:\d+: Invalid JSON/);
    const missing = await cli(['validate', path.join(dir, 'nope.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout + missing.stderr, /No such file/);
  });

  it('validate --json gives machine-readable problems', async () => {
    await fs.writeFile(
      path.join(dir, 'optima-sync.json'),
      JSON.stringify({ version: 2, shop: { platform: 'demo' }, erp: { importMode: 'RO' } }),
    );
    const run = await cli(['validate', '--dir', dir, '--json']);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.valid, false);
    assert.ok(report.problems.some((p: { pointer: string; line: number }) => p.pointer === '/version' && p.line === 1));
  });

  it('usage errors exit 2: no command, unknown command, unknown flag', async () => {
    assert.equal((await cli([])).code, 2);
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    const flag = await cli(['validate', '--bogus']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /Usage: optima-sync validate/);
  });

  it('--help lists every command and exits 0; --version prints the package version', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['init', 'validate', 'sync', 'reset', 'state', 'sandbox', 'shop', 'erp', 'demo', 'test-email', 'preview'])
      assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(await fs.readFile(path.join(__dirname, '../../../package.json'), 'utf8'));
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('speaks Polish when the locale is Polish, and English again for the next command', async () => {
    const polish = await cli(['validate', path.join(dir, 'nope.json')], { env: { OPTIMA_SYNC_LANG: 'pl' } });
    assert.match(polish.stdout + polish.stderr, /Nie ma pliku/);
    const english = await cli(['validate', path.join(dir, 'nope.json')]);
    assert.match(english.stdout + english.stderr, /No such file/);
  });
});
