// Lists the user-facing strings that have no Polish translation yet (file:line: "text").
// Usage: npx tsx scripts/l10n-missing.ts [--json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userFacingStrings } from '../test/support/l10n-strings';

const root = path.resolve(__dirname, '..');
const bundle = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.pl.json'), 'utf8')) as Record<string, string>;
const missing = userFacingStrings(root, ['src', 'webview']).filter((s) => !(s.text in bundle));
if (process.argv.includes('--json')) {
  const unique: Record<string, string> = {};
  for (const s of missing) unique[s.text] = '';
  process.stdout.write(JSON.stringify(unique, null, 2) + '\n');
} else {
  for (const s of missing) process.stdout.write(`${s.file}:${s.line}: ${JSON.stringify(s.text)}\n`);
}
