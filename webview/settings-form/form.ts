// The settings form over optima-sync.json: the sections (one module each), the table of contents and the
// filter, built once and then updated in place, so focus and caret survive every document change. Edits
// go to the host as path → value changes; a field with an edit the host has not acknowledged yet keeps what
// the user typed (no lost keystrokes when the document echoes back).
import type { DocumentState, FieldChange, FormContext, InitParams, Problem } from '../../src/protocol/settings-form';
import { el } from './dom';
import { PendingEdits } from './edits';
import type { FormHost, FormItem, KnownContext } from './fields/item';
import { setBundle, t } from './l10n';
import { assignProblems, ownerOf, type Settings } from './model';
import { Navigation } from './navigation';
import type { HostClient } from './rpc';
import { afterImportSection } from './sections/after-import';
import { afterRealizationSection } from './sections/after-realization';
import { alertsSection } from './sections/alerts';
import { emailSection } from './sections/email';
import { erpSection } from './sections/erp';
import { otherSection, type ResetPanel } from './sections/other';
import type { Section } from './sections/section';
import { shopSection } from './sections/shop';
import { templatesSection } from './sections/templates';
import { createButton, createLink, focusControl, setDisabled } from './toolkit';

/** How long typing pauses before a text field's value goes to the file (Enter or leaving the field sends at once). */
export const TEXT_EDIT_DELAY_MS = 350;
/** How long a revealed field stays marked. */
const REVEAL_MARK_MS = 2500;

export interface SettingsFormOptions {
  document: Document;
  root: HTMLElement;
  client: HostClient;
  /** Called once, after the first document has been rendered and the form takes input. */
  onInteractive?: () => void;
  textEditDelayMs?: number;
}

export class SettingsForm {
  private readonly doc: Document;
  private readonly root: HTMLElement;
  private readonly client: HostClient;
  private readonly edits: PendingEdits;
  private settings: Settings | undefined;
  private problems: Problem[] = [];
  private context: KnownContext = { shopStatuses: [], trusted: true };
  private setup = { today: '', platformsWithPdfUpload: [] as readonly string[] };
  /** True while the form writes values into its controls: their change events are not user edits. */
  private applying = false;
  private built = false;
  private interactiveReported = false;
  private readonly onInteractive: (() => void) | undefined;
  private sections: Section[] = [];
  private reset: ResetPanel | undefined;
  private navigation!: Navigation;
  private errorPanel!: HTMLElement;
  private errorText!: HTMLElement;
  private formPanel!: HTMLElement;
  private generalProblems!: HTMLElement;
  private pendingReveal: string | undefined;

  constructor(options: SettingsFormOptions) {
    this.doc = options.document;
    this.root = options.root;
    this.client = options.client;
    this.edits = new PendingEdits(this.client, options.textEditDelayMs ?? TEXT_EDIT_DELAY_MS);
    this.onInteractive = options.onInteractive;
  }

  // ------------------------------------------------------------ inputs from the host

  init(params: InitParams): void {
    setBundle(params.l10n, params.language);
    this.setup = { today: params.today, platformsWithPdfUpload: params.platformsWithPdfUpload };
    this.context = { ...this.context, trusted: params.trusted };
    this.build();
  }

  setDocument(state: DocumentState): void {
    this.build();
    this.edits.acknowledge(state.ackSeq);
    this.settings = state.settings;
    this.problems = state.problems;
    if (state.syntaxError || !state.settings) {
      const { message, line, column } = state.syntaxError ?? { message: t('The settings file must be a JSON object'), line: 1, column: 1 };
      this.errorText.textContent = t('optima-sync.json is not valid JSON (line {0}, column {1}): {2}', line, column, message);
      this.errorPanel.hidden = false;
      this.formPanel.hidden = true;
    } else {
      this.errorPanel.hidden = true;
      this.formPanel.hidden = false;
      this.render();
      if (this.pendingReveal !== undefined) this.reveal(this.pendingReveal);
    }
    this.root.setAttribute('aria-busy', 'false');
    if (!this.interactiveReported) {
      this.interactiveReported = true;
      this.onInteractive?.();
    }
  }

  setContext(context: FormContext): void {
    this.build();
    this.context = context;
    if (this.settings) this.render();
    this.reset?.previewSoon();
  }

  /** Shows the field of a setting: the filter cleared, scrolled into view, focused and marked for a moment. */
  reveal(pointer: string): void {
    if (!this.settings) {
      this.pendingReveal = pointer;
      return;
    }
    this.pendingReveal = undefined;
    this.navigation.clear();
    const owners = new Map<string, FormItem>();
    for (const item of this.items()) if (!item.row.hidden) for (const claim of item.claims) if (!owners.has(claim)) owners.set(claim, item);
    const item = ownerOf(pointer, owners);
    const target = item?.row ?? this.generalProblems;
    target.scrollIntoView({ block: 'center' });
    if (item?.focusTarget) focusControl(item.focusTarget);
    for (const marked of Array.from(this.root.querySelectorAll('.revealed'))) marked.classList.remove('revealed');
    target.classList.add('revealed');
    target.dataset.revealed = pointer;
    setTimeout(() => target.classList.remove('revealed'), REVEAL_MARK_MS);
  }

