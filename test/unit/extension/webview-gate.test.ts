// The host's gate for the Activity view, built from the protocol's descriptors alone: what the view sends
// passes as it is, anything else — another method, extra fields, a filter or index out of range — is dropped.
import assert from 'node:assert/strict';
import { ACTIVITY_PROTOCOL } from '../../../src/protocol/activity';
import { webviewGate } from '../../../src/extension/webview-gate';

describe('webview gate: the Activity view', () => {
  const parse = webviewGate(ACTIVITY_PROTOCOL);

  it('passes every message of the protocol unchanged', () => {
    const valid = [
      { kind: 'notification', method: 'ready' },
      { kind: 'command', method: 'refresh' },
      { kind: 'command', method: 'showOrders', params: { filter: 'uncertain' } },
      { kind: 'command', method: 'selectDeployment', params: { index: 3 } },
    ];
    for (const message of valid) assert.deepEqual(parse(message), message, JSON.stringify(message));
  });

  it('drops the rest', () => {
    const invalid: unknown[] = [
      undefined,
      { kind: 'command', method: 'ready' },
      { kind: 'notification', method: 'refresh' },
      { kind: 'command', method: 'refresh', params: {} },
      { kind: 'command', method: 'showOrders', params: { filter: 'everything' } },
      { kind: 'command', method: 'showOrders' },
      { kind: 'command', method: 'selectDeployment', params: { index: 50 } },
      { kind: 'command', method: 'selectDeployment', params: { index: 1.5 } },
      { kind: 'command', method: 'selectDeployment', params: { index: 1, extra: true } },
      { kind: 'request', id: 1, method: 'refresh', params: {} },
      { kind: 'command', method: 'runShell', params: { command: 'rm -rf /' } },
    ];
    for (const message of invalid) assert.equal(parse(message), undefined, JSON.stringify(message));
  });
});
