// The real Optima through the Optima bridge, both ways: importOrder creates the RO/PF/FS/PA (idempotent on
// platform:shop order id), findDocument and findRealization read the documents back with the read side's
// meaning (a realization is a confirmed FS/PA linked to the RO/PF; several are ambiguous), and the PDF is
// Optima's printout when the bridge has one, else the product's copy from the document's stored data.
// With an SQL connection as well, reads stay on SQL Server (`reader`) and only creating goes through the bridge.
import type { KsefState } from '../../ksef/state';
import { t } from '../../l10n';
import type { Logger } from '../../log';
import { toGrosze } from '../../model/money';
import type { ShopOrder } from '../../model/order';
import type { Optima } from '../../settings/types.generated';
import { amountInWordsPl } from '../amount-in-words';
import type { ErpDocument, ErpDocumentKind, ErpGateway, ErpHealth, ImportMode, SalesDocument } from '../gateway';
import { ErpDocumentAmbiguousError } from '../lookup-errors';
import { lookupValue, patternNeedsNumber } from '../optima/connection';
import { renderSalesDocumentPdf, salesDocumentFileName, type SalesDocumentModel, type SellerBlock } from '../pdf';
import type { BridgeClient } from './client';
import {
  idempotencyKey,
  type BridgeKsef,
  type DocumentDetails,
  type DocumentParty,
  type DocumentSummary,
  type SalesDocumentSummary,
} from './contract';
import { documentRequest } from './request';

export interface BridgeGatewayOptions {
  client: BridgeClient;
  optima: Pick<Optima, 'documents' | 'match'>;
  importMode: ImportMode;
  seller: SellerBlock;
  timezoneToday: () => string;
  /** Reads from SQL Server instead (erp.optima has both a bridge and an SQL connection). */
  reader?: ErpGateway;
  render?: typeof renderSalesDocumentPdf;
  /** Where the bridge's warnings about a created document go (a VAT rate, a NIP checksum). */
  logger?: Logger;
}

function kindsOf(mode: ImportMode): ErpDocumentKind[] {
  return mode === 'AUTO' ? ['FS', 'PA'] : [mode];
}

function toSales(summary: SalesDocumentSummary): SalesDocument {
  return {
    kind: summary.kind,
    number: summary.number,
    id: String(summary.erpId),
    issueDate: summary.issuedAt,
    saleDate: summary.saleDate || summary.issuedAt,
    totalGross: toGrosze(summary.totalGross),
    totalNet: toGrosze(summary.totalNet),
  };
}

function party(value: DocumentParty) {
  return {
    name: value.name,
    ...(value.taxId ? { taxId: value.taxId } : {}),
    street: value.street,
    postcode: value.postcode,
    city: value.city,
    country: value.country,
  };
}

/** The bridge's document data → the renderer's model (Optima's amounts as they are, marked as a copy). */
export function copyModel(details: DocumentDetails, seller: SellerBlock): SalesDocumentModel {
  if (details.kind !== 'FS' && details.kind !== 'PA')
    throw new Error(t('The document {0} is not a sales document (FS or PA)', details.number));
  const totals = { net: toGrosze(details.totals.net), vat: toGrosze(details.totals.vat), gross: toGrosze(details.totals.gross) };
  return {
    kind: details.kind,
    number: details.number,
    issueDate: details.issueDate,
    saleDate: details.saleDate,
    ...(seller.city ? { place: seller.city } : {}),
    paymentMethod: details.paymentMethod || '—',
    ...(details.dueDate && details.kind === 'FS' ? { paymentDue: details.dueDate } : {}),
    currency: details.currency,
    seller,
    buyer: party(details.buyer),
    ...(details.recipient ? { recipient: party(details.recipient) } : {}),
    lines: details.lines.map((line) => {
      const net = toGrosze(line.net);
      const gross = toGrosze(line.gross);
      const per = (value: number) => (line.quantity === 0 ? value : Math.round(value / line.quantity));
      return {
        name: line.name || line.code,
        quantity: line.quantity,
        unit: line.unit || 'szt.',
        unitNet: per(net),
        unitGross: per(gross),
        vatRate: line.vatRate,
        net,
        gross,
      };
    }),
    vatTable: details.vatTable.map((row) => ({
      vatRate: row.vatRate,
      net: toGrosze(row.net),
      vat: toGrosze(row.vat),
      gross: toGrosze(row.gross),
    })),
    totals,
    ...(details.currency === 'PLN' ? { amountInWords: amountInWordsPl(totals.gross) } : {}),
    ...(details.externalId ? { reference: `Numer obcy: ${details.externalId}` } : {}),
    copyFromErpLabel: true,
    // The KSeF number only: the bridge cannot reach the FA(3) file Optima sent, so there is no KOD I hash.
    ...(details.kind === 'FS' && details.ksef?.number ? { ksef: { number: details.ksef.number } } : {}),
  };
}

