// optima-sync sandbox list | show DOC | realize ORDER: the embedded sandbox ERP from the command line.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../../core/l10n';
import { describeDocument, describeDocuments, formatAmount } from '../../core/erp/sandbox/describe';
import { documentDetail, realizeOrder, salesPdfOf, withSandbox } from '../../core/erp/sandbox/session';
import { parseCalendarDate } from '../../core/state/timezone';
import { CliCommand, CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';

const HOLDER = 'optima-sync sandbox realize';

async function list(context: CommandContext): Promise<number> {
  const documents = await withSandbox(context.dir, { now: context.io.now }, async (erp) => erp.listDocuments());
  print(context, documents, () => describeDocuments(documents));
  return EXIT_OK;
}

async function show(context: CommandContext, reference: string): Promise<number> {
  const pdfOut = typeof context.values.pdf === 'string' ? path.resolve(context.io.cwd, context.values.pdf) : undefined;
  const result = await withSandbox(context.dir, { now: context.io.now }, async (erp) => {
    const detail = documentDetail(erp, reference);
    if (!pdfOut) return { detail, pdf: undefined };
    const rendered = await salesPdfOf(erp, detail);
    await fs.writeFile(pdfOut, rendered.bytes);
    return { detail, pdf: pdfOut };
  });
  print(context, { ...result.detail, pdfFile: result.pdf }, () =>
    describeDocument(result.detail) + (result.pdf ? `\n\n${t('PDF written to {0}', result.pdf)}` : ''));
  return EXIT_OK;
}

async function realize(context: CommandContext, reference: string): Promise<number> {
  const date = typeof context.values.date === 'string' ? context.values.date : undefined;
  if (date !== undefined && !parseCalendarDate(date)) throw new UsageError(t('"{0}" is not a date in the form YYYY-MM-DD', date));
  const outcome = await withSandbox(context.dir, { write: true, holder: HOLDER, now: context.io.now }, (erp) => realizeOrder(erp, reference, date));
  const { document, salesDocument, already } = outcome;
  print(context, { document, salesDocument, alreadyRealized: already }, () =>
    already
      ? document.kind === 'FS' || document.kind === 'PA'
        ? t('{0} (order {1}) is itself a sales document; nothing to realize.', document.number, document.shopOrderNumber)
        : t('{0} (order {1}) was already realized by {2} on {3}.', document.number, document.shopOrderNumber, salesDocument.number, salesDocument.issueDate)
      : t('Realized {0} (order {1}) into {2} on {3}, total {4}.', document.number, document.shopOrderNumber, salesDocument.number,
        salesDocument.issueDate, formatAmount(salesDocument.totalGross, document.currency)),
  );
  return EXIT_OK;
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'The embedded sandbox ERP: list documents, show one (or write its PDF), realize an order into FS/PA',
  usage: 'sandbox list [--json] | sandbox show DOC [--pdf OUT.pdf] [--json] | sandbox realize ORDER [--date YYYY-MM-DD] [--json]',
  options: {
    pdf: { type: 'string' },
    date: { type: 'string' },
  },
  async run(context) {
    const [action, reference, ...extra] = context.positionals;
    const needsReference = action === 'show' || action === 'realize';
    if (!action || !['list', 'show', 'realize'].includes(action)) throw new UsageError(t('Say what to do: list, show DOC or realize ORDER.'));
    if (needsReference && !reference) throw new UsageError(t('"sandbox {0}" needs a document or order.', action));
    if (extra.length > 0 || (!needsReference && reference)) throw new UsageError(t('Unexpected argument "{0}".', extra[0] ?? reference ?? ''));
    if (context.values.pdf !== undefined && action !== 'show') throw new UsageError(t('--pdf goes with "sandbox show".'));
    if (context.values.date !== undefined && action !== 'realize') throw new UsageError(t('--date goes with "sandbox realize".'));
    try {
      if (action === 'list') return await list(context);
      if (action === 'show') return await show(context, reference!);
      return await realize(context, reference!);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const message = (error as Error).message ?? String(error);
      if (context.json) print(context, { error: message }, () => message);
      else context.io.err(message);
      return EXIT_FAILED;
    }
  },
};
