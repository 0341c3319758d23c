// compile.ts is a second interpreter beside LiquidJS (it renders the usual shapes of a template several times
// faster; `npm run bench -- mail` measures both). It stays only while it renders exactly what LiquidJS renders:
// every shipped and example template, and a template of every documented variable with each filter, through
// both, for ordinary and hostile orders, byte for byte — and the compiled path must really be taken for them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildTemplateContext,
  SAMPLE_ERP_DOCUMENT,
  SAMPLE_ORDER,
  SAMPLE_SALES_DOCUMENT,
  type TemplateContext,
} from '../../../src/core/mail';
import { Bail, compileParsed, newEngine, renderNodes } from '../../../src/core/mail/engine';
import { flattenVariables } from '../../../src/core/mail/variables';
import type { ShopOrder } from '../../../src/core/model/order';
import { DEFAULT_TEMPLATE_FILES, defaultSettings } from '../../../src/core/settings/defaults';
import { settingsWith } from './helpers';

const FIXTURES = path.join(__dirname, '../../fixtures');

/** Every template file the repository ships or uses as an example: init's, the test deployments', the bench's. */
function templateFiles(): Record<string, string> {
  const files: Record<string, string> = { ...DEFAULT_TEMPLATE_FILES };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) files[path.relative(FIXTURES, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(FIXTURES);
  return files;
}

/** The subjects (and any inline body) of init's templates. */
function settingsTemplates(): Record<string, string> {
  const templates = (defaultSettings() as { templates: Record<string, { subject: string; body?: string }> }).templates;
  return Object.fromEntries(
    Object.entries(templates).flatMap(([name, t]) => [[`${name}.subject`, t.subject], ...(t.body ? [[`${name}.body`, t.body]] : [])]),
  );
}

/** One output of every documented value, plain and through the filter meant for it, and each list walked. */
function everyVariableTemplate(): string {
  const parts: string[] = [];
  for (const { path: variable, node } of flattenVariables()) {
    if (variable.includes('[]') || node.kind === 'object') continue;
    const guarded = (body: string) => (node.optional ? `{% if ${variable} %}${body}{% else %}-{% endif %}` : body);
    if (node.kind === 'list') {
      parts.push(
        `<ul>{% for item in ${variable} %}<li>{{ forloop.index }}/{{ forloop.length }} {{ item.name }} {{ item.quantity }} {{ item.total | money }}</li>{% else %}none{% endfor %}</ul>{{ ${variable}.size }}`,
      );
      continue;
    }
    const filter = node.kind === 'money' ? ' | money' : node.kind === 'date' ? ' | date: "long"' : '';
    parts.push(`<p data-v="{{ ${variable} }}">${guarded(`{{ ${variable}${filter} }} {{ ${variable} | escape }}`)}</p>`);
  }
  return parts.join('\n');
}

/** Orders a customer could make: ordinary, and every kind of text that has bitten a template engine. */
function hostileOrders(): ShopOrder[] {
  const nasty = [
    '<script>alert("x")</script>',
    `O'Brien & "Syn" <b>bold</b> &amp; &#39;`,
    '{{ order.number }} {% if true %}injected{% endif %}',
    'Żółć Gęślą Jaźń — „cudzysłów” 😀 \u202Eright-to-left',
    '  leading\n\n\ttabs and\r\nnew lines  ',
    'x'.repeat(5000),
  ];
  return nasty.map((text, i) => ({
    ...SAMPLE_ORDER,
    id: `H${i}`,
    number: `ZAM/${text.slice(0, 40)}`,
    customerNote: text,
    buyer: { ...SAMPLE_ORDER.buyer, name: text, company: i % 2 ? text : undefined, phone: i % 3 ? undefined : text },
    lines: i === 4 ? [] : SAMPLE_ORDER.lines.map((line) => ({ ...line, name: `${line.name} ${text}` })),
  }));
}

function contexts(): Array<{ label: string; context: TemplateContext }> {
  const settings = settingsWith();
  return [
    {
      label: 'sample order, imported and realized',
      context: buildTemplateContext({
        order: SAMPLE_ORDER,
        settings,
        erpDocument: SAMPLE_ERP_DOCUMENT,
        salesDocument: SAMPLE_SALES_DOCUMENT,
      }),
    },
    {
      label: 'sample order in EUR, receipt',
      context: buildTemplateContext({
        order: { ...SAMPLE_ORDER, currency: 'EUR' },
        settings,
        salesDocument: { ...SAMPLE_SALES_DOCUMENT, kind: 'PA' },
      }),
    },
    ...hostileOrders().map((order) => ({
      label: `hostile ${order.id}`,
      context: buildTemplateContext({ order, settings, erpDocument: SAMPLE_ERP_DOCUMENT, salesDocument: SAMPLE_SALES_DOCUMENT }),
    })),
  ];
}

describe('compile.ts renders exactly what LiquidJS renders', () => {
  const timeZone = settingsWith().timezone;
  const html = newEngine('/nonexistent', timeZone, true);
  const subject = newEngine('/nonexistent', timeZone, false);
  const sources: Array<{ name: string; text: string; engine: typeof html }> = [
    ...Object.entries(templateFiles()).map(([name, text]) => ({ name, text, engine: html })),
    ...Object.entries(settingsTemplates()).map(([name, text]) => ({ name, text, engine: name.endsWith('.subject') ? subject : html })),
    { name: 'every documented variable', text: everyVariableTemplate(), engine: html },
  ];

  it('finds the shipped templates, the fixtures and every documented variable', () => {
    for (const name of [
      'templates/order-received.html',
      'templates/order-realized.html',
      'templates/realized-realistic.html',
      'order-received.subject',
    ]) {
      assert.ok(
        sources.some((s) => s.name === name),
        name,
      );
    }
    assert.ok(everyVariableTemplate().includes('{{ salesDocument.number }}'));
  });

  for (const source of sources) {
    it(`${source.name}: the compiled path is taken and renders LiquidJS's bytes for every order`, () => {
      const parsed = source.engine.parse(source.text);
      const nodes = compileParsed(source.engine, parsed, timeZone, source.engine === html).nodes;
      assert.ok(nodes, 'compile.ts handles this template (else the comparison would be LiquidJS against itself)');
      let compared = 0;
      for (const { label, context } of contexts()) {
        const scope = context as unknown as Record<string, unknown>;
        let expected: string;
        try {
          expected = source.engine.renderSync(parsed, scope) as string;
        } catch (liquidError) {
          // LiquidJS refuses (an absent document, say): the compiled path must hand over, so its error is the one shown.
          assert.throws(
            () => renderNodes(nodes, scope),
            Bail,
            `${source.name}, ${label}: LiquidJS said ${(liquidError as Error).message.split('\n')[0]}`,
          );
          continue;
        }
        let actual: string;
        try {
          actual = renderNodes(nodes, scope).join('');
        } catch (error) {
          // Bail: the compiled path hands this message to LiquidJS, which then renders it; nothing to compare.
          if (error instanceof Bail) continue;
          throw error;
        }
        assert.equal(actual, expected, `${source.name}, ${label}`);
        compared++;
      }
      assert.ok(compared >= 2, `compared ${compared} of ${contexts().length} orders (the rest bailed or were refused)`);
    });
  }

  it("escapes hostile text the same way: no tag of the customer's survives, an injected tag stays text", () => {
    const parsed = html.parse('<p>{{ buyer.name }}</p><p>{{ order.customerNote }}</p>');
    const nodes = compileParsed(html, parsed, timeZone, true).nodes!;
    for (const { context } of contexts().filter((c) => c.label.startsWith('hostile'))) {
      const out = renderNodes(nodes, context as unknown as Record<string, unknown>).join('');
      assert.doesNotMatch(out, /<script|<b>/);
      assert.equal(out, html.renderSync(parsed, context as unknown as Record<string, unknown>));
    }
    const injected = renderNodes(
      nodes,
      contexts().find((c) => c.label === 'hostile H2')!.context as unknown as Record<string, unknown>,
    ).join('');
    assert.match(injected, /\{\{ order\.number \}\} \{% if true %\}injected\{% endif %\}/);
  });
});
