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
    switch (message.method) {
      case 'init':
        return form.init(message.params);
      case 'document':
        return form.setDocument(message.params);
      case 'context':
        return form.setContext(message.params);
      case 'reveal':
        return form.reveal(message.params.pointer);
    }
  });
  // Switching to another editor hides (and then discards) this webview: send what is typed first.
  options.window.addEventListener('blur', () => form.flushAll());
  options.window.addEventListener('pagehide', () => form.flushAll());
  client.notify('ready');
  return { form, client };
}
