// The template libraries (LiquidJS, html-to-text), a lazy chunk (chunk-templates.js) that templates.ts loads
// on the first render or check. Stateless apart from the engines it returns: the caller caches them.
import { compile as compileHtmlToText } from 'html-to-text';
import { Liquid } from 'liquidjs';
import { DATE_STYLES, DateStyle, formatDate, formatMoney } from './format';

export { Liquid, type Template } from 'liquidjs';

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
    const code = typeof currency === 'string' && currency ? currency : scope.order?.currency ?? 'PLN';
    return formatMoney(value as number | null | undefined, code);
  });
  liquid.registerFilter('date', (value: unknown, style?: unknown) => {
    const chosen: DateStyle = typeof style === 'string' && (DATE_STYLES as readonly string[]).includes(style) ? (style as DateStyle) : 'date';
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
