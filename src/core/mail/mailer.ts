// The single place mail leaves the program. The SMTP transport is built from `email.smtp`; test mode is applied
// inside send, so no caller can send around it. Nothing else in the code base constructs a nodemailer transport.
// Mail to the consultant (alerts) has its own entry, sendToConsultant: its recipients are fixed when the mailer
// is made (alerts.recipients), so no message can carry a customer address past test mode.
// One mailer = one session (a sync pass, a test e-mail): one pooled connection, each warning said once, and
// after a failure every message would hit (login, connection, TLS) no further attempt.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { t } from '../l10n';
import { bestEffortLogger, redactingLogger, SecretRegistry } from '../log';
import type { FailureOutcome, FailureScope, SideEffectFailure } from '../outcome';
import { DeliveryProgress, trackDeliveryProgress } from './delivery-progress';
import { diagnoseSmtp } from './diagnose';
import { type EmailSettings, InvalidAddressError, parseAddress, plannedRecipients, type PlannedRecipients } from './recipients';
import type { Mailer, MailerOptions, OutgoingMessage, SendResult } from './mailer-contract';
import { cleanSubject } from './templates';
import { DEFAULT_TIMEOUTS, MailConfigurationError, transportOptions, transportWarnings } from './transport';

export { DEFAULT_TIMEOUTS, MailConfigurationError, missingPasswordMessage } from './transport';
export type { Timeouts } from './transport';

/** The test-mode headers carrying the original recipients (X-Original-To is the receiving server's own). */
export const ORIGINAL_RECIPIENT_HEADERS = {
  to: 'X-Optima-Sync-Original-To',
  cc: 'X-Optima-Sync-Original-Cc',
  bcc: 'X-Optima-Sync-Original-Bcc',
} as const;

/**
 * A failed SMTP operation: `message` is the consultant-facing diagnosis (no secret), `detail` the server's words.
 * `outcome` uncertain: the whole message went out and no reply came (the customer may have it); `scope` server:
 * every message would hit it (connection, TLS, login, sender).
 */
