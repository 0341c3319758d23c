// KSeF in the settings: a file written before erp.ksef existed keeps KSeF off (today's behaviour), and is
// told so where it matters (an FS would be e-mailed as a PDF or uploaded to the shop); the sandbox needs the
// seller's NIP to number its invoices as KSeF does.
import { t } from '../l10n';
import type { Settings } from './types.generated';
import type { RuleProblem } from './validate';

/** Whether the deployment hands an FS to the buyer as a PDF after realization (what KSeF holds). */
function handsOutSalesPdf(settings: Settings): boolean {
  const realizing = settings.erp.importMode === 'RO' || settings.erp.importMode === 'PF';
  const { sendEmail, uploadSalesPdfToShop } = settings.afterRealization;
  return realizing && ((sendEmail.enabled && sendEmail.attachSalesPdf) || uploadSalesPdfToShop.enabled);
}

export function ksefProblems(settings: Settings): RuleProblem[] {
  const ksef = settings.erp.ksef;
  if (!ksef) {
    if (!handsOutSalesPdf(settings)) return [];
    return [
      {
        pointer: '/erp/ksef/enabled',
        code: 'ksef-not-set',
        severity: 'warning',
        message: t(
          'erp.ksef is not set, so KSeF is off: an FS is e-mailed and uploaded as soon as it is issued, before KSeF has numbered it, and its PDF carries no KSeF number or QR code. Since 2026 an invoice bound for KSeF is issued only with its KSeF number: add "ksef": {"enabled": true} to "erp" (or false to keep it off and silence this)',
        ),
        fieldMessage: t(
          'Not set, so KSeF is off: an FS goes to the buyer before KSeF has numbered it. Tick it to turn KSeF on (ticked and unticked again, it is written as off and this warning goes)',
        ),
      },
    ];
  }
  if (ksef.enabled && settings.erp.adapter === 'sandbox' && !/^\d{10}$/.test(settings.erp.seller.taxId.replace(/[\s-]/g, ''))) {
    return [
      {
        pointer: '/erp/seller/taxId',
        code: 'ksef-seller-nip',
        severity: 'warning',
        message: t(
          "erp.seller.taxId is not a 10-digit NIP: the sandbox ERP cannot give its invoices KSeF numbers (they begin with the seller's NIP)",
        ),
        fieldMessage: t("Not a 10-digit NIP: the sandbox ERP cannot give its invoices KSeF numbers (they begin with the seller's NIP)"),
      },
    ];
  }
  return [];
}
