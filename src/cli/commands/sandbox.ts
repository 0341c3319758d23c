// optima-sync sandbox list | show DOC | realize ORDER: the embedded sandbox ERP from the command line.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../../core/l10n';
import { formatMoneyPl, formatQuantityPl, formatVatRate } from '../../core/erp/pdf/format';
import type { SandboxDocumentDetail, SandboxDocumentSummary } from '../../core/erp/sandbox/index';
import { realizeOrder, resolveOrder, withSandbox } from '../../core/erp/sandbox/session';
import { parseCalendarDate } from '../../core/state/timezone';
import { CliCommand, CommandContext, EXIT_FAILED, EXIT_OK, print, UsageError } from '../command';

const HOLDER = 'optima-sync sandbox realize';

function money(amount: number, currency: string): string {
  return `${formatMoneyPl(amount)} ${currency}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

function listText(documents: SandboxDocumentSummary[]): string {
  if (documents.length === 0) return t('The sandbox ERP has no documents yet.');
  const header = [t('Number'), t('Kind'), t('Platform'), t('Shop order id'), t('Order number'), t('Date'), t('Gross'), t('Realized by / realizes')];
  return table([
    header,
    ...documents.map((d) => [
      d.number, d.kind, d.platform, d.shopOrderId, d.shopOrderNumber, d.issueDate, money(d.totalGross, d.currency),
      d.realizedBy ? `→ ${d.realizedBy.number}` : d.realizes ? `← ${d.realizes.number}` : d.kind === 'RO' || d.kind === 'PF' ? t('(not realized)') : '',
    ]),
  ]);
}

function detailText(d: SandboxDocumentDetail): string {
  const buyer = [d.buyer.company, d.buyer.name, d.buyer.street, `${d.buyer.postcode} ${d.buyer.city}`, d.buyer.taxId ? `NIP ${d.buyer.taxId}` : '']
    .filter(Boolean).join(', ');
  const lines = [
    `${d.kind} ${d.number}  (${t('id {0}', d.id)})`,
    t('Order: {0} {1} (id {2})', d.platform, d.shopOrderNumber, d.shopOrderId),
    t('Issued {0}, sold {1}; payment: {2}', d.issueDate, d.saleDate, d.paymentMethod),
    t('Buyer: {0} (card {1})', buyer, d.contractor.code),
  ];
  if (d.realizedBy) lines.push(t('Realized by {0}', d.realizedBy.number));
  if (d.realizes) lines.push(t('Realizes {0}', d.realizes.number));
  if ((d.kind === 'RO' || d.kind === 'PF') && !d.realizedBy) lines.push(t('Not realized yet.'));
  lines.push('', table([
    ['#', t('Name'), t('Qty'), t('Unit'), t('Net price'), t('Gross price'), t('VAT'), t('Net'), t('Gross')],
    ...d.lines.map((l) => [String(l.position), l.name, formatQuantityPl(l.quantity), l.unit, formatMoneyPl(l.unitNet), formatMoneyPl(l.unitGross),
      formatVatRate(l.vatRate), formatMoneyPl(l.net), formatMoneyPl(l.gross)]),
  ]), '', table([
    [t('VAT rate'), t('Net'), t('VAT'), t('Gross')],
    ...d.vatTable.map((row) => [formatVatRate(row.vatRate), formatMoneyPl(row.net), formatMoneyPl(row.vat), formatMoneyPl(row.gross)]),
    [t('Total'), formatMoneyPl(d.totalNet), formatMoneyPl(d.totalVat), formatMoneyPl(d.totalGross)],
  ]));
  return lines.join('\n');
}

async function list(context: CommandContext): Promise<number> {
  const documents = await withSandbox(context.dir, {}, async (erp) => erp.listDocuments());
  print(context, documents, () => listText(documents));
  return EXIT_OK;
}

async function show(context: CommandContext, reference: string): Promise<number> {
  const pdfOut = typeof context.values.pdf === 'string' ? path.resolve(context.io.cwd, context.values.pdf) : undefined;
  const result = await withSandbox(context.dir, {}, async (erp) => {
    const detail = erp.getDocument(reference) ?? erp.getDocument(resolveOrder(erp, reference).number)!;
    let pdf: string | undefined;
    if (pdfOut) {
      const salesId = detail.kind === 'FS' || detail.kind === 'PA' ? detail.id : detail.realizedBy?.id;
      if (!salesId) throw new Error(t('{0} is not realized yet: there is no sales document to print.', detail.number));
      const sales = erp.getDocument(salesId)!;
      const rendered = await erp.salesDocumentPdf({ ...sales, kind: sales.kind as 'FS' | 'PA' });
      await fs.writeFile(pdfOut, rendered.bytes);
      pdf = pdfOut;
    }
    return { detail, pdf };
  });
  print(context, { ...result.detail, pdfFile: result.pdf }, () =>
    detailText(result.detail) + (result.pdf ? `\n\n${t('PDF written to {0}', result.pdf)}` : ''));
  return EXIT_OK;
}

async function realize(context: CommandContext, reference: string): Promise<number> {
  const date = typeof context.values.date === 'string' ? context.values.date : undefined;
  if (date !== undefined && !parseCalendarDate(date)) throw new UsageError(t('"{0}" is not a date in the form YYYY-MM-DD', date));
  const outcome = await withSandbox(context.dir, { write: true, holder: HOLDER }, (erp) => realizeOrder(erp, reference, date));
  const { document, salesDocument, already } = outcome;
  print(context, { document, salesDocument, alreadyRealized: already }, () =>
    already
      ? document.kind === 'FS' || document.kind === 'PA'
        ? t('{0} (order {1}) is itself a sales document; nothing to realize.', document.number, document.shopOrderNumber)
        : t('{0} (order {1}) was already realized by {2} on {3}.', document.number, document.shopOrderNumber, salesDocument.number, salesDocument.issueDate)
      : t('Realized {0} (order {1}) into {2} on {3}, total {4}.', document.number, document.shopOrderNumber, salesDocument.number,
        salesDocument.issueDate, money(salesDocument.totalGross, document.currency)),
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
