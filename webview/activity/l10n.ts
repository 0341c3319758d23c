// The view's strings: English in the code, translated by the bundle the host sends in `init` (the settings
// form's translator), plurals by the language's rules ("message/category" keys, as everywhere else).
import { plural, setBundle, t } from '../settings-form/l10n';

let language = 'en';

export function setLanguage(value: string, bundle: Record<string, string> | undefined): void {
  language = value;
  setBundle(bundle, value);
}

export function currentLanguage(): string {
  return language;
}

export { plural, t };
