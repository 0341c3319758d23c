// The real attachment of an after-realization e-mail for a stored order: the sales-document PDF as the ERP
// renders it (name and size for the preview). Read-only: nothing is written to the state database.
import type { Clock } from '../clock';
import { createErpGateway } from '../erp';
import type { SalesDocument } from '../erp/gateway';
import type { Settings } from '../settings/types.generated';
import { openStateStore } from '../state';
import type { PreviewAttachment } from './preview';

export async function salesPdfAttachment(
  settings: Settings,
  dir: string,
  salesDocument: SalesDocument,
  now: Clock,
): Promise<PreviewAttachment & { bytes: Uint8Array }> {
  const store = await openStateStore(dir, { readOnly: true, now });
  try {
    const erp = await createErpGateway(settings, store, { now });
    const pdf = await erp.salesDocumentPdf(salesDocument);
    return { filename: pdf.fileName, size: pdf.bytes.byteLength, bytes: pdf.bytes };
  } finally {
    await store.close();
  }
}
