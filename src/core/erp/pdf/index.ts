// The sales-document PDF: an adapter-independent model and its renderer (used by the sandbox ERP and by any
// real ERP adapter). The renderer (pdf-lib) is a lazy chunk, loaded on the first PDF (build/chunks.mjs).
import type { SalesDocumentModel } from './model';
import type { RenderOptions } from './render';

export * from './model';
export type { RenderOptions } from './render';
export { loadFonts, defaultFontDir, type FontFiles } from './fonts';
export { formatMoneyPl, formatQuantityPl, formatVatRate } from './format';

/** The sales document as PDF bytes. */
export async function renderSalesDocumentPdf(model: SalesDocumentModel, options: RenderOptions = {}): Promise<Uint8Array> {
  // require, not import(): a local file under tsx/mocha too; the bundles turn it into a require of the chunk.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderSalesDocumentPdf: render } = require('./render') as typeof import('./render');
  return render(model, options);
}
