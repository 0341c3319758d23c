import path from 'node:path';
import { createDefaultDeployment, SettingsFileExistsError } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print } from '../command';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Create optima-sync.json with safe defaults (demo shop, sandbox ERP, test mode) and example templates',
  usage: 'init [--dir D] [--json]',
  async run(context) {
    try {
      const created = await createDefaultDeployment(context.dir);
      print(context, { ok: true, ...created }, () =>
        [t('Created {0}', created.settingsFile), ...created.templateFiles.map((f) => t('Created {0}', path.relative(context.dir, f)))].join(
          '\n',
        ),
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof SettingsFileExistsError) {
        print(context, { ok: false, error: error.message }, () => error.message);
        return EXIT_FAILED;
      }
      throw error;
    }
  },
};
