import { promises as fs } from 'node:fs';
import path from 'node:path';
import { settingsPath } from '../../core/deployment/files';
import { plural, t } from '../../core/l10n';
import { checkTemplates, formatTemplateProblem, withSettingsText } from '../../core/mail';
import { formatProblem, validateSettingsText } from '../../core/settings/validate';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print } from '../command';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a settings file; print file:line:col: message for each problem',
  usage: 'validate [FILE] [--dir D] [--json]',
  async run(context) {
    const file = context.positionals[0] ? path.resolve(context.io.cwd, context.positionals[0]) : settingsPath(context.dir);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? t('No such file: {0}', file) : String(error);
      print(context, { valid: false, file, problems: [], error: message }, () => message);
      return EXIT_FAILED;
    }
    const display = path.relative(context.io.cwd, file) || file;
    const result = validateSettingsText(text, display);
    // E-mail templates (syntax, unknown variables) are checked once the settings themselves are valid.
    const dir = path.dirname(file);
    const templateProblems = result.settings
      ? withSettingsText(settingsPath(dir), text, () => checkTemplates(result.settings!, dir)).map((p) => ({
          ...p,
          file: path.relative(context.io.cwd, p.file) || p.file,
        }))
      : [];
    const valid = result.settings !== undefined && templateProblems.length === 0;
    const errorCount = result.problems.filter((p) => p.severity === 'error').length + templateProblems.length;
    print(context, { valid, file, problems: result.problems, templateProblems }, () =>
      [
        ...result.problems.map(formatProblem),
        ...templateProblems.map(formatTemplateProblem),
        valid ? t('{0} is valid', display) : plural(errorCount, { one: '{1}: {0} problem', other: '{1}: {0} problems' }, display),
      ].join('\n'),
    );
    return valid ? EXIT_OK : EXIT_FAILED;
  },
};
