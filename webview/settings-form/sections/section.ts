// A section of the form (and its groups): a heading, an optional note saying why it is unavailable, and the
// items in it. The table of contents lists the sections; the filter hides items, then empty groups and
// sections.
import { el, uniqueId } from '../dom';
import type { FormHost, FormItem } from '../fields/item';

export interface SectionSpec {
  id: string;
  title: string;
}

/** A titled group of items inside a section (e.g. "Connection to Optima"), shown while `shownWhen` holds. */
export class Group {
  readonly element: HTMLElement;
  readonly items: FormItem[] = [];

  /** An empty title: the section's own items, with no heading. */
  constructor(
    doc: Document,
    readonly title: string,
    private readonly shownWhen?: () => boolean,
  ) {
    this.element = el(doc, 'div', title ? 'group' : 'group main');
    if (!title) return;
    const heading = el(doc, 'h3', undefined, title);
    heading.id = uniqueId('group');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-labelledby', heading.id);
    this.element.append(heading);
  }

  /** Shown unless its condition rules it out (its items' own conditions aside). */
  get shown(): boolean {
    return this.shownWhen?.() ?? true;
  }

  add(...items: FormItem[]): this {
    for (const item of items) {
      const own = item.shownWhen;
      const group = this.shownWhen;
      if (group) item.shownWhen = own ? () => group() && own() : group;
      this.items.push(item);
      this.element.append(item.row);
    }
    return this;
  }
}

export class Section {
  readonly element: HTMLElement;
  readonly heading: HTMLElement;
  readonly groups: Group[] = [];
  private readonly note: HTMLElement;
  private readonly main: Group;
  private unavailableReason: (() => string | undefined) | undefined;

  constructor(
    private readonly host: FormHost,
    readonly id: string,
    readonly title: string,
  ) {
    const doc = host.doc;
    this.element = el(doc, 'section', 'form-section');
    this.element.id = `section-${id}`;
    this.heading = el(doc, 'h2', undefined, title);
    this.heading.id = `heading-${id}`;
    this.heading.tabIndex = -1;
    this.element.setAttribute('aria-labelledby', this.heading.id);
    this.note = el(doc, 'p', 'section-note');
    this.note.hidden = true;
    this.element.append(this.heading, this.note);
    // The section's own items: a group without a heading of its own.
    this.main = new Group(doc, '');
    this.element.append(this.main.element);
    this.groups.push(this.main);
  }

  add(...items: FormItem[]): this {
    this.main.add(...items);
    return this;
  }

  group(title: string, shownWhen?: () => boolean): Group {
    const group = new Group(this.host.doc, title, shownWhen);
    this.groups.push(group);
    this.element.append(group.element);
    return group;
  }

  /** The whole section is unavailable while `reason` returns one: it says why, and its controls are disabled. */
  unavailableWhen(reason: () => string | undefined): this {
    this.unavailableReason = reason;
    return this;
  }

  get items(): FormItem[] {
    return this.groups.flatMap((group) => group.items.flatMap((item) => [item, ...(item.children?.() ?? [])]));
  }

  /** Shows the section's note and state (called on every render). */
  refresh(): void {
    const reason = this.unavailableReason?.();
    this.note.textContent = reason ?? '';
    this.note.hidden = reason === undefined;
    this.element.classList.toggle('unavailable', reason !== undefined);
    this.element.setAttribute('aria-disabled', String(reason !== undefined));
  }
}
