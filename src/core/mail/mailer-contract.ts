// The mailer's contract: the messages callers hand it, what a send answers, and the Mailer interface itself,
// apart from the SMTP session that implements it (mailer.ts).
import type { Logger, SecretRegistry } from '../log';
import type { Timeouts } from './transport';

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
  /** The subject as sent (with the test-mode prefix). */
  subject: string;
}

export interface MailerOptions {
  /** Required when email.smtp.login is set. */
  password?: string;
  logger: Logger;
  /** The run's secrets; the password is added to it so logs and errors never show it. */
  secrets?: SecretRegistry;
  timeoutsMs?: Timeouts;
  /** The consultants' addresses (alerts.recipients): the only recipients of sendToConsultant. */
  consultantRecipients?: readonly string[];
}

/** An e-mail to the consultants (an alert): it names no recipient, and test mode does not rewrite it. */
export interface ConsultantMessage {
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  /** Throws SmtpError (diagnosed), MailConfigurationError, or MailHaltedError once sending has stopped. */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** To the consultant recipients given at creation, as they are (no test-mode rewrite); throws like send. */
  sendToConsultant(message: ConsultantMessage): Promise<SendResult>;
  /** Connects, greets, starts TLS and logs in, then disconnects; throws a SmtpError with a diagnosis on failure. */
  verify(): Promise<void>;
  /**
   * Waits until the e-mails claimed before have been sent, then gives the caller its turn (call the returned
   * function when done), or false when sending has stopped: the caller then leaves its e-mail unsent.
   */
  claim(): Promise<(() => void) | false>;
  /** Why sending stopped in this session, if it did. */
  readonly halted: string | undefined;
  /** The warnings of these settings (ignored certificates, password in clear), each logged once per session. */
  readonly warnings: string[];
  close(): void;
}
