// Choices: a checkbox (on/off) and a dropdown (one of a list). A choice is written at once, together with
// the changes it implies (`also`), so one undo step takes back both.
import type { FieldChange } from '../../../src/protocol/settings-form';
import { el } from '../dom';
import { t } from '../l10n';
import { booleanAt, pointerOf, stringAt } from '../model';
import { createCheckbox, createDropdown, setOptions, type CheckControl, type ValueControl } from '../toolkit';
import { fieldId, settingItem, type FieldSpec, type FormHost, type FormItem } from './item';

export interface CheckboxSpec extends FieldSpec {
  /** An action's `enabled` flag: while on it stays changeable even when unavailable, so it can be turned off. */
  isActionToggle?: boolean;
  also?: (checked: boolean) => FieldChange[];
  /** What the box shows instead of the file's value while this returns a value (an option of an unavailable action). */
  shownValue?: () => boolean | undefined;
}

export function checkboxField(host: FormHost, spec: CheckboxSpec): FormItem & { control: CheckControl } {
  const pointer = pointerOf(spec.path);
  const control = createCheckbox(host.doc, spec.label);
  control.id = fieldId(pointer);
  control.addEventListener('change', () => {
    if (host.applying()) return;
    const checked = Boolean(control.checked);
    if (checked === booleanAt(host.settings(), spec.path)) return;
    host.send(pointer, [{ path: spec.path, value: checked }, ...(spec.also?.(checked) ?? [])]);
  });
  const reason = spec.disabledReason;
  return {
    ...settingItem(host, spec, control, () => {
      const checked = spec.shownValue?.() ?? booleanAt(host.settings(), spec.path);
      if (Boolean(control.checked) !== checked) control.checked = checked;
    }),
    control,
    // An action's toggle stays changeable while on, so an unavailable action can still be turned off.
    ...(reason && spec.isActionToggle ? { disabledReason: () => (booleanAt(host.settings(), spec.path) ? undefined : reason()) } : {}),
  };
}

export interface DropdownSpec extends FieldSpec {
  options: () => Array<{ value: string; label: string }>;
  also?: (value: string) => FieldChange[];
}

export function dropdownField(host: FormHost, spec: DropdownSpec): FormItem & { control: ValueControl } {
  const pointer = pointerOf(spec.path);
  const id = fieldId(pointer);
  const label = el(host.doc, 'label', 'dropdown-label', spec.label);
  label.setAttribute('for', id);
  const control = createDropdown(host.doc);
  control.id = id;
  control.setAttribute('aria-label', spec.label);
  control.addEventListener('change', () => {
    if (host.applying()) return;
    const value = control.value;
    if (!value || value === stringAt(host.settings(), spec.path)) return;
    host.send(pointer, [{ path: spec.path, value }, ...(spec.also?.(value) ?? [])]);
  });
  const item = settingItem(
    host,
    spec,
    control,
    () => {
      const value = stringAt(host.settings(), spec.path);
      const list = spec.options();
      if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: value });
      if (!value) list.unshift({ value: '', label: t('(not set)') });
      setOptions(host.doc, control, list, value);
    },
    [label],
  );
  item.row.classList.add('dropdown-field');
  return { ...item, control };
}
