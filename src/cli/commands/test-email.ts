// optima-sync test-email --to ADDR [--template NAME]: renders a template with the sample order and sends it
// through the deployment's SMTP settings (password from OPTIMA_SYNC_SMTP_PASSWORD), reporting the server's answer.
import { loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { SecretRegistry } from '../../core/log';
import { describeTestEmail, sendTestEmail, SmtpError, TemplateError, transportWarnings } from '../../core/mail';
import { environmentSecrets, registeringSecrets } from '../../core/secrets';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { stderrLogger } from '../open';
import { errorMessage } from '../../core/error-message';

export const testEmailCommand: CliCommand = {
  name: 'test-email',
  summary: "Send a test e-mail (a template rendered with the sample order) and report the server's answer",
  usage: 'test-email --to ADDR [--template NAME] [--dir D] [--json]',
  options: { to: { type: 'string' }, template: { type: 'string' } },
  async run(context) {
    const to = context.values.to;
    if (typeof to !== 'string' || !to) throw new UsageError(t('--to ADDR is required'));
    const { settings } = await loadSettings(context.dir);
    const registry = new SecretRegistry();
    const password = await registeringSecrets(environmentSecrets(context.io.env), registry).get('smtpPassword');
    const logger = stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1');
    try {
      const result = await sendTestEmail({
        settings,
        dir: context.dir,
        to,
        templateName: typeof context.values.template === 'string' ? context.values.template : undefined,
        password,
        logger,
        secrets: registry,
      });
      print(context, { sent: true, ...result }, () => describeTestEmail(result));
      return EXIT_OK;
    } catch (error) {
      const message = registry.redact(error instanceof TemplateError || error instanceof SmtpError ? error.message : errorMessage(error));
      const detail = error instanceof SmtpError ? registry.redact(error.detail) : undefined;
      // The same warnings the mailer logs to stderr, so a --json caller sees them too.
      print(context, { sent: false, error: message, detail, warnings: transportWarnings(settings.email) }, () =>
        detail ? `${message}\n${t('Server said: {0}', detail)}` : message,
      );
      return EXIT_FAILED;
    }
  },
};
