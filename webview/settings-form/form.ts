// The settings form: the seed's settings tab (shop, ERP, after import, after realization, e-mail, other
// settings) over optima-sync.json. It is built once and then updated in place, so focus and caret survive
// every document change. Edits go to the host as path → value changes; a field with an edit the host has
// not acknowledged yet keeps what the user typed (no lost keystrokes when the document echoes back).
import type { DocumentState, FieldChange, FormContext, InitParams, JsonPath, JsonValue, Problem, ResetAction, ServiceName, ServiceResult } from '../../src/protocol/settings-form';
import { RESET_ACTIONS } from '../../src/protocol/settings-form';
import { CheckControl, el, isDisabled, setDisabled, setHidden, setOptions, uniqueId, ValueControl } from './dom';
import { setBundle, t } from './l10n';
import { pdfDelivery } from './delivery';
import {
  assignProblems,
  booleanAt,
  COMMON_SMTP_PORTS,
  parseWholeNumber,
  pdfUploadAvailable,
  pointerOf,
  realizationAvailable,
  Settings,
  stringAt,
  stringListAt,
  valueAt,
} from './model';
import type { HostClient } from './rpc';

/** How long typing pauses before a text field's value goes to the file (Enter or leaving the field sends at once). */
export const TEXT_EDIT_DELAY_MS = 350;

const PLATFORMS = ['prestashop', 'woocommerce', 'baselinker', 'apilo', 'sellasist', 'demo'] as const;
const PLATFORM_LABELS: Record<(typeof PLATFORMS)[number], string> = {
  prestashop: 'PrestaShop',
  woocommerce: 'WooCommerce',
  baselinker: 'BaseLinker',
  apilo: 'Apilo',
  sellasist: 'SellAsist',
  demo: 'Demo shop',
};

const EMPTY_CONTEXT: FormContext = {
  services: {
    setShopCredentials: false,
    testShopConnection: false,
    refreshShopStatuses: false,
    setSmtpPassword: false,
    sendTestEmail: false,
    previewTemplate: false,
    resetState: false,
  },
  shopStatuses: [],
  platformsWithPdfUpload: [],
  secrets: { shopCredentials: false, smtpPassword: false },
  trusted: true,
};

/** The DOM id of a field's control: stable, from its JSON pointer (tests and labels use it). */
function fieldId(pointer: string): string {
  return `field-${pointer.slice(1).replace(/\//g, '-')}`;
}

