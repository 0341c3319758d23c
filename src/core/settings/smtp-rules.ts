// The rules of an SMTP server's settings that a JSON schema cannot state, for both servers a deployment may
// have: `email.smtp` (customers' e-mail, and alerts by default) and `alerts.smtp` (alerts only, optional).
import { t } from '../l10n';
import { isLoopbackHost } from '../net/transport-security';
import type { Settings } from './types.generated';
import type { RuleProblem } from './validate';

type SmtpSetting = 'email.smtp' | 'alerts.smtp';

/** Certificate checks off, a port whose SSL/TLS is not a choice, a password that would travel in clear. */
export function smtpProblems(smtp: Settings['email']['smtp'], setting: SmtpSetting): RuleProblem[] {
  const pointer = `/${setting.replace('.', '/')}`;
  const result: RuleProblem[] = [];
  if (smtp.ignoreCertificateErrors) {
    result.push({
      pointer: `${pointer}/ignoreCertificateErrors`,
      code: 'insecure-tls',
      severity: 'warning',
      message: t('Certificate errors of the SMTP server are ignored: anyone on the network path could read the mail and the password'),
    });
  }
  const { host, port, login, tls, allowUnencryptedLogin } = smtp;
  // The two ports whose SSL/TLS setting is not a choice (what Postfix answers otherwise: see README "SMTP settings").
  if (!tls && (port === 465 || port === 587)) {
    result.push({
      pointer: `${pointer}/port`,
      code: 'port-needs-tls',
      severity: 'warning',
      message:
        port === 465
          ? t('Port 465 is encrypted from the first byte: turn SSL/TLS on, or nothing connects')
          : t('Port 587 (submission) expects STARTTLS: turn SSL/TLS on, or the server answers "530 Must issue a STARTTLS command first"'),
    });
  }
  if (login && !tls) {
    const refused = !isLoopbackHost(host) && !allowUnencryptedLogin;
    const plainText = t(
      'SSL/TLS is off but a login is set: the SMTP password travels unencrypted and anyone on the network path could read it. Turn SSL/TLS on (port 465, or 587 with STARTTLS)',
    );
    result.push({
      pointer: `${pointer}/tls`,
      code: refused ? 'plain-text-login-refused' : 'plain-text-login',
      severity: 'warning',
      message: refused
        ? t(
            'SSL/TLS is off but a login is set: the password would travel unencrypted to {0}, so sending is refused. Turn SSL/TLS on (port 465, or 587 with STARTTLS), or allow it with {1}',
            host ?? '',
            `${setting}.allowUnencryptedLogin`,
          )
        : plainText,
      fieldMessage: refused
        ? t(
            'SSL/TLS is off but a login is set: the password would travel unencrypted to {0}, so sending is refused. Turn SSL/TLS on (port 465, or 587 with STARTTLS), or allow an unencrypted login below',
            host ?? '',
          )
        : plainText,
    });
  }
  return result;
}

/** Alerts that could not go out: no server or sender for them, or nobody to receive them. */
export function alertsProblems(settings: Settings): RuleProblem[] {
  const { alerts, email } = settings;
  if (!alerts.enabled) return [];
  const result: RuleProblem[] = [];
  const ownServer = Boolean(alerts.smtp?.host);
  if (!ownServer && (!email.smtp.host || !(alerts.from ?? email.from))) {
    result.push({
      pointer: '/alerts/enabled',
      code: 'alerts-without-smtp',
      message: t('Alerts are enabled but e-mail is not configured: set email.smtp.host (the SMTP server) and email.from (the sender)'),
      fieldMessage: t('Alerts go out through the SMTP server of the e-mail settings: set the server and the sender there'),
    });
  }
  if (ownServer && !(alerts.from ?? email.from)) {
    result.push({
      pointer: '/alerts/from',
      code: 'alerts-without-sender',
      message: t('Alerts have their own SMTP server (alerts.smtp) but no sender: set alerts.from (or email.from)'),
      fieldMessage: t('Set the sender of the alerts'),
    });
  }
  // The schema's own rule cannot see a list that the defaults fill in after it ran.
  if (alerts.recipients.length === 0) {
    result.push({
      pointer: '/alerts/recipients',
      code: 'alerts-without-recipients',
      message: t("Alerts are enabled but alerts.recipients names nobody: add the consultant's address"),
      fieldMessage: t('Add at least one address'),
    });
  }
  return result;
}
