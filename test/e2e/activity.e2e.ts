// End to end in a real VS Code (code-server + headless Chromium): the Activity view beside the Orders view.
// Passes are run the three ways a deployment sees them (the service and the CLI as processes, VS Code's own
// command), all stamped by the same machine clock as the view reads, so the test holds on any day. The view
// lists them with who ran them, charts them, links to the order needing attention (the Orders view's filter),
// follows the three theme kinds under its strict CSP. Screenshots: test-results/screenshots/activity-*.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { createDefaultDeployment, settingsPath } from '../../src/core/deployment/files';
import { demoShopFile, seedDemoShop } from '../../src/core/shops/demo/index';
import { runBuiltCli } from '../support/cli';
import { TEST_NOW } from '../support/clock';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { newRunDir } from '../vscode/environment';
import { openVsCode, type VsCode } from './harness';

const REFUSED = 'jan.kowalski@example.pl';

suite('E2E: the Activity view in a real VS Code', function () {
  this.timeout(240_000);
  let vsc: VsCode;
  let smtp: TestSmtpServer;
  let failed = false;
  let dir: string;
  const cspViolations: string[] = [];
  const view = (): FrameLocator => vsc.webview();

  const command = async (title: string) => {
    const palette = vsc.page.locator('.quick-input-widget input[type="text"]');
    for (let attempt = 0; attempt < 30; attempt++) {
      await vsc.page.keyboard.press('F1');
      const opened = await palette.fill('>' + title, { timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      const rows = vsc.page.locator('.quick-input-list .monaco-list-row');
      if (
        opened &&
        (await rows
          .first()
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          ))
      ) {
        const texts = (await rows.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
        const index = texts.indexOf(title);
        if (index >= 0) {
          await rows.nth(index).click();
          return;
        }
      }
      await vsc.page.keyboard.press('Escape');
      await vsc.page.waitForTimeout(500);
    }
    assert.fail(`could not run "${title}" from the command palette`);
  };

  suiteSetup(async () => {
    smtp = await startSmtpServer({
      tls: 'none',
      refuseRecipients: { [REFUSED]: '550 5.1.1 <jan.kowalski@example.pl>: Recipient address rejected: User unknown' },
    });
    const workspace = path.join(newRunDir('activity-ws'), 'workspace');
    dir = path.join(workspace, 'sklep');
    mkdirSync(dir, { recursive: true });
    await createDefaultDeployment(dir);
    const settings = JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    settings.email.smtp = {
      host: '127.0.0.1',
      port: smtp.port,
      login: '',
      tls: false,
      ignoreCertificateErrors: false,
      messagesPerSecond: 100,
    };
    settings.email.testMode.enabled = false;
    settings.email.bulkLimit = 100;
    writeFileSync(settingsPath(dir), JSON.stringify(settings, null, 2));
    await seedDemoShop(dir, { now: TEST_NOW });
    // The service's pass (one e-mail refused: an action needing attention), then a CLI pass that fails.
    const service = await runBuiltCli(['run', '--dir', dir]);
    assert.equal(service.code, 0, service.stdout + service.stderr);
    const shop = readFileSync(demoShopFile(dir), 'utf8');
    writeFileSync(demoShopFile(dir), '{ "orders": [');
    const broken = await runBuiltCli(['sync', '--dir', dir]);
    assert.equal(broken.code, 1);
    writeFileSync(demoShopFile(dir), shop);
    vsc = await openVsCode({ workspace });
    vsc.page.on('console', (message) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  teardown(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suiteTeardown(async () => {
    await vsc?.close({ failed });
    await smtp?.close();
  });

  test('lists the passes of the service, the CLI and VS Code, charts them and shows what needs attention', async () => {
    await command('Optima Sync: Focus on Activity View');
    await view().locator('.pass-list li').nth(1).waitFor({ timeout: 90_000 });
    // A pass from VS Code itself: the view refreshes when the state changes.
    await command('Optima Sync: Run sync pass');
    await view().locator('.pass-list li').nth(2).waitFor({ timeout: 60_000 });
    const column = (name: string) => view().locator(`.pass-list li .${name}`).allInnerTexts();
    assert.deepEqual((await column('who')).slice(0, 3), ['VS Code', 'CLI sync', 'service'], 'newest first, each with who ran it');
    assert.deepEqual((await column('result')).slice(0, 3), ['completed', 'failed', 'completed']);
    const figures = await column('figures');
    assert.match(figures[2]!, /^\d+ orders imported, \d+ e-mails sent, 1 failure, 0 uncertain actions$/);
    assert.match(
      figures[0]!,
      /^0 orders imported, 0 e-mails sent, 1 failure, 0 uncertain actions$/,
      "VS Code's pass retried the refused e-mail",
    );
    assert.match((await column('detail'))[1]!, /JSON/);

    // The chart: 14 days; today's bars (whatever day the machine says) hold the imports and the e-mails.
    const days = view().locator('svg.chart g.day');
    assert.equal(await days.count(), 14);
    const sum = async (series: string) =>
      (
        await view()
          .locator(`svg.chart rect.${series}`)
          .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))))
      ).reduce((a, b) => a + b, 0);
    assert.ok((await sum('series-imported')) > 0);
    assert.equal(await sum('series-emails'), smtp.messages.length);
    assert.equal(await sum('series-failed'), 2, "the refused e-mail failed in the service's pass and again in VS Code's");
    assert.ok((await view().locator('svg.chart circle.failed-pass').count()) >= 1, 'the day with a failed pass is marked');

    const attention = await view().locator('.attention').innerText();
    assert.match(attention, /1 failed action/);
    assert.match(attention, /DEMO\/\d+ email-after-import · failed/);
    assert.match(attention, /Recipient address rejected/);
    await vsc.screenshot('activity-view');
  });

  test('a link to an order needing attention shows the Orders view filtered to those orders', async () => {
    await view().locator('.attention-list button.link').first().click();
    const orders = vsc.page.locator('.pane-header', { hasText: /Orders/i });
    await orders.locator('.description', { hasText: 'failed or uncertain' }).waitFor({ timeout: 20_000 });
    // The tree re-reads the state after the filter changes: wait for it to show the one order.
    const rows = vsc.page.locator('.pane-body .monaco-list-row[aria-level="1"]');
    let count = -1;
    for (let i = 0; i < 100 && count !== 1; i++) {
      await vsc.page.waitForTimeout(200);
      count = await rows.count();
    }
    assert.equal(count, 1, 'only the order with the failed e-mail');
    assert.match(await rows.first().innerText(), /DEMO\/1001/);
    await command('Optima Sync: Focus on Activity View');
  });

  test('themes: the view follows dark, high contrast and light, with no CSP violation', async () => {
    const themes: Array<[string, string]> = [
      ['Dark Modern', 'vscode-dark'],
      ['Dark High Contrast', 'vscode-high-contrast'],
      ['Light Modern', 'vscode-light'],
    ];
    const fills = new Set<string>();
    // The Orders view folded, so the Activity view has the side bar's height (the README's picture).
    await vsc.page
      .locator('.pane-header', { hasText: /^Orders/ })
      .first()
      .click();
    for (const [theme, bodyClass] of themes) {
      await command('Preferences: Color Theme');
      const picker = vsc.page.locator('.quick-input-widget input[type="text"]');
      await picker.fill(theme);
      await vsc.page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click({ timeout: 10_000 });
      await view().locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
      await view().locator('svg.chart').waitFor();
      fills.add(/--vscode-sideBar-background:\s*([^;]+)/.exec((await view().locator('html').getAttribute('style')) ?? '')?.[1] ?? '');
      const file = await vsc.screenshot(`activity-theme-${bodyClass.replace('vscode-', '')}`);
      // The side bar alone, small enough for the README (docs/images/activity-view.png is the dark one).
      await vsc.page.screenshot({ path: file.replace(/\.png$/, '-sidebar.png'), clip: { x: 0, y: 0, width: 350, height: 900 } });
    }
    assert.equal(fills.size, 3, `the background follows the theme: ${[...fills].join(', ')}`);
    assert.deepEqual(cspViolations, []);
  });
});
