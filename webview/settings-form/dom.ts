// Small DOM helpers for the form. Text always goes in through textContent (the settings file is user
// content); the toolkit's elements are driven through their `value` / `checked` properties and the
// `disabled` attribute, which also works before (or without) the custom elements being defined.

export interface ValueControl extends HTMLElement {
  value: string;
}
export interface CheckControl extends HTMLElement {
  checked: boolean;
}

let ids = 0;
export function uniqueId(prefix: string): string {
  return `${prefix}-${++ids}`;
}

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];
export function el(doc: Document, tag: string, className?: string, text?: string): HTMLElement;
export function el(doc: Document, tag: string, className?: string, text?: string): HTMLElement {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  if (disabled) element.setAttribute('disabled', '');
  else element.removeAttribute('disabled');
  (element as HTMLElement & { disabled?: boolean }).disabled = disabled;
}

export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled');
}

export function setHidden(element: HTMLElement, hidden: boolean): void {
  element.hidden = hidden;
}

/** Replaces the options of a dropdown (only when they changed) and selects `value`. */
export function setOptions(doc: Document, dropdown: ValueControl, options: ReadonlyArray<{ value: string; label: string }>, value: string): void {
  const signature = JSON.stringify(options);
  if (dropdown.dataset.options !== signature) {
    dropdown.dataset.options = signature;
    dropdown.replaceChildren(
      ...options.map((option) => {
        const element = el(doc, 'vscode-option', undefined, option.label) as ValueControl;
        element.setAttribute('value', option.value);
        element.value = option.value;
        if (option.value === value) element.setAttribute('selected', '');
        return element;
      }),
    );
  }
  if (dropdown.value !== value) dropdown.value = value;
}
