// Functions that Playwright runs inside the webview's page (it sends their source, so each is
// self-contained). The project's TypeScript has no DOM library outside the webview; the little of the DOM
// they use is typed here.
interface PageElement {
  id: string;
  tagName: string;
  shadowRoot: { querySelectorAll(selector: string): ArrayLike<PageElement> } | null;
  style: { color: string };
  contains(other: PageElement | null): boolean;
  closest(selector: string): PageElement | null;
  getClientRects(): { length: number };
  remove(): void;
}
interface PageStyle {
  color: string;
  backgroundColor: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  getPropertyValue(name: string): string;
}
interface PageGlobals {
  document: {
    activeElement: PageElement | null;
    body: { append(element: PageElement): void };
    createElement(tag: string): PageElement;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  getComputedStyle(element: PageElement): PageStyle;
}

/** The id of the element that has the keyboard focus. */
export function activeElementId(): string {
  return (globalThis as unknown as PageGlobals).document.activeElement?.id ?? '';
}

/**
 * The form's controls that are drawn with a border or outline in the theme's focus colour although they do
 * not have the focus (a border in the element's own background colour is not seen: a primary button's).
 */
export function focusColouredControls(): string[] {
  const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
  const probe = document.createElement('span');
  probe.style.color = 'var(--vscode-focusBorder)';
  document.body.append(probe);
  const focus = getComputedStyle(probe).color;
  probe.remove();
  const active = document.activeElement;
  const offenders = new Set<string>();
  for (const host of Array.from(
    document.querySelectorAll('vscode-button, vscode-text-field, vscode-dropdown, vscode-checkbox, vscode-text-area'),
  )) {
    if (host === active || host.contains(active) || host.closest('[hidden], .filtered-out')) continue;
    for (const part of [host, ...Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])]) {
      if (part.getClientRects().length === 0) continue; // not drawn (a closed dropdown's list)
      const style = getComputedStyle(part);
      const bordered = ['top', 'right', 'bottom', 'left'].some(
        (side) =>
          parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0 && style.getPropertyValue(`border-${side}-color`) === focus,
      );
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor === focus;
      if ((bordered && style.backgroundColor !== focus) || outlined) offenders.add(`${host.tagName.toLowerCase()}#${host.id}`);
    }
  }
  return [...offenders];
}
