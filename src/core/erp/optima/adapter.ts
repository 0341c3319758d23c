// The real Comarch ERP Optima behind ErpGateway, READ ONLY: documents enter Optima by another path
// (Comarch e-Sklep, another importer, a person typing the order number into the external-number field);
// this adapter finds, in the company database, the document that holds each shop order and the FS/PA that
// realized it, and prints a copy of the sales document from the stored data. It never writes.
import type { Clock } from '../../clock';
import { t } from '../../l10n';
import { silentLogger, type Logger } from '../../log';
import type { ShopOrder } from '../../model/order';
import type { KsefState } from '../../ksef/state';
import type { ErpDocument, ErpDocumentKind, ErpGateway, ErpHealth, ImportMode, SalesDocument } from '../gateway';
import { ErpDocumentAmbiguousError, ErpDocumentPendingError, type PendingReason } from '../lookup-errors';
import { renderSalesDocumentPdf, salesDocumentFileName, type SellerBlock } from '../pdf';
import { describeServer, lookupValue, patternNeedsNumber, type OptimaSettings } from './connection';
import type { SqlExecutor } from './executor';
import { testOptimaConnection, type OptimaConnectionReport } from './connection-test';
import { explainErpError } from './explain';
import {
  DOCUMENT_BY_ID,
  DOCUMENTS_BY_ATTRIBUTE,
  DOCUMENTS_BY_EXTERNAL_NUMBER,
  type DocumentRow,
  KSEF_OF_DOCUMENT,
  REALIZATIONS_OF,
  SALES_DOCUMENT_HEADER,
  SALES_DOCUMENT_LINES,
  SALES_DOCUMENT_VAT,
  type SalesVatRow,
} from './queries';
import { documentNumber, grosze, isoDate, isSet, isUsable, kindOfType, toSalesDocument, typeOfKind } from './rows';
import { ksefStateOfRow } from './ksef';
import { salesDocumentModel } from './sales-model';

/** Optima without KSeF columns (older than its KSeF versions): every FS alike, so the ERP's, not the order's. */
export class OptimaWithoutKsefError extends Error {
  readonly scope = 'server' as const;
  constructor(detail: string) {
    super(
      t(
        'Optima has no KSeF columns in CDN.TraNag ({0}), so it cannot say when an FS has its KSeF number. Update Optima to a version with KSeF, or set erp.ksef.enabled to false.',
        detail,
      ),
    );
  }
}

export interface OptimaGatewayOptions {
  optima: OptimaSettings;
  /** erp.importMode: the kind looked up by findDocument. */
  importMode: ImportMode;
  /** erp.seller: printed as the seller on the PDF copy (Optima keeps company data outside the company tables). */
  seller: SellerBlock;
  executor: SqlExecutor;
  log?: Logger;
  now: Clock;
  /** Renders the PDF (default: the shared renderer of src/core/erp/pdf). */
  render?: typeof renderSalesDocumentPdf;
}

/** Kinds looked up for an import mode: AUTO accepts the FS or the PA that carries the order. */
export function kindsOfMode(mode: ImportMode): ErpDocumentKind[] {
  return mode === 'AUTO' ? ['FS', 'PA'] : [mode];
}

export class OptimaGateway implements ErpGateway {
  private readonly log: Logger;
  private readonly now: () => Date;
  /** Order numbers seen by importOrder, for findDocument calls that pass only the id. */
  private readonly knownNumbers = new Map<string, string>();

  constructor(private readonly options: OptimaGatewayOptions) {
    this.log = options.log ?? silentLogger;
    this.now = options.now;
  }

  /** Looks the order's document up; creates nothing. Throws ErpDocumentPendingError / ErpDocumentAmbiguousError. */
  async importOrder(order: ShopOrder, mode: ImportMode): Promise<ErpDocument> {
    this.knownNumbers.set(`${order.platform}\u0000${order.id}`, order.number);
    return this.lookUp(order.platform, order, kindsOfMode(mode));
  }

  async findDocument(platform: string, shopOrderId: string, shopOrderNumber?: string): Promise<ErpDocument | undefined> {
    const number = shopOrderNumber ?? this.knownNumbers.get(`${platform}\u0000${shopOrderId}`);
    if (number === undefined && patternNeedsNumber(this.options.optima.match.pattern)) {
      throw new Error(
        t(
          'Finding an order in Optima by the pattern "{0}" needs the order number; only the id {1} is known.',
          this.options.optima.match.pattern,
          shopOrderId,
        ),
      );
    }
    try {
      return await this.lookUp(platform, { id: shopOrderId, number: number ?? '' }, kindsOfMode(this.options.importMode));
    } catch (error) {
      if (error instanceof ErpDocumentPendingError) return undefined;
      throw error;
    }
  }

  async findRealization(document: ErpDocument): Promise<SalesDocument | undefined> {
    if (document.kind === 'FS' || document.kind === 'PA') {
      if (document.salesDocument) return document.salesDocument;
      const rows = await this.options.executor.query(DOCUMENT_BY_ID, { docId: Number(document.id) });
      const row = rows[0];
      return row && isUsable(row) ? toSalesDocument(row) : undefined;
    }
    const rows = await this.options.executor.query(REALIZATIONS_OF, { sourceId: Number(document.id) });
    if (rows.length === 0) return undefined;
    if (rows.length > 1) {
      throw new ErpDocumentAmbiguousError(document.shopOrderId, document.number, rows.map(documentNumber), 'realization');
    }
    return toSalesDocument(rows[0]!);
  }

