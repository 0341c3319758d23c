// The sales-document PDF: an adapter-independent model and its renderer (used by the sandbox ERP and by any
// real ERP adapter).
export * from './model';
export { renderSalesDocumentPdf, type RenderOptions } from './render';
export { loadFonts, defaultFontDir, type FontFiles } from './fonts';
export { formatMoneyPl, formatQuantityPl, formatVatRate } from './format';
