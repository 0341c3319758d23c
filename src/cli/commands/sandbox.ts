// optima-sync sandbox list | show DOC | realize ORDER | ksef accept|reject DOC: the embedded sandbox ERP from
// the command line (ksef: KSeF's answer to an FS, as KSeF would give it to Optima).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../../core/l10n';
import { describeDocument, describeDocuments, formatAmount } from '../../core/erp/sandbox/describe';
import { decideKsefOf, documentDetail, realizeOrder, salesDocumentOf, salesPdfOf, withSandbox } from '../../core/erp/sandbox/session';
import type { SandboxKsefView } from '../../core/erp/sandbox/index';
import { parseCalendarDate } from '../../core/state/timezone';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';
import { errorMessage } from '../../core/error-message';

/** Named in the state's lock while a sandbox command changes something. */
const holder = (action: string) => `optima-sync sandbox ${action}`;

async function list(context: CommandContext): Promise<number> {
  const documents = await withSandbox(context.dir, { now: context.io.now }, async (erp) => erp.listDocuments());
  print(context, documents, () => describeDocuments(documents));
  return EXIT_OK;
}

async function show(context: CommandContext, reference: string): Promise<number> {
  const out = (flag: 'pdf' | 'ksef-xml') =>
    typeof context.values[flag] === 'string' ? path.resolve(context.io.cwd, context.values[flag]) : undefined;
  const pdfOut = out('pdf');
  const xmlOut = out('ksef-xml');
  const result = await withSandbox(context.dir, { now: context.io.now }, async (erp) => {
    const detail = documentDetail(erp, reference);
    if (xmlOut) await fs.writeFile(xmlOut, erp.ksefXml(salesDocumentOf(erp, reference).number).xml);
    if (!pdfOut) return { detail, pdf: undefined };
    const rendered = await salesPdfOf(erp, detail);
    await fs.writeFile(pdfOut, rendered.bytes);
    return { detail, pdf: pdfOut };
  });
  print(context, { ...result.detail, pdfFile: result.pdf, ...(xmlOut ? { ksefXmlFile: xmlOut } : {}) }, () =>
    [
      describeDocument(result.detail),
      ...(result.pdf ? [t('PDF written to {0}', result.pdf)] : []),
      ...(xmlOut ? [t('FA(3) XML (as sent to KSeF) written to {0}', xmlOut)] : []),
    ].join('\n\n'),
  );
  return EXIT_OK;
}

function describeKsef(number: string, ksef: SandboxKsefView): string {
  return ksef.status === 'accepted'
    ? t('KSeF accepted {0} as {1} at {2}.', number, ksef.number ?? '', ksef.acceptedAt ?? '')
    : t('KSeF rejected {0}: {1}', number, ksef.reason ?? '');
}

async function ksef(context: CommandContext, verb: string | undefined, reference: string | undefined): Promise<number> {
  if (verb !== 'accept' && verb !== 'reject')
    throw new UsageError(t('Say what KSeF answers: "sandbox ksef accept DOC" or "sandbox ksef reject DOC --reason TEXT".'));
  if (!reference) throw new UsageError(t('"sandbox ksef {0}" needs a document or order.', verb));
  const reason = typeof context.values.reason === 'string' ? context.values.reason.trim() : undefined;
  if (verb === 'reject' && !reason) throw new UsageError(t('"sandbox ksef reject" needs --reason TEXT: why KSeF rejects the invoice.'));
  if (verb === 'accept' && context.values.reason !== undefined) throw new UsageError(t('--reason goes with "sandbox ksef reject".'));
  const decided = await withSandbox(context.dir, { write: true, holder: holder('ksef'), now: context.io.now }, (erp) =>
    decideKsefOf(erp, reference, verb === 'accept' ? { accept: true } : { reject: reason! }),
  );
  print(context, decided, () => describeKsef(decided.document.number, decided.ksef));
  return EXIT_OK;
}

async function realize(context: CommandContext, reference: string): Promise<number> {
  const date = typeof context.values.date === 'string' ? context.values.date : undefined;
  if (date !== undefined && !parseCalendarDate(date)) throw new UsageError(t('"{0}" is not a date in the form YYYY-MM-DD', date));
  const outcome = await withSandbox(context.dir, { write: true, holder: holder('realize'), now: context.io.now }, (erp) =>
    realizeOrder(erp, reference, date),
  );
  const { document, salesDocument, already } = outcome;
  print(context, { document, salesDocument, alreadyRealized: already }, () =>
    already
      ? document.kind === 'FS' || document.kind === 'PA'
        ? t('{0} (order {1}) is itself a sales document; nothing to realize.', document.number, document.shopOrderNumber)
        : t(
            '{0} (order {1}) was already realized by {2} on {3}.',
            document.number,
            document.shopOrderNumber,
            salesDocument.number,
            salesDocument.issueDate,
          )
      : t(
          'Realized {0} (order {1}) into {2} on {3}, total {4}.',
          document.number,
          document.shopOrderNumber,
          salesDocument.number,
          salesDocument.issueDate,
          formatAmount(salesDocument.totalGross, document.currency),
        ),
  );
  return EXIT_OK;
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'The embedded sandbox ERP: list documents, show one (its PDF, its FA(3) XML), realize an order into FS/PA, answer for KSeF',
  usage:
    'sandbox list [--json] | sandbox show DOC [--pdf OUT.pdf] [--ksef-xml OUT.xml] [--json] | sandbox realize ORDER [--date YYYY-MM-DD] [--json] | sandbox ksef accept DOC [--json] | sandbox ksef reject DOC --reason TEXT [--json]',
  options: {
    pdf: { type: 'string' },
    'ksef-xml': { type: 'string' },
    date: { type: 'string' },
    reason: { type: 'string' },
  },
  async run(context) {
    const [action, ...rest] = context.positionals;
    // "ksef" takes a verb first: sandbox ksef accept DOC.
    const [reference, ...extra] = action === 'ksef' ? rest.slice(1) : rest;
    const needsReference = action === 'show' || action === 'realize';
    if (!action || !['list', 'show', 'realize', 'ksef'].includes(action))
      throw new UsageError(t('Say what to do: list, show DOC, realize ORDER or ksef accept|reject DOC.'));
    if (needsReference && !reference) throw new UsageError(t('"sandbox {0}" needs a document or order.', action));
    if (extra.length > 0 || (action === 'list' && reference))
      throw new UsageError(t('Unexpected argument "{0}".', extra.at(0) ?? reference));
    if (context.values.pdf !== undefined && action !== 'show') throw new UsageError(t('--pdf goes with "sandbox show".'));
    if (context.values['ksef-xml'] !== undefined && action !== 'show') throw new UsageError(t('--ksef-xml goes with "sandbox show".'));
    if (context.values.date !== undefined && action !== 'realize') throw new UsageError(t('--date goes with "sandbox realize".'));
    if (context.values.reason !== undefined && action !== 'ksef') throw new UsageError(t('--reason goes with "sandbox ksef reject".'));
    try {
      if (action === 'list') return await list(context);
      if (action === 'show') return await show(context, reference!);
      if (action === 'ksef') return await ksef(context, rest[0], reference);
      return await realize(context, reference!);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const message = errorMessage(error);
      if (context.json) print(context, { error: message }, () => message);
      else context.io.err(message);
      return EXIT_FAILED;
    }
  },
};