  /** Sends every edit still waiting for a pause in typing (the webview is about to lose focus or be hidden). */
  flushAll(): void {
    this.edits.flushAll();
  }

  /** No typing waits to be sent and no request is in flight (tests wait for this instead of sleeping). */
  isIdle(): boolean {
    return this.edits.quiet && !this.reset?.busy() && this.client.inFlight() === 0 && this.interactiveReported;
  }

  // ------------------------------------------------------------ rendering

  private items(): FormItem[] {
    return this.sections.flatMap((section) => section.items);
  }

  private render(): void {
    this.applying = true;
    try {
      for (const section of this.sections) section.refresh();
      const items = this.items();
      for (const item of items) item.row.hidden = item.shownWhen ? !item.shownWhen() : false;
      for (const section of this.sections) for (const group of section.groups) group.element.hidden = !group.shown;
      const shown = items.filter((item) => !item.row.hidden);
      const claims = new Map(shown.map((item, i) => [String(i), item.claims]));
      const { byField, unclaimed } = assignProblems(this.problems, claims);
      shown.forEach((item, index) => this.renderItem(item, byField.get(String(index)) ?? []));
      for (const item of items) if (item.row.hidden) this.renderItem(item, []);
      this.generalProblems.replaceChildren(...unclaimed.map((p) => el(this.doc, 'li', `problem ${p.severity}`, p.message)));
      this.generalProblems.hidden = unclaimed.length === 0;
      this.navigation.apply();
    } finally {
      this.applying = false;
    }
  }

  private renderItem(item: FormItem, problems: Problem[]): void {
    if (!item.pointer || !this.edits.isPending(item.pointer)) item.update();
    const disabled = item.disabledReason?.() !== undefined;
    for (const control of item.controls) setDisabled(control, disabled);
    if (!item.problems) return;
    const lines = problems.map((p) => ({ text: p.fieldMessage, severity: p.severity }));
    if (item.localProblem) lines.unshift({ text: item.localProblem, severity: 'error' });
    item.problems.replaceChildren(...lines.map((line) => el(this.doc, 'div', `problem ${line.severity}`, line.text)));
    const invalid = lines.some((line) => line.severity === 'error');
    for (const control of item.controls) {
      if (invalid) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  // ------------------------------------------------------------ building

  private host(): FormHost {
    return {
      doc: this.doc,
      client: this.client,
      edits: this.edits,
      settings: () => this.settings,
      context: () => this.context,
      setup: () => this.setup,
      applying: () => this.applying,
      send: (pointer: string, changes: FieldChange[]) => {
        if (!this.applying && this.settings) this.edits.send(pointer, changes);
      },
      rerender: () => {
        if (this.settings) this.render();
      },
    };
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    const doc = this.doc;
    const host = this.host();
    this.root.replaceChildren();

    this.errorPanel = el(doc, 'section', 'error-panel');
    this.errorPanel.setAttribute('role', 'alert');
    this.errorPanel.id = 'syntax-error';
    this.errorText = el(doc, 'p', 'error-text');
    const reopen = createButton(doc, t('Reopen as text'), 'primary');
    reopen.id = 'reopen-as-text';
    reopen.addEventListener('click', () => this.client.command('reopenAsText'));
    this.errorPanel.append(el(doc, 'h2', undefined, t('The settings file cannot be shown as a form')), this.errorText, reopen);
    this.errorPanel.hidden = true;

    const other = otherSection(host);
    this.reset = other.reset;
    this.sections = [
      shopSection(host),
      erpSection(host),
      afterImportSection(host),
      afterRealizationSection(host),
      emailSection(host),
      templatesSection(host),
      alertsSection(host),
      other.section,
    ];
    this.navigation = new Navigation(doc, this.sections);

    this.formPanel = el(doc, 'div', 'form');
    this.formPanel.id = 'form';
    const header = el(doc, 'header', 'form-header');
    const textLink = createLink(doc, t('Edit as JSON text'));
    textLink.id = 'edit-as-text';
    textLink.addEventListener('click', (event) => {
      event.preventDefault();
      this.client.command('reopenAsText');
    });
    const title = el(doc, 'div', 'title-row');
    title.append(el(doc, 'h1', undefined, t('Deployment settings')), textLink);
    header.append(title, this.navigation.search, this.navigation.noMatch);
    this.generalProblems = el(doc, 'ul', 'general-problems');
    this.generalProblems.id = 'general-problems';
    this.generalProblems.setAttribute('aria-label', t('Problems'));
    this.generalProblems.hidden = true;
    const content = el(doc, 'div', 'sections');
    content.append(this.generalProblems, ...this.sections.map((section) => section.element));
    const layout = el(doc, 'div', 'layout');
    layout.append(this.navigation.toc, content);
    this.formPanel.append(header, layout);
    this.formPanel.hidden = true;
    this.root.append(this.errorPanel, this.formPanel);
    const view = doc.defaultView;
    view?.addEventListener(
      'scroll',
      () => {
        const atEnd = view.scrollY + view.innerHeight >= doc.documentElement.scrollHeight - 2;
        this.navigation.follow(header.getBoundingClientRect().bottom, atEnd);
      },
      { passive: true },
    );
  }
}
