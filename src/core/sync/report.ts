// Readable forms of a plan and a summary: Markdown for the "Preview sync pass" document, text for the CLI.
import { t } from '../l10n';
import { ACTION_KINDS } from '../model/actions';
import type { SyncPlan, SyncSummary } from './types';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function planToMarkdown(plan: SyncPlan, title: string): string {
  const lines = [`# ${title}`, ''];
  lines.push(
    t('Fetched from the shop: {0} order(s), {1} new.', plan.fetched, plan.newOrders),
    '',
    t('Orders with work: {0}. Customer e-mails: {1} (bulk limit {2}). Test-mode e-mails: {3}.', plan.orders.length, plan.customerEmails, plan.bulkLimit, plan.testModeEmails),
    '',
  );
  if (plan.customerEmails > plan.bulkLimit) {
    lines.push(`> **${t('Bulk guard: a real pass would stop before sending anything, because it would e-mail more customers than the limit.')}**`, '');
  }
  if (plan.orders.length > 0) {
    lines.push(`| ${t('Order')} | ${t('ERP')} | ${t('Actions')} |`, '| --- | --- | --- |');
    for (const order of plan.orders) {
      const erp = [
        order.importInto ? t('import as {0}', order.importInto) : order.erpDocument ? `${order.erpDocument.kind} ${order.erpDocument.number}` : '',
        order.realization === 'by-status' ? t('realize (shop status {0})', order.order.status) : '',
        order.realization === 'found' && order.salesDocument ? t('realized by {0} {1}', order.salesDocument.kind, order.salesDocument.number) : '',
      ].filter(Boolean).join('; ');
      const actions = [...order.importActions, ...order.realizationActions]
        .map((a) => `\`${a.kind}\`: ${a.description}${a.retry ? ' ' + t('(retry)') : ''}`)
        .join('<br>');
      lines.push(`| ${escapeCell(order.number)} | ${escapeCell(erp)} | ${escapeCell(actions) || '—'} |`);
    }
    lines.push('');
  } else {
    lines.push(t('Nothing to do.'), '');
  }
  if (plan.uncertain.length > 0) {
    lines.push(`## ${t('Uncertain actions (not repeated)')}`, '');
    for (const u of plan.uncertain) lines.push(`- ${u.number}: \`${u.kind}\` ${t('pending since {0}', u.since)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Failures of a pass: actions failed and imports failed (the history's and the service log's "failed"). */
export function failuresOf(summary: Pick<SyncSummary, 'actions' | 'importFailed'>): number {
  return Object.values(summary.actions).reduce((n, c) => n + c.failed, 0) + summary.importFailed;
}

export function summaryToText(summary: SyncSummary): string {
  const lines: string[] = [];
  const head = {
    ok: summary.dryRun ? t('Dry run: nothing was changed.') : t('Sync pass completed.'),
    blocked: t('Sync pass stopped by the bulk guard: {0} customer e-mails planned, limit {1}. Nothing was sent.', summary.customerEmailsPlanned, summary.bulkLimit),
    cancelled: t('Sync pass cancelled; the rest waits for the next pass.'),
  }[summary.result];
  lines.push(head);
  lines.push(t('Fetched {0} ({1} new), imported {2}, import failures {3}, realized {4}, e-mails sent {5}.', summary.fetched, summary.newOrders, summary.imported, summary.importFailed, summary.realized, summary.emailsSent));
  if (summary.waitingForErp > 0) lines.push(t('{0} order(s) wait for their document in the ERP.', summary.waitingForErp));
  for (const kind of ACTION_KINDS) {
    const c = summary.actions[kind];
    if (c.done + c.failed + c.uncertain + c.skipped === 0) continue;
    lines.push(`  ${kind.padEnd(26)} ${t('done {0}, failed {1}, uncertain {2}, skipped {3}', c.done, c.failed, c.uncertain, c.skipped)}`);
  }
  for (const error of summary.errors) lines.push(`  ! ${error.order}${error.action ? ` [${error.action}]` : ''}: ${error.message}`);
  for (const u of summary.uncertain) lines.push(`  ? ${u.number} [${u.kind}] ${t('uncertain since {0}: mark it done or retry it', u.since)}`);
  return lines.join('\n');
}

/** The summary without the full plan, for --json output and the run log. */
export function summaryForJson(summary: SyncSummary): Omit<SyncSummary, 'plan'> & { plan?: unknown } {
  const { plan, ...rest } = summary;
  if (!summary.dryRun && summary.result !== 'blocked') return rest;
  return {
    ...rest,
    plan: plan && {
      customerEmails: plan.customerEmails,
      testModeEmails: plan.testModeEmails,
      orders: plan.orders.map((o) => ({
        number: o.number,
        shopOrderId: o.shopOrderId,
        import: o.importInto,
        realization: o.realization,
        actions: [...o.importActions, ...o.realizationActions].map((a) => ({ kind: a.kind, description: a.description, recipients: a.email?.recipients })),
      })),
    },
  };
}
