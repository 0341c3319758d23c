// The compiled fast path (compile.ts) and the text alternative made once per template (text.ts) against
// LiquidJS and html-to-text themselves: the same HTML for every template shape, words in the same order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildTemplateContext,
  renderSource,
  SAMPLE_ERP_DOCUMENT,
  SAMPLE_ORDER,
  SAMPLE_SALES_DOCUMENT,
  type TemplateError,
} from '../../../src/core/mail';
import { compileParsed, newEngine, plainTextOf } from '../../../src/core/mail/engine';
import { DEFAULT_TEMPLATE_FILES } from '../../../src/core/settings/defaults';
import { deploymentFolder } from './helpers';

const REALISTIC = readFileSync(path.join(__dirname, '../../fixtures/templates/realized-realistic.html'), 'utf8');

const BODIES: Record<string, string> = {
  realistic: REALISTIC,
  ...Object.fromEntries(Object.entries(DEFAULT_TEMPLATE_FILES).map(([file, text]) => [file, text])),
  forloop:
    '<ul>{% for line in order.lines %}<li class="{% if forloop.first %}first{% endif %}">{{ forloop.index }}/{{ forloop.length }} {{ line.name }}{% if forloop.last %} (last){% endif %}</li>{% else %}none{% endfor %}</ul>',
  branches:
    '{% if buyer.company and buyer.taxId %}A{% elsif order.currency == "EUR" or order.wantsInvoice %}B{% else %}C{% endif %}{% unless buyer.phone %}no phone{% endunless %}{% if order.customerNote %}[{{ order.customerNote }}]{% endif %}{% if salesDocument.kind != "FS" %}PA{% endif %}',
  properties:
    '{{ order.lines.size }} {{ order.lines.first.name }} {{ order.lines.last.total | money: "EUR" }} {{ order.createdAt | date: "long" }} {{ buyer.company }} {{ order.wantsInvoice }}',
  escaping: '<p title="{{ buyer.name }}">{{ buyer.name }} {{ buyer.name | escape }}</p>',
  // Shapes only LiquidJS renders: the result is still LiquidJS's.
  fallback:
    '{% assign who = buyer.name | upcase %}{{ who }} {{ order.lines[0].name }} {% for l in order.lines limit: 1 %}{{ l.sku }}{% endfor %}',
  comment: 'a{% comment %} {{ nothing }} {% endcomment %}b',
};

function contexts() {
  const { settings } = deploymentFolder();
  const hostile = {
    ...SAMPLE_ORDER,
    buyer: { ...SAMPLE_ORDER.buyer, name: `Żółć <b>&amp; "O'Brien"</b>`, company: 'Łódź & Syn', phone: undefined as unknown as string },
    customerNote: 'a\n\n  b',
  };
  return [
    buildTemplateContext({ order: SAMPLE_ORDER, settings, erpDocument: SAMPLE_ERP_DOCUMENT, salesDocument: SAMPLE_SALES_DOCUMENT }),
    buildTemplateContext({ order: hostile, settings, salesDocument: SAMPLE_SALES_DOCUMENT }),
    buildTemplateContext({
      order: { ...SAMPLE_ORDER, currency: 'EUR', buyer: { ...SAMPLE_ORDER.buyer, company: undefined, taxId: undefined } },
      settings,
      salesDocument: { ...SAMPLE_SALES_DOCUMENT, kind: 'PA' },
    }),
  ];
}

const words = (text: string) =>
  text
    .replace(/[-=*]{3,}/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

describe('compiled template rendering', () => {
  it('renders the same HTML and subject as LiquidJS for every template shape and order', () => {
    const { dir, settings } = deploymentFolder();
    const liquid = newEngine(path.join(dir, 'templates'), settings.timezone, true);
    const subjects = newEngine(path.join(dir, 'templates'), settings.timezone, false);
    for (const context of contexts()) {
      for (const [name, body] of Object.entries(BODIES)) {
        const subject = 'Zamówienie {{ order.number }} – {{ buyer.name }} ({{ order.total | money }})';
        const rendered = renderSource(settings, dir, { name, subject, body }, context);
        const scope = context as unknown as Record<string, unknown>;
        assert.equal(rendered.html, liquid.parseAndRenderSync(body, scope), name);
        assert.equal(rendered.subject, (subjects.parseAndRenderSync(subject, scope) as string).trim(), name);
      }
    }
  });

  it('compiles the usual shapes and leaves the rest to LiquidJS', () => {
    const liquid = newEngine('/nonexistent', 'Europe/Warsaw', true);
    for (const name of ['realistic', 'forloop', 'branches', 'properties', 'escaping', 'comment']) {
      assert.ok(compileParsed(liquid, liquid.parse(BODIES[name]!), 'Europe/Warsaw', true).nodes, name);
    }
    assert.equal(compileParsed(liquid, liquid.parse(BODIES.fallback!), 'Europe/Warsaw', true).nodes, undefined);
  });

  it('still refuses an unknown variable inside a compiled template, with its position', () => {
    const { dir, settings } = deploymentFolder();
    const context = contexts()[0]!;
    assert.throws(
      () => renderSource(settings, dir, { name: 'x', subject: 's', body: '<p>{{ order.number }}</p>\n<p>{{ buyer.nmae }}</p>' }, context),
      (error: TemplateError) => {
        assert.equal(error.problems[0]!.code, 'unknown-variable');
        assert.match(error.message, /Unknown variable "buyer\.nmae"/);
        return true;
      },
    );
  });

  it('makes the text alternative once per template: the words of html-to-text, order lines in aligned columns', () => {
    const { dir, settings } = deploymentFolder();
    for (const context of contexts()) {
      for (const name of ['realistic', 'order-received.html', 'order-realized.html', 'forloop', 'escaping']) {
        const body = BODIES[name] ?? BODIES[`templates/${name}`];
        if (!body) continue;
        const rendered = renderSource(settings, dir, { name, subject: 's', body }, context);
        assert.deepEqual(words(rendered.text), words(plainTextOf(rendered.html)), name);
        // Wrapped at 78 like html-to-text (table rows, with their column padding, may be longer).
        assert.ok(
          rendered.text.split('\n').every((line) => line.length <= 78 || !line.includes(' ') || line.includes('   ')),
          name,
        );
      }
    }
    const text = renderSource(settings, dir, { name: 'r', subject: 's', body: REALISTIC }, contexts()[0]!).text;
    const rows = text.split('\n').filter((line) => /^(PRODUKT|Kubek|Książka)/.test(line));
    assert.equal(rows.length, 3, text);
    const column = (line: string) => line.search(/\d+\s+szt\.|ILOŚĆ/);
    assert.equal(new Set(rows.map(column)).size, 1, `columns aligned:\n${rows.join('\n')}`);
  });
});
