// Turns an SMTP failure into words a consultant can act on (host, port, firewall, TLS switch, certificate,
// login, sender). Never includes the password: only settings that are not secret and the server's reply code.
import { t } from '../l10n';
import type { EmailSettings } from './recipients';

interface ErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  cause?: unknown;
  reason?: string;
}

/** Collects codes and messages of the error and its causes (nodemailer wraps socket errors). */
function chain(error: unknown): ErrorLike[] {
  const result: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    result.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return result;
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

export function diagnoseSmtpError(error: unknown, email: EmailSettings): string {
  const { host = '?', port, tls, login } = email.smtp;
  const links = chain(error);
  const codes = links.map((e) => e.code).filter((c): c is string => Boolean(c));
  const text = links.map((e) => `${e.message ?? ''} ${e.reason ?? ''}`).join(' ');
  const responseCode = links.map((e) => e.responseCode).find((c): c is number => typeof c === 'number');
  const command = links.map((e) => e.command).find((c): c is string => typeof c === 'string') ?? '';
  const has = (...wanted: string[]) => wanted.some((w) => codes.includes(w) || text.includes(w));

  if (codes.some((c) => CERTIFICATE_CODES.has(c)) || /self[- ]signed certificate|unable to verify|certificate has expired|Hostname\/IP does not match/i.test(text)) {
    return t(
      'The certificate of {0} is not trusted ({1}). Check that the server name is exactly the one in the certificate (ask the mail provider). "Ignore certificate errors" would connect anyway, but then anyone between you and the server could read the mail and the password: use it only for a server you control.',
      host,
      codes.find((c) => CERTIFICATE_CODES.has(c)) ?? text.trim().split('\n')[0]!.slice(0, 120),
    );
  }
  if (has('ECONNREFUSED')) {
    return t('{0} refused the connection on port {1}: nothing listens there. Check the server name and port (common: 465 with SSL/TLS, 587 with STARTTLS), and that no firewall blocks it.', host, port);
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS')) {
    return t('The SMTP server name {0} cannot be found (DNS). Check the spelling in email.smtp.host.', host);
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH')) {
    return t('{0} cannot be reached from this computer (no route). Check the network, VPN and firewall.', host);
  }
  if (tls && port === 465 && /wrong version number|packet length too long|unknown protocol|http request/i.test(text)) {
    return t('{0}:{1} answered without encryption, but SSL/TLS on port 465 expects encryption from the first byte. The port may be a STARTTLS or plain port: try port 587 with SSL/TLS on.', host, port);
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(text)) {
    return t('TLS could not be started with {0}:{1}: the server does not speak TLS the way the settings expect. Port 465 expects SSL/TLS on; ports 587 and 25 use STARTTLS (SSL/TLS on) or no encryption (off).', host, port);
  }
  if (has('ETLS') && (/STARTTLS/i.test(text) || command.toUpperCase().includes('STARTTLS') || /no TLS|not offer|not support/i.test(text))) {
    return t('{0}:{1} does not offer STARTTLS, and with SSL/TLS on it is required so the password never travels unencrypted. If the server needs SSL/TLS from the first byte use port 465; only if you accept an unencrypted connection turn SSL/TLS off.', host, port);
  }
  if (has('ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'ECONNRESET') || /timeout|timed out/i.test(text)) {
    if (port === 465 && !tls) {
      return t('{0}:{1} did not greet: port 465 expects SSL/TLS on. Turn SSL/TLS on, or use port 587 (STARTTLS) or 25.', host, port);
    }
    if (/greeting/i.test(text)) {
      return t('{0}:{1} accepted the connection but sent no SMTP greeting. The port may expect SSL/TLS from the first byte (port 465: turn SSL/TLS on) or not be an SMTP port.', host, port);
    }
    if (has('ECONNRESET') || /closed|reset/i.test(text)) {
      return t('{0}:{1} closed the connection. The SSL/TLS switch may not match the port (465 = SSL/TLS on, 587 = STARTTLS), or the server refuses this computer.', host, port);
    }
    return t('No answer from {0}:{1} in time. Check the server name and port, and that a firewall does not block outgoing connections to port {1}.', host, port);
  }
  if (has('EAUTH') || responseCode === 535 || responseCode === 534 || responseCode === 530 && /auth/i.test(text)) {
    return t('The server rejected the login "{0}" ({1}). Check the login and set the password again with "Optima Sync: Set SMTP password…" (CLI: OPTIMA_SYNC_SMTP_PASSWORD). Some providers require an app password.', login || '—', responseCode ?? 'EAUTH');
  }
  if (has('ENOAUTH') || responseCode === 530) {
    return t('The server requires a login: set email.smtp.login and the SMTP password ("Optima Sync: Set SMTP password…").');
  }
  if (has('EENVELOPE') || /MAIL FROM/i.test(command)) {
    if (/MAIL FROM/i.test(command) || responseCode === 553 || responseCode === 550 && /sender/i.test(text)) {
      return t('The server refused the sender address ({0}): {1}. The sender (email.from) usually has to be the mailbox of the login or an alias of it.', responseCode ?? '', firstLine(text));
    }
    return t('The server refused a recipient ({0}): {1}', responseCode ?? '', firstLine(text));
  }
  if (typeof responseCode === 'number') {
    return t('The SMTP server answered {0}: {1}', responseCode, firstLine(text));
  }
  return t('Sending through {0}:{1} failed: {2}', host, port, firstLine(text) || String(error));
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 300);
}
