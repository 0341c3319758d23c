import assert from 'node:assert/strict';
import { applyEdits, modify } from 'jsonc-parser';
import { defaultSettingsText } from '../../../src/core/settings/defaults';
import {
  applyFieldChanges,
  detectFormatting,
  diffReplacement,
  UneditableDocumentError,
} from '../../../src/extension/settings-form/json-edits';

function replaceIn(text: string, r: { offset: number; length: number; text: string }): string {
  return text.slice(0, r.offset) + r.text + text.slice(r.offset + r.length);
}

describe('settings form: minimal edits of optima-sync.json', () => {
  it('changes only the edited values and keeps the rest of the text byte for byte', () => {
    const before = defaultSettingsText();
    const { text, replacement } = applyFieldChanges(before, [
      { path: ['email', 'smtp', 'port'], value: 465 },
      { path: ['email', 'testMode', 'enabled'], value: false },
    ]);
    assert.ok(replacement);
    assert.equal(replaceIn(before, replacement), text);
    // Every line but the two edited ones is unchanged.
    const beforeLines = before.split('\n');
    const afterLines = text.split('\n');
    assert.equal(afterLines.length, beforeLines.length);
    const changed = afterLines.map((line, i) => [beforeLines[i], line]).filter(([a, b]) => a !== b);
    assert.deepEqual(changed, [
      ['      "port": 2525,', '      "port": 465,'],
      ['      "enabled": true,', '      "enabled": false,'],
    ]);
    // The single replacement spans only from the first to the last differing character.
    assert.ok(replacement.length < 400, `replacement too wide: ${replacement.length}`);
  });

  it("keeps the user's indentation (tabs, four spaces), CRLF line ends and key order", () => {
    const tabbed =
      '{\r\n\t"version": 1,\r\n\t"shop": {\r\n\t\t"platform": "demo"\r\n\t},\r\n\t"erp": {\r\n\t\t"importMode": "RO"\r\n\t}\r\n}\r\n';
    const { text } = applyFieldChanges(tabbed, [{ path: ['shop', 'url'], value: 'https://sklep.example.pl' }]);
    assert.equal(
      text,
      '{\r\n\t"version": 1,\r\n\t"shop": {\r\n\t\t"platform": "demo",\r\n\t\t"url": "https://sklep.example.pl"\r\n\t},\r\n\t"erp": {\r\n\t\t"importMode": "RO"\r\n\t}\r\n}\r\n',
    );
    const fourSpaces = '{\n    "erp": {\n        "importMode": "RO"\n    },\n    "version": 1\n}\n';
    assert.deepEqual(detectFormatting(fourSpaces), { insertSpaces: true, tabSize: 4, eol: '\n' });
    const { text: added } = applyFieldChanges(fourSpaces, [{ path: ['email', 'smtp', 'port'], value: 587 }]);
    assert.equal(
      added,
      '{\n    "erp": {\n        "importMode": "RO"\n    },\n    "version": 1,\n    "email": {\n        "smtp": {\n            "port": 587\n        }\n    }\n}\n',
    );
  });

  it('removes a key when the change has no value, and reports no edit when nothing changes', () => {
    const before = '{\n  "shop": {\n    "platform": "woocommerce",\n    "url": "https://a.example"\n  }\n}\n';
    const { text } = applyFieldChanges(before, [{ path: ['shop', 'url'] }]);
    assert.equal(text, '{\n  "shop": {\n    "platform": "woocommerce"\n  }\n}\n');
    assert.equal(applyFieldChanges(before, [{ path: ['shop', 'platform'], value: 'woocommerce' }]).replacement, undefined);
  });

  it('refuses to edit broken JSON instead of guessing', () => {
    assert.throws(
      () => applyFieldChanges('{ "shop": { "platform": "demo" ', [{ path: ['shop', 'name'], value: 'x' }]),
      UneditableDocumentError,
    );
    assert.throws(() => applyFieldChanges('[]', [{ path: [0], value: 1 }]), UneditableDocumentError);
  });

  it('collapses several edits into the one span that differs', () => {
    assert.deepEqual(diffReplacement('abcdef', 'abXYef'), { offset: 2, length: 2, text: 'XY' });
    assert.deepEqual(diffReplacement('aaa', 'aaaa'), { offset: 3, length: 0, text: 'a' });
    assert.equal(diffReplacement('same', 'same'), undefined);
    // The same result as jsonc-parser applied directly.
    const before = defaultSettingsText();
    const direct = applyEdits(before, modify(before, ['timezone'], 'Europe/Berlin', { formattingOptions: detectFormatting(before) }));
    assert.equal(applyFieldChanges(before, [{ path: ['timezone'], value: 'Europe/Berlin' }]).text, direct);
  });
});
