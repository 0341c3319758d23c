// The embedded sandbox ERP: behaves like Comarch ERP Optima where the integrator depends on it (import modes,
// numbering, contractor cards, realization of RO/PF into FS/PA, sales documents and their PDF) and keeps its
// documents in a database of its own beside the deployment's state (.optima-sync/sandbox.sqlite, tables
// sandbox_*, under the state's lock and journaled like it), so a trial on the sandbox costs the state nothing.
//
// Numbering: one series per document kind and calendar year, "KIND/N/YYYY" (RO/12/2026, FS/3/2026), N from 1
// in each year; the year is the document's issue date in the deployment's time zone. Gap-free and unique:
// a number is taken in the same transaction that inserts its document (a failure rolls both back), sql.js is
// synchronous so concurrent calls in this process cannot interleave inside it, the store's lock file keeps
// other processes out, and a UNIQUE index backs it up. The database is saved before importOrder/realize
// resolve, so a number once returned is never reused after a crash.
import type { Database } from 'sql.js';
import type { Clock } from '../../clock';
import type { CompanionDatabase } from '../../state/companion';
import { plural, t } from '../../l10n';
import type { ShopOrder } from '../../model/order';
import type { Settings } from '../../settings/types.generated';
import { parseCalendarDate, todayInZone } from '../../state/timezone';
import type { ErpDocument, ErpGateway, ErpHealth, ImportMode, SalesDocument } from '../gateway';
import type { KsefState } from '../../ksef/state';
import { renderSalesDocumentPdf, salesDocumentFileName, type SalesDocumentModel } from '../pdf/index';
import { summarizeVat } from '../vat';
import { buyerSnapshot, matchContractor } from './contractors';
import { decideKsef, ksefStateOf, ksefViewOf, ksefXmlOf, recordAutoAcceptance, submitToKsef, type KsefDecision } from './ksef';
import {
  allDocuments,
  documentById,
  documentByReference,
  type DocumentRow,
  importedDocument,
  importedDocumentsMatching,
  inTransaction,
  insertDocument,
  insertLines,
  type LineRow,
  linesOf,
  setRealizedBy,
  takeNextNumber,
} from './records';
import { salesDocumentModelOf, toErpDocument, toSalesDocument } from './documents';
import { importedDocumentOf, linesOfOrder, realizationOf, type NewDocument } from './new-documents';
import { migrateSandbox } from './schema';
import { documentDetail, documentSummary, type SandboxDocumentDetail, type SandboxDocumentSummary, type SandboxKsefView } from './views';

export { SANDBOX_SCHEMA_VERSION, NewerSandboxSchemaError } from './schema';
export { normalizeTaxId } from './contractors';
export { kindForMode, salesKindFor } from './new-documents';
export type { DocumentReference, SandboxDocumentDetail, SandboxDocumentLine, SandboxDocumentSummary, SandboxKsefView } from './views';
export type { KsefDecision } from './ksef';

/** What the sandbox needs of the state store: its own companion database (src/core/state/api.ts StateStore has it). */
export interface SandboxStorage {
  companion(name: 'sandbox'): Promise<CompanionDatabase>;
}

export interface SandboxOptions {
  now: Clock;
  /** Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (default: beside the bundle or from dejavu-fonts-ttf). */
  fontDir?: string;
}

/** The label printed on every sandbox PDF: it is a rehearsal document, not the merchant's invoice. */
export { SANDBOX_PDF_LABEL } from './documents';

export class SandboxErp implements ErpGateway {
  private readonly database: Database;
  private readonly now: () => Date;
  /** Changes made / changes known to be on disk (a save covers every change made before it started). */
  private changes = 0;
  private savedChanges = 0;

  constructor(
    private readonly storage: CompanionDatabase,
    private readonly settings: Settings,
    private readonly options: SandboxOptions,
  ) {
    this.database = storage.database;
    this.now = options.now;
    if (migrateSandbox(this.database)) this.changes++;
  }

  async importOrder(order: ShopOrder, mode: ImportMode): Promise<ErpDocument> {
    if (!['RO', 'PF', 'FS', 'PA', 'AUTO'].includes(mode)) throw new Error(t('Unknown import mode "{0}"', String(mode)));
    let created = false;
    const row = inTransaction(this.database, () => {
      const existing = importedDocument(this.database, order.platform, order.id);
      if (existing) return existing;
      created = true;
      if (order.lines.length === 0) throw new Error(t('Order {0} has no lines; nothing to import', order.number));
      const createdAt = this.now().toISOString();
      const buyer = buyerSnapshot(order);
      const { contractor } = matchContractor(this.database, buyer, createdAt);
      const lines: LineRow[] = linesOfOrder(order);
      const date = todayInZone(this.now(), this.settings.timezone);
      return this.insertWithLines(importedDocumentOf(order, mode, buyer, contractor.id, date, createdAt), lines);
    });
    await (created ? this.persist() : this.flush());
    return toErpDocument(row);
  }

