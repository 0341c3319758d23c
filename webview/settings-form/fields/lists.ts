// Settings that are lists: shop statuses (a checkbox per status the shop has, plus free entry of an id)
// and e-mail addresses (one row per address with "Remove", plus an address field).
import { el } from '../dom';
import { t } from '../l10n';
import { keyOf, pointerOf, stringListAt, type SettingsPath } from '../model';
import { createButton, createCheckbox, createTextField, isDisabled, setDisabled, type CheckControl } from '../toolkit';
import { fieldId, fieldRow, hintElement, problemsElement, searchTextOf, type FormHost, type FormItem } from './item';

interface ListSpec {
  path: SettingsPath;
  label: string;
  hint?: string;
  addLabel: string;
  /** Shown while the list is empty. */
  emptyText: string;
  disabledReason?: () => string | undefined;
  addType?: string;
}

/** The group, its "add" row and the item around them; `entries` draws the list's current entries. */
function listItem(host: FormHost, spec: ListSpec, entries: HTMLElement, refresh: () => void): FormItem {
  const pointer = pointerOf(spec.path);
  const group = el(host.doc, 'fieldset', 'list-field');
  group.id = fieldId(pointer);
  group.append(el(host.doc, 'legend', undefined, spec.label));
  const empty = el(host.doc, 'div', 'hint', spec.emptyText);
  const add = createTextField(host.doc, spec.addLabel, spec.addType);
  add.id = `${group.id}-add`;
  const addButton = createButton(host.doc, t('Add'));
  addButton.id = `${group.id}-add-button`;
  const addRow = el(host.doc, 'div', 'inline');
  addRow.append(add, addButton);
  group.append(entries, empty, addRow);
  if (spec.hint) group.append(hintElement(host.doc, spec.hint));
  const addEntry = () => {
    const entry = add.value.trim();
    if (!entry || isDisabled(addButton)) return;
    add.value = '';
    const list = stringListAt(host.settings(), spec.path);
    if (!list.includes(entry)) host.send(pointer, [{ path: spec.path, value: [...list, entry] }]);
  };
  addButton.addEventListener('click', addEntry);
  add.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') addEntry();
  });
  const problems = problemsElement(host.doc);
  const row = fieldRow(host.doc, keyOf(spec.path), group, problems);
  return {
    row,
    searchText: searchTextOf(spec.label, spec.hint, keyOf(spec.path)),
    claims: [pointer],
    problems,
    controls: [add, addButton],
    focusTarget: add,
    pointer,
    update: () => {
      refresh();
      empty.hidden = stringListAt(host.settings(), spec.path).length > 0;
    },
    ...(spec.disabledReason ? { disabledReason: spec.disabledReason } : {}),
  };
}

/** Several shop statuses: a checkbox per status of the shop's list (and per id in the file it lacks). */
export function statusList(host: FormHost, spec: Omit<ListSpec, 'addLabel' | 'emptyText'>): FormItem {
  const boxes = el(host.doc, 'div', 'list-entries');
  const write = (list: string[]) => host.send(pointerOf(spec.path), [{ path: spec.path, value: list }]);
  return listItem(
    host,
    { ...spec, addLabel: t('Add a status id'), emptyText: t('No statuses chosen: orders in every status are imported.') },
    boxes,
    () => {
      const chosen = stringListAt(host.settings(), spec.path);
      const statuses = host.context().shopStatuses;
      const known = new Map(statuses.map((s) => [s.id, s.name]));
      const ids = [...statuses.map((s) => s.id), ...chosen.filter((id) => !known.has(id))];
      const signature = JSON.stringify([ids, [...known]]);
      if (boxes.dataset.signature !== signature) {
        boxes.dataset.signature = signature;
        boxes.replaceChildren(
          ...ids.map((id) => {
            const name = known.get(id);
            const text =
              name === undefined ? (statuses.length ? t("{0} (not in the shop's list)", id) : id) : name === id ? id : `${name} (${id})`;
            const box = createCheckbox(host.doc, text);
            box.dataset.status = id;
            box.addEventListener('change', () => {
              if (host.applying()) return;
              const list = stringListAt(host.settings(), spec.path);
              const next = box.checked ? (list.includes(id) ? list : [...list, id]) : list.filter((s) => s !== id);
              if (JSON.stringify(next) !== JSON.stringify(list)) write(next);
            });
            return box;
          }),
        );
      }
      const reason = spec.disabledReason?.();
      for (const box of Array.from(boxes.children) as CheckControl[]) {
        const checked = chosen.includes(box.dataset.status ?? '');
        if (Boolean(box.checked) !== checked) box.checked = checked;
        setDisabled(box, reason !== undefined && !checked);
      }
    },
  );
}

/** A list of e-mail addresses: each with "Remove", and a field to add one. */
export function addressList(host: FormHost, spec: Omit<ListSpec, 'addLabel' | 'addType'> & { addLabel?: string }): FormItem {
  const rows = el(host.doc, 'div', 'list-entries');
  return listItem(host, { ...spec, addLabel: spec.addLabel ?? t('Add an address'), addType: 'email' }, rows, () => {
    const list = stringListAt(host.settings(), spec.path);
    if (rows.dataset.signature === JSON.stringify(list)) return;
    rows.dataset.signature = JSON.stringify(list);
    rows.replaceChildren(
      ...list.map((address) => {
        const entry = el(host.doc, 'div', 'inline list-entry');
        entry.dataset.entry = address;
        const remove = createButton(host.doc, t('Remove'));
        remove.setAttribute('aria-label', t('Remove {0}', address));
        remove.addEventListener('click', () => {
          if (isDisabled(remove)) return;
          host.send(pointerOf(spec.path), [
            { path: spec.path, value: stringListAt(host.settings(), spec.path).filter((a) => a !== address) },
          ]);
        });
        entry.append(el(host.doc, 'span', 'entry-text', address), remove);
        return entry;
      }),
    );
  });
}
