// What each shop receives from "Upload sales-document PDFs to the shop", in the consultant's words (the
// mechanics per platform are in src/core/shops/capabilities.ts and the README's Shops table).
import { t } from './l10n';

export function pdfDelivery(platform: string): string | undefined {
  switch (platform) {
    case 'woocommerce':
      return t(
        'WooCommerce gets the PDF in the WordPress media library under an unguessable name, linked on the order (meta and a private note). Needs a WordPress user with an Application Password.',
      );
    case 'baselinker':
      return t("BaseLinker gets the PDF as the file of the order's invoice, with the document number (invoices only).");
    case 'apilo':
      return t('Apilo gets the PDF as an order document with its number.');
    case 'demo':
      return t('The demo shop keeps the PDF with the order.');
    case 'prestashop':
      return t('PrestaShop gets the sales-document number as a private message on the order (staff only): its API takes no files.');
    case 'sellasist':
      return t("SellAsist gets the sales-document number in the order's document number field: its API takes no files.");
    default:
      return undefined;
  }
}
