// E-mail configuration (the seed's "Konfiguracja e-mail"): sender, SMTP server (its password through its
// prompt), the common-ports picker that keeps port and SSL/TLS consistent, test mode, the bulk limit, and
// "Test" (the seed's Testuj) with the address and the template to send.
import type { FieldChange } from '../../../src/protocol/settings-form';
import { el } from '../dom';
import { actionButton, secretStatus } from '../fields/actions';
import { checkboxField } from '../fields/choice';
import { fieldRow, searchTextOf, type FormHost, type FormItem } from '../fields/item';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { booleanAt, COMMON_SMTP_PORTS, keyOf, pointerOf, stringAt, templateNames } from '../model';
import { createDropdown, createTextField, setOptions, type ValueControl } from '../toolkit';
import { Section } from './section';

const PORT_PATH = ['email', 'smtp', 'port'];

/** "Common ports": choosing 465 or 587 also turns SSL/TLS on (in the same edit), as those ports need it. */
function commonPorts(host: FormHost, port: ValueControl): FormItem {
  const label = el(host.doc, 'label', 'dropdown-label', t('Common ports'));
  const common = createDropdown(host.doc);
  common.id = 'common-ports';
  label.setAttribute('for', common.id);
  common.setAttribute('aria-label', t('Common ports'));
  common.addEventListener('change', () => {
    // The toolkit's dropdown reports a value the form set itself as a "change" on the next key press while
    // it has focus: only a port other than the file's is the user's choice.
    if (host.applying() || !common.value || common.value === stringAt(host.settings(), PORT_PATH)) return;
    port.value = common.value;
    const changes: FieldChange[] = [{ path: PORT_PATH, value: Number(common.value) }];
    const chosen = COMMON_SMTP_PORTS.find((p) => String(p.port) === common.value);
    if (chosen?.tls && !booleanAt(host.settings(), ['email', 'smtp', 'tls'])) changes.push({ path: ['email', 'smtp', 'tls'], value: true });
    host.send(pointerOf(PORT_PATH), changes);
  });
  const row = fieldRow(host.doc, '', label, common);
  row.classList.add('dropdown-field');
  const options = () => [{ value: '', label: t('Choose…') }, ...COMMON_SMTP_PORTS.map((p) => ({ value: String(p.port), label: `${p.port} – ${t(p.label)}` }))];
  return {
    row,
    searchText: searchTextOf(t('Common ports'), keyOf(PORT_PATH), 'SSL/TLS STARTTLS 465 587 25 2525'),
    claims: [],
    controls: [common],
    focusTarget: common,
    update: () => {
      const current = stringAt(host.settings(), PORT_PATH);
      setOptions(host.doc, common, options(), COMMON_SMTP_PORTS.some((p) => String(p.port) === current) ? current : '');
    },
  };
}

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
      const chosen = template.value ?? '';
      const names = templateNames(settings);
      setOptions(host.doc, template, [{ value: '', label: t('The template of the open editor or preview, else the actions\' one') }, ...names.map((n) => ({ value: n, label: n }))], names.includes(chosen) ? chosen : '');
    },
  };
  const button = actionButton(host, {
    id: 'send-test-email',
    label: t('Test'),
    needsTrust: true,
    run: () => {
      const address = (to.value ?? '').trim();
      if (!address) return { ok: false, message: t('Enter the address for the test e-mail') };
      const name = template.value ?? '';
      return host.client.request('sendTestEmail', name ? { to: address, template: name } : { to: address });
    },
  });
  return [settingsItem, button];
}

export function emailSection(host: FormHost): Section {
  const section = new Section(host, 'email', t('E-mail configuration'));
  section.add(textField(host, { path: ['email', 'from'], label: t('Sender address'), hint: t('sklep@example.pl or Sklep <sklep@example.pl>') }));
  const server = section.group(t('SMTP server'));
  const port = numberField(host, { path: PORT_PATH, label: t('SMTP port'), min: 1, max: 65535 });
  server.add(
    textField(host, { path: ['email', 'smtp', 'host'], label: t('SMTP server') }),
    textField(host, { path: ['email', 'smtp', 'login'], label: t('SMTP login'), keepEmpty: true, hint: t('Usually the same as the sender address.') }),
    secretStatus(host, { id: 'smtp-password-status', label: t('SMTP password:'), stored: () => host.context().secrets?.smtpPassword }),
    actionButton(host, { id: 'set-smtp-password', label: t('Set password…'), run: () => host.client.request('setSmtpPassword', {}) }),
    port,
    commonPorts(host, port.control),
    checkboxField(host, { path: ['email', 'smtp', 'tls'], label: t('SSL/TLS'), hint: t('Port 465: TLS from the start; other ports: STARTTLS required.') }),
    checkboxField(host, { path: ['email', 'smtp', 'ignoreCertificateErrors'], label: t('Ignore certificate errors') }),
    checkboxField(host, {
      path: ['email', 'smtp', 'allowUnencryptedLogin'],
      label: t('Allow an unencrypted login'),
      hint: t('Sends the password without SSL/TLS to a server that is not on this computer. Risky: anyone on the network path could read it.'),
    }),
    numberField(host, { path: ['email', 'smtp', 'messagesPerSecond'], label: t('E-mails per second at most'), min: 1, max: 100, hint: t('Providers throttle or block faster senders.') }),
  );
  section.group(t('Test mode and the bulk guard')).add(
    checkboxField(host, {
      path: ['email', 'testMode', 'enabled'],
      label: t('Test mode'),
      hint: t('Every e-mail goes to the recipient below instead of the customer. Recommended for the first days.'),
    }),
    textField(host, { path: ['email', 'testMode', 'recipient'], label: t('Recipient address'), type: 'email' }),
    numberField(host, { path: ['email', 'bulkLimit'], label: t('Bulk limit'), min: 0, max: 1000000, hint: t('A pass that would e-mail more customers than this stops and asks first.') }),
  );
  section.group(t('Test e-mail')).add(...testEmail(host));
  return section;
}
