// "Testuj": renders a template with the sample order and sends it through the real transport (test mode
// included: in test mode the message goes to the test recipient, with the address asked for in the subject).
import { t } from '../l10n';
import type { Logger, SecretRegistry } from '../log';
import type { Settings } from '../settings/types.generated';
import { createMailer, type Timeouts } from './mailer';
import type { SendResult } from './mailer-contract';
import { parseAddress } from './recipients';
import { renderEmail, sampleContext } from './templates';

/** The template a test e-mail uses when none is named: the after-import one, else the first. */
export function defaultTestTemplate(settings: Settings): string | undefined {
  const names = Object.keys(settings.templates ?? {});
  const preferred = [settings.afterImport.sendEmail.template, settings.afterRealization.sendEmail.template];
  return preferred.find((name): name is string => Boolean(name && names.includes(name))) ?? names[0];
}

/** The address a test e-mail goes to by default: the test-mode recipient. */
export function defaultTestAddress(settings: Settings): string | undefined {
  return settings.email.testMode.recipient || undefined;
}

export interface TestEmailResult extends SendResult {
  templateName: string;
  /** The address asked for (in test mode the message went to the test recipient instead). */
  to: string;
  /** What the settings risk (ignored certificate errors, a password in clear), also logged as warnings. */
  warnings: string[];
}

export async function sendTestEmail(input: {
  settings: Settings;
  dir: string;
  to: string;
  templateName?: string;
  password?: string;
  logger: Logger;
  secrets?: SecretRegistry;
  timeoutsMs?: Timeouts;
}): Promise<TestEmailResult> {
  const to = parseAddress(input.to);
  const templateName = input.templateName ?? defaultTestTemplate(input.settings);
  if (!templateName) throw new Error(t('There are no templates in the settings to send; add one under "templates".'));
  const rendered = await renderEmail({ settings: input.settings, dir: input.dir, templateName, context: sampleContext(input.settings) });
  const subject = t('[Test e-mail] {0}', rendered.subject);
  const mailer = createMailer(input.settings.email, {
    password: input.password,
    logger: input.logger,
    secrets: input.secrets,
    timeoutsMs: input.timeoutsMs,
  });
  try {
    const result = await mailer.send({ to, subject, html: rendered.html, text: rendered.text });
    return { ...result, templateName, to, warnings: mailer.warnings };
  } finally {
    mailer.close();
  }
}

/** One or two sentences on what happened, for the CLI and the notification. */
export function describeTestEmail(result: TestEmailResult): string {
  const where = result.accepted.join(', ') || '—';
  return result.testMode
    ? t(
        'Test e-mail "{0}" was accepted for {1} (test mode: redirected from {2}). Server answer: {3}',
        result.subject,
        where,
        result.to,
        result.response,
      )
    : t('Test e-mail "{0}" was accepted for {1}. Server answer: {2}', result.subject, where, result.response);
}
