// End to end in a real VS Code: the settings that were missing from the form (a real Optima's connection,
// the alerts), a problem in the Problems panel leading to its field in the form, the search and the
// contents, the three themes (no focus-coloured border but on the focused element; a screenshot of every
// section in each), and the dry-run plan shown rendered with a readable title.
// Section screenshots: test-results/screenshots/sections/<theme>-<section>.png (docs/images/settings-form/ holds
// copies of them, made smaller with pngquant).
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS_DIR } from './harness';
import { activeElementId, focusColouredControls } from './page-probes';
import { openFormSession, type FormSession } from './settings-form-session';

const SECTIONS = ['shop', 'erp', 'after-import', 'after-realization', 'email', 'templates', 'alerts', 'other'];
const THEMES: Array<[string, string]> = [
  ['Light 2026', 'light'],
  ['Dark 2026', 'dark'],
  ['Dark High Contrast', 'high-contrast'],
];

suite('E2E: finding and fixing settings in the form', function () {
  this.timeout(240_000);
  let session: FormSession;
  let failed = false;
  const form = () => session.form();
  const page = () => session.vsc.page;
  const fileJson = () => JSON.parse(readFileSync(session.settingsFile, 'utf8')) as Record<string, Record<string, unknown>>;
  const activeId = () => form().locator('body').evaluate(activeElementId);
  /** The link the Problems panel shows as a problem's code: the setting's path. */
  const problemLink = (path: string) => page().locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: path });

  suiteSetup(async () => {
    session = await openFormSession();
    await session.openFromExplorer();
    await form().locator('#form:not([hidden])').waitFor({ timeout: 90_000 });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await session?.vsc.close({ failed });
  });

  test("the settings the form lacked: a real Optima's connection and the alert recipients land in the file", async () => {
    await form().locator('#field-erp-adapter').click();
    await form().locator('#field-erp-adapter vscode-option[value="optima"]').click();
    await session.input('field-erp-optima-server').waitFor({ state: 'visible', timeout: 15_000 });
    await session.input('field-erp-optima-server').fill('optima-srv');
    await session.input('field-erp-optima-server').press('Tab');
    await form().locator('#section-alerts').scrollIntoViewIfNeeded();
    await form().locator('#field-alerts-enabled').click();
    await session.input('field-alerts-recipients-add').fill('konsultant@example.pl');
    await form().locator('#field-alerts-recipients-add-button').click();
    await form().locator('[data-entry="konsultant@example.pl"]').waitFor({ timeout: 15_000 });
    await session.saveAll();
    await session.waitForDisk(
      (text) => text.includes('konsultant@example.pl"]') || text.includes('"recipients"'),
      'got the alert recipient',
    );
    const saved = fileJson();
    assert.deepEqual(saved.erp!.adapter, 'optima');
    assert.deepEqual(saved.erp!.optima, { server: 'optima-srv' });
    assert.deepEqual(saved.alerts, { enabled: true, recipients: ['konsultant@example.pl'] });
    // What is still missing shows beside its own field, in the field's words.
    assert.equal(
      await form().locator('[data-key="erp.optima.database"] .problem').innerText(),
      'Required: the Optima company database, e.g. CDN_Firma',
    );
    await form().locator('#section-erp').scrollIntoViewIfNeeded();
    await session.vsc.screenshot('settings-form-optima-connection');
  });

  test('the Problems panel: each problem once, its setting a link that shows the field in the form', async () => {
    await page().keyboard.press('Control+Shift+M');
    await problemLink('erp.optima.database').waitFor({ timeout: 30_000 });
    // One entry per mistake: ours only (VS Code's JSON support gets a schema that does not validate).
    const rows = await page().locator('.markers-panel .monaco-list-row').allInnerTexts();
    assert.equal(rows.filter((row) => /erp\.optima\.database/.test(row)).length, 1, rows.join('\n'));
    await problemLink('erp.optima.database').click();
    await form().locator('[data-revealed="/erp/optima/database"]').waitFor({ timeout: 15_000 });
    assert.equal(await activeId(), 'field-erp-optima-database', 'the field has the keyboard focus');
    await session.vsc.screenshot('settings-form-problem-revealed');

    // From the JSON text: the form replaces the text editor in place and shows the field.
    await session.command('Optima Sync: Reopen as text');
    await page().locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 30_000 });
    await problemLink('erp.optima.user').click();
    await form().locator('[data-revealed="/erp/optima/user"]').waitFor({ timeout: 30_000 });
    assert.equal(await activeId(), 'field-erp-optima-user');
    assert.equal(await session.tabs('optima-sync.json').count(), 1, 'one tab for the file');

    // Fixed in the form, the problems leave the panel.
    await session.input('field-erp-optima-user').fill('optima_sync_ro');
    await session.input('field-erp-optima-database').fill('CDN_Firma');
    await session.input('field-erp-optima-database').press('Tab');
    await problemLink('erp.optima.database').waitFor({ state: 'detached', timeout: 15_000 });
    await page().keyboard.press('Control+Shift+M');
    await session.saveAll();
  });

  test('the search keeps the matching settings; the contents lead to each section', async () => {
    await session.input('search').fill('retention');
    await form().locator('#section-shop.filtered-out').waitFor({ state: 'attached', timeout: 10_000 });
    const shown = await Promise.all((await form().locator('[data-key]:visible').all()).map((row) => row.getAttribute('data-key')));
    assert.deepEqual(shown, ['state.retentionDays']);
    assert.equal(await form().locator('#toc a[data-section="other"]').innerText(), 'Other settings (1)');
    await session.vsc.screenshot('settings-form-search');
    await session.input('search').press('Escape');
    await form().locator('#section-shop:not(.filtered-out)').waitFor({ timeout: 10_000 });
    await form().locator('#toc a[data-section="alerts"]').click();
    await form().locator('#toc a[data-section="alerts"][aria-current="true"]').waitFor({ timeout: 10_000 });
    assert.ok(await form().locator('#heading-alerts').isVisible());
  });

  test('themes: only the focused element has a focus-coloured border; a screenshot of every section', async () => {
    const folder = path.join(SCREENSHOTS_DIR, 'sections');
    mkdirSync(folder, { recursive: true });
    // Room for whole sections: a tall window, no side bar, no panel.
    await page().setViewportSize({ width: 1100, height: 1700 });
    await session.command('View: Toggle Primary Side Bar Visibility');
    await session.command('View: Hide Panel');
    const backgrounds = new Set<string>();
    try {
      for (const [theme, name] of THEMES) {
        await session.command('Preferences: Color Theme');
        await page().locator('.quick-input-widget input[type="text"]').fill(theme);
        await page().locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click({ timeout: 10_000 });
        await form().locator(`body.vscode-${name}`).waitFor({ timeout: 20_000 });
        backgrounds.add(
          /--vscode-editor-background:\s*([^;]+)/.exec((await form().locator('html').getAttribute('style')) ?? '')?.[1] ?? '',
        );
        assert.deepEqual(
          await form().locator('body').evaluate(focusColouredControls),
          [],
          `${theme}: elements that look focused but are not`,
        );
        await page().mouse.move(0, 0);
        await form().locator('#toc a[data-section="shop"]').click();
        await form().locator('#toc a[data-section="shop"][aria-current="true"]').waitFor({ timeout: 10_000 });
        const frame = await page().locator('iframe.webview.ready').first().boundingBox();
        assert.ok(frame, "the form's frame");
        await page().screenshot({
          path: path.join(folder, `${name}-overview.png`),
          clip: { ...frame, height: Math.min(frame.height, 700) },
        });
        for (const section of SECTIONS) {
          await form().locator(`#toc a[data-section="${section}"]`).click();
          await form().locator(`#toc a[data-section="${section}"][aria-current="true"]`).waitFor({ timeout: 10_000 });
          const box = await form().locator(`#section-${section}`).boundingBox();
          assert.ok(box, section);
          const bottom = Math.min(box.y + box.height + 8, frame.y + frame.height);
          await page().screenshot({
            path: path.join(folder, `${name}-${section}.png`),
            clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: bottom - box.y + 8 },
          });
        }
      }
    } finally {
      await page().setViewportSize({ width: 1400, height: 900 });
      await session.command('View: Toggle Primary Side Bar Visibility');
    }
    assert.equal(backgrounds.size, 3, `the editor background variable follows the theme: ${[...backgrounds].join(', ')}`);
  });

  test('"Preview sync pass" shows the plan rendered, titled "Sync pass plan — workspace"', async () => {
    // The sandbox ERP for the dry run (the Optima connection stays in the file, unused).
    await form().locator('#toc a[data-section="erp"]').click();
    await form().locator('#field-erp-adapter').click();
    await form().locator('#field-erp-adapter vscode-option[value="sandbox"]').click();
    await session.saveAll();
    await session.waitForDisk((text) => text.includes('"adapter": "sandbox"'), 'went back to the sandbox ERP');
    await session.command('Optima Sync: Preview sync pass (dry run)');
    await session.tabs('Sync pass plan — workspace').waitFor({ timeout: 60_000 });
    const plan = page().frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    await plan.locator('h1', { hasText: 'Sync pass plan — workspace' }).waitFor({ timeout: 30_000 });
    const text = await plan.locator('body').innerText();
    assert.match(text, /Fetched from the shop: \d+ orders?, \d+ new\./);
    assert.doesNotMatch(text, /<br>|\| --- \|/, 'rendered, not Markdown source');
    if ((await plan.locator('table').count()) > 0) assert.ok((await plan.locator('tbody tr').count()) > 0);
    else assert.match(text, /Nothing to do\./);
    await session.vsc.screenshot('settings-form-sync-plan');
  });
});
