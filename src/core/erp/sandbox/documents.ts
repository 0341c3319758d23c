// What the sandbox's own rows become for the rest of the program: the printable model of an FS/PA (seller from
// the settings, buyer and recipient as the document holds them, the KSeF block of an FS), and the ERP and sales
// documents of the gateway.
import type { Database } from 'sql.js';
import { t } from '../../l10n';
import type { Settings } from '../../settings/types.generated';
import type { ErpDocument, SalesDocument, SalesDocumentKind } from '../gateway';
import { grossPricedContent, type SalesDocumentModel } from '../pdf/index';
import { printedKsef } from './ksef';
import { documentById, type DocumentRow, linesOf } from './records';
import type { SandboxKsefView } from './views';

/** Printed on every sandbox PDF: it is a rehearsal, not an accounting document. */
export const SANDBOX_PDF_LABEL = 'Dokument próbny z sandboksowego ERP (nie jest dokumentem księgowym)';

export function salesDocumentModelOf(
  database: Database,
  id: number,
  settings: Settings,
  ksefView: (row: DocumentRow) => SandboxKsefView,
): SalesDocumentModel {
  const row = documentById(database, id);
  if (!row) throw new Error(t('No document with id {0} in the sandbox ERP', String(id)));
  if (row.kind !== 'FS' && row.kind !== 'PA') throw new Error(t('{0} is not a sales document (FS or PA)', row.number));
  const lines = linesOf(database, row.id);
  const source = row.sourceId !== undefined ? documentById(database, row.sourceId) : undefined;
  const seller = settings.erp.seller;
  return {
    kind: row.kind,
    number: row.number,
    issueDate: row.issueDate,
    saleDate: row.saleDate,
    place: seller.city,
    paymentMethod: row.paymentMethod,
    currency: row.currency,
    seller: {
      name: seller.name,
      taxId: seller.taxId,
      street: seller.street,
      postcode: seller.postcode,
      city: seller.city,
      bankAccount: seller.bankAccount,
    },
    buyer: {
      name: row.buyer.name,
      company: row.buyer.company,
      taxId: row.buyer.taxId,
      street: row.buyer.street,
      postcode: row.buyer.postcode,
      city: row.buyer.city,
      country: row.buyer.country,
    },
    recipient: row.recipient
      ? {
          name: row.recipient.name,
          company: row.recipient.company,
          street: row.recipient.street,
          postcode: row.recipient.postcode,
          city: row.recipient.city,
          country: row.recipient.country,
        }
      : undefined,
    ...grossPricedContent(lines, row.currency),
    reference: `Zamówienie ${row.shopOrderNumber}${source ? `, realizacja ${source.number}` : ''}`,
    copyFromErpLabel: SANDBOX_PDF_LABEL,
    ...(row.kind === 'FS' ? printedKsef(ksefView(row)) : {}),
  };
}

export function toSalesDocument(row: DocumentRow): SalesDocument {
  return {
    kind: row.kind as SalesDocumentKind,
    number: row.number,
    id: String(row.id),
    issueDate: row.issueDate,
    saleDate: row.saleDate,
    totalGross: row.totalGross,
    totalNet: row.totalNet,
  };
}

export function toErpDocument(row: DocumentRow): ErpDocument {
  const document: ErpDocument = {
    kind: row.kind,
    number: row.number,
    id: String(row.id),
    platform: row.platform,
    shopOrderId: row.shopOrderId,
    issueDate: row.issueDate,
    totalGross: row.totalGross,
  };
  if (row.kind === 'FS' || row.kind === 'PA') document.salesDocument = toSalesDocument(row);
  return document;
}
