// After import (the seed's "Akcja po zaimportowaniu zamówienia"): set the shop status, e-mail the customer.
import { linkItem } from '../fields/actions';
import { checkboxField, dropdownField } from '../fields/choice';
import type { FormHost } from '../fields/item';
import { statusPicker } from '../fields/status-picker';
import { t } from '../l10n';
import { templateNames } from '../model';
import { Section } from './section';

export function templateOptions(host: FormHost): () => Array<{ value: string; label: string }> {
  return () => templateNames(host.settings()).map((name) => ({ value: name, label: name }));
}

export function afterImportSection(host: FormHost): Section {
  const section = new Section(host, 'after-import', t('After import'));
  section.add(
    checkboxField(host, { path: ['afterImport', 'setStatus', 'enabled'], label: t('Set the order status after import') }),
    ...statusPicker(host, { path: ['afterImport', 'setStatus', 'status'], label: t('Status') }),
    checkboxField(host, {
      path: ['afterImport', 'sendEmail', 'enabled'],
      label: t('Send an e-mail to the customer'),
      hint: t('To the address of the document payer.'),
    }),
    dropdownField(host, { path: ['afterImport', 'sendEmail', 'template'], label: t('Template'), options: templateOptions(host) }),
    linkItem(host, {
      id: 'afterImport-template-link',
      label: t('Message template…'),
      open: () => host.client.command('openTemplate', { action: 'afterImport' }),
    }),
  );
  return section;
}
