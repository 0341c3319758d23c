// Message templates (the seed's "Szablon wiadomości"): per template its subject and where its HTML body is
// (a file, opened in the editor beside the form with the preview; or inline in the settings). The items
// follow the file: one set per template name.
import { el } from '../dom';
import { linkItem } from '../fields/actions';
import { problemsElement, searchTextOf, type FormHost, type FormItem } from '../fields/item';
import { textField } from '../fields/text';
import { t } from '../l10n';
import { pointerOf, templateNames, valueAt } from '../model';
import { Section } from './section';

/** The template's name as a heading, with the problems of the template as a whole (body and bodyFile). */
function heading(host: FormHost, name: string): FormItem {
  const row = el(host.doc, 'div', 'template-heading');
  const problems = problemsElement(host.doc);
  row.append(el(host.doc, 'h3', undefined, name), problems);
  return {
    row,
    searchText: searchTextOf(name, `templates.${name}`),
    claims: [pointerOf(['templates', name])],
    problems,
    controls: [],
    update: () => undefined,
  };
}

function templateItems(host: FormHost, name: string): FormItem[] {
  const inline = () => valueAt(host.settings(), ['templates', name, 'body']) !== undefined;
  return [
    heading(host, name),
    textField(host, {
      path: ['templates', name, 'subject'],
      label: t('Subject'),
      keepEmpty: true,
      hint: t('One line; Liquid like {{ order.number }}.'),
    }),
    textField(host, {
      path: ['templates', name, 'bodyFile'],
      label: t('Body file'),
      hint: t('HTML (Liquid) in a file relative to this folder, e.g. templates/realized.html.'),
      shownWhen: () => !inline(),
    }),
    linkItem(host, {
      id: `template-${name}-open`,
      label: t('Open the body file…'),
      open: () => host.client.command('openTemplateBody', { name }),
      shownWhen: () => !inline(),
    }),
    textField(host, {
      path: ['templates', name, 'body'],
      label: t('Body (HTML, inline)'),
      multiline: true,
      keepEmpty: true,
      shownWhen: inline,
    }),
  ];
}

export function templatesSection(host: FormHost): Section {
  const section = new Section(host, 'templates', t('Message templates'));
  const container = el(host.doc, 'div', 'templates');
  const empty = el(host.doc, 'div', 'hint', t('No templates yet: "Message template…" of an action creates one.'));
  let signature = '';
  let items: FormItem[] = [];
  const children = () => {
    const names = templateNames(host.settings());
    if (JSON.stringify(names) !== signature) {
      signature = JSON.stringify(names);
      const groups = names.map((name) => {
        const group = el(host.doc, 'div', 'template');
        group.dataset.template = name;
        const own = templateItems(host, name);
        group.append(...own.map((item) => item.row));
        return { group, own };
      });
      items = groups.flatMap((g) => g.own);
      container.replaceChildren(...groups.map((g) => g.group));
    }
    empty.hidden = names.length > 0;
    return items;
  };
  const holder = el(host.doc, 'div', 'field');
  holder.append(empty, container);
  section.add({ row: holder, searchText: '', claims: [], controls: [], update: () => undefined, children });
  return section;
}
