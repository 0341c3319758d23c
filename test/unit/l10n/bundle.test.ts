import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatMessage, pluralWith, translatorFor } from '../../../src/core/l10n';
import { isTranslated, userFacingStrings } from '../../support/l10n-strings';

const ROOT = path.resolve(__dirname, '../../..');
const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.pl.json'), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

describe('localization (English and Polish)', () => {
  const strings = userFacingStrings(ROOT, ['src', 'webview']);

  it('finds the user-facing strings of the code base', () => {
    assert.ok(strings.length > 100, `found ${strings.length}`);
  });

  it('every user-facing string has a Polish translation', () => {
    const missing = [...new Set(strings.filter((s) => !isTranslated(s, bundle)).map((s) => `${s.file}:${s.line}: ${JSON.stringify(s.text)}`))];
    assert.deepEqual(missing, [], `${missing.length} string(s) without a Polish translation`);
  });

  it('every translation keeps the placeholders of its English text', () => {
    const broken = Object.entries(bundle).filter(([english, polish]) => placeholders(english) !== placeholders(polish));
    assert.deepEqual(broken, []);
  });

  it('every manifest title has a Polish translation', () => {
    const english = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const polish = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.pl.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(english).filter((k) => !(k in polish)), []);
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(keys.filter((k) => !(k in english)), [], 'every %key% of package.json is in package.nls.json');
  });

  it('every plural has the Polish forms for one, few, many and fractions, and they are chosen by Polish rules', () => {
    const plurals = strings.filter((s) => s.plural);
    assert.ok(plurals.length >= 5, `found ${plurals.length} plurals`);
    const polish = (count: number) => pluralWith(translatorFor('pl'), 'pl', count, '{0} e-mail sent', '{0} e-mails sent', []);
    assert.deepEqual([1, 2, 4, 5, 12, 22, 25, 101, 112].map(polish), [
      '1 e-mail wysłany', '2 e-maile wysłane', '4 e-maile wysłane', '5 e-maili wysłanych', '12 e-maili wysłanych',
      '22 e-maile wysłane', '25 e-maili wysłanych', '101 e-maili wysłanych', '112 e-maili wysłanych',
    ]);
    const english = (count: number) => pluralWith(translatorFor('en'), 'en', count, '{0} e-mail sent', '{0} e-mails sent', []);
    assert.deepEqual([0, 1, 2].map(english), ['0 e-mails sent', '1 e-mail sent', '2 e-mails sent']);
    assert.equal(pluralWith(translatorFor('pl'), 'pl', 3, 'Next pass: {1} (waiting longer after {0} failed cycle).', 'Next pass: {1} (waiting longer after {0} failed cycles).', ['12:05']),
      'Następny przebieg: 12:05 (dłuższa przerwa po 3 nieudanych cyklach).', 'further arguments follow the count');
  });

  it('translates with arguments like vscode.l10n.t', () => {
    assert.equal(formatMessage('{0} of {1}', [1, 'x']), '1 of x');
    assert.equal(translatorFor('pl')('{0} is valid', 'a.json'), 'a.json jest poprawny');
    assert.equal(translatorFor('en')('{0} is valid', 'a.json'), 'a.json is valid');
  });
});
