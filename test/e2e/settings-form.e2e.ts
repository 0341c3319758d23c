// End to end in a real VS Code (code-server + headless Chromium): the settings form over a deployment's
// optima-sync.json. Edits land in the file with its formatting kept, undo restores, the form follows the
// JSON text editor (each replacing the other in place), broken JSON shows its own state, FS mode disables
// the after-realization section, and "Test" sends a real e-mail to an SMTP server on loopback.
// Screenshots: test-results/screenshots/settings-form-*.png; the measured open-to-interactive times:
// test-results/settings-form-timing.json.
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { RESULTS_DIR } from '../vscode/environment';
import { openFormSession, type FormSession } from './settings-form-session';

function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'the file keeps its number of lines');
  return a.map((line, i) => [line, b[i]!] as [string, string]).filter(([x, y]) => x !== y);
}

/** Files under `dir` whose text contains `needle` (to find the extension's log line). */
function grepFiles(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(file);
      else if (name.endsWith('.log') && stat.size < 5_000_000) {
        const text = readFileSync(file, 'utf8');
        if (text.includes(needle)) found.push(...text.split('\n').filter((line) => line.includes(needle)));
      }
    }
  };
  walk(dir);
  return found;
}

suite('E2E: the settings form in a real VS Code', function () {
  this.timeout(240_000);
  let session: FormSession;
  let smtp: TestSmtpServer;
  let failed = false;
  const timings: Record<string, unknown> = {};
  const cspViolations: string[] = [];
  const form = () => session.form();
  const input = (id: string) => session.input(id);
  const command = (title: string) => session.command(title);
  const saveAll = () => session.saveAll();
  const waitForDisk = (predicate: (text: string) => boolean, what: string) => session.waitForDisk(predicate, what);
  /** The file's tabs: replacing an editor in place keeps exactly one. */
  const fileTabs = () => session.tabs('optima-sync.json');

  suiteSetup(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    session = await openFormSession();
    // Every frame's console, the webview's included: a blocked script or style would be reported here.
    session.vsc.page.on('console', (message) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, 'settings-form-timing.json'), JSON.stringify(timings, null, 2) + '\n');
    await session?.vsc.close({ failed });
    await smtp?.close();
  });

  test("opening optima-sync.json shows the form (the default editor) with the file's values", async () => {
    // The extension's contributions (the custom editor among them) are registered once its commands are.
    const started = await session.openFromExplorer();
    await input('field-email-smtp-port').waitFor({ timeout: 90_000 });
    await form().locator('#form:not([hidden])').waitFor();
    // Interactive = the port field holds the file's value (the document arrived and was rendered).
    for (let i = 0; i < 200 && (await input('field-email-smtp-port').inputValue()) !== '2525'; i++)
      await session.vsc.page.waitForTimeout(25);
    timings.firstOpenSeenByPlaywrightMs = Date.now() - started;
    assert.equal(await input('field-email-smtp-port').inputValue(), '2525');
    assert.equal(await input('field-shop-name').inputValue(), 'Sklep Formularz');
    assert.equal(await input('field-email-smtp-host').inputValue(), '127.0.0.1');
    assert.equal(await form().locator('#field-email-testMode-enabled').getAttribute('aria-checked'), 'false');
    assert.equal(await form().locator('#field-erp-importMode').getAttribute('current-value'), 'RO');
    // Every feature's service exists from the start: no button waits for anything ("Not available yet").
    const disabled = await Promise.all((await form().locator('vscode-button[disabled]').all()).map((button) => button.getAttribute('id')));
    assert.deepEqual(disabled, ['set-shop-credentials'], 'only "Set credentials…", which the demo shop does not need');
    await session.vsc.screenshot('settings-form-opened');
  });

  test('"Test connection" answers inline, and the shop\'s statuses then show with their names', async () => {
    await form().locator('#test-connection').click();
    const result = form().locator('#test-connection-result');
    await form().locator('#test-connection-result.ok, #test-connection-result.failed').waitFor({ timeout: 60_000 });
    assert.ok(await form().locator('#test-connection-result.ok').isVisible(), await result.innerText());
    // The shop feature cached the statuses in the state database; the form reads them back.
    const paid = form().locator('#field-shop-importStatuses vscode-checkbox[data-status="paid"]');
    for (let i = 0; i < 100 && (await paid.innerText()) !== 'Opłacone (paid)'; i++) await session.vsc.page.waitForTimeout(100);
    assert.equal(await paid.innerText(), 'Opłacone (paid)');
    assert.equal(
      await form().locator('#field-shop-importStatuses vscode-checkbox[data-status="shipped"]').getAttribute('aria-checked'),
      'false',
    );
    await session.vsc.screenshot('settings-form-test-connection');
    await session.vsc.page.keyboard.press('Escape');
  });

  test('changing the SMTP port and ticking test mode changes only those values in the file, formatting kept', async () => {
    await input('field-email-smtp-port').fill(String(smtp.port));
    await input('field-email-smtp-port').press('Tab');
    await form().locator('#field-email-testMode-enabled').click();
    await session.vsc.page.locator('.tabs-container .tab.dirty').waitFor({ timeout: 15_000 });
    await form().locator('#section-email').scrollIntoViewIfNeeded();
    await session.vsc.screenshot('settings-form-edited');
    await saveAll();
    await waitForDisk((text) => text !== session.original, 'changed');
    const saved = readFileSync(session.settingsFile, 'utf8');
    assert.deepEqual(changedLines(session.original, saved), [
      ['            "port": 2525,', `            "port": ${smtp.port},`],
      ['            "enabled": false,', '            "enabled": true,'],
    ]);
  });

  test('undo restores the file', async () => {
    await command('Undo');
    await command('Undo');
    for (let i = 0; i < 100 && (await input('field-email-smtp-port').inputValue()) !== '2525'; i++)
      await session.vsc.page.waitForTimeout(50);
    assert.equal(await input('field-email-smtp-port').inputValue(), '2525', 'the form follows the undo');
    await form().locator('#section-email').scrollIntoViewIfNeeded();
    await session.vsc.screenshot('settings-form-undone');
    await saveAll();
    await waitForDisk((text) => text === session.original, 'returned to the original text');
  });

  test('editing the JSON as text: the form follows; broken JSON shows the error state', async () => {
    await command('Optima Sync: Reopen as text');
    const editor = session.vsc.page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    // Replaced in place, as "Reopen Editor With…" does: still one tab for the file, in the one group.
    assert.equal(await fileTabs().count(), 1);
    assert.equal(await session.vsc.page.locator('.editor-group-container').count(), 1);
    await editor.click();
    // Line 26 is `"port": 2525,`: replace the number by typing, as a user would.
    await session.vsc.page.keyboard.press('Control+G');
    await session.vsc.page.keyboard.type('26');
    await session.vsc.page.keyboard.press('Enter');
    await session.vsc.page.keyboard.press('End');
    for (let i = 0; i < '2525,'.length; i++) await session.vsc.page.keyboard.press('Backspace');
    await session.vsc.page.keyboard.type('587,');
    await session.vsc.screenshot('settings-form-text-edited');
    await command('Optima Sync: Open settings form');
    for (
      let i = 0;
      i < 100 &&
      (await input('field-email-smtp-port')
        .inputValue()
        .catch(() => '')) !== '587';
      i++
    )
      await session.vsc.page.waitForTimeout(50);
    assert.equal(await fileTabs().count(), 1, 'the form replaced the text editor');
    assert.equal(await input('field-email-smtp-port').inputValue(), '587', "the form shows the text editor's unsaved change");
    await form().locator('#section-email').scrollIntoViewIfNeeded();
    await session.vsc.screenshot('settings-form-follows-text');

    await command('Optima Sync: Reopen as text');
    await editor.waitFor();
    await editor.click();
    await session.vsc.page.keyboard.press('Control+G');
    await session.vsc.page.keyboard.type('2');
    await session.vsc.page.keyboard.press('Enter');
    await session.vsc.page.keyboard.press('End');
    await session.vsc.page.keyboard.type(',,');
    await command('Optima Sync: Open settings form');
    await form().locator('#syntax-error:not([hidden])').waitFor({ timeout: 20_000 });
    assert.match(await form().locator('#syntax-error').innerText(), /line 2, column \d+/);
    assert.ok(await form().locator('#reopen-as-text').isVisible());
    await session.vsc.screenshot('settings-form-broken-json');

    // Fix it again from the text editor ("Reopen as text" in the error state), then back to the form.
    await form().locator('#reopen-as-text').click();
    await editor.waitFor();
    await editor.click();
    await session.vsc.page.keyboard.press('Control+G');
    await session.vsc.page.keyboard.type('2');
    await session.vsc.page.keyboard.press('Enter');
    await session.vsc.page.keyboard.press('End');
    await session.vsc.page.keyboard.press('Backspace');
    await session.vsc.page.keyboard.press('Backspace');
    await command('Optima Sync: Open settings form');
    await form().locator('#form:not([hidden])').waitFor({ timeout: 20_000 });
  });

  test('choosing FS disables the after-realization section and says why', async () => {
    await form().locator('#field-erp-importMode').click();
    await form().locator('#field-erp-importMode vscode-option[value="FS"]').click();
    const note = form().locator('#section-after-realization .section-note');
    await note.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await note.innerText(), 'Available only for import mode RO or PF.');
    for (const id of [
      'afterRealization-setStatus-enabled',
      'afterRealization-sendEmail-enabled',
      'afterRealization-uploadSalesPdfToShop-enabled',
    ]) {
      assert.equal(await form().locator(`#field-${id}`).getAttribute('aria-disabled'), 'true', id);
    }
    assert.ok(await form().locator('#afterRealization-template-link').isHidden(), 'no "Message template…" for actions that cannot run');
    assert.equal(
      await form().locator('#field-afterRealization-sendEmail-attachSalesPdf').getAttribute('aria-checked'),
      'false',
      '"Attach PDF" not shown ticked',
    );
    await form().locator('#section-after-realization').scrollIntoViewIfNeeded();
    await session.vsc.screenshot('settings-form-fs-mode');
    await saveAll();
    const saved = JSON.parse(readFileSync(session.settingsFile, 'utf8')) as {
      erp: { importMode: string };
      afterRealization: Record<string, { enabled: boolean }>;
    };
    assert.equal(saved.erp.importMode, 'FS');
    assert.deepEqual(
      Object.values(saved.afterRealization).map((a) => a.enabled),
      [false, false, false],
    );
  });

  test('"Test" sends a test e-mail to the SMTP server and shows its answer', async () => {
    const button = form().locator('#send-test-email');
    const result = form().locator('#send-test-email-result');
    await form().locator('#app[aria-busy="false"]').waitFor();
    await input('field-email-smtp-port').fill(String(smtp.port));
    await input('field-email-smtp-port').press('Tab');
    await session.vsc.page.locator('.tabs-container .tab.dirty').waitFor({ timeout: 15_000 });
    await saveAll();
    await waitForDisk((text) => text.includes(`"port": ${smtp.port},`), "got the server's port");
    await input('test-email-to').fill('konsultant@example.pl');
    await button.click();
    await form().locator('#send-test-email-result.ok, #send-test-email-result.failed').waitFor({ timeout: 30_000 });
    await session.vsc.screenshot('settings-form-test-email');
    assert.ok(await form().locator('#send-test-email-result.ok').isVisible(), await result.innerText());
    const [message] = await smtp.waitForMessages(1, 15_000);
    assert.deepEqual(message!.envelope.to, ['konsultant@example.pl']);
  });

  test('keyboard: Space toggles a checkbox and arrow keys choose in a dropdown', async () => {
    const testMode = form().locator('#field-email-testMode-enabled');
    const before = await testMode.getAttribute('aria-checked');
    await testMode.focus();
    await session.vsc.page.keyboard.press('Space');
    for (let i = 0; i < 50 && (await testMode.getAttribute('aria-checked')) === before; i++) await session.vsc.page.waitForTimeout(50);
    assert.notEqual(await testMode.getAttribute('aria-checked'), before);
    const platform = form().locator('#field-shop-platform');
    await platform.focus();
    await session.vsc.page.keyboard.press('ArrowUp');
    for (let i = 0; i < 50 && (await platform.getAttribute('current-value')) === 'demo'; i++) await session.vsc.page.waitForTimeout(50);
    assert.equal(await platform.getAttribute('current-value'), 'sellasist');
    await session.vsc.page.keyboard.press('Tab');
    await saveAll();
    await waitForDisk((text) => text.includes('"platform": "sellasist"'), 'got the platform chosen with the keyboard');
    // SellAsist cannot receive PDFs: the upload stays off and says why (it is also off because of FS).
    await session.vsc.screenshot('settings-form-keyboard');
  });

  test('the strict CSP blocked nothing the form needs (no violations reported)', () => {
    assert.deepEqual(cspViolations, []);
  });

  test('the open-to-interactive time is logged by the extension', async () => {
    const lines = grepFiles(session.vsc.runDir, 'Settings form interactive');
    timings.hostLogLines = lines.map((line) => line.replace(/^.*?Settings form/, 'Settings form'));
    assert.ok(lines.length > 0, "the extension logged the form's open time");
  });

  // Last: it opens more editors (the template beside the form, the preview pane) than the steps above expect.
  test('"Message template…" opens the action\'s template file beside the form', async () => {
    await form().locator('#section-after-import').scrollIntoViewIfNeeded();
    await form().locator('#afterImport-template-link').click();
    await session.vsc.page.locator('.tabs-container .tab', { hasText: 'order-received.html' }).waitFor({ timeout: 30_000 });
    assert.ok(
      await session.vsc.page.locator('.split-view-view .editor-group-container').nth(1).isVisible(),
      'a second editor group beside the form',
    );
    await session.vsc.page.waitForTimeout(1_000);
    await session.vsc.screenshot('settings-form-template');
  });
});
