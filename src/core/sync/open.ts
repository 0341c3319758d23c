// The composition root of a pass outside tests' control: settings, state (locked), shop, ERP and mail, all
// built from one deployment folder. The CLI and the extension both open a deployment through here.
import type { Clock } from '../clock';
import { loadSettings } from '../deployment/files';
import { createErpGateway } from '../erp/index';
import { type Logger, redactingLogger, SecretRegistry } from '../log';
import { buildTemplateContext } from '../mail/context';
import { createMailer } from '../mail/mailer';
import type { Mailer } from '../mail/mailer-contract';
import { plannedRecipients } from '../mail/recipients';
import { renderEmail } from '../mail/templates';
import { registeringSecrets, type SecretName, type SecretSource } from '../secrets';
import type { Settings } from '../settings/types.generated';
import { createShopConnector, uploadNameKey } from '../shops/index';
import { openStateStore } from '../state/index';
import type { StateStore } from '../state/api';
import type { JournalFileSystem } from '../state/journal';
import type { MailPort, SyncDependencies } from './types';

export interface OpenDeploymentOptions {
  secrets: SecretSource;
  logger: Logger;
  now: Clock;
  /** The user confirmed starting with an empty state after a corrupt state file was moved aside. */
  startFresh?: boolean;
  /** Named in the state lock ("optima-sync sync", "VS Code"). */
  holder?: string;
  /** How long to wait for the SMTP server (nodemailer's own limits otherwise). */
  mailTimeoutsMs?: { connection?: number; greeting?: number; socket?: number };
  /** The shop's rate limit as requests per window, instead of shop.requestsPerMinute (a window other than a minute). */
  shopRateLimit?: { requests: number; windowMs: number };
  /** How the state journal reaches the disk (default: the real file system). */
  journalFiles?: JournalFileSystem;
  /** Aborted when the program is stopping: the shop's rate-limit waits and retry pauses end at once. */
  stop?: AbortSignal;
}

export interface OpenedDeployment {
  deps: SyncDependencies;
  settings: Settings;
  store: StateStore;
  close(): Promise<void>;
}

/**
 * The mail of a pass: customers' e-mail through `email.smtp`, and the consultant's alerts through `alerts.smtp`
 * when it is set (so that an alert about a failing mail server does not depend on it), else through the same
 * session. Each mailer is made on first use (one connection each).
 */
export function mailPort(
  settings: Settings,
  dir: string,
  secrets: SecretSource,
  options: { logger: Logger; registry: SecretRegistry; mailTimeoutsMs?: OpenDeploymentOptions['mailTimeoutsMs'] },
): MailPort {
  const sessions: Array<Promise<Mailer>> = [];
  const session = (email: Settings['email'], password: SecretName) => {
    let mailer: Promise<Mailer> | undefined;
    return () => {
      if (!mailer) {
        mailer = secrets.get(password).then((value) =>
          createMailer(email, {
            password: value,
            logger: options.logger,
            secrets: options.registry,
            timeoutsMs: options.mailTimeoutsMs,
            consultantRecipients: settings.alerts.recipients,
          }),
        );
        sessions.push(mailer);
      }
      return mailer;
    };
  };
  const getMailer = session(settings.email, 'smtpPassword');
  const { smtp: alertsSmtp, from: alertsFrom } = settings.alerts;
  const getAlertMailer = alertsSmtp?.host
    ? session(
        { ...settings.email, smtp: alertsSmtp, from: alertsFrom ?? settings.email.from, testMode: { enabled: false } },
        'alertsSmtpPassword',
      )
    : alertsFrom
      ? session({ ...settings.email, from: alertsFrom }, 'smtpPassword')
      : getMailer;
  return {
    recipientsFor(to) {
      try {
        const planned = plannedRecipients(settings.email, to);
        return { recipients: [...planned.to, ...planned.cc, ...planned.bcc], redirected: planned.redirected };
      } catch {
        // An invalid customer address: in test mode it still goes nowhere but the test recipient.
        const test = settings.email.testMode;
        return test.enabled && test.recipient ? { recipients: [test.recipient], redirected: true } : { recipients: [], redirected: false };
      }
    },
    async render(templateName, input) {
      const context = buildTemplateContext({ settings, ...input });
      return renderEmail({ settings, dir, templateName, context });
    },
    async send(message) {
      const result = await (await getMailer()).send(message);
      return { messageId: result.messageId, response: result.response, accepted: result.accepted };
    },
    async sendToConsultant(message) {
      const result = await (await getAlertMailer()).sendToConsultant(message);
      return { accepted: result.accepted };
    },
    async claim() {
      // A password that cannot be read fails the send itself, with its reason, inside the action.
      const session = await getMailer().catch(() => undefined);
      return session ? session.claim() : () => {};
    },
    async close() {
      for (const mailer of sessions) (await mailer.catch(() => undefined))?.close();
    },
  };
}

export async function openDeployment(dir: string, options: OpenDeploymentOptions): Promise<OpenedDeployment> {
  const registry = new SecretRegistry();
  const logger = redactingLogger(options.logger, registry);
  const secrets = registeringSecrets(options.secrets, registry);
  const { now } = options;
  const { settings } = await loadSettings(dir);
  const store = await openStateStore(dir, {
    logger,
    now,
    confirmFreshStart: options.startFresh,
    holder: options.holder,
    journalFiles: options.journalFiles,
  });
  try {
    const shop = await createShopConnector(settings, {
      secrets,
      logger,
      secretRegistry: registry,
      now,
      dir,
      rateLimit: options.shopRateLimit,
      stop: options.stop,
      uploadNameKey: () => uploadNameKey(store),
    });
    const erp = await createErpGateway(settings, store, { now, secrets, logger, dir });
    const mail = mailPort(settings, dir, secrets, { logger, registry, mailTimeoutsMs: options.mailTimeoutsMs });
    const deps: SyncDependencies = { dir, settings, store, shop, erp, mail, logger, now, redact: (text) => registry.redact(text) };
    return {
      deps,
      settings,
      store,
      async close() {
        await mail.close();
        await erp.close?.();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
