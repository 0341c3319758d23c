import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/extension/settings-form/messages';

describe('settings form: the host accepts only protocol messages', () => {
  it('accepts every kind of message the webview sends', () => {
    const valid = [
      { kind: 'notification', method: 'ready' },
      { kind: 'notification', method: 'interactive', params: { ms: 123.4 } },
      {
        kind: 'command',
        method: 'edit',
        params: { seq: 1, changes: [{ path: ['email', 'smtp', 'port'], value: 465 }, { path: ['shop', 'url'] }] },
      },
      { kind: 'command', method: 'reopenAsText' },
      { kind: 'command', method: 'openTemplate', params: { action: 'afterRealization' } },
      { kind: 'command', method: 'openTemplateBody', params: { name: 'order-realized' } },
      { kind: 'request', id: 1, method: 'testShopConnection', params: {} },
      { kind: 'request', id: 5, method: 'testErpConnection', params: {} },
      { kind: 'request', id: 6, method: 'setErpPassword', params: {} },
      { kind: 'request', id: 2, method: 'sendTestEmail', params: { to: 'kons@example.pl' } },
      { kind: 'request', id: 7, method: 'sendTestEmail', params: { to: 'kons@example.pl', template: 'order-realized' } },
      { kind: 'request', id: 3, method: 'resetPreview', params: { actions: ['email-after-import', 'pdf-to-shop'], until: '2026-11-28' } },
      { kind: 'request', id: 4, method: 'reset', params: { actions: [], until: '2026-11-28' } },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), message, JSON.stringify(message));
  });

  it('drops anything else: unknown methods, extra fields, wrong types, bad paths and action names', () => {
    const invalid: unknown[] = [
      null,
      'ready',
      { kind: 'notification', method: 'ready', extra: true },
      { kind: 'command', method: 'runShell', params: { command: 'rm -rf /' } },
      { kind: 'command', method: 'edit', params: { seq: 0, changes: [{ path: ['a'], value: 1 }] } },
      { kind: 'command', method: 'edit', params: { seq: 1, changes: [] } },
      { kind: 'command', method: 'edit', params: { seq: 1, changes: [{ path: [], value: 1 }] } },
      { kind: 'command', method: 'edit', params: { seq: 1, changes: [{ path: [{ x: 1 }], value: 1 }] } },
      { kind: 'command', method: 'edit', params: { seq: 1, changes: [{ path: ['a'], value: 1, secret: 'x' }] } },
      { kind: 'command', method: 'openTemplate', params: { action: '../../etc/passwd' } },
      { kind: 'command', method: 'openTemplateBody', params: { name: '../../etc/passwd' } },
      { kind: 'request', id: 8, method: 'setErpPassword', params: { password: 'hunter22' } },
      { kind: 'request', id: 1, method: 'testShopConnection', params: { url: 'https://evil.example' } },
      { kind: 'request', id: 'x', method: 'testShopConnection', params: {} },
      { kind: 'request', id: 2, method: 'sendTestEmail', params: {} },
      { kind: 'request', id: 3, method: 'reset', params: { actions: ['everything'], until: '2026-11-28' } },
      { kind: 'request', id: 3, method: 'reset', params: { actions: ['pdf-to-shop'], until: 'yesterday' } },
      { kind: 'response', id: 1, ok: true, result: {} },
    ];
    for (const message of invalid) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });
});
