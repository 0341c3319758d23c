// The webview's end of the protocol: each answer is matched to its request by id and method, so a response
// carrying another method's result is refused instead of being read as the wrong type.
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import type { HostMessage, WebviewMessage } from '../../../../src/protocol/settings-form';
import { HostClient } from '../../../../webview/settings-form/rpc';

describe('settings form: requests and their responses', () => {
  const window = new Window();
  after(() => window.close());

  function client(): { host: HostClient; sent: WebviewMessage[]; answer: (message: HostMessage) => void } {
    const sent: WebviewMessage[] = [];
    const host = new HostClient(
      { postMessage: (message) => sent.push(message as WebviewMessage) },
      window as unknown as Window & typeof globalThis,
    );
    const answer = (message: HostMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: message }));
    return { host, sent, answer };
  }

  it('resolves a request with the result of its own method', async () => {
    const { host, sent, answer } = client();
    const pending = host.request('resetPreview', { actions: ['pdf-to-shop'], until: '2026-11-28' });
    const [request] = sent as Array<Extract<WebviewMessage, { kind: 'request' }>>;
    answer({
      kind: 'response',
      id: request!.id,
      method: 'resetPreview',
      ok: true,
      result: { ok: true, message: '', counts: { 'pdf-to-shop': 3 } },
    });
    assert.deepEqual((await pending).counts, { 'pdf-to-shop': 3 });
    assert.equal(host.inFlight(), 0);
  });

  it("refuses a response for another method, and rejects with the host's error", async () => {
    const { host, sent, answer } = client();
    const first = host.request('resetPreview', { actions: [], until: '2026-11-28' });
    const second = host.request('testShopConnection', {});
    const [a, b] = sent as Array<Extract<WebviewMessage, { kind: 'request' }>>;
    answer({ kind: 'response', id: a!.id, method: 'testShopConnection', ok: true, result: { ok: true, message: 'Connected' } });
    await assert.rejects(first, /The answer to resetPreview came for testShopConnection/);
    answer({ kind: 'response', id: b!.id, method: 'testShopConnection', ok: false, error: 'The shop did not answer' });
    await assert.rejects(second, /The shop did not answer/);
  });
});
