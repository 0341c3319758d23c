// Consultant alerts after a pass (any pass: the service's, the CLI's, VS Code's): a pass that failed or was
// stopped by the bulk guard, actions left failed or uncertain, no successful pass for alerts.noSuccessHours,
// and with erp.ksef on: an FS waiting for its KSeF number past erp.ksef.maxHoldHours, an FS KSeF rejected.
// Each condition is e-mailed once (remembered in the state's alerts_sent) and again only after it has cleared;
// clearing sends a short note. An alert that cannot be sent is not remembered, so a later pass tries again.
import { plural, t } from '../l10n';
import { actionsNeedingAttention } from '../history/attention';
import { zonedTime } from '../history/format';
import type { AlertCondition, PassResult } from '../history/runs';
import type { SyncDependencies, SyncSummary } from '../sync/types';
import { alertEmail, clearedEmail, conditionTitle, type AlertFacts } from './messages';

export interface PassOutcome {
  result: PassResult;
  /** Why it failed (redacted). */
  error?: string;
  summary?: SyncSummary;
}

/** Raised (with what to say), cleared, or left as it is (a cancelled pass says nothing about failures). */
type Verdict = { raised: true; detail: string; items: string[] } | { raised: false } | undefined;

const HOUR_MS = 3_600_000;

function localTime(date: Date, timeZone: string): string {
  return `${zonedTime(date, timeZone)} (${timeZone})`;
}

function passFailure(outcome: PassOutcome): Verdict {
  if (outcome.result === 'failed') return { raised: true, detail: t('The sync pass failed: {0}', outcome.error ?? ''), items: [] };
  if (outcome.result === 'blocked' && outcome.summary) {
    return {
      raised: true,
      detail: t(
        'The sync pass was stopped by the bulk guard: it would e-mail {0} customers, more than email.bulkLimit ({1}). Nothing is sent until someone decides (optima-sync sync --allow-bulk, or a reset).',
        outcome.summary.customerEmailsPlanned,
        outcome.summary.bulkLimit,
      ),
      items: [],
    };
  }
  return outcome.result === 'ok' ? { raised: false } : undefined;
}

function needsAttention(deps: SyncDependencies): Verdict {
  const attention = actionsNeedingAttention(deps.store, undefined, 20);
  if (attention.failed + attention.uncertain === 0) return { raised: false };
  return {
    raised: true,
    detail: t('Actions need attention: {0} failed, {1} uncertain.', attention.failed, attention.uncertain),
    items: attention.items.map(
      (item) =>
        `${item.number} · ${item.kind} · ${item.state === 'failed' ? t('failed') : t('uncertain')}${item.error ? ` · ${item.error}` : ''}`,
    ),
  };
}

function noSuccess(deps: SyncDependencies, hours: number, now: Date): Verdict {
  const history = deps.store.history;
  const lastOk = history.last('ok');
  const since = lastOk?.finishedAt ?? history.firstStartedAt();
  if (!since) return undefined;
  if (now.getTime() - Date.parse(since) < hours * HOUR_MS) return { raised: false };
  return {
    raised: true,
    detail: lastOk
      ? t(
          'No sync pass has succeeded for {0} hours (the last one finished {1}).',
          hours,
          localTime(new Date(since), deps.settings.timezone),
        )
      : t('No sync pass has succeeded since the first one started {0}.', localTime(new Date(since), deps.settings.timezone)),
    items: [],
  };
}

