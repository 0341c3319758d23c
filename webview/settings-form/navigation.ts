// Finding one's way in the form, as in VS Code's Settings editor: a table of contents beside the sections
// (the section in view marked) and a search box that keeps only the settings whose label, description or
// key (e.g. email.smtp.port) has a word starting with each word typed.
import { el } from './dom';
import type { FormItem } from './fields/item';
import { plural, t } from './l10n';
import type { Section } from './sections/section';
import { createTextField, type ValueControl } from './toolkit';

/** The words of a text, lower case without diacritics (so "zamowienie" finds "zamówienie"). */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export class Navigation {
  readonly search: ValueControl;
  readonly toc: HTMLElement;
  readonly noMatch: HTMLElement;
  private readonly entries = new Map<string, { link: HTMLElement; count: HTMLElement }>();
  private query: string[] = [];
  /** The section last chosen in the contents. */
  private chosen: string | undefined;

  constructor(
    doc: Document,
    private readonly sections: readonly Section[],
  ) {
    this.search = createTextField(doc, '');
    this.search.id = 'search';
    this.search.setAttribute('placeholder', t('Search settings'));
    this.search.setAttribute('aria-label', t('Search settings'));
    this.search.addEventListener('input', () => this.setQuery(this.search.value));
    this.search.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape' && this.search.value) {
        this.search.value = '';
        this.setQuery('');
      }
    });
    this.toc = el(doc, 'nav', 'toc');
    this.toc.id = 'toc';
    this.toc.setAttribute('aria-label', t('Sections'));
    const list = el(doc, 'ul');
    for (const section of sections) {
      const link = el(doc, 'a', 'toc-link', section.title);
      link.setAttribute('href', `#${section.element.id}`);
      link.dataset.section = section.id;
      const count = el(doc, 'span', 'toc-count');
      link.append(count);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.scrollTo(section);
      });
      const entry = el(doc, 'li');
      entry.append(link);
      list.append(entry);
      this.entries.set(section.id, { link, count });
    }
    this.toc.append(list);
    this.noMatch = el(doc, 'p', 'no-match');
    this.noMatch.id = 'no-match';
    this.noMatch.hidden = true;
  }

  get filtering(): boolean {
    return this.query.length > 0;
  }

  setQuery(text: string): void {
    this.query = words(text);
    this.apply();
  }

  /** Clears the search (so a revealed setting is not filtered out). */
  clear(): void {
    if (!this.filtering) return;
    this.search.value = '';
    this.setQuery('');
  }

  private matches(item: FormItem): boolean {
    const own = words(item.searchText);
    return this.query.every((word) => own.some((candidate) => candidate.startsWith(word)));
  }

  /** Hides what does not match (a container stays while a child matches); then empty groups and sections. */
  apply(): void {
    let total = 0;
    for (const section of this.sections) {
      let inSection = 0;
      for (const group of section.groups) {
        let inGroup = 0;
        for (const item of group.items) {
          const children = item.children?.() ?? [];
          let shownChildren = 0;
          for (const child of children) {
            const show = !this.filtering || this.matches(child) || this.matches(item);
            child.row.classList.toggle('filtered-out', !show);
            if (show && child.row.hidden === false) shownChildren++;
          }
          const show = !this.filtering || this.matches(item) || shownChildren > 0;
          item.row.classList.toggle('filtered-out', !show);
          if (show && !item.row.hidden && (item.searchText || shownChildren > 0)) inGroup++;
        }
        group.element.classList.toggle('filtered-out', this.filtering && inGroup === 0);
        inSection += group.shown ? inGroup : 0;
      }
      section.element.classList.toggle('filtered-out', this.filtering && inSection === 0);
      const entry = this.entries.get(section.id)!;
      entry.link.classList.toggle('filtered-out', this.filtering && inSection === 0);
      entry.count.textContent = this.filtering ? ` (${inSection})` : '';
      total += inSection;
    }
    this.noMatch.textContent =
      this.filtering && total === 0
        ? t('No settings match "{0}".', this.search.value)
        : this.filtering
          ? plural(total, { one: '{0} setting found', other: '{0} settings found' })
          : '';
    this.noMatch.hidden = !this.filtering;
  }

  scrollTo(section: Section): void {
    this.chosen = section.id;
    section.element.scrollIntoView({ block: 'start' });
    section.heading.focus({ preventScroll: true });
    this.markCurrent(section.id);
  }

  /**
   * Marks the section at the top of the view (its top at or above `top`, the sticky header's bottom); at the
   * end of the page, where the last sections cannot scroll that far, the one chosen in the contents stays.
   */
  follow(top: number, atEnd: boolean): void {
    if (atEnd && this.chosen) return;
    this.chosen = undefined;
    let current = this.sections[0]?.id;
    for (const section of this.sections) {
      if (section.element.classList.contains('filtered-out')) continue;
      if (section.element.getBoundingClientRect().top <= top + 48) current = section.id;
    }
    if (current) this.markCurrent(current);
  }

  private markCurrent(id: string): void {
    for (const [sectionId, { link }] of this.entries) {
      if (sectionId === id) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  }
}
