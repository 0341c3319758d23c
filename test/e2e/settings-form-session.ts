// What the settings-form end-to-end suites share: a real VS Code on a copy of test/fixtures/settings-form,
// the form's frame, the command palette, saving, and reading the file on disk.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { newRunDir, ROOT } from '../vscode/environment';
import { openVsCode, type VsCode } from './harness';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'settings-form');

export interface FormSession {
  vsc: VsCode;
  settingsFile: string;
  /** The text of the fixture's optima-sync.json before any test changed it. */
  original: string;
  /** The content of the visible webview (the form, or another webview shown instead). */
  form(): FrameLocator;
  /** The <input> inside a toolkit text field. */
  input(id: string): Locator;
  /** Runs a command by its exact title from the command palette. */
  command(title: string): Promise<void>;
  /** Waits until the palette lists the command (the extension's contributions are registered). */
  waitForCommand(title: string): Promise<void>;
  /**
   * Opens optima-sync.json from the Explorer (a double click, as a consultant does) once the extension is active
   * (its status bar item shows), so the double click does not race VS Code's activation of the form's provider.
   * Returns the time of the double click (Date.now()).
   */
  openFromExplorer(): Promise<number>;
  saveAll(): Promise<void>;
  waitForDisk(predicate: (text: string) => boolean, what: string): Promise<void>;
  /** The tabs of the editor area showing this label. */
  tabs(label: string): Locator;
}

export async function openFormSession(): Promise<FormSession> {
  const workspace = path.join(newRunDir('settings-form-ws'), 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(FIXTURE, workspace, { recursive: true });
  const settingsFile = path.join(workspace, 'optima-sync.json');
  const original = readFileSync(settingsFile, 'utf8');
  const vsc = await openVsCode({ workspace });
  const page = vsc.page;

  // The palette opened while the keyboard focus is inside a webview sometimes closes again at once (the
  // webview takes the focus back): try again rather than wait for a palette that is gone.
  const command = async (title: string) => {
    const palette = page.locator('.quick-input-widget input[type="text"]');
    const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    // The exact command, not a longer one ranked first ("Preferences: Browse Color Themes…").
    const exact = async () => ((await row.innerText({ timeout: 1_000 }).catch(() => '')) ?? '').split('\n')[0]!.trim() === title;
    for (let attempt = 0; attempt < 8; attempt++) {
      await page.keyboard.press('F1');
      const opened = await palette.fill('>' + title, { timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      const listed = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      if (
        opened &&
        (await listed.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        if (await exact()) {
          await page.keyboard.press('Enter');
          return;
        }
        const rows = page.locator('.quick-input-list .monaco-list-row');
        const texts = (await rows.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
        const index = texts.indexOf(title);
        if (index >= 0) {
          await rows.nth(index).click();
          return;
        }
      }
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
    assert.fail(`could not run "${title}" from the command palette`);
  };

  const waitForCommand = async (title: string) => {
    const palette = page.locator('.quick-input-widget input[type="text"]');
    for (let attempt = 0; attempt < 60; attempt++) {
      await page.keyboard.press('F1');
      await palette.waitFor({ state: 'visible', timeout: 15_000 });
      await palette.fill('>' + title);
      const found = await page
        .locator('.quick-input-list .monaco-list-row', { hasText: title })
        .waitFor({ timeout: 2_000 })
        .then(
          () => true,
          () => false,
        );
      await page.keyboard.press('Escape');
      if (found) return;
    }
    assert.fail(`no command "${title}"`);
  };

  const form = () => vsc.webview();
  return {
    vsc,
    settingsFile,
    original,
    form,
    input: (id) => form().locator(`#${id} input`),
    command,
    waitForCommand,
    openFromExplorer: async () => {
      await waitForCommand('Optima Sync: Open settings form');
      await page.locator('.statusbar-item', { hasText: 'Optima Sync' }).first().waitFor({ timeout: 60_000 });
      const clicked = Date.now();
      await vsc.explorerItem('optima-sync.json').dblclick();
      return clicked;
    },
    saveAll: async () => {
      await command('File: Save All Files');
      await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached', timeout: 15_000 });
    },
    waitForDisk: async (predicate, what) => {
      for (let i = 0; i < 100; i++) {
        if (predicate(readFileSync(settingsFile, 'utf8'))) return;
        await page.waitForTimeout(100);
      }
      assert.fail(`the file on disk never ${what}:\n${readFileSync(settingsFile, 'utf8')}`);
    },
    tabs: (label) => page.locator('.tabs-container .tab', { hasText: label }),
  };
}
