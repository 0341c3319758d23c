// Playwright end-to-end helper: a real VS Code (code-server + headless Chromium, the same driver as the
// integration tests) with this extension loaded and a fresh copy of test/fixtures/workspace open.
//
//   const vsc = await openVsCode();
//   await vsc.runCommand('Optima Sync: Create settings file');
//   await vsc.explorerItem('optima-sync.json').waitFor();
//   await vsc.webview().locator('button').click();
//   await vsc.screenshot('after-click');            // test-results/screenshots/after-click.png
//   await vsc.close();
//
// The smoke-test driver that loads the development extension hides notification toasts: read messages with
// notifications() (it opens the notification center) or check files on disk. With { vsix } the packaged
// extension is installed and run instead, without that driver (toasts shown).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { newRunDir, RESULTS_DIR, ROOT } from '../vscode/environment';
import { copyWorkspace, openWorkbench } from '../vscode/workbench';

export interface OpenVsCodeOptions {
  /** Folder to open; default: a fresh copy of `fixture`. */
  workspace?: string;
  /** Folder copied as the workspace (default test/fixtures/workspace). */
  fixture?: string;
  /** Environment variables of the extension host. */
  extensionEnvironment?: Record<string, string>;
  /** Extra VS Code user settings, e.g. { 'optimaSync.something': true }. */
  userSettings?: Record<string, unknown>;
  /** Test this packaged extension (.vsix, installed fresh) instead of the repository's development build. */
  vsix?: string;
  /** Keep the run folder after close() (it is kept anyway when close({ failed: true }) is called). */
  keep?: boolean;
}

export interface VsCode {
  page: Page;
  /** The workspace folder on disk (a temp copy unless you passed one). */
  workspace: string;
  /** The session's run folder (.vscode-env/run/e2e-…): server logs, browser profile. */
  runDir: string;
  /** Runs a command from the palette by its full title, e.g. "Optima Sync: Create settings file". */
  runCommand(title: string): Promise<void>;
  /** The content of the active webview (outer iframe.webview.ready → inner #active-frame). */
  webview(): FrameLocator;
  /** A row of the Explorer tree with this label. */
  explorerItem(label: string): Locator;
  /** Opens the notification center and returns the text of every notification in it. */
  notifications(): Promise<string[]>;
  /** Saves a screenshot as test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser, stops the server's whole process tree, removes the run folder unless kept. */
  close(options?: { failed?: boolean }): Promise<void>;
}

export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');

export async function openVsCode(options: OpenVsCodeOptions = {}): Promise<VsCode> {
  const runDir = newRunDir('e2e');
  const workspace = options.workspace ?? copyWorkspace(runDir, options.fixture);
  const workbench = await openWorkbench({
    runDir,
    workspace,
    extensionDevelopmentPath: ROOT,
    ...(options.extensionEnvironment ? { extensionEnvironment: options.extensionEnvironment } : {}),
    ...(options.userSettings ? { userSettings: options.userSettings } : {}),
    ...(options.vsix ? { vsix: options.vsix } : {}),
    onExtensionHostLog: () => undefined,
  });
  const { page } = workbench;

  const screenshot = async (name: string) => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };

  try {
    // Ready = the workbench is drawn and the Explorer shows the workspace folder's files.
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  } catch (error) {
    await screenshot('e2e-start-failure').catch(() => undefined);
    await workbench.close();
    throw new Error(`VS Code did not open the workspace (run folder ${runDir}): ${String(error)}`, { cause: error });
  }

  const runCommand = async (title: string) => {
    const input = page.locator('.quick-input-widget input[type="text"]');
    const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    // The palette lists the commands known when it opens; right after start-up the development extension's
    // contributions may still be loading, and an editor that a previous command opens can take the focus and
    // close the palette while it is being typed into: reopen it until the command shows up.
    const deadline = Date.now() + 60_000;
    const succeeds = (step: Promise<unknown>) =>
      step.then(
        () => true,
        () => false,
      );
    for (;;) {
      await page.keyboard.press('F1');
      const opened = await succeeds(input.waitFor({ state: 'visible', timeout: 15_000 }));
      const typed = opened && (await succeeds(input.fill('>' + title, { timeout: 5_000 })));
      // Enter only once the exact command is the highlighted row (the list filters asynchronously).
      const found = typed && (await succeeds(row.waitFor({ timeout: 3_000 })));
      if (found) break;
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`The command palette has no command "${title}"`);
    }
    await page.keyboard.press('Enter');
  };

  return {
    page,
    workspace,
    runDir,
    runCommand,
    webview: () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame'),
    explorerItem: (label: string) =>
      page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }),
    notifications: async () => {
      await runCommand('Notifications: Show Notifications');
      const center = page.locator('.notifications-center');
      await center.waitFor({ state: 'visible', timeout: 10_000 });
      return center.locator('.notification-list-item-message').allInnerTexts();
    },
    screenshot,
    close: async ({ failed = false } = {}) => {
      if (failed) await screenshot(`failure-${path.basename(runDir)}`).catch(() => undefined);
      await workbench.close();
      if (!failed && !options.keep) rmSync(runDir, { recursive: true, force: true });
    },
  };
}