/** A bridge that says nothing of KSeF (its Optima has no KSeF columns, or it is older): every FS alike. */
export class BridgeWithoutKsefError extends Error {
  readonly scope = 'server' as const;
  constructor(number: string) {
    super(
      t(
        'The Optima bridge reports no KSeF state for {0}: its Optima has no KSeF columns, or the bridge is older than this version. Update Optima or the bridge, or set erp.ksef.enabled to false.',
        number,
      ),
    );
  }
}

function toKsefState(ksef: BridgeKsef): KsefState {
  return {
    status: ksef.status,
    ...(ksef.number ? { number: ksef.number } : {}),
    ...(ksef.acceptedAt ? { acceptedAt: ksef.acceptedAt } : {}),
    ...(ksef.reason ? { reason: ksef.reason } : {}),
  };
}

export class BridgeGateway implements ErpGateway {
  private readonly knownNumbers = new Map<string, string>();

  constructor(private readonly options: BridgeGatewayOptions) {}

  get client(): BridgeClient {
    return this.options.client;
  }

  async importOrder(order: ShopOrder, mode: ImportMode): Promise<ErpDocument> {
    this.knownNumbers.set(idempotencyKey(order.platform, order.id), order.number);
    const kind = mode === 'AUTO' ? (order.buyer.taxId?.trim() ? 'FS' : 'PA') : mode;
    const request = documentRequest(order, kind, this.options.optima, this.options.timezoneToday());
    const { document } = await this.options.client.createDocument(idempotencyKey(order.platform, order.id), request);
    for (const warning of document.warnings) this.options.logger?.warn(`${order.number}: ${document.number}: ${warning}`);
    const erpDocument: ErpDocument = {
      kind: document.kind,
      number: document.number,
      id: String(document.erpId),
      platform: order.platform,
      shopOrderId: order.id,
      issueDate: document.issueDate,
      totalGross: toGrosze(document.totalGross),
    };
    if (document.kind === 'FS' || document.kind === 'PA') {
      erpDocument.salesDocument = {
        kind: document.kind,
        number: document.number,
        id: String(document.erpId),
        issueDate: document.issueDate,
        saleDate: document.issueDate,
        totalGross: toGrosze(document.totalGross),
        totalNet: toGrosze(document.totalNet),
      };
    }
    return erpDocument;
  }