  async findDocument(platform: string, shopOrderId: string): Promise<ErpDocument | undefined> {
    const row = importedDocument(this.database, platform, shopOrderId);
    return row ? toErpDocument(row) : undefined;
  }

  async findRealization(document: ErpDocument): Promise<SalesDocument | undefined> {
    const row = this.rowOf(document);
    if (row.kind === 'FS' || row.kind === 'PA') return toSalesDocument(row);
    if (row.realizedById === undefined) return undefined;
    return toSalesDocument(documentById(this.database, row.realizedById)!);
  }

  /** Realizes the RO/PF of the order (see realizeDocument); the order is checked to be the document's. */
  async realize(document: ErpDocument, order: ShopOrder, date: string): Promise<SalesDocument> {
    const row = this.rowOf(document);
    if (row.platform !== order.platform || row.shopOrderId !== order.id) {
      throw new Error(t('Document {0} belongs to order {1}, not {2}', row.number, row.shopOrderNumber, order.number));
    }
    return this.realizeDocument(row.id, date);
  }

  /**
   * Realizes an RO/PF into an FS (the buyer gave a tax id at import) or a PA, issued and sold on `date`
   * (YYYY-MM-DD), with the RO/PF's buyer, lines and payment method. Idempotent: an already realized document
   * returns its FS/PA; an FS/PA returns itself.
   */
  async realizeDocument(id: number | string, date: string): Promise<SalesDocument> {
    if (!parseCalendarDate(date)) throw new Error(t('"{0}" is not a date in the form YYYY-MM-DD', date));
    let created = false;
    const sales = inTransaction(this.database, () => {
      const source = documentById(this.database, Number(id));
      if (!source) throw new Error(t('No document with id {0} in the sandbox ERP', String(id)));
      if (source.kind === 'FS' || source.kind === 'PA') return source;
      if (source.realizedById !== undefined) return documentById(this.database, source.realizedById)!;
      created = true;
      if (date < source.issueDate)
        throw new Error(t('{0} cannot be realized on {1}, before its own date {2}', source.number, date, source.issueDate));
      const realization = this.insertWithLines(realizationOf(source, date, this.now().toISOString()), linesOf(this.database, source.id));
      setRealizedBy(this.database, source.id, realization.id);
      return realization;
    });
    await (created ? this.persist() : this.flush());
    return toSalesDocument(sales);
  }

  async salesDocumentPdf(salesDocument: SalesDocument): Promise<{ fileName: string; bytes: Uint8Array }> {
    const model = this.salesDocumentModel(salesDocument.id);
    if (model.number !== salesDocument.number) throw new Error(t('Document {0} is not in the sandbox ERP', salesDocument.number));
    return { fileName: salesDocumentFileName(model.number), bytes: await renderSalesDocumentPdf(model, { fontDir: this.options.fontDir }) };
  }

  async health(): Promise<ErpHealth> {
    const count = Number(this.database.exec('SELECT COUNT(*) FROM sandbox_documents')[0]!.values[0]![0]);
    return {
      ok: true,
      detail: plural(count, {
        one: 'Sandbox ERP in .optima-sync/sandbox.sqlite: {0} document',
        other: 'Sandbox ERP in .optima-sync/sandbox.sqlite: {0} documents',
      }),
    };
  }

  /** The printable model of an FS/PA (by sandbox id). */
  salesDocumentModel(id: string | number): SalesDocumentModel {
    return salesDocumentModelOf(this.database, Number(id), this.settings, this.ksefView);
  }

  /** Every document, oldest first. */
  listDocuments(): SandboxDocumentSummary[] {
    const rows = allDocuments(this.database);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return rows.map((row) => documentSummary(this.database, row, byId, this.ksefView));
  }

  /** RO/PF documents not realized yet: what "Realize order in sandbox ERP…" offers. */
  listUnrealized(): SandboxDocumentSummary[] {
    return this.listDocuments().filter((d) => (d.kind === 'RO' || d.kind === 'PF') && !d.realizedBy);
  }

  /** A document by its number ("FS/3/2026") or sandbox id. */
  getDocument(reference: string): SandboxDocumentDetail | undefined {
    const row = documentByReference(this.database, reference);
    return row ? documentDetail(this.database, row, this.ksefView) : undefined;
  }

