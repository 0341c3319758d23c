// The SMTP ports offered in the settings form and the README, each with what it expects.
import { t } from '../l10n';

export interface SmtpPort {
  port: number;
  tls: boolean;
  hint: string;
}

export function commonSmtpPorts(): SmtpPort[] {
  return [
    { port: 465, tls: true, hint: t('465: SSL/TLS from the first byte (implicit TLS); turn SSL/TLS on') },
    { port: 587, tls: true, hint: t('587: submission with STARTTLS; turn SSL/TLS on (STARTTLS is then required)') },
    { port: 25, tls: false, hint: t('25: server-to-server relay, often blocked by providers; use only for a local relay') },
    {
      port: 2525,
      tls: false,
      hint: t('2525: alternative submission port of some providers (and local test servers); SSL/TLS on = STARTTLS'),
    },
  ];
}

/** How a port and the SSL/TLS switch combine. */
export function securityMode(port: number, tls: boolean): 'implicit' | 'starttls' | 'none' {
  if (!tls) return 'none';
  return port === 465 ? 'implicit' : 'starttls';
}
