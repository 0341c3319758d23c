// The form's strings: English in the code, translated by the bundle the host sends in `init`
// (vscode.l10n.bundle, i.e. l10n/bundle.l10n.<language>.json), the same way vscode.l10n.t does it. Plurals
// as in src/core/l10n.ts: the language's plural category picks the form, looked up as "message/category".
let bundle: Record<string, string> = {};
let rules = new Intl.PluralRules('en');

export function setBundle(contents: Record<string, string> | undefined, language = 'en'): void {
  bundle = contents ?? {};
  try {
    rules = new Intl.PluralRules(language);
  } catch {
    rules = new Intl.PluralRules('en');
  }
}

function format(text: string, args: ReadonlyArray<string | number>): string {
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args.at(Number(index));
    return value === undefined ? whole : String(value);
  });
}

export function t(message: string, ...args: Array<string | number>): string {
  return format(bundle[message] ?? message, args);
}

/** A message about `count` things in the right plural form; {0} is the count, {1}… the further arguments. */
export function plural(count: number, forms: { one: string; other: string }, ...args: Array<string | number>): string {
  const category = rules.select(count);
  const english = category === 'one' ? forms.one : forms.other;
  return format(bundle[`${english}/${category}`] ?? english, [count, ...args]);
}
