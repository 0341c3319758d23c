// What is not a setting: buttons that ask a feature (their answer shown inline), whether a secret is stored,
// "Message template…" links and notes. Every feature's service exists from the start: a button is usable as
// soon as the form shows, unless the workspace is untrusted (sending, testing and resetting) or the setting
// it needs rules it out.
import type { ActionResult } from '../../../src/protocol/settings-form';
import { el } from '../dom';
import { t } from '../l10n';
import { createButton, createLink, isDisabled, setDisabled } from '../toolkit';
import { searchTextOf, type FormHost, type FormItem } from './item';

export interface ActionSpec {
  id: string;
  label: string;
  hint?: string;
  /** Reaches a server or changes state: refused in an untrusted workspace. */
  needsTrust?: boolean;
  /** The request; an immediate answer (e.g. "enter an address first") needs no host. */
  run: () => Promise<ActionResult> | ActionResult;
  disabledReason?: () => string | undefined;
  shownWhen?: () => boolean;
}

export function actionButton(host: FormHost, spec: ActionSpec): FormItem {
  const button = createButton(host.doc, spec.label);
  button.id = spec.id;
  const result = el(host.doc, 'span', 'result');
  result.id = `${spec.id}-result`;
  result.setAttribute('role', 'status');
  result.setAttribute('aria-live', 'polite');
  const row = el(host.doc, 'div', 'field inline');
  row.append(button, result);
  if (spec.hint) row.append(el(host.doc, 'div', 'hint', spec.hint));
  let busy = false;
  const untrusted = () => Boolean(spec.needsTrust) && !host.context().trusted;
  const update = () => {
    if (busy) return;
    const blocked = untrusted();
    setDisabled(button, blocked || spec.disabledReason?.() !== undefined);
    if (blocked) {
      result.className = 'result unavailable';
      result.textContent = t('Trust this folder to use this');
    } else if (result.classList.contains('unavailable')) {
      result.className = 'result';
      result.textContent = '';
    }
  };
  button.addEventListener('click', () => {
    if (busy || isDisabled(button) || untrusted()) return;
    busy = true;
    setDisabled(button, true);
    result.className = 'result busy';
    result.textContent = t('Working…');
    void Promise.resolve()
      .then(spec.run)
      .then(
        (answer) => {
          result.className = `result ${answer.ok ? 'ok' : 'failed'}`;
          result.textContent = answer.message;
        },
        (error: unknown) => {
          result.className = 'result failed';
          result.textContent = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        busy = false;
        update();
      });
  });
  return {
    row,
    searchText: searchTextOf(spec.label, spec.hint),
    claims: [],
    controls: [],
    focusTarget: button,
    update,
    ...(spec.shownWhen ? { shownWhen: spec.shownWhen } : {}),
  };
}

/** "stored" / "not stored" for a secret kept in VS Code's secret storage (never its value). */
export function secretStatus(
  host: FormHost,
  spec: { id: string; label: string; stored: () => boolean | undefined; notNeeded?: () => string | undefined; shownWhen?: () => boolean },
): FormItem {
  const status = el(host.doc, 'span', 'secret-status');
  status.id = spec.id;
  const row = el(host.doc, 'div', 'field inline');
  row.append(el(host.doc, 'span', 'secret-label', spec.label), status);
  return {
    row,
    searchText: spec.label,
    claims: [],
    controls: [],
    update: () => {
      const reason = spec.notNeeded?.();
      const stored = spec.stored();
      status.textContent = reason ?? (stored === undefined ? '…' : stored ? t('stored') : t('not stored'));
      status.className = `secret-status ${reason || stored === undefined ? '' : stored ? 'ok' : 'missing'}`;
    },
    ...(spec.shownWhen ? { shownWhen: spec.shownWhen } : {}),
  };
}

/** A link that runs `open` (e.g. "Message template…"); hidden while `shownWhen` says so. */
export function linkItem(host: FormHost, spec: { id: string; label: string; open: () => void; shownWhen?: () => boolean }): FormItem {
  const link = createLink(host.doc, spec.label);
  link.id = spec.id;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    spec.open();
  });
  const row = el(host.doc, 'div', 'field');
  row.append(link);
  return {
    row,
    searchText: spec.label,
    claims: [],
    controls: [],
    focusTarget: link,
    update: () => undefined,
    ...(spec.shownWhen ? { shownWhen: spec.shownWhen } : {}),
  };
}

/** A note (a reason, what a choice does) that shows while `text` returns one. */
export function noteItem(host: FormHost, spec: { id: string; text: () => string | undefined; className?: string }): FormItem {
  const note = el(host.doc, 'div', spec.className ?? 'hint reason');
  note.id = spec.id;
  return {
    row: note,
    searchText: '',
    claims: [],
    controls: [],
    shownWhen: () => spec.text() !== undefined,
    update: () => {
      note.textContent = spec.text() ?? '';
    },
  };
}
