// What the sandbox ERP shows of its documents (the CLI's `sandbox list|show`, VS Code's Show sandbox ERP
// documents): a summary per document, and one document with its parties, lines, VAT table and KSeF state.
import type { Database } from 'sql.js';
import type { KsefState } from '../../ksef/state';
import type { ErpDocumentKind, ImportMode } from '../gateway';
import { grossPricedContent, type VatTableRow } from '../pdf/index';
import { contractorById, documentById, linesOf, type ContractorRow, type DocumentRow, type PartySnapshot } from './records';

export interface DocumentReference {
  kind: ErpDocumentKind;
  number: string;
  id: string;
}

/** An FS's state in the sandbox's KSeF, with the KOD I link when there is one. */
export interface SandboxKsefView extends KsefState {
  verificationUrl?: string;
}

export interface SandboxDocumentSummary {
  id: string;
  kind: ErpDocumentKind;
  number: string;
  platform: string;
  shopOrderId: string;
  shopOrderNumber: string;
  issueDate: string;
  saleDate: string;
  buyerName: string;
  totalNet: number;
  totalVat: number;
  totalGross: number;
  currency: string;
  /** The mode of the import; absent on an FS/PA made by realization. */
  importMode?: ImportMode;
  /** RO/PF: the FS/PA that realized it. */
  realizedBy?: DocumentReference;
  /** FS/PA made by realization: the RO/PF it realized. */
  realizes?: DocumentReference;
  /** FS/PA: its state in KSeF (outside for a PA, or an FS issued with KSeF off). */
  ksef?: SandboxKsefView;
}

export interface SandboxDocumentLine {
  position: number;
  name: string;
  sku?: string;
  quantity: number;
  unit: string;
  unitNet: number;
  unitGross: number;
  vatRate: number;
  net: number;
  gross: number;
}

export interface SandboxDocumentDetail extends SandboxDocumentSummary {
  contractor: Pick<ContractorRow, 'code' | 'name' | 'company' | 'taxId' | 'email'>;
  buyer: PartySnapshot;
  recipient?: PartySnapshot;
  paymentMethod: string;
  lines: SandboxDocumentLine[];
  vatTable: VatTableRow[];
}

/** A document's summary; `ksef` gives the KSeF state of a sales document. */
export function documentSummary(
  database: Database,
  row: DocumentRow,
  byId: Map<number, DocumentRow>,
  ksef: (row: DocumentRow) => SandboxKsefView | undefined,
): SandboxDocumentSummary {
  const reference = (id: number | undefined): DocumentReference | undefined => {
    const other = id === undefined ? undefined : (byId.get(id) ?? documentById(database, id));
    return other ? { kind: other.kind, number: other.number, id: String(other.id) } : undefined;
  };
  const state = row.kind === 'FS' || row.kind === 'PA' ? ksef(row) : undefined;
  return {
    id: String(row.id),
    kind: row.kind,
    number: row.number,
    platform: row.platform,
    shopOrderId: row.shopOrderId,
    shopOrderNumber: row.shopOrderNumber,
    issueDate: row.issueDate,
    saleDate: row.saleDate,
    buyerName: row.buyer.company || row.buyer.name,
    totalNet: row.totalNet,
    totalVat: row.totalVat,
    totalGross: row.totalGross,
    currency: row.currency,
    importMode: row.importMode,
    realizedBy: reference(row.realizedById),
    realizes: reference(row.sourceId),
    ...(state ? { ksef: state } : {}),
  };
}

export function documentDetail(
  database: Database,
  row: DocumentRow,
  ksef: (row: DocumentRow) => SandboxKsefView | undefined,
): SandboxDocumentDetail {
  const lines = linesOf(database, row.id);
  const content = grossPricedContent(lines, row.currency);
  const contractor = contractorById(database, row.contractorId)!;
  return {
    ...documentSummary(database, row, new Map(), ksef),
    contractor: {
      code: contractor.code,
      name: contractor.name,
      company: contractor.company,
      taxId: contractor.taxId,
      email: contractor.email,
    },
    buyer: row.buyer,
    recipient: row.recipient,
    paymentMethod: row.paymentMethod,
    lines: lines.map((line, index) => {
      const printed = content.lines[index]!;
      return {
        position: line.position,
        name: line.name,
        sku: line.sku,
        quantity: line.quantity,
        unit: line.unit,
        unitNet: printed.unitNet,
        unitGross: line.unitGross,
        vatRate: Number(printed.vatRate),
        net: printed.net,
        gross: printed.gross,
      };
    }),
    vatTable: content.vatTable,
  };
}