  /** TraNag's KSeF columns of an FS (a PA never goes to KSeF); see optima/ksef.ts for what they are read as. */
  async ksef(salesDocument: SalesDocument): Promise<KsefState> {
    if (salesDocument.kind !== 'FS') return { status: 'outside' };
    let rows;
    try {
      rows = await this.options.executor.query(KSEF_OF_DOCUMENT, { docId: Number(salesDocument.id) });
    } catch (error) {
      const explained = explainErpError(error, this.target());
      if (explained.problem === 'missing-column') throw new OptimaWithoutKsefError(explained.detail);
      throw error;
    }
    if (!rows[0]) throw new Error(t('The sales document {0} is no longer in Optima.', salesDocument.number));
    return ksefStateOfRow(rows[0]);
  }

  async salesDocumentPdf(salesDocument: SalesDocument): Promise<{ fileName: string; bytes: Uint8Array }> {
    const { model, vatTableSource } = await this.readSalesDocument(salesDocument.id, salesDocument.ksef);
    this.log.debug(`Optima: PDF copy of ${model.number} (VAT table from ${vatTableSource})`);
    if (model.ksef?.number) {
      this.log.info(
        t(
          "Optima: the PDF copy of {0} carries its KSeF number {1} but no KOD I QR code: the FA(3) file Optima sent to KSeF cannot be read here, and the code needs its hash. Optima's own printout carries both.",
          model.number,
          model.ksef.number,
        ),
      );
    }
    const bytes = await (this.options.render ?? renderSalesDocumentPdf)(model);
    return { fileName: salesDocumentFileName(model.number), bytes };
  }

  /** The renderer's model of a stored FS/PA, and where its VAT table came from. */
  async readSalesDocument(id: string, ksef?: KsefState): Promise<ReturnType<typeof salesDocumentModel>> {
    const docId = Number(id);
    const [header] = await this.options.executor.query(SALES_DOCUMENT_HEADER, { docId });
    if (!header) throw new Error(t('The sales document {0} is no longer in Optima.', id));
    const lines = await this.options.executor.query(SALES_DOCUMENT_LINES, { docId });
    let vatRows: SalesVatRow[] | undefined;
    try {
      vatRows = await this.options.executor.query(SALES_DOCUMENT_VAT, { docId });
    } catch (error) {
      const explained = explainErpError(error, this.target());
      if (explained.problem !== 'missing-column' && explained.problem !== 'missing-table' && explained.problem !== 'permission-denied')
        throw error;
      this.log.warn(`Optima: CDN.TraVat unreadable (${explained.detail}); the VAT table is summed from the lines.`);
    }
    return salesDocumentModel({ header, lines, vatRows, seller: this.options.seller, ksef });
  }

  async health(): Promise<ErpHealth> {
    const report = await this.testConnection();
    return { ok: report.ok, detail: report.summary.join('\n') };
  }

  /** Connects, checks read access to every table used, counts recent RO/PF/FS/PA documents. */
  async testConnection(): Promise<OptimaConnectionReport> {
    return testOptimaConnection(this.options.executor, this.options.optima, this.target(), this.now);
  }

  async close(): Promise<void> {
    await this.options.executor.close();
  }

  private target() {
    const { optima } = this.options;
    return { server: describeServer(optima), database: optima.database, user: optima.user };
  }

  private async lookUp(platform: string, order: Pick<ShopOrder, 'id' | 'number'>, kinds: ErpDocumentKind[]): Promise<ErpDocument> {
    const { match } = this.options.optima;
    const value = lookupValue(match.pattern, order);
    const [typeA, typeB] = [typeOfKind(kinds[0]!), typeOfKind(kinds[kinds.length - 1]!)];
    const rows =
      match.by === 'attribute'
        ? await this.options.executor.query(DOCUMENTS_BY_ATTRIBUTE, { code: match.attributeCode ?? '', value, typeA, typeB })
        : await this.options.executor.query(DOCUMENTS_BY_EXTERNAL_NUMBER, { value, typeA, typeB });
    const usable = rows.filter(isUsable);
    if (usable.length > 1) throw new ErpDocumentAmbiguousError(order.id, value, usable.map(documentNumber));
    const row = usable[0];
    if (!row) throw new ErpDocumentPendingError(order.id, value, kinds, pendingReason(rows));
    return this.toErpDocument(row, platform, order.id);
  }

  private toErpDocument(row: DocumentRow, platform: string, shopOrderId: string): ErpDocument {
    const kind = kindOfType(row.docType)!;
    const document: ErpDocument = {
      kind,
      number: documentNumber(row),
      id: String(row.docId),
      platform,
      shopOrderId,
      issueDate: isoDate(row.documentDate) ?? isoDate(row.issueDate) ?? '',
      totalGross: grosze(row.totalGross),
    };
    if (kind === 'FS' || kind === 'PA') document.salesDocument = toSalesDocument(row);
    return document;
  }
}

function pendingReason(rows: readonly DocumentRow[]): PendingReason {
  const live = rows.filter((row) => !isSet(row.isCorrection));
  if (live.some((row) => isSet(row.inBuffer) && !isSet(row.isCancelled))) return 'in-buffer';
  if (live.some((row) => isSet(row.isCancelled))) return 'cancelled';
  return 'absent';
}
