// Text fields: a line of text, a whole number, a multi-line text. Typed text is sent shortly after the last
// keystroke, and at once when the field is left.
import type { JsonPath } from '../../../src/protocol/settings-form';
import { t } from '../l10n';
import { parseWholeNumber, pointerOf, stringAt, valueAt } from '../model';
import { SETTING_BOUNDS } from '../settings-meta.generated';
import { createTextArea, createTextField, type ValueControl } from '../toolkit';
import { fieldId, settingItem, type FieldSpec, type FormHost, type FormItem } from './item';

export type { FieldSpec };

export interface TextSpec extends FieldSpec {
  /** "email", "url"… */
  type?: string;
  /** An empty field writes "" instead of removing the setting. */
  keepEmpty?: boolean;
  placeholder?: string;
  multiline?: boolean;
}

function sendWhileTyping(host: FormHost, control: HTMLElement, pointer: string, commit: () => void): void {
  control.addEventListener('input', () => {
    if (!host.applying()) host.edits.sendSoon(pointer, commit);
  });
  control.addEventListener('change', () => host.edits.flush(pointer));
  control.addEventListener('blur', () => host.edits.flush(pointer));
}

export function textField(host: FormHost, spec: TextSpec): FormItem & { control: ValueControl } {
  const pointer = pointerOf(spec.path);
  const control = spec.multiline ? createTextArea(host.doc, spec.label) : createTextField(host.doc, spec.label, spec.type);
  control.id = fieldId(pointer);
  if (spec.placeholder) control.setAttribute('placeholder', spec.placeholder);
  const commit = () => {
    const text = control.value;
    const value = text === '' && !spec.keepEmpty ? undefined : text;
    const current = valueAt(host.settings(), spec.path);
    if (value === current || (value === undefined && current === undefined)) {
      host.edits.forget(pointer);
      return;
    }
    host.send(pointer, [value === undefined ? { path: spec.path } : { path: spec.path, value }]);
  };
  sendWhileTyping(host, control, pointer, commit);
  return {
    ...settingItem(host, spec, control, () => {
      const value = stringAt(host.settings(), spec.path);
      if (control.value !== value) control.value = value;
    }),
    control,
  };
}

/** A whole number within the schema's bounds (settings-meta.generated.ts; no minimum: 0, no maximum: none). */
export interface NumberSpec extends FieldSpec {
  /** An empty field removes the setting (its default applies). */
  optional?: boolean;
  placeholder?: string;
}

/** A whole number; anything else is refused in the form before anything is written. */
export function numberField(host: FormHost, spec: NumberSpec): FormItem & { control: ValueControl } {
  const pointer = pointerOf(spec.path);
  const control = createTextField(host.doc, spec.label);
  control.id = fieldId(pointer);
  control.setAttribute('inputmode', 'numeric');
  if (spec.placeholder) control.setAttribute('placeholder', spec.placeholder);
  let localBase: string | undefined;
  const field: FormItem & { control: ValueControl } = {
    ...settingItem(host, spec, control, () => {
      const value = stringAt(host.settings(), spec.path);
      // Keep the user's invalid text and its problem until they edit it or the file's value changes.
      if (field.localProblem && value === localBase) return;
      field.localProblem = undefined;
      if (control.value !== value) control.value = value;
    }),
    control,
  };
  const { minimum = 0, maximum } = SETTING_BOUNDS[pointer] ?? {};
  const commit = () => {
    const text = control.value.trim();
    const value = text === '' && spec.optional ? undefined : parseWholeNumber(text, minimum, maximum ?? Number.MAX_SAFE_INTEGER);
    if (value === undefined && !(text === '' && spec.optional)) {
      field.localProblem =
        maximum === undefined
          ? t('Enter a whole number of at least {0}', minimum)
          : t('Enter a whole number from {0} to {1}', minimum, maximum);
      localBase = stringAt(host.settings(), spec.path);
      host.edits.forget(pointer);
      host.rerender();
      return;
    }
    field.localProblem = undefined;
    const current = valueAt(host.settings(), spec.path);
    if (value === current || (value === undefined && (host.settings() === undefined || !hasKey(host, spec.path)))) {
      host.edits.forget(pointer);
      host.rerender();
      return;
    }
    host.send(pointer, [value === undefined ? { path: spec.path } : { path: spec.path, value }]);
  };
  sendWhileTyping(host, control, pointer, commit);
  return field;
}

/** The setting is written in the file (not only its default). */
function hasKey(host: FormHost, path: JsonPath): boolean {
  let current: unknown = host.settings();
  for (const segment of path) {
    if (!current || typeof current !== 'object' || !(String(segment) in current)) return false;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return true;
}
