// End to end through the UI: the command palette creates optima-sync.json, the Explorer and an editor show it,
// and "Validate settings file" reports it valid in the notification center.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateSettingsText } from '../../src/core/settings/validate';
import { openVsCode, type VsCode } from './harness';

suite('E2E: settings file from the command palette', function () {
  this.timeout(180_000);
  let vsc: VsCode;
  let failed = false;

  suiteSetup(async () => {
    vsc = await openVsCode();
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await vsc?.close({ failed });
  });

  test('"Optima Sync: Create settings file" writes optima-sync.json and shows it in the Explorer and an editor', async () => {
    const file = path.join(vsc.workspace, 'optima-sync.json');
    assert.equal(existsSync(file), false);

    await vsc.runCommand('Optima Sync: Create settings file');
    await vsc.explorerItem('optima-sync.json').waitFor({ timeout: 30_000 });
    await vsc.page.locator('.tabs-container .tab', { hasText: 'optima-sync.json' }).waitFor({ timeout: 30_000 });
    await vsc.screenshot('e2e-create-settings');

    assert.ok(existsSync(file), 'the file is on disk');
    const result = validateSettingsText(readFileSync(file, 'utf8'), file);
    assert.ok(result.settings, 'the created file validates');
  });

  test('"Optima Sync: Validate settings file" says the new file is valid', async () => {
    await vsc.runCommand('Optima Sync: Validate settings file');
    let messages: string[] = [];
    for (let attempt = 0; attempt < 20 && !messages.some((m) => m.includes('optima-sync.json is valid')); attempt++) {
      await vsc.page.waitForTimeout(500);
      messages = await vsc.notifications();
    }
    await vsc.screenshot('e2e-validate-notification');
    assert.ok(
      messages.some((m) => m.includes('optima-sync.json is valid')),
      `notifications: ${JSON.stringify(messages)}`,
    );
  });
});
