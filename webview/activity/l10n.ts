// The view's strings: English in the code, translated by the bundle the host sends in `init` (the settings
// form's translator), with plural forms by the language's rules (bundle keys "<other>#one", "#few", "#many").
import { setBundle, t } from '../settings-form/l10n';

let language = 'en';

export function setLanguage(value: string, bundle: Record<string, string> | undefined): void {
  language = value;
  setBundle(bundle);
}

export function currentLanguage(): string {
  return language;
}

export { t };

export function tn(count: number, one: string, other: string): string {
  let category: string;
  try {
    category = new Intl.PluralRules(language).select(count);
  } catch {
    category = count === 1 ? 'one' : 'other';
  }
  const key = `${other}#${category}`;
  const translated = t(key, count);
  if (translated !== key.replace('{0}', String(count))) return translated;
  return t(count === 1 ? one : other, count);
}
