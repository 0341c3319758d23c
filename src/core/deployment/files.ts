// The files of one deployment folder: creating the default settings, reading and validating them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../l10n';
import { DEFAULT_TEMPLATE_FILES, defaultSettingsText } from '../settings/defaults';
import { SETTINGS_FILE_NAME } from '../settings/schema';
import type { Settings } from '../settings/types.generated';
import { formatProblem, type SettingsProblem, validateSettingsText } from '../settings/validate';

export class SettingsFileExistsError extends Error {
  constructor(readonly file: string) {
    super(t('{0} already exists; it was left unchanged', file));
  }
}

export class InvalidSettingsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: SettingsProblem[],
  ) {
    super([t('The settings file {0} is invalid:', file), ...problems.filter((p) => p.severity === 'error').map(formatProblem)].join('\n'));
  }
}

export function settingsPath(dir: string): string {
  return path.join(dir, SETTINGS_FILE_NAME);
}

export interface CreatedFiles {
  settingsFile: string;
  /** Template files written (existing ones are kept as they are). */
  templateFiles: string[];
}

/** Writes the default settings file and example templates; refuses to overwrite the settings file. */
export async function createDefaultDeployment(dir: string): Promise<CreatedFiles> {
  const file = settingsPath(dir);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(file, defaultSettingsText(), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SettingsFileExistsError(file);
    throw error;
  }
  const templateFiles: string[] = [];
  for (const [relative, content] of Object.entries(DEFAULT_TEMPLATE_FILES)) {
    const target = path.join(dir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.writeFile(target, content, { flag: 'wx' });
      templateFiles.push(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { settingsFile: file, templateFiles };
}

export interface LoadedSettings {
  file: string;
  dir: string;
  settings: Settings;
  warnings: SettingsProblem[];
}

/** Reads and validates the settings of a deployment folder; throws InvalidSettingsError with positions. */
export async function loadSettings(dir: string): Promise<LoadedSettings> {
  const file = settingsPath(dir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        t('No settings file {0}. Create one with "optima-sync init" or the command "Optima Sync: Create settings file".', file),
        { cause: error },
      );
    }
    throw error;
  }
  const result = validateSettingsText(text, file);
  if (!result.settings) throw new InvalidSettingsError(file, result.problems);
  return { file, dir, settings: result.settings, warnings: result.problems };
}
