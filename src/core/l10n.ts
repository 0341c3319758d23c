// One translation function for the whole core. The extension installs vscode.l10n.t; the CLI and tests use
// the same Polish bundle (l10n/bundle.l10n.pl.json) chosen from the environment's locale.
import polishBundle from '../../l10n/bundle.l10n.pl.json';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const bundles: Record<string, Record<string, string>> = { pl: polishBundle as Record<string, string> };

/** Replaces {0}, {1}… with the arguments, as vscode.l10n.t does. */
export function formatMessage(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function localeFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.OPTIMA_SYNC_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en';
  return raw.toLowerCase().slice(0, 2);
}

export function translatorFor(locale: string): Translate {
  const bundle = bundles[locale.toLowerCase().slice(0, 2)];
  return (message, ...args) => formatMessage(bundle?.[message] ?? message, args);
}

let current: Translate = translatorFor(localeFromEnvironment());
let currentLocale = localeFromEnvironment();

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return current(message, ...args);
}

/**
 * A count with the words that go with it, in the plural form the language wants: English has two forms, Polish
 * four (1 przebieg, 2 przebiegi, 5 przebiegów, 1,5 przebiegu). `other` is the key: a bundle holds
 * `"<other>#one"`, `"#few"`, `"#many"`, `"#other"` (the categories of Intl.PluralRules); {0} is the count.
 */
export function pluralKey(other: string, category: Intl.LDMLPluralRule): string {
  return `${other}#${category}`;
}

export function tn(count: number, one: string, other: string, ...args: Array<string | number | boolean>): string {
  return pluralWith(current, currentLocale, count, one, other, args);
}

/** The plural category of a count; a locale Intl does not know (LANG=C gives "c.") falls back to English rules. */
function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(locale).select(count);
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

/** tn over any translator (vscode.l10n.t, a webview's bundle). */
export function pluralWith(translate: Translate, locale: string, count: number, one: string, other: string, args: ReadonlyArray<string | number | boolean>): string {
  const key = pluralKey(other, pluralCategory(locale, count));
  const values = [count, ...args];
  const translated = translate(key, ...values);
  if (translated !== formatMessage(key, values)) return translated;
  return formatMessage(count === 1 ? one : other, values);
}

/** The locale of the installed translator (its plural rules). */
export function translationLocale(): string {
  return currentLocale;
}

/** Installs a translator (and its locale, for plural forms) and returns the one it replaces. */
export function setTranslator(translate: Translate, locale?: string): Translate {
  const previous = current;
  current = translate;
  if (locale) currentLocale = locale;
  return previous;
}
