// Wires the form to the host: the handshake (ready → init, document, context) and the first-render
// timing. Kept apart from main.ts so tests can start it in a DOM with a stubbed VS Code API.
import { SettingsForm } from './form';
import { HostClient, type VsCodeApi } from './rpc';

export interface StartOptions {
  api: VsCodeApi;
  window: Pick<Window, 'addEventListener'> & { performance?: { now(): number } };
  document: Document;
  root: HTMLElement;
  textEditDelayMs?: number;
}

export function startSettingsForm(options: StartOptions): { form: SettingsForm; client: HostClient } {
  const client = new HostClient(options.api, options.window);
  const form = new SettingsForm({
    document: options.document,
    root: options.root,
    client,
    textEditDelayMs: options.textEditDelayMs,
    onInteractive: () => client.notify('interactive', { ms: Math.max(0, options.window.performance?.now() ?? 0) }),
  });
  client.onNotification((message) => {
    if (message.method === 'init') form.init(message.params);
    else if (message.method === 'document') form.setDocument(message.params);
    else if (message.method === 'context') form.setContext(message.params);
    else if (message.method === 'reveal') form.reveal(message.params.pointer);
  });
  // Switching to another editor hides (and then discards) this webview: send what is typed first.
  options.window.addEventListener('blur', () => form.flushAll());
  options.window.addEventListener('pagehide', () => form.flushAll());
  client.notify('ready');
  return { form, client };
}
