// Small DOM helpers for the form. Text always goes in through textContent (the settings file is user content).
let ids = 0;
export function uniqueId(prefix: string): string {
  return `${prefix}-${++ids}`;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K];
export function el(doc: Document, tag: string, className?: string, text?: string): HTMLElement;
export function el(doc: Document, tag: string, className?: string, text?: string): HTMLElement {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function setHidden(element: HTMLElement, hidden: boolean): void {
  element.hidden = hidden;
}
