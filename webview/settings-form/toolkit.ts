// The ONLY module that knows the component library, @vscode/webview-ui-toolkit 1.4.0 (pinned; archived
// upstream): it registers the components and creates every element of theirs the form uses, and says how
// their values are read and written. Replacing the toolkit means replacing this file. The form's logic
// drives the elements through `value` / `checked` and the `disabled` attribute, which also works while they
// are not (or, in the unit tests' plain DOM, never) defined.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeLink,
  vsCodeOption,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

export interface ValueControl extends HTMLElement {
  value: string;
}
export interface CheckControl extends HTMLElement {
  checked: boolean;
}

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeLink(),
    vsCodeOption(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

function create(doc: Document, tag: string, label?: string): HTMLElement {
  const element = doc.createElement(tag);
  if (label !== undefined) element.textContent = label;
  return element;
}

/** A button; `secondary` for every button of the form but a state's main way out. */
export function createButton(doc: Document, label: string, appearance: 'primary' | 'secondary' = 'secondary'): HTMLElement {
  const button = create(doc, 'vscode-button', label);
  button.setAttribute('appearance', appearance);
  return button;
}

/** A one-line text input with its label; `type` is "text", "email", "url" or "password". */
export function createTextField(doc: Document, label: string, type = 'text'): ValueControl {
  const field = create(doc, 'vscode-text-field', label) as ValueControl;
  if (type !== 'text') field.setAttribute('type', type);
  return field;
}

export function createTextArea(doc: Document, label: string, rows = 6): ValueControl {
  const area = create(doc, 'vscode-text-area', label) as ValueControl;
  area.setAttribute('rows', String(rows));
  area.setAttribute('resize', 'vertical');
  return area;
}

export function createCheckbox(doc: Document, label: string): CheckControl {
  return create(doc, 'vscode-checkbox', label) as CheckControl;
}

export function createDropdown(doc: Document): ValueControl {
  return create(doc, 'vscode-dropdown') as ValueControl;
}

export function createLink(doc: Document, label: string): HTMLElement {
  const link = create(doc, 'vscode-link', label);
  link.setAttribute('href', '#');
  return link;
}

/** Replaces the options of a dropdown (only when they changed) and selects `value`. */
export function setOptions(
  doc: Document,
  dropdown: ValueControl,
  options: ReadonlyArray<{ value: string; label: string }>,
  value: string,
): void {
  const signature = JSON.stringify(options);
  if (dropdown.dataset.options !== signature) {
    dropdown.dataset.options = signature;
    dropdown.replaceChildren(
      ...options.map((entry) => {
        const element = create(doc, 'vscode-option', entry.label) as ValueControl;
        element.setAttribute('value', entry.value);
        element.value = entry.value;
        if (entry.value === value) element.setAttribute('selected', '');
        return element;
      }),
    );
  }
  if (dropdown.value !== value) dropdown.value = value;
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  if (disabled) element.setAttribute('disabled', '');
  else element.removeAttribute('disabled');
  (element as HTMLElement & { disabled?: boolean }).disabled = disabled;
}

export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled');
}

/** Moves the keyboard focus into a control (the toolkit's elements delegate it to their inner input). */
export function focusControl(element: HTMLElement): void {
  element.focus();
}
