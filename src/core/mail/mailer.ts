// The single place mail leaves the program. The SMTP transport is built from `email.smtp`; test mode is applied
// inside send, so no caller can send around it. Nothing else in the code base constructs a nodemailer transport.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { t } from '../l10n';
import { Logger, redactingLogger, SecretRegistry } from '../log';
import { SECRET_ENVIRONMENT_VARIABLES } from '../secrets';
import { diagnoseSmtpError } from './diagnose';
import { securityMode } from './ports';
import { EmailSettings, parseAddress, plannedRecipients } from './recipients';
import { cleanSubject } from './templates';

export interface OutgoingAttachment {
  filename: string;
  content: Uint8Array;
  contentType?: string;
}

export interface OutgoingMessage {
  to: string;
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  text?: string;
  attachments?: OutgoingAttachment[];
}

export interface SendResult {
  messageId: string;
  /** The server's last answer, e.g. "250 OK: queued as …". */
  response: string;
  accepted: string[];
  rejected: string[];
  /** The recipients the message was meant for (To, Cc, Bcc), whatever test mode did. */
  originalRecipients: string[];
  testMode: boolean;
}

export interface Timeouts {
  /** TCP connection (ms). */
  connection?: number;
  /** Waiting for the server's 220 greeting (ms). */
  greeting?: number;
  /** Inactivity on an open connection (ms). */
  socket?: number;
}

export interface MailerOptions {
  /** Required when email.smtp.login is set. */
  password?: string;
  logger: Logger;
  /** The run's secrets; the password is added to it so logs and errors never show it. */
  secrets?: SecretRegistry;
  timeoutsMs?: Timeouts;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Connects, greets, starts TLS and logs in, then disconnects; throws a SmtpError with a diagnosis on failure. */
  verify(): Promise<void>;
  close(): void;
}

/** A failed SMTP operation: `message` is the consultant-facing diagnosis (no secret), `detail` the server's words. */
export class SmtpError extends Error {
  constructor(message: string, readonly detail: string, readonly code: string | undefined, readonly responseCode: number | undefined) {
    super(message);
    this.name = 'SmtpError';
  }
}

export class MailConfigurationError extends Error {}

export const DEFAULT_TIMEOUTS: Required<Timeouts> = { connection: 15_000, greeting: 15_000, socket: 60_000 };

export function missingPasswordMessage(login: string): string {
  return t(
    'The SMTP password is not set (login "{0}"). In VS Code run "Optima Sync: Set SMTP password…"; for the CLI set the environment variable {1}.',
    login,
    SECRET_ENVIRONMENT_VARIABLES.smtpPassword,
  );
}

function transportOptions(email: EmailSettings, password: string | undefined, timeouts: Required<Timeouts>): SMTPTransport.Options {
  const { host, port, login, tls, ignoreCertificateErrors } = email.smtp;
  if (!host) throw new MailConfigurationError(t('No SMTP server is set (email.smtp.host).'));
  if (login && !password) throw new MailConfigurationError(missingPasswordMessage(login));
  const mode = securityMode(port, tls);
  return {
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

export function createMailer(email: EmailSettings, options: MailerOptions): Mailer {
  const secrets = options.secrets ?? new SecretRegistry();
  secrets.add(options.password);
  const log = redactingLogger(options.logger, secrets);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeoutsMs };
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  const where = `${email.smtp.host ?? '?'}:${email.smtp.port}`;

  const connect = () => {
    if (email.smtp.ignoreCertificateErrors && email.smtp.tls) {
      log.warn(t('Certificate errors of {0} are ignored (email.smtp.ignoreCertificateErrors): the connection is encrypted but the server is not verified.', where));
    }
    if (!transport) transport = createTransport(transportOptions(email, options.password, timeouts));
    return transport;
  };

  const fail = (error: unknown, action: string): never => {
    if (error instanceof MailConfigurationError) throw error;
    const raw = error as { message?: string; code?: string; responseCode?: number };
    const detail = secrets.redact(String(raw.message ?? error));
    const diagnosis = secrets.redact(diagnoseSmtpError(error, email));
    log.error(t('{0} via {1} failed: {2} ({3})', action, where, diagnosis, detail));
    throw new SmtpError(diagnosis, detail, raw.code, raw.responseCode);
  };

  return {
    async send(message) {
      const from = email.from?.trim();
      if (!from) throw new MailConfigurationError(t('No sender address is set (email.from).'));
      const fromAddress = parseAddress(from);
      const plan = plannedRecipients(email, message.to, message.cc ?? [], message.bcc ?? []);
      const subject = cleanSubject((plan.subjectPrefix ?? '') + message.subject);
      const headers: Record<string, string> = {};
      if (plan.redirected) {
        headers['X-Original-To'] = plan.original.to.join(', ');
        if (plan.original.cc.length) headers['X-Original-Cc'] = plan.original.cc.join(', ');
        if (plan.original.bcc.length) headers['X-Original-Bcc'] = plan.original.bcc.join(', ');
      }
      const originalRecipients = [...plan.original.to, ...plan.original.cc, ...plan.original.bcc];
      const smtp = connect();
      let info: SMTPTransport.SentMessageInfo;
      try {
        info = await smtp.sendMail({
          from,
          to: plan.to,
          cc: plan.cc.length ? plan.cc : undefined,
          bcc: plan.bcc.length ? plan.bcc : undefined,
          // The envelope is set explicitly: the server delivers to these and only these.
          envelope: { from: fromAddress, to: [...plan.to, ...plan.cc, ...plan.bcc] },
          subject,
          html: message.html,
          text: message.text,
          headers,
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename.replace(/[\r\n]+/g, ' '),
            content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
            contentType: a.contentType,
          })),
        });
      } catch (error) {
        return fail(error, t('Sending "{0}"', subject));
      }
      const accepted = (info.accepted ?? []).map(String);
      const rejected = (info.rejected ?? []).map(String);
      log.info(
        plan.redirected
          ? t('Sent "{0}" to {1} (test mode; meant for {2}): {3}', subject, accepted.join(', '), originalRecipients.join(', '), info.response)
          : t('Sent "{0}" to {1}: {2}', subject, accepted.join(', '), info.response),
      );
      return { messageId: info.messageId, response: info.response, accepted, rejected, originalRecipients, testMode: plan.redirected };
    },
    async verify() {
      const smtp = connect();
      try {
        await smtp.verify();
      } catch (error) {
        fail(error, t('Connecting'));
      }
      log.info(email.smtp.login ? t('SMTP server {0} accepted the connection and the login', where) : t('SMTP server {0} accepted the connection', where));
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
