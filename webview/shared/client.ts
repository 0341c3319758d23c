// The webview's end of any protocol of src/protocol (descriptor.ts): notifications and commands to the host,
// requests answered by id (an answer for another method than the one asked is refused), and the host's
// notifications to listeners. Typed by the protocol alone: a method, its params and its result come from its
// descriptor (the methods check them; what is posted is only assembled here). The VS Code API object stays
// private to the client.
import {
  answers,
  type AnyResponse,
  type HostMessage,
  type HostNotification,
  type MethodsOfKind,
  type ParamsArgument,
  type Protocol,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
} from '../../src/protocol/descriptor';

export interface VsCodeApi {
  postMessage(message: unknown): void;
}

interface Waiter<P extends Protocol> {
  settle(response: AnyResponse<P>): void;
}

/** What the host posts: a notification or a response (the host is trusted; anything else is ignored). */
function isHostMessage<P extends Protocol>(data: unknown): data is HostMessage<P> {
  if (!data || typeof data !== 'object' || !('kind' in data) || !('method' in data) || typeof data.method !== 'string') return false;
  return data.kind === 'notification' || (data.kind === 'response' && 'id' in data && typeof data.id === 'number');
}

export class WebviewClient<P extends Protocol> {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter<P>>();
  private readonly listeners: Array<(message: HostNotification<P>) => void> = [];

  constructor(
    private readonly api: VsCodeApi,
    target: Pick<Window, 'addEventListener'>,
  ) {
    target.addEventListener('message', (event) => this.receive((event as MessageEvent<unknown>).data));
  }

  /** Requests sent and not answered yet. */
  inFlight(): number {
    return this.waiting.size;
  }

  onNotification(listener: (message: HostNotification<P>) => void): void {
    this.listeners.push(listener);
  }

  /** Tells the host something (no answer). */
  notify<M extends MethodsOfKind<P, 'notification'>>(method: M, ...params: ParamsArgument<P, M>): void {
    this.api.postMessage(params.length > 0 ? { kind: 'notification', method, params: params[0] } : { kind: 'notification', method });
  }

  /** Asks the host to act (no answer). */
  command<M extends MethodsOfKind<P, 'command'>>(method: M, ...params: ParamsArgument<P, M>): void {
    this.api.postMessage(params.length > 0 ? { kind: 'command', method, params: params[0] } : { kind: 'command', method });
  }

  /** Asks the host and resolves with its answer (rejects with the host's error message). */
  request<M extends RequestMethod<P>>(method: M, params: RequestParams<P, M>): Promise<RequestResult<P, M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        settle: (response) => {
          if (!answers(response, method)) reject(new Error(`The answer to ${method} came for ${response.method}`));
          else if (response.ok) resolve(response.result);
          else reject(new Error(response.error));
        },
      });
      this.api.postMessage({ kind: 'request', id, method, params });
    });
  }

  private receive(data: unknown): void {
    if (!isHostMessage<P>(data)) return;
    if (data.kind === 'response') {
      const waiter = this.waiting.get(data.id);
      if (!waiter) return;
      this.waiting.delete(data.id);
      waiter.settle(data);
    } else {
      for (const listener of this.listeners) listener(data);
    }
  }
}
