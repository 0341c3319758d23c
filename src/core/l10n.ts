// One translation function for the whole core. The extension installs vscode.l10n.t; the CLI and tests use
// the same Polish bundle (l10n/bundle.l10n.pl.json) chosen from the environment's locale, read on the first
// translation (a lazy chunk of the bundles: the extension, which translates through VS Code, never loads it).
//
// Plurals: `plural(count, { one, other })` picks the language's plural category (Intl.PluralRules: English
// one/other, Polish one/few/many/other) and looks the message up as "message/category", the key
// vscode.l10n.t builds from a comment. The English forms are the keys: `one` for category "one", `other`
// for every other category, so l10n/bundle.l10n.pl.json holds "{0} order/one", "{0} orders/few",
// "{0} orders/many" and "{0} orders/other".
export type MessageArg = string | number | boolean;
export type Translate = (message: string, ...args: MessageArg[]) => string;

export interface Translator {
  /** The language whose plural rules apply, e.g. "pl" or "en". */
  locale: string;
  /** `comment` set: the bundle key is "message/comment" (vscode.l10n.t's key for a message with a comment). */
  translate(message: string, args: readonly MessageArg[], comment?: string): string;
}

export interface PluralForms {
  /** The English text for exactly one, e.g. "{0} order". */
  one: string;
  /** The English text for any other count, e.g. "{0} orders". */
  other: string;
}

/** The bundle of a language other than English (the keys), loaded when it first translates something. */
function bundleOf(language: string): Record<string, string> | undefined {
  // A synchronous require of the lazy chunk: t() is synchronous (build/chunks.mjs turns it into the chunk file).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return language === 'en' ? undefined : (require('./l10n-bundles') as typeof import('./l10n-bundles')).BUNDLES[language];
}

/** Replaces {0}, {1}… with the arguments, as vscode.l10n.t does. */
export function formatMessage(message: string, args: ReadonlyArray<MessageArg>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function localeFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.OPTIMA_SYNC_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en';
  return raw.toLowerCase().slice(0, 2);
}

export function translatorFor(locale: string): Translator {
  const language = locale.toLowerCase().slice(0, 2);
  let bundle: Record<string, string> | undefined | null = null;
  return {
    locale: language,
    translate: (message, args, comment) => {
      if (bundle === null) bundle = bundleOf(language);
      return formatMessage((comment ? bundle?.[`${message}/${comment}`] : bundle?.[message]) ?? message, args);
    },
  };
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `locale` ("one", "few", "many", "other"…); English rules when unknown. */
export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(locale);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

let current: Translator = translatorFor(localeFromEnvironment());

export function t(message: string, ...args: MessageArg[]): string {
  return current.translate(message, args);
}

/** A message about `count` things in the right plural form; {0} is the count, {1}… the further arguments. */
export function plural(count: number, forms: PluralForms, ...args: MessageArg[]): string {
  const category = pluralCategory(current.locale, count);
  return current.translate(category === 'one' ? forms.one : forms.other, [count, ...args], category);
}

/** Installs a translator and returns the one it replaces (the CLI restores it after a command). */
export function setTranslator(translator: Translator): Translator {
  const previous = current;
  current = translator;
  return previous;
}
