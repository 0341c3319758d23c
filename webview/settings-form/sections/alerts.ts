// Alerts: e-mails to the consultant when unattended passes need attention (sent to these addresses only, through
// the SMTP server above or a separate one of their own; test mode does not redirect them).
import { checkboxField } from '../fields/choice';
import type { FormHost } from '../fields/item';
import { addressList } from '../fields/lists';
import { numberField, textField } from '../fields/text';
import { t } from '../l10n';
import { Section } from './section';
import { smtpServerFields } from './smtp-server';

export function alertsSection(host: FormHost): Section {
  const section = new Section(host, 'alerts', t('Alerts'));
  section.add(
    checkboxField(host, {
      path: ['alerts', 'enabled'],
      label: t('Send alert e-mails'),
      hint: t(
        'To the consultant, through the SMTP server above; never to customers, and test mode does not redirect them. Each condition is reported once, and again only after it has cleared.',
      ),
    }),
    addressList(host, { path: ['alerts', 'recipients'], label: t('Alert recipients'), emptyText: t('No recipients yet.') }),
    checkboxField(host, {
      path: ['alerts', 'onPassFailure'],
      label: t('When a sync pass fails'),
      hint: t('The shop, the ERP or the mail server unreachable, invalid settings, a locked or unreadable state.'),
    }),
    checkboxField(host, { path: ['alerts', 'onActionsNeedingAttention'], label: t('When a pass leaves failed or uncertain actions') }),
    numberField(host, {
      path: ['alerts', 'noSuccessHours'],
      label: t('When no pass has succeeded for this many hours'),
      hint: t('0 = off.'),
    }),
  );
  section.group(t('A separate SMTP server for alerts (optional)')).add(
    textField(host, {
      path: ['alerts', 'from'],
      label: t('Sender of the alerts'),
      hint: t('Default: the sender address of the e-mail settings.'),
    }),
    ...smtpServerFields(host, {
      base: ['alerts', 'smtp'],
      idPrefix: 'alerts-',
      passwordStored: () => host.context().secrets?.alertsSmtpPassword,
      setPassword: 'setAlertsSmtpPassword',
    }),
  );
  return section;
}
