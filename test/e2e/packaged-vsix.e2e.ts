// The packaged extension, as a user installs it: `npm run package` → code-server --install-extension → the
// palette command works, the validation message appears as a toast, and the package carries no sources and no
// private key (packaged without vsce's --allow-package-secrets: smtp-server's test key is left out of the bundle).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateSettingsText } from '../../src/core/settings/validate';
import { ROOT } from '../vscode/environment';
import { openVsCode, type VsCode } from './harness';

suite('E2E: the packaged .vsix installed into VS Code', function () {
  this.timeout(300_000);
  let vsc: VsCode;
  let failed = false;
  const vsix = path.join(ROOT, 'optima-order-sync.vsix');

  suiteSetup(async () => {
    const packaged = spawnSync('flock', ['/tmp/build.lock', 'npm', 'run', '--silent', 'package'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
    assert.ok(existsSync(vsix), 'npm run package wrote optima-order-sync.vsix');
    vsc = await openVsCode({ vsix });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await vsc?.close({ failed });
  });

  test('the installed extension holds the bundles and assets, and no sources, tests or node_modules', () => {
    const extensionsDir = path.join(vsc.runDir, 'server', 'extensions');
    const installed = readdirSync(extensionsDir).find((name) => name.startsWith('optima-sync.optima-order-sync-'));
    assert.ok(installed, `installed under ${extensionsDir}`);
    const root = path.join(extensionsDir, installed);
    // The lazy chunks (build/chunks.mjs) and the fonts subset at build time ship beside the bundles.
    const chunks = [
      'dist/chunk-pdf.js',
      'dist/chunk-templates.js',
      'dist/chunk-mssql.js',
      'dist/chunk-mail.js',
      'dist/chunk-sqljs.js',
      'dist/chunk-validation.js',
      'dist/chunk-l10n.js',
      'dist/fonts/DejaVuSans.subset.json',
      'dist/fonts/DejaVuSans-Bold.extended.json',
    ];
    for (const file of [
      'dist/extension.js',
      'dist/cli.js',
      'dist/sql-wasm.wasm',
      'schemas/settings.schema.json',
      'schemas/settings.editor.schema.json',
      'l10n/bundle.l10n.pl.json',
      'package.nls.pl.json',
      ...chunks,
    ]) {
      assert.ok(existsSync(path.join(root, file)), `${file} is shipped`);
    }
    // vsce stores them as readme.md and LICENSE.txt.
    const top = readdirSync(root).map((name) => name.toLowerCase());
    assert.ok(top.includes('readme.md'), 'the README is shipped');
    assert.ok(
      top.some((name) => name.startsWith('license')),
      'the license is shipped',
    );
    for (const absent of ['src', 'test', 'node_modules', 'dist/test', '.vscode-env', 'dist/extension.js.map', 'docs']) {
      assert.ok(!existsSync(path.join(root, absent)), `${absent} is not shipped`);
    }
    const files = (
      readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>
    ).filter((e) => e.isFile());
    const withKey = files
      .map((e) => path.join(e.parentPath, e.name))
      .filter((file) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(file, 'latin1')));
    assert.deepEqual(withKey, [], 'no private key in the package');
  });

  test('"Create settings file" and "Validate settings file" work from the packaged extension', async () => {
    await vsc.runCommand('Optima Sync: Create settings file');
    await vsc.explorerItem('optima-sync.json').waitFor({ timeout: 60_000 });
    // The command also opens the file: once its editor is there, it no longer takes the focus from the palette.
    await vsc.page.locator('.tabs-container .tab', { hasText: 'optima-sync.json' }).waitFor({ timeout: 30_000 });
    const file = path.join(vsc.workspace, 'optima-sync.json');
    assert.ok(validateSettingsText(readFileSync(file, 'utf8'), file).settings, 'the created file validates');

    await vsc.runCommand('Optima Sync: Validate settings file');
    // Without the smoke-test driver the message shows as a toast.
    await vsc.page.locator('.notification-toast', { hasText: 'optima-sync.json is valid' }).waitFor({ timeout: 30_000 });
    await vsc.screenshot('e2e-packaged-vsix');
  });
});
