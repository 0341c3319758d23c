// Readable forms of a plan and a summary: a plan report (VS Code's plan view), Markdown and text for the CLI.
import { plural, t } from '../l10n';
import { ACTION_KINDS } from '../model/actions';
import type { SyncPlan, SyncSummary } from './types';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A plan in the consultant's words, for any rendering (the CLI's Markdown, VS Code's plan view). */
export interface PlanReport {
  /** Sentences above the table: what was fetched, how many e-mails. */
  overview: string[];
  /** Set when a real pass would stop at the bulk guard. */
  bulkWarning?: string;
  orders: Array<{ number: string; erp: string; actions: Array<{ kind: string; description: string }> }>;
  uncertain: Array<{ number: string; kind: string; since: string }>;
}

/** The plan's sentences about KSeF: what waits for a KSeF number, what KSeF rejected. */
function ksefSentences(plan: SyncPlan): string[] {
  const held = plan.ksef.filter((seen) => seen.held.length > 0);
  const rejected = plan.ksef.filter((seen) => seen.state.status === 'rejected');
  return [
    ...(held.length > 0
      ? [
          plural(
            held.length,
            {
              one: 'Waiting for KSeF: {0} order, whose e-mail with the PDF and upload go once KSeF has numbered its FS: {1}.',
              other: 'Waiting for KSeF: {0} orders, whose e-mails with the PDF and uploads go once KSeF has numbered their FS: {1}.',
            },
            held.map((seen) => `${seen.number} (${seen.salesNumber})`).join(', '),
          ),
        ]
      : []),
    ...(rejected.length > 0
      ? [
          t(
            'Rejected by KSeF (nothing is sent): {0}.',
            rejected.map((seen) => `${seen.number} (${seen.salesNumber}: ${seen.state.reason ?? ''})`).join(', '),
          ),
        ]
      : []),
  ];
}

export function planReport(plan: SyncPlan): PlanReport {
  return {
    overview: [
      plural(
        plan.fetched,
        { one: 'Fetched from the shop: {0} order, {1} new.', other: 'Fetched from the shop: {0} orders, {1} new.' },
        plan.newOrders,
      ),
      t(
        'Orders with work: {0}. Customer e-mails: {1} (bulk limit {2}). Test-mode e-mails: {3}.',
        plan.orders.length,
        plan.customerEmails,
        plan.bulkLimit,
        plan.testModeEmails,
      ),
      ...ksefSentences(plan),
    ],
    ...(plan.customerEmails > plan.bulkLimit
      ? {
          bulkWarning: t(
            'Bulk guard: a real pass would stop before sending anything, because it would e-mail more customers than the limit.',
          ),
        }
      : {}),
    orders: plan.orders.map((order) => ({
      number: order.number,
      erp: [
        order.importInto
          ? t('import as {0}', order.importInto)
          : order.erpDocument
            ? `${order.erpDocument.kind} ${order.erpDocument.number}`
            : '',
        order.realization === 'by-status' ? t('realize (shop status {0})', order.order.status) : '',
        order.realization === 'found' && order.salesDocument
          ? t('realized by {0} {1}', order.salesDocument.kind, order.salesDocument.number)
          : '',
      ]
        .filter(Boolean)
        .join('; '),
      actions: [...order.importActions, ...order.realizationActions].map((a) => ({
        kind: a.kind,
        description: a.description + (a.retry ? ' ' + t('(retry)') : ''),
      })),
    })),
    uncertain: plan.uncertain.map((u) => ({ number: u.number, kind: u.kind, since: u.since })),
  };
}

export function planToMarkdown(plan: SyncPlan, title: string): string {
  const report = planReport(plan);
  const lines = [`# ${title}`, ''];
  for (const sentence of report.overview) lines.push(sentence, '');
  if (report.bulkWarning) lines.push(`> **${report.bulkWarning}**`, '');
  if (report.orders.length > 0) {
    lines.push(`| ${t('Order')} | ${t('ERP')} | ${t('Actions')} |`, '| --- | --- | --- |');
    for (const order of report.orders) {
      const actions = order.actions.map((a) => `\`${a.kind}\`: ${a.description}`).join('<br>');
      lines.push(`| ${escapeCell(order.number)} | ${escapeCell(order.erp)} | ${escapeCell(actions) || '—'} |`);
    }
    lines.push('');
  } else {
    lines.push(t('Nothing to do.'), '');
  }
  if (report.uncertain.length > 0) {
    lines.push(`## ${t('Uncertain actions (not repeated)')}`, '');
    for (const u of report.uncertain) lines.push(`- ${u.number}: \`${u.kind}\` ${t('pending since {0}', u.since)}`);
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
    blocked: t(
      'Sync pass stopped by the bulk guard: {0} customer e-mails planned, limit {1}. Nothing was sent.',
      summary.customerEmailsPlanned,
      summary.bulkLimit,
    ),
    cancelled: t('Sync pass cancelled; the rest waits for the next pass.'),
  }[summary.result];
  lines.push(head);
  lines.push(
    t(
      'Fetched {0} ({1} new), imported {2}, import failures {3}, realized {4}, e-mails sent {5}.',
      summary.fetched,
      summary.newOrders,
      summary.imported,
      summary.importFailed,
      summary.realized,
      summary.emailsSent,
    ),
  );
  if (summary.waitingForErp > 0)
    lines.push(
      plural(summary.waitingForErp, {
        one: '{0} order waits for its document in the ERP.',
        other: '{0} orders wait for their document in the ERP.',
      }),
    );
  if (summary.waitingForKsef.length > 0)
    lines.push(
      plural(summary.waitingForKsef.length, {
        one: '{0} order waits for KSeF: its e-mail with the PDF and upload go once KSeF has numbered its FS.',
        other: '{0} orders wait for KSeF: their e-mails with the PDF and uploads go once KSeF has numbered their FS.',
      }),
    );
  for (const kind of ACTION_KINDS) {
    const c = summary.actions[kind];
    if (c.done + c.failed + c.uncertain + c.skipped === 0) continue;
    lines.push(`  ${kind.padEnd(26)} ${t('done {0}, failed {1}, uncertain {2}, skipped {3}', c.done, c.failed, c.uncertain, c.skipped)}`);
  }
  for (const stop of summary.stopped) lines.push(`  ${t('Stopped for this pass ({0}): {1}', stop.work, stop.reason)}`);
  for (const error of summary.errors) lines.push(`  ! ${error.order}${error.action ? ` [${error.action}]` : ''}: ${error.message}`);
  for (const u of summary.uncertain)
    lines.push(`  ? ${u.number} [${u.kind}] ${t('uncertain since {0}: mark it done or retry it', u.since)}`);
  for (const w of summary.waitingForKsef)
    lines.push(`  … ${w.number} [${w.kinds.join(', ')}] ${t('waiting for KSeF to number {0} since {1}', w.salesDocument, w.since)}`);
  // A rejection failed in this pass is among the errors above; one failed earlier is said here.
  for (const r of summary.rejectedByKsef.filter((r) => !summary.errors.some((e) => e.order === r.number)))
    lines.push(`  ! ${r.number}: ${t('KSeF rejected {0}: {1}', r.salesDocument, r.reason)}`);
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
        actions: [...o.importActions, ...o.realizationActions].map((a) => ({
          kind: a.kind,
          description: a.description,
          recipients: a.email?.recipients,
        })),
      })),
    },
  };
}
