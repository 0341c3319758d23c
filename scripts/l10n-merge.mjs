// Merges translations into l10n/bundle.l10n.pl.json (existing entries win), keeping the file sorted by insertion.
// Usage: node scripts/l10n-merge.mjs FILE.json
import { readFileSync, writeFileSync } from 'node:fs';
const target = 'l10n/bundle.l10n.pl.json';
const current = JSON.parse(readFileSync(target, 'utf8'));
const additions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const merged = { ...current };
let added = 0;
for (const [key, value] of Object.entries(additions))
  if (!(key in merged) && value) {
    merged[key] = value;
    added++;
  }
writeFileSync(target, JSON.stringify(merged, null, 2) + '\n');
console.log(`added ${added} translation(s)`);
