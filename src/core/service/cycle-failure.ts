// A cycle that cannot even open its deployment (invalid settings, an unreadable state, a missing secret) still
// leaves a trace: a failed run in the pass history when the state can be opened, and a consultant alert through
// the last settings that were valid (the broken file names no recipient). The alert is sent once per failure
// streak: remembered in the state like every alert, or by the service itself while the state cannot be read.
import { alertEmail } from '../alerts/messages';
import { loadSettings } from '../deployment/files';
import { zonedTime } from '../history/format';
import { t } from '../l10n';
import { bestEffortLogger, SecretRegistry, type Logger } from '../log';
import { registeringSecrets, type SecretSource } from '../secrets';
import type { Settings } from '../settings/types.generated';
import { openStateStore } from '../state/index';
import { mailPort } from '../sync/open';
import type { Clock } from '../clock';
import { errorMessage } from '../error-message';

export interface CycleFailureContext {
  dir: string;
  secrets: SecretSource;
  logger: Logger;
  now: Clock;
  redact(text: string): string;
}

/** What the service remembers between cycles. */
export interface ServiceMemory {
  /** The last settings that were valid: alerts still reach the consultant when the file is broken later. */
  settings?: Settings;
  /** An alert about a state that cannot be read was sent in this failure streak (nothing else can remember it). */
  alertedWithoutState?: boolean;
}

/** Records and alerts a failure to open the deployment; never throws. */
export async function reportOpenFailure(context: CycleFailureContext, memory: ServiceMemory, message: string): Promise<void> {
  const log = bestEffortLogger(context.logger);
  const now = context.now();
  const settings =
    (await loadSettings(context.dir)
      .then((loaded) => loaded.settings)
      .catch(() => undefined)) ?? memory.settings;
  let store;
  try {
    store = await openStateStore(context.dir, { logger: log, now: context.now, holder: 'optima-sync run' });
  } catch {
    store = undefined;
  }
  try {
    if (store) {
      const run = store.startRun(now, 'service');
      await store.finishRun(run, now, { result: 'failed', counts: {}, error: message });
    }
    const alerts = settings?.alerts;
    if (!settings || !alerts?.enabled || !alerts.onPassFailure) return;
    const alreadySent = store
      ? store.history.alerts().some((alert) => alert.condition === 'pass-failure')
      : memory.alertedWithoutState === true;
    if (alreadySent) return;
    const registry = new SecretRegistry();
    const secrets = registeringSecrets(context.secrets, registry);
    const mail = mailPort(settings, context.dir, secrets, { logger: log, registry });
    const detail = t('The sync pass failed: {0}', message);
    try {
      await mail.sendToConsultant(
        alertEmail('pass-failure', detail, [], {
          shop: settings.shop.name,
          dir: context.dir,
          at: `${zonedTime(now, settings.timezone)} (${settings.timezone})`,
        }),
      );
    } finally {
      await mail.close();
    }
    if (store) await store.history.recordAlert('pass-failure', now, detail);
    else memory.alertedWithoutState = true;
    log.info(t('Alert sent to {0}: {1}', alerts.recipients.join(', '), detail));
  } catch (error) {
    log.warn(t('The failure could not be recorded or alerted: {0}', context.redact(errorMessage(error))));
  } finally {
    await store?.close().catch(() => undefined);
  }
}
