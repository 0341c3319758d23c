// The template libraries (LiquidJS, html-to-text), a lazy chunk (chunk-templates.js) that templates.ts loads
// on the first render or check. Stateless apart from the engines it returns: the caller caches them.
import { compile as compileHtmlToText } from 'html-to-text';
import { Liquid, type Template } from 'liquidjs';
import { compileTemplate, type Node } from './compile';
import { DATE_STYLES, type DateStyle, formatDate, formatMoney } from './format';
import { CELL, textTemplate } from './text';

export { Bail, renderNodes, type Node } from './compile';
export { TokenKind } from 'liquidjs';
export { finishText } from './text';

export function newEngine(templatesDir: string, timeZone: string, escape: boolean): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    // `{% if salesDocument %}` may test for a document that does not exist yet; output still fails loudly.
    lenientIf: true,
    strictFilters: true,
    ownPropertyOnly: true,
    outputEscape: escape ? 'escape' : undefined,
    root: [templatesDir],
    partials: [templatesDir],
    layouts: [templatesDir],
    extname: '.html',
    relativeReference: false,
  });
  liquid.registerFilter('money', function (this: { context: { environments: unknown } }, value: unknown, currency?: unknown) {
    const scope = this.context.environments as { order?: { currency?: string } };
    const code = typeof currency === 'string' && currency ? currency : (scope.order?.currency ?? 'PLN');
    return formatMoney(value as number | null | undefined, code);
  });
  liquid.registerFilter('date', (value: unknown, style?: unknown) => {
    const chosen: DateStyle =
      typeof style === 'string' && (DATE_STYLES as readonly string[]).includes(style) ? (style as DateStyle) : 'date';
    return formatDate(value as string | null | undefined, chosen, timeZone);
  });
  return liquid;
}

export const plainTextOf = compileHtmlToText({
  wordwrap: 78,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    // Order lines stay aligned columns in the text alternative (costs ~20% of the conversion; worth it).
    { selector: 'table', format: 'dataTable' },
  ],
});

/** html-to-text over a masked template (text.ts): no wrapping yet, table cells ended by a marker to align. */
const convertMasked = compileHtmlToText({
  wordwrap: false,
  formatters: {
    cell: (elem, walk, builder) => {
      walk(elem.children, builder);
      builder.addLiteral(CELL);
    },
    // Header cells in capitals, as html-to-text's dataTable prints them.
    headerCell: (elem, walk, builder) => {
      builder.pushWordTransform((word) => word.toUpperCase());
      walk(elem.children, builder);
      builder.popWordTransform();
      builder.addLiteral(CELL);
    },
  },
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'td', format: 'cell' },
    { selector: 'th', format: 'headerCell' },
  ],
});

export interface Compiled {
  /** The fast form of the template, when it has only what compile.ts handles. */
  nodes?: Node[];
  /** The text alternative's template (HTML bodies), when the conversion kept its structure. */
  text?: Node[];
}

/** Compiles a parsed template once (html: also its text alternative). */
export function compileParsed(engine: Liquid, templates: Template[], timeZone: string, html: boolean): Compiled {
  const escape = engine.options.outputEscape;
  const nodes = compileTemplate(templates, timeZone, escape);
  if (!nodes || !html) return nodes ? { nodes } : {};
  const textNodes = compileTemplate(templates, timeZone, escape, true);
  const text = textNodes && textTemplate(textNodes, convertMasked);
  return text ? { nodes, text } : { nodes };
}
