// Turns an SMTP failure into words a consultant can act on (host, port, firewall, TLS switch, certificate,
// login, sender). Never includes the password: only settings that are not secret and the server's reply.
// Each diagnosis was checked against what Postfix 3.7 + Dovecot SASL answer (the `postfix` test stage).
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
  cert?: { subjectaltname?: string; subject?: { CN?: string | string[] } };
}

/**
 * `server`: the failure would repeat for every message (connection, TLS, certificate, login, sender), so a pass
 * stops sending; `message`: this message only (a recipient, its size).
 */
export type SmtpFailureScope = 'server' | 'message';

export interface SmtpDiagnosis {
  message: string;
  scope: SmtpFailureScope;
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

/** The host names a certificate is for: its subjectAltName entries, else its common name. */
function certificateNames(links: ErrorLike[]): string[] {
  const cert = links.map((e) => e.cert).find(Boolean);
  const names = (cert?.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  if (names.length) return [...new Set(names)];
  const cn = cert?.subject?.CN;
  return cn ? [cn].flat() : [];
}

const server = (message: string): SmtpDiagnosis => ({ message, scope: 'server' });
const onlyThisMessage = (message: string): SmtpDiagnosis => ({ message, scope: 'message' });

export function diagnoseSmtp(error: unknown, email: EmailSettings): SmtpDiagnosis {
  const { host = '?', port, tls, login } = email.smtp;
  const links = chain(error);
  const codes = links.map((e) => e.code).filter((c): c is string => Boolean(c));
  const text = links.map((e) => `${e.message ?? ''} ${e.reason ?? ''}`).join(' ');
  const reply = links.map((e) => e.response).find((r): r is string => typeof r === 'string') ?? firstLine(text);
  const responseCode = links.map((e) => e.responseCode).find((c): c is number => typeof c === 'number');
  const command = (links.map((e) => e.command).find((c): c is string => typeof c === 'string') ?? '').toUpperCase();
  const has = (...wanted: string[]) => wanted.some((w) => codes.includes(w) || text.includes(w));

  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID') || /Hostname\/IP does not match/i.test(text)) {
    const names = certificateNames(links);
    return server(
      names.length
        ? t(
            'The certificate of {0} is trusted but issued for {1}, not for {0}. Set email.smtp.host to one of those names (if it is the same server), or ask the mail provider which name to use.',
            host,
            names.join(', '),
          )
        : t(
            'The certificate of {0} is issued for another name. Set email.smtp.host to the name in the certificate (ask the mail provider).',
            host,
          ),
    );
  }
  const certificateCode = codes.find((c) => CERTIFICATE_CODES.has(c));
  if (certificateCode || /self[- ]signed certificate|unable to verify|certificate has expired/i.test(text)) {
    return server(
      t(
        'The certificate of {0} is not trusted ({1}). Check that the server name is exactly the one in the certificate (ask the mail provider). "Ignore certificate errors" would connect anyway, but then anyone between you and the server could read the mail and the password: use it only for a server you control.',
        host,
        certificateCode ?? firstLine(text),
      ),
    );
  }
  const greeting = /Invalid greeting\. response=(.*)/.exec(text);
  if (has('EPROTOCOL') && greeting) {
    return server(
      t(
        '{0}:{1} is not an SMTP port: it greeted with "{2}" (an SMTP server starts with 220). Check the port: 465 (SSL/TLS on), 587 (SSL/TLS on = STARTTLS) or 25; 143 and 993 are IMAP, 110 and 995 POP3.',
        host,
        port,
        greeting[1]!.trim().slice(0, 100),
      ),
    );
  }
  if (has('ECONNREFUSED')) {
    return server(
      t(
        '{0} refused the connection on port {1}: nothing listens there. Check the server name and port (common: 465 with SSL/TLS, 587 with STARTTLS), and that no firewall blocks it.',
        host,
        port,
      ),
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS')) {
    return server(t('The SMTP server name {0} cannot be found (DNS). Check the spelling in email.smtp.host.', host));
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH')) {
    return server(t('{0} cannot be reached from this computer (no route). Check the network, VPN and firewall.', host));
  }
  if (tls && port === 465 && /wrong version number|packet length too long|unknown protocol|http request/i.test(text)) {
    return server(
      t(
        '{0}:{1} answered without encryption, but SSL/TLS on port 465 expects encryption from the first byte. The port may be a STARTTLS or plain port: try port 587 with SSL/TLS on.',
        host,
        port,
      ),
    );
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(text)) {
    return server(
      t(
        'TLS could not be started with {0}:{1}: the server does not speak TLS the way the settings expect. Port 465 expects SSL/TLS on; ports 587 and 25 use STARTTLS (SSL/TLS on) or no encryption (off).',
        host,
        port,
      ),
    );
  }
  if (has('ETLS') && (/STARTTLS/i.test(text) || command.includes('STARTTLS') || /no TLS|not offer|not support/i.test(text))) {
    return server(
      t(
        '{0}:{1} does not offer STARTTLS, and with SSL/TLS on it is required so the password never travels unencrypted. If the server needs SSL/TLS from the first byte use port 465; only if you accept an unencrypted connection turn SSL/TLS off.',
        host,
        port,
      ),
    );
  }
  if (has('ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'ECONNRESET') || /timeout|timed out/i.test(text)) {
    if (port === 465 && !tls) {
      return server(
        t('{0}:{1} did not greet: port 465 expects SSL/TLS on. Turn SSL/TLS on, or use port 587 (STARTTLS) or 25.', host, port),
      );
    }
    if (/greeting/i.test(text)) {
      return server(
        t(
          '{0}:{1} accepted the connection but sent no SMTP greeting. The port may expect SSL/TLS from the first byte (port 465: turn SSL/TLS on) or not be an SMTP port.',
          host,
          port,
        ),
      );
    }
    if (has('ECONNRESET') || /closed|reset/i.test(text)) {
      return server(
        t(
          '{0}:{1} closed the connection. The SSL/TLS switch may not match the port (465 = SSL/TLS on, 587 = STARTTLS), or the server refuses this computer.',
          host,
          port,
        ),
      );
    }
    return server(
      t(
        'No answer from {0}:{1} in time. Check the server name and port, and that a firewall does not block outgoing connections to port {1}.',
        host,
        port,
      ),
    );
  }
  // Postfix with smtpd_tls_security_level=encrypt (every 587 submission port): "530 5.7.0 Must issue a STARTTLS command first".
  if (responseCode === 530 && /STARTTLS/i.test(text)) {
    return server(
      t(
        '{0}:{1} accepts mail only over an encrypted connection ("{2}"): turn SSL/TLS on (on port {1} that means STARTTLS).',
        host,
        port,
        reply,
      ),
    );
  }
  if (has('EAUTH') || responseCode === 535 || responseCode === 534) {
    return server(
      t(
        'The server rejected the login "{0}" ({1}). Check the login and set the password again with "Optima Sync: Set SMTP password…" (CLI: OPTIMA_SYNC_SMTP_PASSWORD). Some providers require an app password.',
        login || '—',
        responseCode ?? 'EAUTH',
      ),
    );
  }
  // "503 5.5.1 Error: authentication not enabled": AUTH sent where the server offers none.
  if (responseCode === 503 && /auth/i.test(text)) {
    return server(
      t(
        '{0}:{1} offers no login on this connection ("{2}"). Many servers offer it only after STARTTLS: turn SSL/TLS on; if the server needs no login, clear email.smtp.login.',
        host,
        port,
        reply,
      ),
    );
  }
  if (has('ENOAUTH') || responseCode === 530) {
    return server(
      t('The server requires a login ("{0}"): set email.smtp.login and the SMTP password ("Optima Sync: Set SMTP password…").', reply),
    );
  }
  if (command.startsWith('MAIL FROM') || (responseCode === 553 && /sender/i.test(text))) {
    return server(
      t(
        'The server refused the sender address ({0}): {1}. The sender (email.from) usually has to be the mailbox of the login or an alias of it.',
        responseCode ?? '',
        reply,
      ),
    );
  }
  // Postfix's reject_unauth_destination: "554 5.7.1 <jan@example.com>: Relay access denied".
  if (/Relay access denied|relaying denied|Access denied/i.test(text)) {
    return server(
      login
        ? t(
            'The server does not accept mail for other domains from this login ("{0}"). Ask the mail provider whether "{1}" may send through it.',
            reply,
            login,
          )
        : t(
            'The server does not pass mail on from this computer without a login ("{0}"): set email.smtp.login and the SMTP password.',
            reply,
          ),
    );
  }
  if (command.startsWith('RCPT') || has('EENVELOPE')) {
    return onlyThisMessage(t('The server refused a recipient ({0}): {1}', responseCode ?? '', reply));
  }
  if (responseCode === 552) {
    return onlyThisMessage(t('The message is too large for the server ({0}). Attachments count towards the limit.', reply));
  }
  if (responseCode === 421) {
    return server(
      t(
        '{0} ended the session ("{1}"), often after too many connections or messages in a short time. The rest is sent by the next pass.',
        host,
        reply,
      ),
    );
  }
  if (typeof responseCode === 'number') {
    return onlyThisMessage(t('The SMTP server answered {0}: {1}', responseCode, reply));
  }
  return onlyThisMessage(t('Sending through {0}:{1} failed: {2}', host, port, firstLine(text) || String(error)));
}

export function diagnoseSmtpError(error: unknown, email: EmailSettings): string {
  return diagnoseSmtp(error, email).message;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 300);
}
