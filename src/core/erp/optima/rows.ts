// Values as SQL Server (mssql: numbers, Date objects, booleans for bit) or SQLite (numbers, ISO text, 0/1)
// return them → the domain's types. Amounts become integer grosze here and nowhere else.
import { type Grosze, toGrosze } from '../../model/money';
import type { ErpDocumentKind, SalesDocument, SalesDocumentKind } from '../gateway';
import { DOCUMENT_TYPE } from './dependencies';
import type { DocumentRow } from './queries';

const KIND_OF_TYPE = new Map<number, ErpDocumentKind>([
  [DOCUMENT_TYPE.RO, 'RO'],
  [DOCUMENT_TYPE.PF, 'PF'],
  [DOCUMENT_TYPE.FS, 'FS'],
  [DOCUMENT_TYPE.PA, 'PA'],
]);

export function typeOfKind(kind: ErpDocumentKind): number {
  return DOCUMENT_TYPE[kind];
}

export function kindOfType(type: unknown): ErpDocumentKind | undefined {
  return KIND_OF_TYPE.get(Number(type));
}

/** A bit/smallint flag: true for true or any non-zero number. */
export function isSet(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined || value === '') return false;
  return Number(value) !== 0;
}

/**
 * "YYYY-MM-DD" of a date. mssql (useUTC, its default) returns Optima's local date-times as Date objects
 * whose UTC fields are the stored ones; SQLite returns the stored text.
 */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

/** decimal(15,2) as mssql returns it (a JS number) or SQLite text/real → grosze, half up. */
export function grosze(value: unknown): Grosze {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number' || typeof value === 'string') return toGrosze(value);
  throw new Error(`Not an amount: ${String(value)}`);
}

export function decimal(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value).trim();
}

export function isUsable(row: DocumentRow): boolean {
  return !isSet(row.inBuffer) && !isSet(row.isCancelled) && !isSet(row.isCorrection);
}

export function documentNumber(row: DocumentRow): string {
  return textOf(row.fullNumber) || `#${row.docId}`;
}

/** A confirmed FS/PA row → SalesDocument. */
export function toSalesDocument(row: DocumentRow): SalesDocument {
  const kind = kindOfType(row.docType);
  if (kind !== 'FS' && kind !== 'PA') throw new Error(`Document ${row.docId} is not an FS or PA (type ${row.docType})`);
  const issueDate = isoDate(row.issueDate) ?? isoDate(row.documentDate) ?? '';
  return {
    kind: kind as SalesDocumentKind,
    number: documentNumber(row),
    id: String(row.docId),
    issueDate,
    saleDate: isoDate(row.saleDate) ?? issueDate,
    totalGross: grosze(row.totalGross),
    totalNet: grosze(row.totalNet),
  };
}
