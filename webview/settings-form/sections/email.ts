// E-mail configuration (the seed's "Konfiguracja e-mail"): sender, SMTP server (its password through its
// prompt), the common-ports picker that keeps port and SSL/TLS consistent, test mode, the bulk limit, and
// "Test" (the seed's Testuj) with the address and the template to send.
import { el } from '../dom';
import { actionButton } from '../fields/actions';
import { checkboxField } from '../fields/choice';
import { fieldRow, searchTextOf, type FormHost, type FormItem } from '../fields/item';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { stringAt, templateNames } from '../model';
import { createDropdown, createTextField, setOptions } from '../toolkit';
import { Section } from './section';
import { smtpServerFields } from './smtp-server';

/** Where "Test" sends to (the test recipient or the login by default) and which template it renders. */
function testEmail(host: FormHost): FormItem[] {
  const to = createTextField(host.doc, t('Send a test e-mail to'), 'email');
  to.id = 'test-email-to';
  let typed = false;
  to.addEventListener('input', () => {
    typed = true;
  });
  const template = createDropdown(host.doc);
  template.id = 'test-email-template';
  template.setAttribute('aria-label', t('Template of the test e-mail'));
  const templateLabel = el(host.doc, 'label', 'dropdown-label', t('Template of the test e-mail'));
  templateLabel.setAttribute('for', template.id);
  const fields = fieldRow(host.doc, '', to, templateLabel, template);
  fields.classList.add('test-email');
  const settingsItem: FormItem = {
    row: fields,
    searchText: searchTextOf(t('Send a test e-mail to'), t('Template of the test e-mail')),
    claims: [],
    controls: [],
    focusTarget: to,
    update: () => {
      const settings = host.settings();
      if (!typed) to.value = stringAt(settings, ['email', 'testMode', 'recipient']) || stringAt(settings, ['email', 'smtp', 'login']);
      const chosen = template.value;
      const names = templateNames(settings);
      setOptions(
        host.doc,
        template,
        [
          { value: '', label: t("The template of the open editor or preview, else the actions' one") },
          ...names.map((n) => ({ value: n, label: n })),
        ],
        names.includes(chosen) ? chosen : '',
      );
    },
  };
  const button = actionButton(host, {
    id: 'send-test-email',
    label: t('Test'),
    needsTrust: true,
    run: () => {
      const address = to.value.trim();
      if (!address) return { ok: false, message: t('Enter the address for the test e-mail') };
      const name = template.value;
      return host.client.request('sendTestEmail', name ? { to: address, template: name } : { to: address });
    },
  });
  return [settingsItem, button];
}

export function emailSection(host: FormHost): Section {
  const section = new Section(host, 'email', t('E-mail configuration'));
  section.add(
    textField(host, { path: ['email', 'from'], label: t('Sender address'), hint: t('sklep@example.pl or Sklep <sklep@example.pl>') }),
  );
  section.group(t('SMTP server')).add(
    ...smtpServerFields(host, {
      base: ['email', 'smtp'],
      idPrefix: '',
      passwordStored: () => host.context().secrets?.smtpPassword,
      setPassword: 'setSmtpPassword',
    }),
  );
  section.group(t('Test mode and the bulk guard')).add(
    checkboxField(host, {
      path: ['email', 'testMode', 'enabled'],
      label: t('Test mode'),
      hint: t('Every e-mail goes to the recipient below instead of the customer. Recommended for the first days.'),
    }),
    textField(host, { path: ['email', 'testMode', 'recipient'], label: t('Recipient address'), type: 'email' }),
    numberField(host, {
      path: ['email', 'bulkLimit'],
      label: t('Bulk limit'),
      hint: t('A pass that would e-mail more customers than this stops and asks first.'),
    }),
  );
  section.group(t('Test e-mail')).add(...testEmail(host));
  return section;
}
