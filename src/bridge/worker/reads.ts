// What the bridge reports about documents, from the read side's own SQL and helpers (queries.ts, rows.ts,
// sales-model.ts): the documents that carry an external number with their realizations, and one document's
// parties, lines and totals for the product's PDF copy.
import type { BridgeKsef, DocumentDetails, DocumentSummary, SalesDocumentSummary } from '../../core/erp/bridge/contract';
import type { SqlExecutor } from '../../core/erp/optima/executor';
import { ksefStateOfRow } from '../../core/erp/optima/ksef';
import { DOCUMENT_TYPE } from '../../core/erp/optima/dependencies';
import {
  DOCUMENT_BY_ID,
  DOCUMENTS_BY_EXTERNAL_NUMBER,
  type DocumentRow,
  KSEF_OF_DOCUMENT,
  REALIZATIONS_OF,
  SALES_DOCUMENT_HEADER,
  SALES_DOCUMENT_LINES,
  SALES_DOCUMENT_VAT,
} from '../../core/erp/optima/queries';
import { documentNumber, grosze, isoDate, isSet, isUsable, kindOfType, textOf, toSalesDocument } from '../../core/erp/optima/rows';
import { buyerOf, linesOf, recipientOf, vatTableFromLines, vatTableFromTraVat } from '../../core/erp/optima/sales-model';
import type { BuyerBlock } from '../../core/erp/pdf/model';
import { groszeToDecimal, type Grosze } from '../../core/model/money';
import { notFound } from '../errors';

const decimal = (amount: Grosze): number => Number(groszeToDecimal(amount));

/**
 * An FS/PA's state in KSeF from TraNag's KSeF columns (a PA never goes there); undefined when this Optima has no
 * such columns (older than its KSeF versions), which the product then reports instead of guessing.
 */
async function ksefOf(executor: SqlExecutor, row: DocumentRow): Promise<BridgeKsef | undefined> {
  if (Number(row.docType) === DOCUMENT_TYPE.PA) return { status: 'outside' };
  if (Number(row.docType) !== DOCUMENT_TYPE.FS) return undefined;
  let rows;
  try {
    rows = await executor.query(KSEF_OF_DOCUMENT, { docId: Number(row.docId) });
  } catch {
    return undefined;
  }
  if (!rows[0]) return undefined;
  const { status, number, acceptedAt, reason } = ksefStateOfRow(rows[0]);
  return { status, ...(number ? { number } : {}), ...(acceptedAt ? { acceptedAt } : {}), ...(reason ? { reason } : {}) };
}

async function salesSummary(executor: SqlExecutor, row: DocumentRow): Promise<SalesDocumentSummary> {
  const sales = toSalesDocument(row);
  const ksef = await ksefOf(executor, row);
  return {
    erpId: Number(row.docId),
    kind: sales.kind,
    number: sales.number,
    issuedAt: sales.issueDate,
    saleDate: sales.saleDate,
    totalGross: decimal(sales.totalGross),
    totalNet: decimal(sales.totalNet),
    currency: 'PLN',
    ...(ksef ? { ksef } : {}),
  };
}

async function summary(executor: SqlExecutor, row: DocumentRow): Promise<DocumentSummary> {
  const kind = kindOfType(row.docType)!;
  const orderKind = kind === 'RO' || kind === 'PF';
  const sales =
    orderKind && isUsable(row)
      ? await Promise.all(
          (await executor.query(REALIZATIONS_OF, { sourceId: Number(row.docId) })).map((sale) => salesSummary(executor, sale)),
        )
      : [];
  const ksef = orderKind ? undefined : await ksefOf(executor, row);
  return {
    erpId: Number(row.docId),
    kind,
    number: documentNumber(row),
    buffer: isSet(row.inBuffer),
    cancelled: isSet(row.isCancelled),
    correction: isSet(row.isCorrection),
    issueDate: isoDate(row.documentDate) ?? isoDate(row.issueDate) ?? '',
    totalGross: decimal(grosze(row.totalGross)),
    totalNet: decimal(grosze(row.totalNet)),
    sales,
    ...(ksef ? { ksef } : {}),
  };
}

/** Every RO, PF, FS and PA whose external number is `externalId`, in any state, oldest first. */
export async function documentsByExternalId(executor: SqlExecutor, externalId: string): Promise<DocumentSummary[]> {
  const orders = await executor.query(DOCUMENTS_BY_EXTERNAL_NUMBER, {
    value: externalId,
    typeA: DOCUMENT_TYPE.RO,
    typeB: DOCUMENT_TYPE.PF,
  });
  const sales = await executor.query(DOCUMENTS_BY_EXTERNAL_NUMBER, { value: externalId, typeA: DOCUMENT_TYPE.FS, typeB: DOCUMENT_TYPE.PA });
  const rows = [...orders, ...sales].sort((a, b) => Number(a.docId) - Number(b.docId));
  return Promise.all(rows.map((row) => summary(executor, row)));
}

export async function documentSummary(executor: SqlExecutor, erpId: number): Promise<DocumentSummary> {
  const [row] = await executor.query(DOCUMENT_BY_ID, { docId: erpId });
  if (!row || !kindOfType(row.docType)) throw notFound(`Optima has no RO, PF, FS or PA with the id ${erpId}`);
  return summary(executor, row);
}

function party(block: BuyerBlock): DocumentDetails['buyer'] {
  return {
    name: block.name,
    ...(block.taxId ? { taxId: block.taxId } : {}),
    street: block.street,
    postcode: block.postcode,
    city: block.city,
    country: block.country ?? 'PL',
  };
}

/** The document with its parties, lines and totals as stored in Optima (the VAT table from TraVat, else the lines). */
export async function documentDetails(executor: SqlExecutor, erpId: number): Promise<DocumentDetails> {
  const base = await documentSummary(executor, erpId);
  const [header] = await executor.query(SALES_DOCUMENT_HEADER, { docId: erpId });
  if (!header) throw notFound(`Optima has no document with the id ${erpId}`);
  const lineRows = await executor.query(SALES_DOCUMENT_LINES, { docId: erpId });
  const lines = linesOf(lineRows);
  const vatRows = await executor.query(SALES_DOCUMENT_VAT, { docId: erpId });
  const vatTable = vatRows.length > 0 ? vatTableFromTraVat(vatRows) : vatTableFromLines(lines);
  const buyer = buyerOf(header);
  const recipient = recipientOf(header, buyer);
  const issueDate = isoDate(header.issueDate) ?? isoDate(header.documentDate) ?? '';
  return {
    ...base,
    externalId: textOf(header.externalNumber),
    saleDate: isoDate(header.saleDate) ?? issueDate,
    dueDate: isoDate(header.dueDate) ?? null,
    currency: textOf(header.currency) || 'PLN',
    paymentMethod: textOf(header.paymentMethod),
    buyer: party(buyer),
    recipient: recipient ? party(recipient) : null,
    lines: lines.map((line, index) => ({
      name: line.name,
      code: textOf(lineRows[index]!.itemCode),
      quantity: line.quantity,
      unit: line.unit,
      vatRate: line.vatRate,
      net: decimal(line.net),
      gross: decimal(line.gross),
    })),
    vatTable: vatTable.map((row) => ({ vatRate: row.vatRate, net: decimal(row.net), vat: decimal(row.vat), gross: decimal(row.gross) })),
    totals: { net: decimal(grosze(header.totalNet)), vat: decimal(grosze(header.totalVat)), gross: decimal(grosze(header.totalGross)) },
  };
}
