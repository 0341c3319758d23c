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

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return current(message, ...args);
}

/** Installs a translator and returns the one it replaces (the CLI restores it after a command). */
export function setTranslator(translate: Translate): Translate {
  const previous = current;
  current = translate;
  return previous;
}