export class SmtpError extends Error implements SideEffectFailure {
  constructor(
    message: string,
    readonly detail: string,
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
    readonly outcome: FailureOutcome = 'definite',
    readonly scope: FailureScope = 'order',
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

/** Sending stopped for the rest of this mailer's life (a pass) after a failure that every message would hit. */
export class MailHaltedError extends Error implements SideEffectFailure {
  readonly scope = 'server' as const;
  constructor(readonly reason: string) {
    super(t('Not sent: sending stopped for this pass after an earlier failure ({0}). It is sent by the next pass.', reason));
    this.name = 'MailHaltedError';
  }
}

/** The sender's bare address; a malformed one is the settings' fault, so it stops sending like any setting would. */
function senderAddress(from: string): string {
  try {
    return parseAddress(from);
  } catch (error) {
    if (error instanceof InvalidAddressError)
      throw new MailConfigurationError(t('The sender address (email.from) is not valid: {0}', error.message));
    throw error;
  }
}

export function createMailer(email: EmailSettings, options: MailerOptions): Mailer {
  const secrets = options.secrets ?? new SecretRegistry();
  secrets.add(options.password);
  // Logging is best effort: a line that cannot be written must never turn a delivered e-mail into a failure.
  const log = bestEffortLogger(redactingLogger(options.logger, secrets));
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeoutsMs };
  const warnings = transportWarnings(email);
  let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;
  let halted: string | undefined;
  let turns: Promise<void> = Promise.resolve();
  let refused = false;
  // Said once, at the first e-mail left unsent (a lone test e-mail never says it).
  const refuse = () => {
    if (!refused)
      log.warn(
        t(
          'E-mail sending through {0} stopped for the rest of this pass after: {1} The remaining e-mails stay unsent and are sent by the next pass.',
          where,
          halted ?? '',
        ),
      );
    refused = true;
  };
  const where = `${email.smtp.host ?? '?'}:${email.smtp.port}`;

  const connect = () => {
    if (!transport) {
      const created = createTransport(transportOptions(email, options.password, timeouts));
      trackDeliveryProgress(created);
      for (const warning of warnings) log.warn(warning);
      transport = created as unknown as Transporter<SMTPTransport.SentMessageInfo>;
    }
    return transport;
  };

  const fail = (error: unknown, action: string, progress?: DeliveryProgress): never => {
    if (error instanceof MailConfigurationError) throw error;
    const raw = error as { message?: string; code?: string; responseCode?: number };
    const detail = secrets.redact(String(raw.message ?? error));
    // No reply after the whole message went out: the server may have queued it.
    const uncertain = progress?.bodyComplete === true && typeof raw.responseCode !== 'number';
    const diagnosis = uncertain
      ? {
          scope: 'server' as const,
          message: t(
            '{0} received the whole message but gave no answer before the connection ended ({1}): the customer may have it. It is not sent again; mark it done or retry it.',
            where,
            detail,
          ),
        }
      : diagnoseSmtp(error, email);
    const message = secrets.redact(diagnosis.message);
    log.error(t('{0} via {1} failed: {2} ({3})', action, where, message, detail));
    if (diagnosis.scope === 'server') halted ??= message;
    throw new SmtpError(
      message,
      detail,
      raw.code,
      raw.responseCode,
      uncertain ? 'uncertain' : 'definite',
      diagnosis.scope === 'server' ? 'server' : 'order',
    );
  };

  /** Sends to the recipients as planned (test mode already applied by the caller's plan). */
  const deliver = async (message: Omit<OutgoingMessage, 'to' | 'cc' | 'bcc'>, recipients: () => PlannedRecipients): Promise<SendResult> => {
    if (halted) {
      refuse();
      throw new MailHaltedError(halted);
    }
    const from = email.from?.trim();
    if (!from) throw new MailConfigurationError(t('No sender address is set (email.from).'));
    const fromAddress = senderAddress(from);
    const plan = recipients();
    const subject = cleanSubject((plan.subjectPrefix ?? '') + message.subject);
    const headers: Record<string, string> = {};
    if (plan.redirected) {
      headers[ORIGINAL_RECIPIENT_HEADERS.to] = plan.original.to.join(', ');
      if (plan.original.cc.length) headers[ORIGINAL_RECIPIENT_HEADERS.cc] = plan.original.cc.join(', ');
      if (plan.original.bcc.length) headers[ORIGINAL_RECIPIENT_HEADERS.bcc] = plan.original.bcc.join(', ');
    }
    const originalRecipients = [...plan.original.to, ...plan.original.cc, ...plan.original.bcc];
    const smtp = connect();
    const progress = new DeliveryProgress();
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await smtp.sendMail(
        progress.attachTo({
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
        }),
      );
    } catch (error) {
      return fail(error, t('Sending "{0}"', subject), progress);
    }
    const accepted = (info.accepted ?? []).map(String);
    const rejected = (info.rejected ?? []).map(String);
    log.info(
      plan.redirected
        ? t('Sent "{0}" to {1} (test mode; meant for {2}): {3}', subject, accepted.join(', '), originalRecipients.join(', '), info.response)
        : t('Sent "{0}" to {1}: {2}', subject, accepted.join(', '), info.response),
    );
    return {
      messageId: info.messageId,
      response: info.response,
      accepted,
      rejected,
      originalRecipients,
      testMode: plan.redirected,
      subject,
    };
  };

  return {
    get halted() {
      return halted;
    },
    warnings,
    async claim() {
      const previous = turns;
      let release!: () => void;
      turns = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      if (halted) {
        // The caller (a pass) leaves its e-mail unsent and says once why its sending stopped.
        release();
        return false;
      }
      return release;
    },
    send(message) {
      return deliver(message, () => plannedRecipients(email, message.to, message.cc ?? [], message.bcc ?? []));
    },
    sendToConsultant(message) {
      // Never plannedRecipients: test mode must not send the consultant's alert to the test recipient only.
      return deliver(message, () => {
        const to = (options.consultantRecipients ?? []).map(parseAddress);
        if (to.length === 0) throw new MailConfigurationError(t('No alert recipients are set (alerts.recipients).'));
        return { to, cc: [], bcc: [], redirected: false, original: { to, cc: [], bcc: [] } };
      });
    },
    async verify() {
      const smtp = connect();
      try {
        await smtp.verify();
      } catch (error) {
        fail(error, t('Connecting'));
      }
      log.info(
        email.smtp.login
          ? t('SMTP server {0} accepted the connection and the login', where)
          : t('SMTP server {0} accepted the connection', where),
      );
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
