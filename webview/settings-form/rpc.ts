// The webview's end of the protocol (src/protocol/settings-form.ts): commands, requests answered by id (a
// response for another method than the one asked is refused), and the host's notifications. The VS Code API
// object stays private to this module.
import type { AnyResponse, FieldChange, HostMessage, Request, RequestMap, RequestMethod, TemplateAction, WebviewMessage } from '../../src/protocol/settings-form';

export interface VsCodeApi {
  postMessage(message: unknown): void;
}

export type Notification = Extract<HostMessage, { kind: 'notification' }>;

interface Waiter {
  method: RequestMethod;
  settle(response: AnyResponse): void;
}

export class HostClient {
  private nextId = 1;
  private lastSeq = 0;
  private readonly waiting = new Map<number, Waiter>();
  private readonly listeners: Array<(message: Notification) => void> = [];

  constructor(private readonly api: VsCodeApi, target: Pick<Window, 'addEventListener'>) {
    target.addEventListener('message', (event) => this.receive((event as MessageEvent).data));
  }

  private send(message: WebviewMessage | Request): void {
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

  openTemplate(action: TemplateAction): void {
    this.send({ kind: 'command', method: 'openTemplate', params: { action } });
  }

  openTemplateBody(name: string): void {
    this.send({ kind: 'command', method: 'openTemplateBody', params: { name } });
  }

  request<M extends RequestMethod>(method: M, params: RequestMap[M]['params']): Promise<RequestMap[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        method,
        settle: (response) => {
          if (response.method !== method) reject(new Error(`The answer to ${method} came for ${response.method}`));
          // The method matches, so the result is that method's (TypeScript cannot narrow a union by a generic).
          else if (response.ok) resolve(response.result as RequestMap[M]['result']);
          else reject(new Error(response.error));
        },
      });
      const request: Request<M> = { kind: 'request', id, method, params };
      this.send(request);
    });
  }

  private receive(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const message = data as HostMessage;
    if (message.kind === 'response') {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      waiter.settle(message);
    } else if (message.kind === 'notification') {
      for (const listener of this.listeners) listener(message);
    }
  }
}
