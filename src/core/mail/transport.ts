// The nodemailer options built from `email.smtp`, and the security policy around them: which combinations are
// refused (a password in clear to another machine) and which are only warned about.
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { t } from '../l10n';
import type { SideEffectFailure } from '../outcome';
import { isLoopbackHost } from '../net/transport-security';

export { isLoopbackHost } from '../net/transport-security';
import { SECRET_ENVIRONMENT_VARIABLES } from '../secrets';
import { securityMode } from './ports';
import type { EmailSettings } from './recipients';

export interface Timeouts {
  /** TCP connection (ms). */
  connection?: number;
  /** Waiting for the server's 220 greeting (ms). */
  greeting?: number;
  /** Inactivity on an open connection (ms). */
  socket?: number;
}

/** Settings that stop every message alike (no server, no password, no sender): no order's attempt counts. */
export class MailConfigurationError extends Error implements SideEffectFailure {
  readonly scope = 'server' as const;
}

export const DEFAULT_TIMEOUTS: Required<Timeouts> = { connection: 15_000, greeting: 15_000, socket: 60_000 };

/** At most this many messages per second through the one pooled connection: providers throttle or block bursts. */
export const MESSAGES_PER_SECOND = 5;

export function missingPasswordMessage(login: string): string {
  return t(
    'The SMTP password is not set (login "{0}"). In VS Code run "Optima Sync: Set SMTP password…"; for the CLI set the environment variable {1}.',
    login,
    SECRET_ENVIRONMENT_VARIABLES.smtpPassword,
  );
}

/** The warnings the settings deserve at run time (logged once per pass, shown on a test e-mail in VS Code). */
export function transportWarnings(email: EmailSettings): string[] {
  const { host, port, login, tls, ignoreCertificateErrors } = email.smtp;
  const where = `${host ?? '?'}:${port}`;
  const warnings: string[] = [];
  if (ignoreCertificateErrors && tls) {
    warnings.push(
      t(
        'Certificate errors of {0} are ignored (email.smtp.ignoreCertificateErrors): the connection is encrypted but the server is not verified.',
        where,
      ),
    );
  }
  if (login && !tls) {
    warnings.push(
      t(
        'The SMTP login and password go to {0} unencrypted (SSL/TLS is off): anyone on the network path could read them. Turn SSL/TLS on (port 465, or 587 with STARTTLS).',
        where,
      ),
    );
  }
  return warnings;
}

export function transportOptions(email: EmailSettings, password: string | undefined, timeouts: Required<Timeouts>): SMTPPool.Options {
  const { host, port, login, tls, ignoreCertificateErrors, allowUnencryptedLogin } = email.smtp;
  if (!host) throw new MailConfigurationError(t('No SMTP server is set (email.smtp.host).'));
  if (login && !password) throw new MailConfigurationError(missingPasswordMessage(login));
  if (login && !tls && !isLoopbackHost(host) && !allowUnencryptedLogin) {
    throw new MailConfigurationError(
      t(
        'Nothing was sent: with SSL/TLS off the SMTP password would go to {0} unencrypted. Turn SSL/TLS on (port 465, or 587 with STARTTLS). Only if the network to the server is protected otherwise, set email.smtp.allowUnencryptedLogin.',
        host,
      ),
    );
  }
  const mode = securityMode(port, tls);
  return {
    // One connection for the whole pass (login once; a fresh one after 100 messages), queued at a bounded rate.
    pool: true,
    maxConnections: 1,
    rateDelta: 1000,
    rateLimit: email.smtp.messagesPerSecond ?? MESSAGES_PER_SECOND,
    host,
    port,
    secure: mode === 'implicit',
    requireTLS: mode === 'starttls',
    ignoreTLS: mode === 'none',
    auth: login ? { user: login, pass: password } : undefined,
    tls: { rejectUnauthorized: !ignoreCertificateErrors, minVersion: 'TLSv1.2' },
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    // Messages are built in memory only: never let an attachment or image pull a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
