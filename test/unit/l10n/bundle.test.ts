import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatMessage, plural, setTranslator, translatorFor } from '../../../src/core/l10n';
import { userFacingStrings } from '../../support/l10n-strings';

const ROOT = path.resolve(__dirname, '../../..');
const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.pl.json'), 'utf8')) as Record<string, string>;
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\d+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

describe('localization (English and Polish)', () => {
  const strings = userFacingStrings(ROOT, ['src', 'webview']);

  it('finds the user-facing strings of the code base', () => {
    assert.ok(strings.length > 100, `found ${strings.length}`);
  });

  it('every user-facing string has a Polish translation', () => {
    const missing = [...new Set(strings.filter((s) => !(s.text in bundle)).map((s) => `${s.file}:${s.line}: ${JSON.stringify(s.text)}`))];
    assert.deepEqual(missing, [], `${missing.length} string(s) without a Polish translation`);
  });

  it('every translation keeps the placeholders of its English text', () => {
    const broken = Object.entries(bundle).filter(([english, polish]) => placeholders(english) !== placeholders(polish));
    assert.deepEqual(broken, []);
  });

  it('counts use real plurals: no "order(s)" in any user-facing string', () => {
    const parenthesised = [...new Set(strings.filter((s) => /\w\(s\)/.test(s.text)).map((s) => `${s.file}:${s.line}: ${s.text}`))];
    assert.deepEqual(parenthesised, []);
  });

  it('plural forms follow the language: English one/other, Polish one/few/many/other', () => {
    const forms = { one: '{0} order', other: '{0} orders' };
    const say = (locale: string, count: number) => {
      const previous = setTranslator(translatorFor(locale));
      try {
        return plural(count, forms);
      } finally {
        setTranslator(previous);
      }
    };
    assert.deepEqual(
      [0, 1, 2, 5].map((n) => say('en', n)),
      ['0 orders', '1 order', '2 orders', '5 orders'],
    );
    assert.deepEqual(
      [0, 1, 2, 4, 5, 12, 22, 25, 1.5].map((n) => say('pl', n)),
      [
        '0 zamówień',
        '1 zamówienie',
        '2 zamówienia',
        '4 zamówienia',
        '5 zamówień',
        '12 zamówień',
        '22 zamówienia',
        '25 zamówień',
        '1.5 zamówienia',
      ],
    );
  });

  it('every rule message of the settings schema has a Polish translation', () => {
    const sentences: string[] = [];
    // errorMessage is a sentence, or an object of sentences by keyword and property (ajv-errors).
    const sentencesOf = (message: unknown): void => {
      if (typeof message === 'string') sentences.push(message);
      else if (message && typeof message === 'object') Object.values(message).forEach(sentencesOf);
    };
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'errorMessage') sentencesOf(value);
        else collect(value);
      }
    };
    collect(JSON.parse(readFileSync(path.join(ROOT, 'schemas/settings.schema.json'), 'utf8')));
    assert.ok(sentences.length >= 10, `found ${sentences.length}`);
    assert.deepEqual(
      sentences.filter((m) => !(m in bundle)),
      [],
    );
  });

  it('every manifest title has a Polish translation', () => {
    const english = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const polish = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.pl.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(
      Object.keys(english).filter((k) => !(k in polish)),
      [],
    );
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(
      keys.filter((k) => !(k in english)),
      [],
      'every %key% of package.json is in package.nls.json',
    );
  });

  it('translates with arguments like vscode.l10n.t', () => {
    assert.equal(formatMessage('{0} of {1}', [1, 'x']), '1 of x');
    assert.equal(translatorFor('pl').translate('{0} is valid', ['a.json']), 'a.json jest poprawny');
    assert.equal(translatorFor('en').translate('{0} is valid', ['a.json']), 'a.json is valid');
  });
});