  /** The imported documents of an order given by its shop order id, shop order number or an ERP document number. */
  findOrderDocuments(reference: string): SandboxDocumentSummary[] {
    const byId = new Map(allDocuments(this.database).map((row) => [row.id, row]));
    return importedDocumentsMatching(this.database, reference.trim()).map((row) =>
      documentSummary(this.database, row, byId, this.ksefView),
    );
  }

  /** Today (YYYY-MM-DD) in the deployment's time zone: the default realization date. */
  today(): string {
    return todayInZone(this.now(), this.settings.timezone);
  }

  private insertWithLines(document: NewDocument, lines: readonly LineRow[]): DocumentRow {
    const year = Number(document.issueDate.slice(0, 4));
    const seriesNumber = takeNextNumber(this.database, document.kind, year);
    const summary = summarizeVat(lines);
    const full: Omit<DocumentRow, 'id'> = {
      ...document,
      number: `${document.kind}/${seriesNumber}/${year}`,
      seriesYear: year,
      seriesNumber,
      totalNet: summary.totalNet,
      totalVat: summary.totalVat,
      totalGross: summary.totalGross,
    };
    const id = insertDocument(this.database, full);
    insertLines(this.database, id, lines);
    // An FS issued while KSeF is on goes to the sandbox's KSeF at once, as Optima sends it (online mode).
    if (full.kind === 'FS' && this.settings.erp.ksef?.enabled) submitToKsef(this.database, id, this.salesDocumentModel(id), this.now());
    return { id, ...full };
  }

  /** What KSeF says of a sales document now; an automatic acceptance (erp.sandbox) is recorded once seen. */
  async ksef(salesDocument: SalesDocument): Promise<KsefState> {
    const row = this.rowOf(salesDocument);
    const state = ksefStateOf(this.database, row.id, this.settings, this.now());
    if (recordAutoAcceptance(this.database, row.id, state)) {
      this.changes++;
      this.storage.saveSoon();
    }
    return state;
  }

  /** KSeF's answer to an FS, given by hand (the CLI's `sandbox ksef accept|reject`, VS Code). */
  async decideKsef(reference: string, decision: KsefDecision): Promise<{ document: SandboxDocumentSummary; ksef: SandboxKsefView }> {
    const row = documentByReference(this.database, reference);
    if (!row) throw new Error(t('No document "{0}" in the sandbox ERP.', reference));
    inTransaction(this.database, () => decideKsef(this.database, row.id, row.number, decision, this.settings, this.now()));
    await this.persist();
    return { document: documentSummary(this.database, row, new Map(), this.ksefView), ksef: this.ksefView(row)! };
  }

  /** The FA(3) XML the sandbox sent to KSeF for a document (by number or id). */
  ksefXml(reference: string): { number: string; xml: Uint8Array } {
    const row = documentByReference(this.database, reference);
    const xml = row ? ksefXmlOf(this.database, row.id) : undefined;
    if (!row || !xml)
      throw new Error(t('{0} has no FA(3) XML: only an FS issued with erp.ksef on goes to KSeF.', row?.number ?? reference));
    return { number: row.number, xml };
  }

  /** A sales document's KSeF state with its KOD I link (the views, the PDF). */
  private readonly ksefView = (row: DocumentRow): SandboxKsefView => ksefViewOf(this.database, row, this.settings, this.now());

  private rowOf(document: Pick<ErpDocument, 'id' | 'number'>): DocumentRow {
    const row = documentById(this.database, Number(document.id));
    if (!row || row.number !== document.number) throw new Error(t('Document {0} is not in the sandbox ERP', document.number));
    return row;
  }

  /**
   * Saves before the caller hears of a new number. The store groups concurrent saves (callers arriving while
   * a save runs share the next one), so a burst of imports costs a few writes, not one per import.
   */
  private async persist(): Promise<void> {
    const upTo = ++this.changes;
    this.storage.saveSoon();
    await this.storage.saveNow();
    this.savedChanges = Math.max(this.savedChanges, upTo);
  }

  /** Saves the sandbox tables if a change (or the tables' creation) is not on disk yet. */
  async flush(): Promise<void> {
    if (this.savedChanges < this.changes) await this.persist();
  }
}

/** The sandbox over the deployment's sandbox database (opened through the state store, closed with it). */
export async function createSandboxErp(storage: SandboxStorage, settings: Settings, options: SandboxOptions): Promise<SandboxErp> {
  return new SandboxErp(await storage.companion('sandbox'), settings, options);
}
