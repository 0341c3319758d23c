// A shop status: a dropdown of the shop's statuses when the shop feature has cached them, otherwise a text
// field for the id (both edit the same setting; only the one shown takes its problems).
import { t } from '../l10n';
import { dropdownField } from './choice';
import type { FormHost, FormItem } from './item';
import { textField, type FieldSpec } from './text';

export function statusPicker(host: FormHost, spec: FieldSpec): FormItem[] {
  const hasList = () => host.context().shopStatuses.length > 0;
  const shown = (own: () => boolean) => () => own() && (spec.shownWhen?.() ?? true);
  const dropdown = dropdownField(host, {
    ...spec,
    options: () => host.context().shopStatuses.map((s) => ({ value: s.id, label: s.name === s.id ? s.id : `${s.name} (${s.id})` })),
    shownWhen: shown(hasList),
  });
  const text = textField(host, {
    ...spec,
    hint: t('Status id as the shop names it (refresh the statuses in the Shop section to pick from a list)'),
    shownWhen: shown(() => !hasList()),
  });
  text.control.id += '-text';
  return [dropdown, text];
}
