// After realization (the seed's "Akcja po zrealizowaniu zamówienia"): only for import mode RO or PF. In FS,
// PA or AUTO mode the section says why it is unavailable, offers no template and shows nothing as on.
import { pdfDelivery } from '../delivery';
import { linkItem, noteItem } from '../fields/actions';
import { checkboxField, dropdownField } from '../fields/choice';
import type { FormHost } from '../fields/item';
import { statusPicker } from '../fields/status-picker';
import { t } from '../l10n';
import { pdfUploadAvailable, realizationAvailable, stringAt } from '../model';
import { templateOptions } from './after-import';
import { Section } from './section';

export function afterRealizationSection(host: FormHost): Section {
  const section = new Section(host, 'after-realization', t('After realization'));
  const unavailable = () => (realizationAvailable(host.settings()) ? undefined : t('Available only for import mode RO or PF.'));
  const noUpload = () =>
    unavailable() ??
    (pdfUploadAvailable(host.settings(), host.setup().platformsWithPdfUpload)
      ? undefined
      : t(
          'The shop platform cannot receive sales-document PDFs through its API (only WooCommerce, BaseLinker, Apilo and the demo shop can).',
        ));
  section.unavailableWhen(unavailable);
  section.add(
    checkboxField(host, {
      path: ['afterRealization', 'setStatus', 'enabled'],
      label: t('Set the order status after realization'),
      disabledReason: unavailable,
      isActionToggle: true,
    }),
    ...statusPicker(host, { path: ['afterRealization', 'setStatus', 'status'], label: t('Status'), disabledReason: unavailable }),
    checkboxField(host, {
      path: ['afterRealization', 'sendEmail', 'enabled'],
      label: t('Send an e-mail to the customer'),
      hint: t('To the address of the document payer.'),
      disabledReason: unavailable,
      isActionToggle: true,
    }),
    dropdownField(host, {
      path: ['afterRealization', 'sendEmail', 'template'],
      label: t('Template'),
      options: templateOptions(host),
      disabledReason: unavailable,
    }),
    linkItem(host, {
      id: 'afterRealization-template-link',
      label: t('Message template…'),
      open: () => host.client.command('openTemplate', { action: 'afterRealization' }),
      shownWhen: () => unavailable() === undefined,
    }),
    checkboxField(host, {
      path: ['afterRealization', 'sendEmail', 'attachSalesPdf'],
      label: t('Attach the sales document as PDF'),
      disabledReason: unavailable,
      // No e-mail is sent after realization in this mode: nothing is attached either.
      shownValue: () => (unavailable() ? false : undefined),
    }),
    checkboxField(host, {
      path: ['afterRealization', 'uploadSalesPdfToShop', 'enabled'],
      label: t('Upload sales-document PDFs to the shop'),
      disabledReason: noUpload,
      isActionToggle: true,
    }),
    noteItem(host, { id: 'upload-reason', text: () => (unavailable() ? undefined : noUpload()) }),
    noteItem(host, {
      id: 'upload-delivery',
      className: 'hint',
      text: () => (noUpload() === undefined ? pdfDelivery(stringAt(host.settings(), ['shop', 'platform'])) : undefined),
    }),
  );
  return section;
}
