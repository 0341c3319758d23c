// The webview's end of the protocol (src/protocol/settings-form.ts): commands, requests answered by id,
// and the host's notifications. The VS Code API object stays private to this module.
import type { FieldChange, HostMessage, RequestMap, RequestMethod, WebviewMessage } from '../../src/protocol/settings-form';

export interface VsCodeApi {
  postMessage(message: unknown): void;
}

type Notification = Extract<HostMessage, { kind: 'notification' }>;

export class HostClient {
  private nextId = 1;
  private lastSeq = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners: Array<(message: Notification) => void> = [];

  constructor(private readonly api: VsCodeApi, target: Pick<Window, 'addEventListener'>) {
    target.addEventListener('message', (event) => this.receive((event as MessageEvent).data));
  }

  private send(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Requests sent and not answered yet. */
  inFlight(): number {
    return this.waiting.size;
  }

  onNotification(listener: (message: Notification) => void): void {
    this.listeners.push(listener);
  }

  ready(): void {
    this.send({ kind: 'notification', method: 'ready' });
  }

  interactive(ms: number): void {
    this.send({ kind: 'notification', method: 'interactive', params: { ms: Math.max(0, ms) } });
  }

  /** Sends changes and returns their sequence number (the host acknowledges it in later document states). */
  edit(changes: FieldChange[]): number {
    const seq = ++this.lastSeq;
    this.send({ kind: 'command', method: 'edit', params: { seq, changes } });
    return seq;
  }

  reopenAsText(): void {
    this.send({ kind: 'command', method: 'reopenAsText' });
  }

  openTemplate(action: 'afterImport' | 'afterRealization'): void {
    this.send({ kind: 'command', method: 'openTemplate', params: { action } });
  }

  request<M extends RequestMethod>(method: M, params: RequestMap[M]['params']): Promise<RequestMap[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ kind: 'request', id, method, params } as WebviewMessage);
    });
  }

  private receive(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const message = data as HostMessage;
    if (message.kind === 'response') {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    } else if (message.kind === 'notification') {
      for (const listener of this.listeners) listener(message);
    }
  }
}
