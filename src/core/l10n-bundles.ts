// The core's translations: a lazy chunk, loaded by l10n.ts on the first translation in a language other than
// English (the CLI's; the extension translates through VS Code's own bundle and never loads it).
import polish from '../../l10n/bundle.l10n.pl.json';

export const BUNDLES: Record<string, Record<string, string>> = { pl: polish as Record<string, string> };
