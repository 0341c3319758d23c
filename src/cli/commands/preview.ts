// optima-sync preview --template NAME [--order ID] [--out FILE.html]: the message as it would leave (sender,
// recipients after test mode, subject, attachments) for a stored order or the built-in sample; writes the HTML.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../../core/deployment/files';
import { t } from '../../core/l10n';
import { buildPreview, formatTemplateProblem, plannedAttachmentNames, type PreviewAttachment, salesPdfAttachment } from '../../core/mail';
import { openStateStore } from '../../core/state';
import { ORDER_DETAILS_DAYS } from '../../core/state/retention';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'Render an e-mail template for an order (default: a sample order); print subject and recipients, write the HTML',
  usage: 'preview --template NAME [--order ID] [--out FILE.html] [--dir D] [--json]',
  options: { template: { type: 'string' }, order: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    const templateName = context.values.template;
    if (typeof templateName !== 'string' || !templateName) throw new UsageError(t('--template NAME is required'));
    const { settings } = await loadSettings(context.dir);
    const orderId = typeof context.values.order === 'string' ? context.values.order : undefined;
    let stored;
    if (orderId) {
      const store = await openStateStore(context.dir, { readOnly: true, now: context.io.now });
      try {
        // An archived order is found too, to say why it cannot be previewed (it keeps only its summary).
        stored = store.findOrder(orderId) ?? (await store.lookupOrders({ idOrNumber: orderId }, 1)).at(0);
      } finally {
        await store.close();
      }
      const message = !stored
        ? t('No order {0} in the state database of {1}', orderId, context.dir)
        : !stored.detailsKept
          ? t(
              'Order {0} was settled more than {1} days ago and keeps only its summary, not the lines a message needs: preview with a newer order',
              orderId,
              ORDER_DETAILS_DAYS,
            )
          : undefined;
      if (message) {
        print(context, { error: message }, () => message);
        return EXIT_FAILED;
      }
    }
    // A stored, realized order: the attachment as the ERP renders it (name and size).
    let attachments: PreviewAttachment[] | undefined;
    if (stored?.salesDocument && plannedAttachmentNames(settings, templateName, stored.salesDocument).length) {
      const pdf = await salesPdfAttachment(settings, context.dir, stored.salesDocument, context.io.now).catch(() => undefined);
      if (pdf) attachments = [{ filename: pdf.filename, size: pdf.size }];
    }
    const preview = buildPreview({
      settings,
      dir: context.dir,
      templateName,
      order: stored?.order,
      erpDocument: stored?.erpDocument,
      salesDocument: stored?.salesDocument,
      attachments,
    });
    const out = typeof context.values.out === 'string' ? path.resolve(context.io.cwd, context.values.out) : undefined;
    const ok = !preview.error && preview.problems.length === 0;
    if (ok && out) await fs.writeFile(out, preview.html, 'utf8');
    print(context, { ...preview, out: ok ? out : undefined, problems: preview.problems }, () => {
      const lines = [
        `${t('Order')}: ${preview.orderLabel}`,
        `${t('From')}: ${preview.from}`,
        `${t('To')}: ${preview.to.join(', ')}${preview.testMode ? ` ${t('(test mode; the customer is {0})', preview.originalTo)}` : ''}`,
      ];
      if (preview.error) lines.push(preview.error);
      lines.push(...preview.problems.map(formatTemplateProblem));
      if (ok) {
        lines.push(`${t('Subject')}: ${preview.subject}`);
        lines.push(
          `${t('Attachments')}: ${preview.attachments.length ? preview.attachments.map((a) => (a.size === undefined ? a.filename : `${a.filename} (${a.size} B)`)).join(', ') : t('none')}`,
        );
        lines.push(out ? t('HTML written to {0}', out) : `\n${preview.text}`);
      }
      return lines.join('\n');
    });
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};
