// Other settings: unattended runs, how long settled orders are kept, the time zone, and the reset of the
// reverse-update state (the seed's "Resetuj statusy aktualizacji zwrotnej") with live counts.
import { ACTION_KINDS as RESET_ACTIONS, type ActionKind as ResetAction } from '../../../src/core/model/actions';
import { el } from '../dom';
import { actionButton } from '../fields/actions';
import { hintElement, searchTextOf, type FormHost, type FormItem } from '../fields/item';
import { numberField, textField } from '../fields/text';
import { plural, t } from '../l10n';
import { createCheckbox, createTextField, type CheckControl } from '../toolkit';
import { Section } from './section';

/** Asks for the counts a reset would mark, debounced; the form calls it when the date or the state may have changed. */
export interface ResetPanel {
  previewSoon(): void;
  /** A preview is waiting or running. */
  busy(): boolean;
}

function resetPanel(host: FormHost): { items: FormItem[]; panel: ResetPanel } {
  const doc = host.doc;
  const labels: Record<ResetAction, string> = {
    'status-after-import': t('Status after import'),
    'email-after-import': t('E-mail after import'),
    'status-after-realization': t('Status after realization'),
    'email-after-realization': t('E-mail after realization'),
    'pdf-to-shop': t('PDF uploaded to the shop'),
  };
  const group = el(doc, 'fieldset', 'reset-panel');
  group.id = 'reset-panel';
  group.append(
    el(doc, 'legend', undefined, t('Reset reverse-update state')),
    hintElement(
      doc,
      t(
        'Marks the chosen actions as done for every order fetched up to the date (inclusive), so they are never sent. Reset after changing the actions above.',
      ),
    ),
  );
  const boxes = new Map<ResetAction, CheckControl>();
  const counts = new Map<ResetAction, HTMLElement>();
  for (const action of RESET_ACTIONS) {
    const row = el(doc, 'div', 'inline');
    const box = createCheckbox(doc, labels[action]);
    box.id = `reset-${action}`;
    const count = el(doc, 'span', 'count');
    count.id = `reset-count-${action}`;
    row.append(box, count);
    group.append(row);
    boxes.set(action, box);
    counts.set(action, count);
  }
  const date = createTextField(doc, t('Orders fetched up to (inclusive)'));
  date.id = 'reset-until';
  date.setAttribute('placeholder', 'YYYY-MM-DD');
  const dateProblem = el(doc, 'div', 'problems');
  group.append(date, dateProblem);
  const until = () => date.value.trim();
  const validDate = () => /^\d{4}-\d{2}-\d{2}$/.test(until());

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = 0;
  const show = (values: Partial<Record<ResetAction, number>> | undefined) => {
    for (const action of RESET_ACTIONS) {
      const value = values?.[action];
      counts.get(action)!.textContent = value === undefined ? '' : plural(value, { one: '{0} order', other: '{0} orders' });
    }
  };
  const preview = async () => {
    if (!validDate()) return show(undefined);
    running++;
    try {
      const outcome = await host.client.request('resetPreview', { actions: [...RESET_ACTIONS], until: until() });
      show(outcome.ok ? outcome.counts : undefined);
    } catch {
      show(undefined);
    } finally {
      running--;
    }
  };
  const panel: ResetPanel = {
    previewSoon: () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void preview();
      }, 200);
    },
    busy: () => timer !== undefined || running > 0,
  };
  date.addEventListener('input', () => {
    dateProblem.replaceChildren(...(validDate() ? [] : [el(doc, 'div', 'problem error', t('A date YYYY-MM-DD'))]));
    panel.previewSoon();
  });
  const button = actionButton(host, {
    id: 'reset-state',
    label: t('Reset'),
    needsTrust: true,
    run: async () => {
      const actions = RESET_ACTIONS.filter((a) => Boolean(boxes.get(a)!.checked));
      if (!actions.length) return { ok: false, message: t('Choose at least one action to reset') };
      if (!validDate()) return { ok: false, message: t('A date YYYY-MM-DD') };
      const outcome = await host.client.request('reset', { actions, until: until() });
      panel.previewSoon();
      return outcome;
    },
  });
  group.append(button.row);
  const holder: FormItem = {
    row: group,
    children: () => [button],
    searchText: searchTextOf(t('Reset reverse-update state'), ...Object.values(labels)),
    claims: [],
    controls: [],
    focusTarget: date,
    update: () => {
      if (!date.value) date.value = host.setup().today;
    },
  };
  return { items: [holder], panel };
}

export function otherSection(host: FormHost): { section: Section; reset: ResetPanel } {
  const section = new Section(host, 'other', t('Other settings'));
  section.add(
    numberField(host, {
      path: ['schedule', 'autoSyncMinutes'],
      label: t('Auto-sync interval (minutes)'),
      hint: t('0 = off. Runs while this folder is open in VS Code.'),
    }),
    numberField(host, {
      path: ['state', 'retentionDays'],
      label: t('Keep settled orders for (days)'),
      hint: t('After each pass, orders fetched longer ago with every action settled are pruned (0 = keep everything).'),
    }),
    textField(host, { path: ['timezone'], label: t('Time zone'), hint: t('IANA name, e.g. Europe/Warsaw.') }),
  );
  const { items, panel } = resetPanel(host);
  section.add(...items);
  return { section, reset: panel };
}
