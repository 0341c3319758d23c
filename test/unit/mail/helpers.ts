// Settings and deployment folders for the mail tests.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATE_FILES, defaultSettings } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/types.generated';
import { validateSettingsText } from '../../../src/core/settings/validate';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The init defaults, edited, validated (defaults applied) as the program would load them. */
export function settingsWith(edit: (s: Json) => void = () => {}): Settings {
  const json = defaultSettings() as Json;
  edit(json);
  const result = validateSettingsText(JSON.stringify(json, null, 2), 'optima-sync.json');
  if (!result.settings) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.settings;
}

/** A temp deployment folder with optima-sync.json (pretty, as init writes it) and the given template files. */
export function deploymentFolder(
  edit: (s: Json) => void = () => {},
  files: Record<string, string> = DEFAULT_TEMPLATE_FILES,
): { dir: string; settings: Settings; settingsText: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-mail-'));
  const json = defaultSettings() as Json;
  edit(json);
  const settingsText = JSON.stringify(json, null, 2) + '\n';
  writeFileSync(path.join(dir, 'optima-sync.json'), settingsText);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
  const result = validateSettingsText(settingsText, 'optima-sync.json');
  if (!result.settings) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return { dir, settings: result.settings, settingsText };
}

/** SMTP settings pointing at a test server on 127.0.0.1. */
export function smtpSettings(
  port: number,
  smtp: Partial<Settings['email']['smtp']> = {},
  testMode: Settings['email']['testMode'] = { enabled: false },
): Settings['email'] {
  return settingsWith((s) => {
    s.email.smtp = { host: '127.0.0.1', port, login: '', tls: false, ignoreCertificateErrors: false, ...smtp };
    s.email.testMode = testMode;
  }).email;
}
