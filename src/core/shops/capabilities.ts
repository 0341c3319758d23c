// What each platform's API can do (documentNumber: the number alone, written back where no file can go; the
// uploading platforms carry the number with the file), known without contacting the shop: the settings form and validation use
// it. Kept in agreement with PLATFORMS_WITH_PDF_UPLOAD (a unit test checks). The pdf-to-shop action delivers the
// file where uploadSalesPdf, else the number.
import type { Platform } from '../model/order';
import type { ShopCapabilities } from './connector';

export const PLATFORM_CAPABILITIES: Record<Platform, ShopCapabilities> = {
  // No core webservice attaches an external file to an order (order_invoices are PrestaShop's own).
  prestashop: { uploadSalesPdf: false, documentNumber: true },
  // WordPress media (a WordPress user's Application Password, not the ck/cs keys), linked by meta and a note.
  woocommerce: { uploadSalesPdf: true, documentNumber: false },
  // addInvoice / getInvoices + addOrderInvoiceFile.
  baselinker: { uploadSalesPdf: true, documentNumber: false },
  // POST /rest/api/media/ + POST /rest/api/orders/{id}/documents/.
  apilo: { uploadSalesPdf: true, documentNumber: false },
  // No public upload endpoint found (research: UNCONFIRMED whether one exists); the number goes to document_number.
  sellasist: { uploadSalesPdf: false, documentNumber: true },
  demo: { uploadSalesPdf: true, documentNumber: false },
};

export function platformCapabilities(platform: Platform | string): ShopCapabilities {
  const capabilities = PLATFORM_CAPABILITIES[platform as Platform];
  if (!capabilities) throw new Error(`Unknown shop platform "${platform}"`);
  return { ...capabilities };
}
