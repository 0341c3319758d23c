// A stand-in for the extension host in the webview's DOM tests: it runs the real host-side pieces that do
// not need VS Code (the message gate, the minimal-edit engine, the document state with the real
// validation) over an in-memory settings text, and answers requests with what a test sets.
import './toolkit-stub';
import { Window } from 'happy-dom';
import { defaultSettingsText } from '../../../../src/core/settings/defaults';
import { documentState } from '../../../../src/extension/settings-form/document-state';
import { applyFieldChanges } from '../../../../src/extension/settings-form/json-edits';
import { parseWebviewMessage } from '../../../../src/extension/settings-form/messages';
import type { RequestParams, RequestResult } from '../../../../src/protocol/descriptor';
import type {
  ActionResult,
  FormContext,
  HostMessage,
  InitParams,
  RequestMethod,
  SettingsFormProtocol,
  WebviewMessage,
} from '../../../../src/protocol/settings-form';
import { startSettingsForm } from '../../../../webview/settings-form/app';
import type { SettingsForm } from '../../../../webview/settings-form/form';

export function context(overrides: Partial<FormContext> = {}): FormContext {
  return {
    shopStatuses: [],
    secrets: { shopCredentials: false, smtpPassword: false, alertsSmtpPassword: false, erpPassword: false, erpBridgeToken: false },
    trusted: true,
    ...overrides,
  };
}

/** What `init` carries: the platforms that can receive the sales document are every platform here by default. */
export function initParams(overrides: Partial<InitParams> = {}): InitParams {
  return {
    language: 'en',
    today: '2026-11-28',
    trusted: true,
    platformsWithPdfUpload: ['prestashop', 'woocommerce', 'baselinker', 'apilo', 'sellasist', 'demo'],
    ...overrides,
  };
}

export class FakeHost {
  readonly window = new Window({ url: 'https://webview.test/' });
  readonly document = this.window.document as unknown as Document;
  readonly root: HTMLElement;
  readonly received: WebviewMessage[] = [];
  readonly rejected: unknown[] = [];
  text: string;
  ackSeq = 0;
  form!: SettingsForm;
  context: FormContext;
  init: InitParams = initParams();
  /** Answers by request method; the default answers ok. */
  answers: { [M in RequestMethod]?: (params: RequestParams<SettingsFormProtocol, M>) => RequestResult<SettingsFormProtocol, M> } = {};
  /** When false, the context is not sent on ready (the host is still reading it). */
  sendsContextOnReady = true;
  /** When false, edits are held (to simulate a slow host) until release() is called. */
  private held: WebviewMessage[] = [];
  holdEdits = false;

  constructor(options: { text?: string; context?: FormContext } = {}) {
    this.text = options.text ?? defaultSettingsText();
    this.context = options.context ?? context();
    this.root = this.document.createElement('main');
    this.document.body.append(this.root);
  }

  start(): this {
    const api = { postMessage: (message: unknown) => this.receive(message) };
    this.form = startSettingsForm({
      api,
      window: this.window as unknown as Window & typeof globalThis,
      document: this.document,
      root: this.root,
      textEditDelayMs: 20,
    }).form;
    return this;
  }

  close(): void {
    void this.window.happyDOM.abort();
    this.window.close();
  }

  private queued = 0;

  post(message: HostMessage): void {
    this.queued++;
    setTimeout(() => {
      this.queued--;
      this.window.dispatchEvent(new this.window.MessageEvent('message', { data: structuredClone(message) }));
    }, 0);
  }

  sendDocument(): void {
    this.post({ kind: 'notification', method: 'document', params: documentState(this.text, '/d/optima-sync.json', this.ackSeq) });
  }

  sendContext(): void {
    this.post({ kind: 'notification', method: 'context', params: this.context });
  }

  /** "Show in the settings form" from the Problems panel. */
  reveal(pointer: string): void {
    this.post({ kind: 'notification', method: 'reveal', params: { pointer } });
  }

  /** An outside change of the file (text editor, git checkout, the CLI). */
  setText(text: string): void {
    this.text = text;
    this.sendDocument();
  }

  release(): void {
    const held = this.held;
    this.held = [];
    this.holdEdits = false;
    for (const message of held) this.handle(message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(JSON.parse(JSON.stringify(raw)));
    if (!message) {
      this.rejected.push(raw);
      return;
    }
    this.received.push(message);
    if (this.holdEdits && message.kind === 'command' && message.method === 'edit') this.held.push(message);
    else this.handle(message);
  }

  private handle(message: WebviewMessage): void {
    if (message.kind === 'notification' && message.method === 'ready') {
      this.post({ kind: 'notification', method: 'init', params: this.init });
      this.sendDocument();
      if (this.sendsContextOnReady) this.sendContext();
    } else if (message.kind === 'command' && message.method === 'edit') {
      this.ackSeq = Math.max(this.ackSeq, message.params.seq);
      this.text = applyFieldChanges(this.text, message.params.changes).text;
      this.sendDocument();
    } else if (message.kind === 'request') {
      const answer = (this.answers[message.method] as ((params: unknown) => ActionResult) | undefined)?.(message.params) ?? {
        ok: true,
        message: `${message.method} done`,
      };
      this.post({ kind: 'response', id: message.id, method: message.method, ok: true, result: answer } as HostMessage);
    }
  }

  edits(): Array<Extract<WebviewMessage, { method: 'edit' }>> {
    return this.received.filter((m): m is Extract<WebviewMessage, { method: 'edit' }> => m.kind === 'command' && m.method === 'edit');
  }

  requests(method: RequestMethod): Array<Extract<WebviewMessage, { kind: 'request' }>> {
    return this.received.filter((m): m is Extract<WebviewMessage, { kind: 'request' }> => m.kind === 'request' && m.method === method);
  }

  $(selector: string): HTMLElement & { value: string; checked: boolean } {
    const element = this.root.querySelector(selector);
    if (!element) throw new Error(`no element ${selector}`);
    return element as HTMLElement & { value: string; checked: boolean };
  }

  /** Waits until every message both ways has been handled and the form has nothing left to send. */
  async settle(): Promise<void> {
    let quiet = 0;
    for (let waited = 0; quiet < 2; waited += 10) {
      if (waited > 5000) throw new Error('the form did not settle');
      await this.sleep(10);
      quiet = this.queued === 0 && this.held.length === 0 && this.form.isIdle() ? quiet + 1 : 0;
    }
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Waits until the condition holds (the form's debounced work has run), failing after two seconds. */
  async waitFor(condition: () => boolean, what = 'condition'): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
      await this.sleep(20);
    }
  }

  fire(element: HTMLElement, type: string): void {
    element.dispatchEvent(new this.window.Event(type, { bubbles: true }) as unknown as Event);
  }

  type(selector: string, value: string): void {
    const element = this.$(selector);
    element.value = value;
    this.fire(element, 'input');
  }

  choose(selector: string, value: string): void {
    const element = this.$(selector);
    element.value = value;
    this.fire(element, 'change');
  }

  tick(selector: string, checked: boolean): void {
    const element = this.$(selector);
    element.checked = checked;
    this.fire(element, 'change');
  }

  click(selector: string): void {
    this.fire(this.$(selector), 'click');
  }

  visible(selector: string): boolean {
    let element: HTMLElement | null = this.$(selector);
    while (element) {
      if (element.hidden) return false;
      element = element.parentElement;
    }
    return true;
  }

  problemsBeside(selector: string): string[] {
    const row = this.$(selector).closest('.field')!;
    return Array.from(row.querySelectorAll('.problem')).map((p) => p.textContent ?? '');
  }
}