interface Field {
  pointer: string;
  /** Problem pointers shown beside this field (its own, plus e.g. its parent object's "required" errors). */
  claims: string[];
  problemsElement: HTMLElement;
  controls: HTMLElement[];
  update(): void;
  /** Why the field cannot be changed now (undefined = it can). */
  disabledReason?: () => string | undefined;
  /** A problem found in the form before anything is written (e.g. not a whole number). */
  localProblem?: string;
}

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
  private readonly textEditDelayMs: number;
  private settings: Settings | undefined;
  private problems: Problem[] = [];
  private context: FormContext = EMPTY_CONTEXT;
  private ackSeq = 0;
  /** pointer → seq of the field's last edit (Infinity while typing and not yet sent). */
  private readonly pending = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly flushers = new Map<string, () => void>();
  private readonly fields: Field[] = [];
  private readonly refreshers: Array<() => void> = [];
  /** True while the form writes values into its controls: their change events are not user edits. */
  private applying = false;
  private built = false;
  private interactiveReported = false;
  private today = '';
  private resetCounts: Partial<Record<ResetAction, number>> | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onInteractive: (() => void) | undefined;

  private errorPanel!: HTMLElement;
  private errorText!: HTMLElement;
  private formPanel!: HTMLElement;
  private generalProblems!: HTMLElement;

  constructor(options: SettingsFormOptions) {
    this.doc = options.document;
    this.root = options.root;
    this.client = options.client;
    this.textEditDelayMs = options.textEditDelayMs ?? TEXT_EDIT_DELAY_MS;
    this.onInteractive = options.onInteractive;
  }

  // ------------------------------------------------------------ inputs from the host

  init(params: InitParams): void {
    setBundle(params.l10n);
    this.today = params.today;
    this.build();
  }

  setDocument(state: DocumentState): void {
    if (!this.built) this.build();
    this.ackSeq = Math.max(this.ackSeq, state.ackSeq);
    this.settings = state.settings;
    this.problems = state.problems;
    if (state.syntaxError || !state.settings) {
      const { message, line, column } = state.syntaxError ?? { message: t('The settings file must be a JSON object'), line: 1, column: 1 };
      this.errorText.textContent = t('optima-sync.json is not valid JSON (line {0}, column {1}): {2}', line, column, message);
      setHidden(this.errorPanel, false);
      setHidden(this.formPanel, true);
    } else {
      setHidden(this.errorPanel, true);
      setHidden(this.formPanel, false);
      this.render();
    }
    this.root.setAttribute('aria-busy', 'false');
    if (!this.interactiveReported) {
      this.interactiveReported = true;
      this.onInteractive?.();
    }
  }

  setContext(context: FormContext): void {
    if (!this.built) this.build();
    this.context = context;
    if (this.settings) this.render();
    this.previewResetSoon();
  }

  /** Sends every edit still waiting for a pause in typing (the webview is about to lose focus or be hidden). */
  flushAll(): void {
    for (const pointer of [...this.timers.keys()]) this.flush(pointer);
  }

  /** No typing waits to be sent and no request is in flight (tests wait for this instead of sleeping). */
  isIdle(): boolean {
    return this.timers.size === 0 && this.previewTimer === undefined && this.client.inFlight() === 0 && this.interactiveReported;
  }

  // ------------------------------------------------------------ rendering

  private render(): void {
    this.applying = true;
    try {
      for (const refresh of this.refreshers) refresh();
      const claims = new Map(this.fields.map((f, i) => [String(i), f.claims]));
      const { byField, unclaimed } = assignProblems(this.problems, claims);
      this.fields.forEach((field, index) => {
        if (!this.isPending(field.pointer)) field.update();
        const reason = field.disabledReason?.();
        for (const control of field.controls) setDisabled(control, reason !== undefined);
        const problems = byField.get(String(index)) ?? [];
        const lines: Array<{ text: string; severity: string }> = problems.map((p) => ({ text: p.message, severity: p.severity }));
        if (field.localProblem) lines.unshift({ text: field.localProblem, severity: 'error' });
        field.problemsElement.replaceChildren(...lines.map((line) => el(this.doc, 'div', `problem ${line.severity}`, line.text)));
        const invalid = lines.some((line) => line.severity === 'error');
        for (const control of field.controls) {
          if (invalid) control.setAttribute('aria-invalid', 'true');
          else control.removeAttribute('aria-invalid');
        }
      });
      this.generalProblems.replaceChildren(
        ...unclaimed.map((p) => el(this.doc, 'li', `problem ${p.severity}`, p.pointer ? `${p.pointer.slice(1).replace(/\//g, '.')}: ${p.message}` : p.message)),
      );
      setHidden(this.generalProblems, unclaimed.length === 0);
    } finally {
      this.applying = false;
    }
  }

  private isPending(pointer: string): boolean {
    const seq = this.pending.get(pointer);
    if (seq === undefined) return false;
    if (seq > this.ackSeq) return true;
    this.pending.delete(pointer);
    return false;
  }

  // ------------------------------------------------------------ edits

  private send(pointer: string, changes: FieldChange[]): void {
    if (this.applying || !this.settings) return;
    const seq = this.client.edit(changes);
    this.pending.set(pointer, seq);
  }

  private sendLater(pointer: string, flush: () => void): void {
    if (this.applying) return;
    this.pending.set(pointer, Number.POSITIVE_INFINITY);
    clearTimeout(this.timers.get(pointer));
    this.flushers.set(pointer, flush);
    this.timers.set(pointer, setTimeout(() => this.flush(pointer), this.textEditDelayMs));
  }

  private flush(pointer: string): void {
    clearTimeout(this.timers.get(pointer));
    this.timers.delete(pointer);
    const flush = this.flushers.get(pointer);
    this.flushers.delete(pointer);
    if (flush) flush();
    else if (this.pending.get(pointer) === Number.POSITIVE_INFINITY) this.pending.delete(pointer);
  }

  // ------------------------------------------------------------ building blocks

  private build(): void {
    if (this.built) return;
    this.built = true;
    const doc = this.doc;
    this.root.replaceChildren();

    this.errorPanel = el(doc, 'section', 'error-panel');
    this.errorPanel.setAttribute('role', 'alert');
    this.errorPanel.id = 'syntax-error';
    this.errorText = el(doc, 'p', 'error-text');
    const reopen = this.button(t('Reopen as text'), () => this.client.reopenAsText());
    reopen.id = 'reopen-as-text';
    this.errorPanel.append(el(doc, 'h2', undefined, t('The settings file cannot be shown as a form')), this.errorText, reopen);
    setHidden(this.errorPanel, true);

    this.formPanel = el(doc, 'div', 'form');
    this.formPanel.id = 'form';
    const header = el(doc, 'header', 'form-header');
    const textLink = el(doc, 'vscode-link', undefined, t('Edit as JSON text'));
    textLink.setAttribute('href', '#');
    textLink.id = 'edit-as-text';
    textLink.addEventListener('click', (event) => {
      event.preventDefault();
      this.client.reopenAsText();
    });
    header.append(el(doc, 'h1', undefined, t('Deployment settings')), textLink);
    this.generalProblems = el(doc, 'ul', 'general-problems');
    this.generalProblems.id = 'general-problems';
    this.generalProblems.setAttribute('aria-label', t('Problems'));
    setHidden(this.generalProblems, true);
    this.formPanel.append(header, this.generalProblems);

    this.buildShop();
    this.buildErp();
    this.buildAfterImport();
    this.buildAfterRealization();
    this.buildEmail();
    this.buildOther();

    this.root.append(this.errorPanel, this.formPanel);
    setHidden(this.formPanel, true);
  }

  private section(id: string, title: string): { section: HTMLElement; note: HTMLElement } {
    const section = el(this.doc, 'section', 'form-section');
    section.id = `section-${id}`;
    const heading = el(this.doc, 'h2', undefined, title);
    heading.id = uniqueId('heading');
    section.setAttribute('aria-labelledby', heading.id);
    const note = el(this.doc, 'p', 'section-note');
    setHidden(note, true);
    section.append(heading, note);
    this.formPanel.append(section);
    return { section, note };
  }

  private row(parent: HTMLElement, ...children: HTMLElement[]): HTMLElement {
    const row = el(this.doc, 'div', 'field');
    row.append(...children);
    parent.append(row);
    return row;
  }

  private hint(text: string): HTMLElement {
    return el(this.doc, 'div', 'hint', text);
  }

  private button(label: string, onClick: () => void, appearance?: 'secondary'): HTMLElement {
    const button = el(this.doc, 'vscode-button', undefined, label);
    if (appearance) button.setAttribute('appearance', appearance);
    button.addEventListener('click', () => {
      if (!isDisabled(button)) onClick();
    });
    return button;
  }

  /** Adds a field (with the element its problems appear in) to the row and to the fields the form updates. */
  private registerField(spec: Omit<Field, 'problemsElement'>, row: HTMLElement): Field {
    const field: Field = { ...spec, problemsElement: this.problemsElement() };
    row.append(field.problemsElement);
    this.fields.push(field);
    return field;
  }

  /** Typed text is sent shortly after the last keystroke, and at once when the field is left. */
  private sendWhileTyping(control: HTMLElement, pointer: string, commit: () => void): void {
    control.addEventListener('input', () => this.sendLater(pointer, commit));
    control.addEventListener('change', () => this.flush(pointer));
    control.addEventListener('blur', () => this.flush(pointer));
  }

  private problemsElement(): HTMLElement {
    const element = el(this.doc, 'div', 'problems');
    element.setAttribute('aria-live', 'polite');
    return element;
  }

  private textField(
    parent: HTMLElement,
    path: JsonPath,
    label: string,
    options: { keepEmpty?: boolean; type?: string; hint?: string; claims?: string[]; disabledReason?: () => string | undefined } = {},
  ): ValueControl {
    const pointer = pointerOf(path);
    const control = el(this.doc, 'vscode-text-field', undefined, label) as ValueControl;
    control.id = fieldId(pointer);
    if (options.type) control.setAttribute('type', options.type);
    const commit = () => {
      const text = control.value ?? '';
      const value = text === '' && !options.keepEmpty ? undefined : text;
      if (value === valueAt(this.settings, path) || (value === undefined && valueAt(this.settings, path) === undefined)) {
        this.pending.delete(pointer);
        return;
      }
      this.send(pointer, [value === undefined ? { path } : { path, value }]);
    };
    this.sendWhileTyping(control, pointer, commit);
    const row = this.row(parent, control);
    if (options.hint) row.append(this.hint(options.hint));
    this.registerField(
      {
        pointer,
        claims: [pointer, ...(options.claims ?? [])],
        controls: [control],
        update: () => {
          const value = stringAt(this.settings, path);
          if (control.value !== value) control.value = value;
        },
        disabledReason: options.disabledReason,
      },
      row,
    );
    return control;
  }

  private numberField(parent: HTMLElement, path: JsonPath, label: string, min: number, max: number, hint?: string): ValueControl {
    const pointer = pointerOf(path);
    const control = el(this.doc, 'vscode-text-field', undefined, label) as ValueControl;
    control.id = fieldId(pointer);
    control.setAttribute('inputmode', 'numeric');
    const row = this.row(parent, control);
    if (hint) row.append(this.hint(hint));
    let localBase: string | undefined;
    const field = this.registerField(
      {
        pointer,
        claims: [pointer],
        controls: [control],
        update: () => {
          const value = stringAt(this.settings, path);
          // Keep the user's invalid text and its problem until they edit it or the file's value changes.
          if (field.localProblem && value === localBase) return;
          field.localProblem = undefined;
          if (control.value !== value) control.value = value;
        },
      },
      row,
    );
    const commit = () => {
      const value = parseWholeNumber(control.value ?? '', min, max);
      if (value === undefined) {
        field.localProblem = t('Enter a whole number from {0} to {1}', min, max);
        localBase = stringAt(this.settings, path);
        this.pending.delete(pointer);
        this.renderProblemsOnly();
        return;
      }
      field.localProblem = undefined;
      if (value === valueAt(this.settings, path)) {
        this.pending.delete(pointer);
        this.renderProblemsOnly();
        return;
      }
      this.send(pointer, [{ path, value }]);
    };
    this.sendWhileTyping(control, pointer, commit);
    return control;
  }

  /** Re-renders with the current document (e.g. to show a problem found in the form itself). */
  private renderProblemsOnly(): void {
    if (this.settings) this.render();
  }

  private checkbox(
    parent: HTMLElement,
    path: JsonPath,
    label: string,
    options: {
      claims?: string[];
      disabledReason?: () => string | undefined;
      /** An action's `enabled` flag: while checked it stays changeable even when unavailable, so it can be turned off. */
      isActionToggle?: boolean;
      also?: (checked: boolean) => FieldChange[];
      hint?: string;
    } = {},
  ): CheckControl {
    const pointer = pointerOf(path);
    const control = el(this.doc, 'vscode-checkbox', undefined, label) as CheckControl;
    control.id = fieldId(pointer);
    control.addEventListener('change', () => {
      if (this.applying) return;
      const checked = Boolean(control.checked);
      if (checked === booleanAt(this.settings, path)) return;
      this.send(pointer, [{ path, value: checked }, ...(options.also?.(checked) ?? [])]);
    });
    const row = this.row(parent, control);
    if (options.hint) row.append(this.hint(options.hint));
    this.registerField(
      {
        pointer,
        claims: [pointer, ...(options.claims ?? [])],
        controls: [control],
        update: () => {
          const checked = booleanAt(this.settings, path);
          if (Boolean(control.checked) !== checked) control.checked = checked;
        },
        disabledReason:
          options.disabledReason && options.isActionToggle
            ? () => (booleanAt(this.settings, path) ? undefined : options.disabledReason!())
            : options.disabledReason,
      },
      row,
    );
    return control;
  }

  private dropdown(
    parent: HTMLElement,
    path: JsonPath,
    label: string,
    options: () => Array<{ value: string; label: string }>,
    extra: { claims?: string[]; disabledReason?: () => string | undefined; also?: (value: string) => FieldChange[]; hint?: string } = {},
  ): ValueControl {
    const pointer = pointerOf(path);
    const id = fieldId(pointer);
    const labelElement = el(this.doc, 'label', 'dropdown-label', label);
    labelElement.setAttribute('for', id);
    const control = el(this.doc, 'vscode-dropdown') as ValueControl;
    control.id = id;
    control.setAttribute('aria-label', label);
    control.addEventListener('change', () => {
      if (this.applying) return;
      const value = control.value;
      if (!value || value === stringAt(this.settings, path)) return;
      this.send(pointer, [{ path, value }, ...(extra.also?.(value) ?? [])]);
    });
    const row = this.row(parent, labelElement, control);
    row.classList.add('dropdown-field');
    if (extra.hint) row.append(this.hint(extra.hint));
    this.registerField(
      {
        pointer,
        claims: [pointer, ...(extra.claims ?? [])],
        controls: [control],
        update: () => {
          const value = stringAt(this.settings, path);
          const list = options();
          if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: value });
          if (!value) list.unshift({ value: '', label: t('(not set)') });
          setOptions(this.doc, control, list, value);
        },
        disabledReason: extra.disabledReason,
      },
      row,
    );
    return control;
  }

  /** A shop status: a dropdown of the shop's statuses when they are known, otherwise a text field. */
  private statusPicker(parent: HTMLElement, path: JsonPath, label: string, disabledReason?: () => string | undefined): void {
    const known = () => this.context.shopStatuses.map((s) => ({ value: s.id, label: s.name === s.id ? s.id : `${s.name} (${s.id})` }));
    const dropdownRow = el(this.doc, 'div', 'status-picker');
    const textRow = el(this.doc, 'div', 'status-picker');
    parent.append(dropdownRow, textRow);
    const parentPointer = pointerOf(path.slice(0, -1));
    const dropdown = this.dropdown(dropdownRow, path, label, known, { claims: [parentPointer], disabledReason });
    const text = this.textField(textRow, path, label, {
      hint: t('Status id as the shop names it (refresh the statuses in the Shop section to pick from a list)'),
      disabledReason,
    });
    text.id += '-text';
    // The text field claims nothing of its own: its problems show beside the dropdown when that is shown.
    this.fields[this.fields.length - 1]!.claims = [];
    this.refreshers.push(() => {
      const hasList = this.context.shopStatuses.length > 0;
      setHidden(dropdownRow, !hasList);
      setHidden(textRow, hasList);
      const fields = this.fields.filter((f) => f.controls.includes(dropdown) || f.controls.includes(text));
      fields[0]!.claims = hasList ? [pointerOf(path), parentPointer] : [];
      fields[1]!.claims = hasList ? [] : [pointerOf(path), parentPointer];
    });
  }

  /** Several shop statuses: a checkbox per known status, plus free entry of an id. */
  private statusList(parent: HTMLElement, path: JsonPath, label: string, disabledReason?: () => string | undefined): void {
    const pointer = pointerOf(path);
    const group = el(this.doc, 'fieldset', 'status-list');
    group.id = fieldId(pointer);
    group.append(el(this.doc, 'legend', undefined, label));
    const boxes = el(this.doc, 'div', 'status-boxes');
    const empty = el(this.doc, 'div', 'hint', t('No statuses chosen: orders in every status are imported.'));
    const add = el(this.doc, 'vscode-text-field', undefined, t('Add a status id')) as ValueControl;
    add.id = `${group.id}-add`;
    const addButton = this.button(t('Add'), () => addStatus(), 'secondary');
    const addRow = el(this.doc, 'div', 'inline');
    addRow.append(add, addButton);
    group.append(boxes, empty, addRow);
    const row = this.row(parent, group);
    const current = () => stringListAt(this.settings, path);
    const write = (list: string[]) => this.send(pointer, [{ path, value: list }]);
    const addStatus = () => {
      const id = (add.value ?? '').trim();
      if (!id) return;
      add.value = '';
      if (!current().includes(id)) write([...current(), id]);
    };
    add.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') addStatus();
    });
    const field = this.registerField(
      {
        pointer,
        claims: [pointer],
        controls: [add, addButton],
        update: () => {
          const chosen = current();
          const statuses = this.context.shopStatuses;
          const known = new Map(statuses.map((s) => [s.id, s.name]));
          const ids = [...statuses.map((s) => s.id), ...chosen.filter((id) => !known.has(id))];
          const signature = JSON.stringify([ids, [...known]]);
          if (boxes.dataset.signature !== signature) {
            boxes.dataset.signature = signature;
            boxes.replaceChildren(
              ...ids.map((id) => {
                const name = known.get(id);
                const text = name === undefined ? (statuses.length ? t('{0} (not in the shop\'s list)', id) : id) : name === id ? id : `${name} (${id})`;
                const box = el(this.doc, 'vscode-checkbox', undefined, text) as CheckControl;
                box.dataset.status = id;
                box.addEventListener('change', () => {
                  if (this.applying) return;
                  const list = current();
                  const next = box.checked ? (list.includes(id) ? list : [...list, id]) : list.filter((s) => s !== id);
                  if (JSON.stringify(next) !== JSON.stringify(list)) write(next);
                });
                return box;
              }),
            );
          }
          for (const box of Array.from(boxes.children) as CheckControl[]) {
            const checked = chosen.includes(box.dataset.status ?? '');
            if (Boolean(box.checked) !== checked) box.checked = checked;
            const reason = disabledReason?.();
            setDisabled(box, reason !== undefined && !checked);
          }
          setHidden(empty, chosen.length > 0);
        },
        disabledReason,
      },
      row,
    );
    void field;
  }

  /** A button that calls a host service and shows its answer inline. */
  private serviceButton(
    parent: HTMLElement,
    label: string,
    service: ServiceName,
    call: () => Promise<ServiceResult> | undefined,
    options: { needsTrust?: boolean; id: string },
  ): { button: HTMLElement; result: HTMLElement } {
    const button = this.button(label, () => void run(), 'secondary');
    button.id = options.id;
    const result = el(this.doc, 'span', 'result');
    result.id = `${options.id}-result`;
    result.setAttribute('role', 'status');
    result.setAttribute('aria-live', 'polite');
    const row = el(this.doc, 'div', 'field inline');
    row.append(button, result);
    parent.append(row);
    const run = async () => {
      const request = call();
      if (!request) return;
      setDisabled(button, true);
      result.className = 'result busy';
      result.textContent = t('Working…');
      try {
        const answer = await request;
        result.className = `result ${answer.ok ? 'ok' : 'failed'}`;
        result.textContent = answer.message;
      } catch (error) {
        result.className = 'result failed';
        result.textContent = error instanceof Error ? error.message : String(error);
      } finally {
        setDisabled(button, false);
        refresh();
      }
    };
    const refresh = () => {
      const available = this.context.services[service];
      const untrusted = options.needsTrust && !this.context.trusted;
      if (result.classList.contains('busy')) return;
      setDisabled(button, !available || Boolean(untrusted));
      if (!available) {
        result.className = 'result unavailable';
        result.textContent = t('Not available yet');
      } else if (untrusted) {
        result.className = 'result unavailable';
        result.textContent = t('Trust this folder to use this');
      } else if (result.classList.contains('unavailable')) {
        result.className = 'result';
        result.textContent = '';
      }
    };
    this.refreshers.push(refresh);
    return { button, result };
  }

  private secretStatus(parent: HTMLElement, label: string, stored: () => boolean, id: string, notNeeded?: () => boolean): void {
    const status = el(this.doc, 'span', 'secret-status');
    status.id = id;
    const row = el(this.doc, 'div', 'field inline');
    row.append(el(this.doc, 'span', 'secret-label', label), status);
    parent.append(row);
    this.refreshers.push(() => {
      if (notNeeded?.()) {
        status.textContent = t('not needed for the demo shop');
        status.className = 'secret-status';
        return;
      }
      const isStored = stored();
      status.textContent = isStored ? t('stored') : t('not stored');
      status.className = `secret-status ${isStored ? 'ok' : 'missing'}`;
    });
  }

  private templateLink(parent: HTMLElement, action: 'afterImport' | 'afterRealization', disabledReason?: () => string | undefined): void {
    const link = el(this.doc, 'vscode-link', undefined, t('Message template…'));
    link.setAttribute('href', '#');
    link.id = `${action}-template-link`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (!isDisabled(link)) this.client.openTemplate(action);
    });
    this.row(parent, link);
    this.refreshers.push(() => setDisabled(link, disabledReason?.() !== undefined));
  }

  private templateNames(): Array<{ value: string; label: string }> {
    const templates = valueAt(this.settings, ['templates']);
    const names = templates && typeof templates === 'object' && !Array.isArray(templates) ? Object.keys(templates) : [];
    return names.map((name) => ({ value: name, label: name }));
  }

  // ------------------------------------------------------------ sections

  private buildShop(): void {
    const { section } = this.section('shop', t('Shop'));
    this.dropdown(section, ['shop', 'platform'], t('Platform'), () => PLATFORMS.map((p) => ({ value: p, label: t(PLATFORM_LABELS[p]) })), {
      // A platform that cannot receive PDFs turns the upload off in the same edit (one undo step).
      also: (platform) =>
        !this.context.platformsWithPdfUpload.includes(platform) && booleanAt(this.settings, ['afterRealization', 'uploadSalesPdfToShop', 'enabled'])
          ? [{ path: ['afterRealization', 'uploadSalesPdfToShop', 'enabled'], value: false }]
          : [],
    });
    this.textField(section, ['shop', 'name'], t('Shop name'), { keepEmpty: true });
    this.textField(section, ['shop', 'url'], t('Shop address (URL)'), { type: 'url', claims: ['/shop'] });
    this.statusList(section, ['shop', 'importStatuses'], t('Import orders in these statuses'));
    this.serviceButton(section, t('Refresh statuses from the shop'), 'refreshShopStatuses', () => this.client.request('refreshShopStatuses', {}), {
      needsTrust: true,
      id: 'refresh-statuses',
    });
    const isDemo = () => stringAt(this.settings, ['shop', 'platform']) === 'demo';
    this.secretStatus(section, t('Credentials:'), () => this.context.secrets.shopCredentials, 'shop-credentials-status', isDemo);
    const { button: setCredentials } = this.serviceButton(section, t('Set credentials…'), 'setShopCredentials', () => this.client.request('setShopCredentials', {}), {
      id: 'set-shop-credentials',
    });
    this.refreshers.push(() => {
      if (isDemo()) setDisabled(setCredentials, true);
    });
    this.serviceButton(section, t('Test connection'), 'testShopConnection', () => this.client.request('testShopConnection', {}), {
      needsTrust: true,
      id: 'test-connection',
    });
  }

  private buildErp(): void {
    const { section, note } = this.section('erp', t('ERP'));
    void note;
    const modes: Array<{ value: string; label: string }> = [
      { value: 'RO', label: t('RO – customer reservation (realized later)') },
      { value: 'PF', label: t('PF – pro forma invoice (realized later)') },
      { value: 'FS', label: t('FS – sales invoice at once') },
      { value: 'PA', label: t('PA – receipt at once') },
      { value: 'AUTO', label: t('AUTO – FS with a tax id, otherwise PA') },
    ];
    this.dropdown(section, ['erp', 'importMode'], t('Import mode'), () => modes, {
      // Leaving RO/PF turns the actions after realization off in the same edit (they would be invalid).
      also: (mode) =>
        ['RO', 'PF'].includes(mode)
          ? []
          : (['setStatus', 'sendEmail', 'uploadSalesPdfToShop'] as const)
              .filter((action) => booleanAt(this.settings, ['afterRealization', action, 'enabled']))
              .map((action) => ({ path: ['afterRealization', action, 'enabled'], value: false })),
    });
    this.statusList(section, ['erp', 'realizeOnStatuses'], t('Realize orders in these shop statuses'), () =>
      realizationAvailable(this.settings) ? undefined : t('Only for import mode RO or PF'),
    );
  }

  private buildAfterImport(): void {
    const { section } = this.section('after-import', t('After import'));
    this.checkbox(section, ['afterImport', 'setStatus', 'enabled'], t('Set the order status after import'));
    this.statusPicker(section, ['afterImport', 'setStatus', 'status'], t('Status'));
    this.checkbox(section, ['afterImport', 'sendEmail', 'enabled'], t('Send an e-mail to the customer'), {
      hint: t('To the address of the document payer.'),
    });
    this.dropdown(section, ['afterImport', 'sendEmail', 'template'], t('Template'), () => this.templateNames(), { claims: ['/afterImport/sendEmail'] });
    this.templateLink(section, 'afterImport');
  }

  private buildAfterRealization(): void {
    const { section, note } = this.section('after-realization', t('After realization'));
    const unavailable = () => (realizationAvailable(this.settings) ? undefined : t('Available only for import mode RO or PF.'));
    const noUpload = () =>
      unavailable() ??
      (pdfUploadAvailable(this.settings, this.context.platformsWithPdfUpload)
        ? undefined
        : t('The shop platform cannot receive sales-document PDFs through its API (only WooCommerce, BaseLinker, Apilo and the demo shop can).'));
    this.refreshers.push(() => {
      const reason = unavailable();
      note.textContent = reason ?? '';
      setHidden(note, reason === undefined);
      section.classList.toggle('unavailable', reason !== undefined);
      section.setAttribute('aria-disabled', String(reason !== undefined));
    });
    this.checkbox(section, ['afterRealization', 'setStatus', 'enabled'], t('Set the order status after realization'), { disabledReason: unavailable, isActionToggle: true });
    this.statusPicker(section, ['afterRealization', 'setStatus', 'status'], t('Status'), unavailable);
    this.checkbox(section, ['afterRealization', 'sendEmail', 'enabled'], t('Send an e-mail to the customer'), {
      disabledReason: unavailable,
      isActionToggle: true,
      hint: t('To the address of the document payer.'),
    });
    this.dropdown(section, ['afterRealization', 'sendEmail', 'template'], t('Template'), () => this.templateNames(), {
      claims: ['/afterRealization/sendEmail'],
      disabledReason: unavailable,
    });
    this.templateLink(section, 'afterRealization', unavailable);
    this.checkbox(section, ['afterRealization', 'sendEmail', 'attachSalesPdf'], t('Attach the sales document as PDF'), { disabledReason: unavailable });
    this.checkbox(section, ['afterRealization', 'uploadSalesPdfToShop', 'enabled'], t('Upload sales-document PDFs to the shop'), {
      disabledReason: noUpload,
      isActionToggle: true,
    });
    const uploadNote = el(this.doc, 'div', 'hint reason');
    uploadNote.id = 'upload-reason';
    section.append(uploadNote);
    const delivery = el(this.doc, 'div', 'hint');
    delivery.id = 'upload-delivery';
    section.append(delivery);
    this.refreshers.push(() => {
      const reason = unavailable() ? undefined : noUpload();
      uploadNote.textContent = reason ?? '';
      setHidden(uploadNote, reason === undefined);
      const gets = reason === undefined ? pdfDelivery(stringAt(this.settings, ['shop', 'platform'])) : undefined;
      delivery.textContent = gets ?? '';
      setHidden(delivery, gets === undefined);
    });
  }

  private buildEmail(): void {
    const { section } = this.section('email', t('E-mail configuration'));
    this.textField(section, ['email', 'from'], t('Sender address'), { hint: t('sklep@example.pl or Sklep <sklep@example.pl>'), claims: ['/email'] });
    this.textField(section, ['email', 'smtp', 'host'], t('SMTP server'), { claims: ['/email/smtp'] });
    this.textField(section, ['email', 'smtp', 'login'], t('SMTP login'), { keepEmpty: true, hint: t('Usually the same as the sender address.') });
    this.secretStatus(section, t('SMTP password:'), () => this.context.secrets.smtpPassword, 'smtp-password-status');
    this.serviceButton(section, t('Set password…'), 'setSmtpPassword', () => this.client.request('setSmtpPassword', {}), { id: 'set-smtp-password' });
    const port = this.numberField(section, ['email', 'smtp', 'port'], t('SMTP port'), 1, 65535);
    const commonLabel = el(this.doc, 'label', 'dropdown-label', t('Common ports'));
    const common = el(this.doc, 'vscode-dropdown') as ValueControl;
    common.id = 'common-ports';
    commonLabel.setAttribute('for', common.id);
    common.setAttribute('aria-label', t('Common ports'));
    setOptions(
      this.doc,
      common,
      [{ value: '', label: t('Choose…') }, ...COMMON_SMTP_PORTS.map((p) => ({ value: String(p.port), label: `${p.port} – ${t(p.label)}` }))],
      '',
    );
    common.addEventListener('change', () => {
      // The toolkit's dropdown reports a value the form set itself as a "change" on the next key press while
      // it has focus: only a port other than the file's is the user's choice.
      if (this.applying || !common.value || common.value === stringAt(this.settings, ['email', 'smtp', 'port'])) return;
      port.value = common.value;
      const changes: FieldChange[] = [{ path: ['email', 'smtp', 'port'], value: Number(common.value) }];
      // 465 and 587 work only with SSL/TLS on (implicit TLS, STARTTLS): the choice sets both, in one undo step.
      const chosen = COMMON_SMTP_PORTS.find((p) => String(p.port) === common.value);
      if (chosen?.tls && !booleanAt(this.settings, ['email', 'smtp', 'tls'])) changes.push({ path: ['email', 'smtp', 'tls'], value: true });
      this.send(pointerOf(['email', 'smtp', 'port']), changes);
    });
    const commonRow = this.row(section, commonLabel, common);
    commonRow.classList.add('dropdown-field');
    this.refreshers.push(() => {
      const current = stringAt(this.settings, ['email', 'smtp', 'port']);
      const value = COMMON_SMTP_PORTS.some((p) => String(p.port) === current) ? current : '';
      if (common.value !== value) common.value = value;
    });
    this.checkbox(section, ['email', 'smtp', 'tls'], t('SSL/TLS'), { hint: t('Port 465: TLS from the start; other ports: STARTTLS required.') });
    this.checkbox(section, ['email', 'smtp', 'ignoreCertificateErrors'], t('Ignore certificate errors'));
    this.checkbox(section, ['email', 'testMode', 'enabled'], t('Test mode'), {
      hint: t('Every e-mail goes to the recipient below instead of the customer. Recommended for the first days.'),
    });
    this.textField(section, ['email', 'testMode', 'recipient'], t('Recipient address'), { type: 'email', claims: ['/email/testMode'] });
    this.numberField(section, ['email', 'bulkLimit'], t('Bulk limit'), 0, 1000000, t('A pass that would e-mail more customers than this stops and asks first.'));

    const testTo = el(this.doc, 'vscode-text-field', undefined, t('Send a test e-mail to')) as ValueControl;
    testTo.id = 'test-email-to';
    testTo.setAttribute('type', 'email');
    this.row(section, testTo);
    let typed = false;
    testTo.addEventListener('input', () => {
      typed = true;
    });
    this.refreshers.push(() => {
      if (!typed) testTo.value = stringAt(this.settings, ['email', 'testMode', 'recipient']) || stringAt(this.settings, ['email', 'smtp', 'login']);
    });
    this.serviceButton(
      section,
      t('Test'),
      'sendTestEmail',
      () => {
        const to = (testTo.value ?? '').trim();
        return to ? this.client.request('sendTestEmail', { to }) : Promise.resolve({ ok: false, message: t('Enter the address for the test e-mail') });
      },
      { needsTrust: true, id: 'send-test-email' },
    );
  }

  private buildOther(): void {
    const { section } = this.section('other', t('Other settings'));
    const group = el(this.doc, 'fieldset', 'reset-panel');
    group.id = 'reset-panel';
    group.append(el(this.doc, 'legend', undefined, t('Reset reverse-update state')));
    group.append(
      this.hint(
        t('Marks the chosen actions as done for every order fetched up to the date (inclusive), so they are never sent. Reset after changing the actions above.'),
      ),
    );
    const labels: Record<ResetAction, string> = {
      'status-after-import': t('Status after import'),
      'email-after-import': t('E-mail after import'),
      'status-after-realization': t('Status after realization'),
      'email-after-realization': t('E-mail after realization'),
      'pdf-to-shop': t('PDF uploaded to the shop'),
    };
    const boxes = new Map<ResetAction, CheckControl>();
    const counts = new Map<ResetAction, HTMLElement>();
    for (const action of RESET_ACTIONS) {
      const row = el(this.doc, 'div', 'inline');
      const box = el(this.doc, 'vscode-checkbox', undefined, labels[action]) as CheckControl;
      box.id = `reset-${action}`;
      box.dataset.action = action;
      const count = el(this.doc, 'span', 'count');
      count.id = `reset-count-${action}`;
      row.append(box, count);
      group.append(row);
      boxes.set(action, box);
      counts.set(action, count);
    }
    const date = el(this.doc, 'vscode-text-field', undefined, t('Orders fetched up to (inclusive)')) as ValueControl;
    date.id = 'reset-until';
    date.setAttribute('placeholder', 'YYYY-MM-DD');
    group.append(date);
    const dateProblem = el(this.doc, 'div', 'problems');
    group.append(dateProblem);
    section.append(group);
    const until = () => (date.value ?? '').trim();
    const validDate = () => /^\d{4}-\d{2}-\d{2}$/.test(until());
    date.addEventListener('input', () => {
      dateProblem.replaceChildren(...(validDate() ? [] : [el(this.doc, 'div', 'problem error', t('A date YYYY-MM-DD'))]));
      this.previewResetSoon();
    });
    this.resetDate = () => (validDate() ? until() : undefined);
    this.showResetCounts = () => {
      for (const action of RESET_ACTIONS) {
        const value = this.resetCounts?.[action];
        counts.get(action)!.textContent = value === undefined ? '' : t('{0} order(s)', value);
      }
    };
    this.serviceButton(
      group,
      t('Reset'),
      'resetState',
      () => {
        const actions = RESET_ACTIONS.filter((a) => Boolean(boxes.get(a)!.checked));
        const day = this.resetDate();
        if (!actions.length) return Promise.resolve({ ok: false, message: t('Choose at least one action to reset') });
        if (!day) return Promise.resolve({ ok: false, message: t('A date YYYY-MM-DD') });
        return this.client.request('reset', { actions, until: day }).then((outcome) => {
          this.previewResetSoon();
          return outcome;
        });
      },
      { needsTrust: true, id: 'reset-state' },
    );
    this.refreshers.push(() => {
      if (!date.value) date.value = this.today;
    });

    this.numberField(section, ['schedule', 'autoSyncMinutes'], t('Auto-sync interval (minutes)'), 0, 1440, t('0 = off. Runs while this folder is open in VS Code.'));
    this.textField(section, ['timezone'], t('Time zone'), { hint: t('IANA name, e.g. Europe/Warsaw.') });
  }

  private resetDate: () => string | undefined = () => undefined;
  private showResetCounts: () => void = () => undefined;

  /** Live counts beside each reset action: a dry run for the date, debounced. */
  private previewResetSoon(): void {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.previewTimer = undefined;
      void this.previewReset();
    }, 200);
  }

  private async previewReset(): Promise<void> {
    const until = this.resetDate();
    if (!until || !this.context.services.resetState) {
      this.resetCounts = undefined;
      this.showResetCounts();
      return;
    }
    try {
      const outcome = await this.client.request('resetPreview', { actions: [...RESET_ACTIONS], until });
      this.resetCounts = outcome.ok ? outcome.counts : undefined;
    } catch {
      this.resetCounts = undefined;
    }
    this.showResetCounts();
  }
}

export type { JsonValue };
