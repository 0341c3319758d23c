// The real attachment of an after-realization e-mail for a stored order: the sales-document PDF as the ERP
// renders it (name and size for the preview). Read-only: nothing is written to the state database.
import type { SalesDocument } from '../erp/gateway';
import type { Settings } from '../settings/types.generated';
import type { PreviewAttachment } from './preview';

export async function salesPdfAttachment(settings: Settings, dir: string, salesDocument: SalesDocument): Promise<PreviewAttachment & { bytes: Uint8Array }> {
  // Loaded on demand: the ERP and the state store (PDF fonts, sql.js) are heavy for a command that only renders.
  const [{ createErpGateway }, { openStateStore }] = await Promise.all([import('../erp'), import('../state')]);
  const store = await openStateStore(dir, { readOnly: true });
  try {
    const erp = await createErpGateway(settings, store);
    const pdf = await erp.salesDocumentPdf(salesDocument);
    return { filename: pdf.fileName, size: pdf.bytes.byteLength, bytes: pdf.bytes };
  } finally {
    await store.close();
  }
}
