// Plain-text views of sandbox ERP documents, shared by the CLI and the extension.
import { t } from '../../l10n';
import { formatMoneyPl, formatQuantityPl, formatVatRate } from '../pdf/format';
import type { SandboxDocumentDetail, SandboxDocumentSummary, SandboxKsefView } from './index';

/** An FS's state in the sandbox's KSeF, in words (a receipt says nothing: it never goes there). */
export function describeKsef(ksef: SandboxKsefView): string[] {
  switch (ksef.status) {
    case 'outside':
      return [t('KSeF: not sent (issued while erp.ksef was off)')];
    case 'pending':
      return [t('KSeF: waiting for its KSeF number (accept or reject it: optima-sync sandbox ksef accept|reject)')];
    case 'rejected':
      return [t('KSeF: rejected: {0}', ksef.reason ?? '')];
    case 'accepted':
      return [
        t('KSeF: accepted as {0} at {1}', ksef.number ?? '', ksef.acceptedAt ?? ''),
        ...(ksef.verificationUrl ? [t('KSeF verification (KOD I): {0}', ksef.verificationUrl)] : []),
      ];
  }
}

export function formatAmount(amount: number, currency: string): string {
  return `${formatMoneyPl(amount)} ${currency}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The documents as a text table (CLI "sandbox list"). */
export function describeDocuments(documents: SandboxDocumentSummary[]): string {
  if (documents.length === 0) return t('The sandbox ERP has no documents yet.');
  const header = [
    t('Number'),
    t('Kind'),
    t('Platform'),
    t('Shop order id'),
    t('Order number'),
    t('Date'),
    t('Gross'),
    t('Realized by / realizes'),
  ];
  return table([
    header,
    ...documents.map((d) => [
      d.number,
      d.kind,
      d.platform,
      d.shopOrderId,
      d.shopOrderNumber,
      d.issueDate,
      formatAmount(d.totalGross, d.currency),
      [
        d.realizedBy
          ? `→ ${d.realizedBy.number}`
          : d.realizes
            ? `← ${d.realizes.number}`
            : d.kind === 'RO' || d.kind === 'PF'
              ? t('(not realized)')
              : '',
        d.kind !== 'FS' || !d.ksef || d.ksef.status === 'outside'
          ? ''
          : d.ksef.status === 'accepted'
            ? t('KSeF {0}', d.ksef.number ?? '')
            : d.ksef.status === 'pending'
              ? t('waiting for KSeF')
              : t('rejected by KSeF'),
      ]
        .filter(Boolean)
        .join('  '),
    ]),
  ]);
}

/** One document with its lines and VAT table as text (CLI "sandbox show", the VS Code detail view). */
export function describeDocument(d: SandboxDocumentDetail): string {
  const buyer = [
    d.buyer.company,
    d.buyer.name,
    d.buyer.street,
    `${d.buyer.postcode} ${d.buyer.city}`,
    d.buyer.taxId ? `NIP ${d.buyer.taxId}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `${d.kind} ${d.number}  (${t('id {0}', d.id)})`,
    t('Order: {0} {1} (id {2})', d.platform, d.shopOrderNumber, d.shopOrderId),
    t('Issued {0}, sold {1}; payment: {2}', d.issueDate, d.saleDate, d.paymentMethod),
    t('Buyer: {0} (card {1})', buyer, d.contractor.code),
  ];
  if (d.realizedBy) lines.push(t('Realized by {0}', d.realizedBy.number));
  if (d.realizes) lines.push(t('Realizes {0}', d.realizes.number));
  if ((d.kind === 'RO' || d.kind === 'PF') && !d.realizedBy) lines.push(t('Not realized yet.'));
  if (d.kind === 'FS' && d.ksef) lines.push(...describeKsef(d.ksef));
  lines.push(
    '',
    table([
      ['#', t('Name'), t('Qty'), t('Unit'), t('Net price'), t('Gross price'), t('VAT'), t('Net'), t('Gross')],
      ...d.lines.map((l) => [
        String(l.position),
        l.name,
        formatQuantityPl(l.quantity),
        l.unit,
        formatMoneyPl(l.unitNet),
        formatMoneyPl(l.unitGross),
        formatVatRate(l.vatRate),
        formatMoneyPl(l.net),
        formatMoneyPl(l.gross),
      ]),
    ]),
    '',
    table([
      [t('VAT rate'), t('Net'), t('VAT'), t('Gross')],
      ...d.vatTable.map((row) => [formatVatRate(row.vatRate), formatMoneyPl(row.net), formatMoneyPl(row.vat), formatMoneyPl(row.gross)]),
      [t('Total'), formatMoneyPl(d.totalNet), formatMoneyPl(d.totalVat), formatMoneyPl(d.totalGross)],
    ]),
  );
  return lines.join('\n');
}
