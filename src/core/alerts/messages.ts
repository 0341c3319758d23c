// The words of the consultant alerts: a subject, a plain text and the same as simple HTML. Everything they
// quote (errors from shops and servers) has been redacted by the pass before it gets here.
import os from 'node:os';
import { t } from '../l10n';
import type { AlertCondition } from '../history/runs';
import type { RenderedEmail } from '../sync/types';
import { escapeHtml } from '../html-escape';

export interface AlertFacts {
  /** shop.name of the deployment. */
  shop: string;
  /** The deployment folder on the server. */
  dir: string;
  /** When it was noticed, as the deployment's zone shows it. */
  at: string;
}

function compose(subject: string, paragraphs: string[], items: string[], facts: AlertFacts): RenderedEmail {
  const where = t('Deployment: {0} on {1}. Noticed {2}.', facts.dir, os.hostname(), facts.at);
  const text = [
    ...paragraphs,
    ...(items.length ? ['', ...items.map((item) => `- ${item}`)] : []),
    '',
    where,
    '',
    t('Sent by Optima Order Sync to alerts.recipients.'),
  ].join('\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(items.length ? [`<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`] : []),
    `<p style="color:#666">${escapeHtml(where)}<br>${escapeHtml(t('Sent by Optima Order Sync to alerts.recipients.'))}</p>`,
  ].join('\n');
  return { subject, text, html };
}

/** A short title of the condition, for subjects and logs. */
export function conditionTitle(condition: AlertCondition): string {
  switch (condition) {
    case 'pass-failure':
      return t('the sync pass failed');
    case 'actions-attention':
      return t('actions need attention');
    case 'no-success':
      return t('no successful sync pass');
    case 'ksef-held':
      return t('invoices waiting for KSeF');
    case 'ksef-rejected':
      return t('invoices rejected by KSeF');
  }
}

export function alertEmail(condition: AlertCondition, detail: string, items: string[], facts: AlertFacts): RenderedEmail {
  const advice: Record<AlertCondition, string> = {
    'pass-failure': t('Passes are retried on schedule. Look at the log (.optima-sync/logs/) and `optima-sync status` on the server.'),
    'actions-attention': t(
      'They are not repeated automatically (uncertain) or are retried a few times (failed). Mark them done or retry them in the Orders view of VS Code, or look at `optima-sync state --failed --uncertain`.',
    ),
    'no-success': t('Check that the service runs (`optima-sync status`) and what its log says.'),
    'ksef-held': t(
      'Check in the ERP that these invoices were sent to KSeF (a KSeF outage, an expired KSeF token or certificate, an invoice never sent). They go to the buyer by themselves once KSeF has numbered them.',
    ),
    'ksef-rejected': t(
      'Correct each invoice in the ERP and send it to KSeF again: once KSeF accepts it, the next pass sends the e-mail and the upload. To send nothing, mark the actions done in the Orders view.',
    ),
  };
  return compose(t('[Optima Sync] {0}: {1}', facts.shop, conditionTitle(condition)), [detail, advice[condition]], items, facts);
}

export function clearedEmail(condition: AlertCondition, raisedAt: string, facts: AlertFacts): RenderedEmail {
  return compose(
    t('[Optima Sync] {0}: resolved: {1}', facts.shop, conditionTitle(condition)),
    [t('The condition reported at {0} has cleared.', raisedAt)],
    [],
    facts,
  );
}
