// The fields of one SMTP server, for both a deployment may have: `email.smtp` (customers' e-mail) and
// `alerts.smtp` (the alerts' own, optional). Its password goes through its own prompt; the common-ports picker
// keeps port and SSL/TLS consistent.
import type { FieldChange, RequestMethod } from '../../../src/protocol/settings-form';
import { el } from '../dom';
import { actionButton, secretStatus } from '../fields/actions';
import { checkboxField } from '../fields/choice';
import { fieldRow, searchTextOf, type FormHost, type FormItem } from '../fields/item';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { booleanAt, COMMON_SMTP_PORTS, keyOf, pointerOf, stringAt, type SettingsPath } from '../model';
import { createDropdown, setOptions, type ValueControl } from '../toolkit';

/** The keys of an SMTP server's settings, as the schema has them under email.smtp (alerts.smtp has the same). */
type SmtpKey = Extract<SettingsPath, ['email', 'smtp', string]>[2];

/** The path of one of the server's settings. */
function smtpPath(spec: SmtpServerSpec, key: SmtpKey): SettingsPath {
  return [spec.base[0], 'smtp', key];
}

export interface SmtpServerSpec {
  /** ['email', 'smtp'] or ['alerts', 'smtp']. */
  base: readonly ['email' | 'alerts', 'smtp'];
  /** Prefix of the element ids ('' for the customers' server, whose ids the e2e tests know). */
  idPrefix: string;
  /** Whether its password is stored, and the request that asks for it. */
  passwordStored: () => boolean | undefined;
  setPassword: Extract<RequestMethod, 'setSmtpPassword' | 'setAlertsSmtpPassword'>;
}

/** "Common ports": choosing 465 or 587 also turns SSL/TLS on (in the same edit), as those ports need it. */
function commonPorts(host: FormHost, spec: SmtpServerSpec, port: ValueControl): FormItem {
  const portPath = smtpPath(spec, 'port');
  const tlsPath = smtpPath(spec, 'tls');
  const label = el(host.doc, 'label', 'dropdown-label', t('Common ports'));
  const common = createDropdown(host.doc);
  common.id = `${spec.idPrefix}common-ports`;
  label.setAttribute('for', common.id);
  common.setAttribute('aria-label', t('Common ports'));
  common.addEventListener('change', () => {
    // The toolkit's dropdown reports a value the form set itself as a "change" on the next key press while
    // it has focus: only a port other than the file's is the user's choice.
    if (host.applying() || !common.value || common.value === stringAt(host.settings(), portPath)) return;
    port.value = common.value;
    const changes: FieldChange[] = [{ path: portPath, value: Number(common.value) }];
    const chosen = COMMON_SMTP_PORTS.find((p) => String(p.port) === common.value);
    if (chosen?.tls && !booleanAt(host.settings(), tlsPath)) changes.push({ path: tlsPath, value: true });
    host.send(pointerOf(portPath), changes);
  });
  const row = fieldRow(host.doc, '', label, common);
  row.classList.add('dropdown-field');
  const options = () => [
    { value: '', label: t('Choose…') },
    ...COMMON_SMTP_PORTS.map((p) => ({ value: String(p.port), label: `${p.port} – ${t(p.label)}` })),
  ];
  return {
    row,
    searchText: searchTextOf(t('Common ports'), keyOf(portPath), 'SSL/TLS STARTTLS 465 587 25 2525'),
    claims: [],
    controls: [common],
    focusTarget: common,
    update: () => {
      const current = stringAt(host.settings(), portPath);
      setOptions(host.doc, common, options(), COMMON_SMTP_PORTS.some((p) => String(p.port) === current) ? current : '');
    },
  };
}

export function smtpServerFields(host: FormHost, spec: SmtpServerSpec): FormItem[] {
  const path = (key: SmtpKey) => smtpPath(spec, key);
  const port = numberField(host, { path: path('port'), label: t('SMTP port') });
  return [
    textField(host, { path: path('host'), label: t('SMTP server') }),
    textField(host, { path: path('login'), label: t('SMTP login'), keepEmpty: true, hint: t('Usually the same as the sender address.') }),
    secretStatus(host, { id: `${spec.idPrefix}smtp-password-status`, label: t('SMTP password:'), stored: spec.passwordStored }),
    actionButton(host, {
      id: `set-${spec.idPrefix}smtp-password`,
      label: t('Set password…'),
      run: () => host.client.request(spec.setPassword, {}),
    }),
    port,
    commonPorts(host, spec, port.control),
    checkboxField(host, {
      path: path('tls'),
      label: t('SSL/TLS'),
      hint: t('Port 465: TLS from the start; other ports: STARTTLS required.'),
    }),
    checkboxField(host, { path: path('ignoreCertificateErrors'), label: t('Ignore certificate errors') }),
    checkboxField(host, {
      path: path('allowUnencryptedLogin'),
      label: t('Allow an unencrypted login'),
      hint: t(
        'Sends the password without SSL/TLS to a server that is not on this computer. Risky: anyone on the network path could read it.',
      ),
    }),
    numberField(host, {
      path: path('messagesPerSecond'),
      label: t('E-mails per second at most'),
      hint: t('Providers throttle or block faster senders.'),
    }),
  ];
}