/** FSs whose e-mail with the PDF or upload has waited for the KSeF number longer than erp.ksef.maxHoldHours. */
function ksefHeldTooLong(deps: SyncDependencies, now: Date): Verdict {
  const ksef = deps.settings.erp.ksef;
  if (!ksef?.enabled) return { raised: false };
  const held = deps.store.heldForKsefSince(new Date(now.getTime() - ksef.maxHoldHours * HOUR_MS).toISOString(), 20);
  if (held.length === 0) return { raised: false };
  return {
    raised: true,
    detail: plural(
      held.length,
      {
        one: '{0} FS has waited more than {1} hours for its KSeF number: its e-mail with the PDF and its upload to the shop have not gone.',
        other:
          '{0} FS have waited more than {1} hours for their KSeF numbers: their e-mails with the PDF and uploads to the shop have not gone.',
      },
      ksef.maxHoldHours,
    ),
    items: held.map(
      (order) =>
        `${order.number} · ${order.salesDocument?.number ?? ''} · ${t('waiting since {0}', localTime(new Date(order.ksefHold!.since), deps.settings.timezone))}`,
    ),
  };
}

/** FSs KSeF rejected whose e-mail or upload is left failed (nothing was sent). */
function ksefRejected(deps: SyncDependencies): Verdict {
  if (!deps.settings.erp.ksef?.enabled) return { raised: false };
  const rejected = deps.store.rejectedByKsef(20);
  if (rejected.length === 0) return { raised: false };
  return {
    raised: true,
    detail: plural(rejected.length, {
      one: 'KSeF rejected {0} FS: its e-mail with the PDF and its upload were not sent.',
      other: 'KSeF rejected {0} FS: their e-mails with the PDF and uploads were not sent.',
    }),
    items: rejected.map((order) => `${order.number} · ${order.salesDocument?.number ?? ''} · ${order.salesDocument?.ksef?.reason ?? ''}`),
  };
}

/** Checks the conditions after a pass and e-mails alerts.recipients about what was raised or cleared. Never throws. */
export async function raiseAlerts(deps: SyncDependencies, outcome: PassOutcome): Promise<void> {
  const alerts = deps.settings.alerts;
  if (!alerts?.enabled) return;
  try {
    const now = deps.now();
    const verdicts: Record<AlertCondition, Verdict> = {
      'pass-failure': alerts.onPassFailure ? passFailure(outcome) : { raised: false },
      'actions-attention': alerts.onActionsNeedingAttention ? needsAttention(deps) : { raised: false },
      'no-success': alerts.noSuccessHours > 0 ? noSuccess(deps, alerts.noSuccessHours, now) : { raised: false },
      'ksef-held': ksefHeldTooLong(deps, now),
      'ksef-rejected': ksefRejected(deps),
    };
    const facts: AlertFacts = { shop: deps.settings.shop.name, dir: deps.dir, at: localTime(now, deps.settings.timezone) };
    const sent = new Map(deps.store.history.alerts().map((alert) => [alert.condition, alert]));
    for (const [condition, verdict] of Object.entries(verdicts) as Array<[AlertCondition, Verdict]>) {
      const earlier = sent.get(condition);
      if (verdict?.raised && !earlier) {
        try {
          await deps.mail.sendToConsultant(alertEmail(condition, verdict.detail, verdict.items, facts));
        } catch (error) {
          deps.logger.warn(
            t(
              'The alert "{0}" could not be sent; the next pass tries again: {1}',
              conditionTitle(condition),
              deps.redact((error as Error).message),
            ),
          );
          continue;
        }
        await deps.store.history.recordAlert(condition, now, verdict.detail);
        deps.logger.info(t('Alert sent to {0}: {1}', alerts.recipients.join(', '), verdict.detail));
      } else if (verdict && !verdict.raised && earlier) {
        await deps.store.history.clearAlert(condition);
        deps.logger.info(t('Alert cleared: {0}', conditionTitle(condition)));
        await deps.mail
          .sendToConsultant(clearedEmail(condition, localTime(new Date(earlier.sentAt), deps.settings.timezone), facts))
          .catch((error: Error) =>
            deps.logger.warn(
              t('The note that "{0}" has cleared could not be sent: {1}', conditionTitle(condition), deps.redact(error.message)),
            ),
          );
      }
    }
  } catch (error) {
    deps.logger.warn(t('Checking the alerts failed: {0}', deps.redact((error as Error).message)));
  }
}
