// What every piece of the form is to the form: a row the filter can hide and "reveal" can show, the settings
// it edits (their problems show beside it), and how it follows the file.
import type { FieldChange, FormContext } from '../../../src/protocol/settings-form';
import { el } from '../dom';
import type { PendingEdits } from '../edits';
import { keyOf, pointerOf, type Settings, type SettingsPath } from '../model';
import type { HostClient } from '../rpc';

export interface FormItem {
  /** The row in the page. */
  row: HTMLElement;
  /** What the filter searches: the label, the hint, the setting's key (e.g. email.smtp.port). */
  searchText: string;
  /** Settings (JSON pointers) whose problems show beside this item; empty for buttons and notes. */
  claims: string[];
  /** Where its problems are listed (absent: it shows none). */
  problems?: HTMLElement;
  /** Its controls: disabled with the reason, marked invalid with an error. */
  controls: HTMLElement[];
  /** Where "reveal" puts the keyboard focus. */
  focusTarget?: HTMLElement;
  /** The setting it writes: while an edit of it is unacknowledged, update() leaves the typed value alone. */
  pointer?: string;
  /** Shows the file's value (and the context's). */
  update(): void;
  /** Why it cannot be changed now (undefined: it can). */
  disabledReason?: () => string | undefined;
  /** Shown only while this holds (e.g. the shop platform's own options). */
  shownWhen?: () => boolean;
  /** A mistake found in the form before anything is written (e.g. not a whole number). */
  localProblem?: string;
  /** Items that come and go with the file (one set per template). */
  children?: () => FormItem[];
}

/** What the form knows besides the file: the host's context, whose secrets arrive a moment after the form shows. */
export type KnownContext = Omit<FormContext, 'secrets'> & { secrets?: FormContext['secrets'] };

/** What the items get from the form. */
export interface FormHost {
  readonly doc: Document;
  readonly client: HostClient;
  readonly edits: PendingEdits;
  settings(): Settings | undefined;
  context(): KnownContext;
  /** From `init`: today in the deployment's zone, the platforms that can receive the sales document. */
  setup(): { today: string; platformsWithPdfUpload: readonly string[] };
  /** True while the form writes values into its controls: their change events are not the user's. */
  applying(): boolean;
  /** Sends the field's changes now (ignored while applying, or without a parsed file). */
  send(pointer: string, changes: FieldChange[]): void;
  /** Shows problems found in the form itself (e.g. a local one). */
  rerender(): void;
}

/** A row of the form: a div holding the control(s), with its key for tests and the filter. */
export function fieldRow(doc: Document, key: string, ...children: HTMLElement[]): HTMLElement {
  const row = el(doc, 'div', 'field');
  if (key) row.dataset.key = key;
  row.append(...children);
  return row;
}

export function hintElement(doc: Document, text: string): HTMLElement {
  return el(doc, 'div', 'hint', text);
}

export function problemsElement(doc: Document): HTMLElement {
  const element = el(doc, 'div', 'problems');
  element.setAttribute('aria-live', 'polite');
  return element;
}

/** The DOM id of a setting's control: stable, from its JSON pointer (tests and labels use it). */
export function fieldId(pointer: string): string {
  return `field-${pointer.slice(1).replace(/\//g, '-')}`;
}

export function searchTextOf(...parts: Array<string | undefined>): string {
  return parts.filter(Boolean).join(' ');
}

/** What every setting's field is given: its path, label and hint, and when it is unavailable or hidden. */
export interface FieldSpec {
  /** The setting's path in the schema: a renamed or removed key fails to compile. */
  path: SettingsPath;
  label: string;
  hint?: string;
  /** More settings whose problems show beside this field. */
  claims?: string[];
  disabledReason?: () => string | undefined;
  shownWhen?: () => boolean;
}

/**
 * A setting's row: `leading` (e.g. a label) and the control, its hint, its problems; the item the form keeps
 * for it. `update` shows the file's value in the control.
 */
export function settingItem(
  host: FormHost,
  spec: FieldSpec,
  control: HTMLElement,
  update: () => void,
  leading: HTMLElement[] = [],
): FormItem {
  const pointer = pointerOf(spec.path);
  const problems = problemsElement(host.doc);
  const row = fieldRow(host.doc, keyOf(spec.path), ...leading, control);
  if (spec.hint) row.append(hintElement(host.doc, spec.hint));
  row.append(problems);
  return {
    row,
    searchText: searchTextOf(spec.label, spec.hint, keyOf(spec.path)),
    claims: [pointer, ...(spec.claims ?? [])],
    problems,
    controls: [control],
    focusTarget: control,
    pointer,
    update,
    ...(spec.disabledReason ? { disabledReason: spec.disabledReason } : {}),
    ...(spec.shownWhen ? { shownWhen: spec.shownWhen } : {}),
  };
}