  /**
   * The order's document: one of the mode's kinds carrying the order's external id, not cancelled and not a
   * correction — confirmed or in the buffer (a draft the bridge made on purpose is the order's document too).
   */
  async findDocument(platform: string, shopOrderId: string, shopOrderNumber?: string): Promise<ErpDocument | undefined> {
    if (this.options.reader) return this.options.reader.findDocument(platform, shopOrderId, shopOrderNumber);
    const number = shopOrderNumber ?? this.knownNumbers.get(idempotencyKey(platform, shopOrderId));
    const { pattern } = this.options.optima.match;
    if (number === undefined && patternNeedsNumber(pattern)) {
      throw new Error(
        t('Finding an order in Optima by the pattern "{0}" needs the order number; only the id {1} is known.', pattern, shopOrderId),
      );
    }
    const externalId = lookupValue(pattern, { id: shopOrderId, number: number ?? '' });
    const kinds = kindsOf(this.options.importMode);
    const candidates = (await this.options.client.findDocuments(externalId)).documents.filter(
      (d) => kinds.includes(d.kind) && !d.cancelled && !d.correction,
    );
    if (candidates.length > 1)
      throw new ErpDocumentAmbiguousError(
        shopOrderId,
        externalId,
        candidates.map((d) => d.number),
      );
    const found = candidates[0];
    return found ? this.toErpDocument(found, platform, shopOrderId) : undefined;
  }

  private toErpDocument(summary: DocumentSummary, platform: string, shopOrderId: string): ErpDocument {
    const document: ErpDocument = {
      kind: summary.kind,
      number: summary.number,
      id: String(summary.erpId),
      platform,
      shopOrderId,
      issueDate: summary.issueDate,
      totalGross: toGrosze(summary.totalGross),
    };
    if (summary.kind === 'FS' || summary.kind === 'PA') {
      document.salesDocument = toSales({
        erpId: summary.erpId,
        kind: summary.kind,
        number: summary.number,
        issuedAt: summary.issueDate,
        saleDate: summary.issueDate,
        totalGross: summary.totalGross,
        totalNet: summary.totalNet,
        currency: 'PLN',
      });
    }
    return document;
  }

  async findRealization(document: ErpDocument): Promise<SalesDocument | undefined> {
    if (this.options.reader) return this.options.reader.findRealization(document);
    if (document.kind === 'FS' || document.kind === 'PA')
      return (
        document.salesDocument ??
        this.toErpDocument(await this.options.client.document(Number(document.id)), document.platform, document.shopOrderId).salesDocument
      );
    const { sales } = await this.options.client.document(Number(document.id));
    if (sales.length > 1)
      throw new ErpDocumentAmbiguousError(
        document.shopOrderId,
        document.number,
        sales.map((s) => s.number),
        'realization',
      );
    return sales[0] ? toSales(sales[0]) : undefined;
  }

  async ksef(salesDocument: SalesDocument): Promise<KsefState> {
    if (this.options.reader) return this.options.reader.ksef(salesDocument);
    if (salesDocument.kind !== 'FS') return { status: 'outside' };
    const { ksef } = await this.options.client.document(Number(salesDocument.id));
    if (!ksef) throw new BridgeWithoutKsefError(salesDocument.number);
    return toKsefState(ksef);
  }

  async salesDocumentPdf(salesDocument: SalesDocument): Promise<{ fileName: string; bytes: Uint8Array }> {
    if (this.options.reader) return this.options.reader.salesDocumentPdf(salesDocument);
    const fileName = salesDocumentFileName(salesDocument.number);
    const printout = await this.options.client.printout(Number(salesDocument.id));
    if (printout) return { fileName, bytes: printout };
    const model = copyModel(await this.options.client.document(Number(salesDocument.id)), this.options.seller);
    if (model.ksef?.number) {
      this.options.logger?.info(
        t(
          'Optima bridge: the PDF copy of {0} carries its KSeF number {1} but no KOD I QR code: Optima gives no printout through the bridge, and the FA(3) file it sent (whose hash the code needs) cannot be read.',
          model.number,
          model.ksef.number,
        ),
      );
    }
    return { fileName, bytes: await (this.options.render ?? renderSalesDocumentPdf)(model) };
  }

  async health(): Promise<ErpHealth> {
    const health = await this.options.client.health();
    return {
      ok: true,
      detail: t(
        'Optima bridge at {0}: Optima {1}, company {2}, operator {3}',
        this.options.client.url,
        health.optimaVersion,
        health.company,
        health.operator,
      ),
    };
  }

  async close(): Promise<void> {
    await this.options.reader?.close?.();
  }
}
