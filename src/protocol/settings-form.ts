// The messages between the settings-form webview and the extension host. Imported by both sides, so it
// holds only types and plain data (the JSON schemas the host validates incoming messages with): no Node,
// no DOM, no vscode.
//
// Three shapes, as in GitLens's IPC: a *command* (webview → host, no answer), a *request* (webview → host,
// answered by a *response* with the same id and method) and a *notification* (either way, no answer). Each
// request method names its params and result type once, in RequestMap; the response type is derived from
// it, so a response cannot carry another method's result. The webview sends `ready` first; the host answers
// with `init`, then `document` and `context` whenever they change.

import { ACTION_KINDS, type ActionKind } from '../core/model/actions';
export const SETTINGS_FORM_VIEW_TYPE = 'optimaSync.settingsForm';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonPath = Array<string | number>;

/** The reverse-update actions a reset can mark: the core's action kinds (plain data, safe for the webview). */
export const RESET_ACTIONS = ACTION_KINDS;
export type ResetAction = ActionKind;

/** One change to the settings file: set the value at a path, or remove the key when `value` is absent. */
export interface FieldChange {
  path: JsonPath;
  value?: JsonValue;
}

// ---------------------------------------------------------------- requests and their results

/** What a feature answered, shown inline beside its button: ok or not, one line (never a secret). */
export interface ActionResult {
  ok: boolean;
  message: string;
}

export interface ResetOutcome extends ActionResult {
  /** Per action, how many orders are (or would be) marked. */
  counts?: Partial<Record<ResetAction, number>>;
}

export interface ResetParams {
  actions: ResetAction[];
  until: string;
}

type NoParams = Record<string, never>;

/** Every request the webview may send: its params and the result its response carries. */
export interface RequestMap {
  setShopCredentials: { params: NoParams; result: ActionResult };
  testShopConnection: { params: NoParams; result: ActionResult };
  refreshShopStatuses: { params: NoParams; result: ActionResult };
  setErpPassword: { params: NoParams; result: ActionResult };
  setErpBridgeToken: { params: NoParams; result: ActionResult };
  testErpConnection: { params: NoParams; result: ActionResult };
  setSmtpPassword: { params: NoParams; result: ActionResult };
  setAlertsSmtpPassword: { params: NoParams; result: ActionResult };
  /** `template` absent: the template of the active editor or preview, else the actions' default. */
  sendTestEmail: { params: { to: string; template?: string }; result: ActionResult };
  resetPreview: { params: ResetParams; result: ResetOutcome };
  reset: { params: ResetParams; result: ResetOutcome };
}
export type RequestMethod = keyof RequestMap;

export interface Request<M extends RequestMethod = RequestMethod> {
  kind: 'request';
  id: number;
  method: M;
  params: RequestMap[M]['params'];
}
/** Any request, discriminated by method (a switch on `method` narrows the params). */
export type AnyRequest = { [M in RequestMethod]: Request<M> }[RequestMethod];

export type Response<M extends RequestMethod = RequestMethod> =
  | { kind: 'response'; id: number; method: M; ok: true; result: RequestMap[M]['result'] }
  | { kind: 'response'; id: number; method: M; ok: false; error: string };
export type AnyResponse = { [M in RequestMethod]: Response<M> }[RequestMethod];

/** The host's side of the requests: one handler per method, each returning that method's result type. */
export type RequestHandlers = { [M in RequestMethod]: (params: RequestMap[M]['params']) => Promise<RequestMap[M]['result']> };

// ---------------------------------------------------------------- webview → host

export interface ReadyNotification {
  kind: 'notification';
  method: 'ready';
}
/** The first render is done and the form takes input; `ms` is the webview's own time since navigation start. */
export interface InteractiveNotification {
  kind: 'notification';
  method: 'interactive';
  params: { ms: number };
}
/** Apply changes to the document; `seq` grows with every edit so the form knows which ones the host has seen. */
export interface EditCommand {
  kind: 'command';
  method: 'edit';
  params: { seq: number; changes: FieldChange[] };
}
export interface ReopenAsTextCommand {
  kind: 'command';
  method: 'reopenAsText';
}
export type TemplateAction = 'afterImport' | 'afterRealization';
/** "Message template…" of an action: its template's body file (created from a starter when missing). */
export interface OpenTemplateCommand {
  kind: 'command';
  method: 'openTemplate';
  params: { action: TemplateAction };
}
/** A named template's body file, from the templates section. */
export interface OpenTemplateBodyCommand {
  kind: 'command';
  method: 'openTemplateBody';
  params: { name: string };
}

export type WebviewMessage =
  | ReadyNotification
  | InteractiveNotification
  | EditCommand
  | ReopenAsTextCommand
  | OpenTemplateCommand
  | OpenTemplateBodyCommand
  | AnyRequest;

// ---------------------------------------------------------------- host → webview

export interface Problem {
  /** JSON pointer of the setting concerned ('' = the whole file); a missing setting's own pointer. */
  pointer: string;
  /** Names the setting (its path): for the list of problems that have no field. */
  message: string;
  /** The same in the words of the setting's own field, shown beside it. */
  fieldMessage: string;
  severity: 'error' | 'warning';
}

export interface DocumentState {
  /** The parsed file as it is (no defaults applied); undefined when the JSON is broken. */
  settings?: { [key: string]: JsonValue };
  /** Set when the JSON does not parse: the first syntax error, with its 1-based position. */
  syntaxError?: { message: string; line: number; column: number };
  problems: Problem[];
  /** The highest edit `seq` of this webview the host has applied before this state. */
  ackSeq: number;
}

/** What the form shows besides the file; it may take the host a moment to read (secret storage, state database). */
export interface FormContext {
  /** The shop's statuses as last fetched (id + name), for the status pickers; empty when never fetched. */
  shopStatuses: Array<{ id: string; name: string }>;
  secrets: { shopCredentials: boolean; smtpPassword: boolean; alertsSmtpPassword: boolean; erpPassword: boolean; erpBridgeToken: boolean };
  /** Sending, syncing and resetting are blocked in an untrusted workspace. */
  trusted: boolean;
}

export interface InitParams {
  /** The VS Code display language, e.g. "en" or "pl". */
  language: string;
  /** Translations of the form's English strings (vscode.l10n.bundle); absent for English. */
  l10n?: Record<string, string>;
  /** Today in the deployment's time zone (YYYY-MM-DD), the reset date's default. */
  today: string;
  /** Known at once (the buttons' state from the first render): whether the workspace is trusted. */
  trusted: boolean;
  /** Shop platforms whose API can receive the sales document (capabilities.ts). */
  platformsWithPdfUpload: string[];
}

export type HostMessage =
  | { kind: 'notification'; method: 'init'; params: InitParams }
  | { kind: 'notification'; method: 'document'; params: DocumentState }
  | { kind: 'notification'; method: 'context'; params: FormContext }
  /** Show the field of this setting (from the Problems panel): scrolled into view, focused, marked. */
  | { kind: 'notification'; method: 'reveal'; params: { pointer: string } }
  | AnyResponse;

// ---------------------------------------------------------------- schemas of what the webview may send

const jsonPathSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 8,
  items: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'integer', minimum: 0, maximum: 10000 }] },
};
const noParams = { type: 'object', additionalProperties: false, maxProperties: 0 };
const resetParams = {
  type: 'object',
  additionalProperties: false,
  required: ['actions', 'until'],
  properties: {
    actions: { type: 'array', uniqueItems: true, maxItems: RESET_ACTIONS.length, items: { enum: [...RESET_ACTIONS] } },
    until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  },
};
const requestParams: Record<RequestMethod, object> = {
  setShopCredentials: noParams,
  testShopConnection: noParams,
  refreshShopStatuses: noParams,
  setErpPassword: noParams,
  setErpBridgeToken: noParams,
  testErpConnection: noParams,
  setSmtpPassword: noParams,
  setAlertsSmtpPassword: noParams,
  sendTestEmail: {
    type: 'object',
    additionalProperties: false,
    required: ['to'],
    properties: { to: { type: 'string', minLength: 3, maxLength: 320 }, template: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  resetPreview: resetParams,
  reset: resetParams,
};

function exact(kind: string, method: string, params?: object): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: params ? ['kind', 'method', 'params'] : ['kind', 'method'],
    properties: { kind: { const: kind }, method: { const: method }, ...(params ? { params } : {}) },
  };
}

/** JSON schema of every message the webview may send; the host drops anything else. */
export const webviewMessageSchema: object = {
  oneOf: [
    exact('notification', 'ready'),
    exact('notification', 'interactive', {
      type: 'object',
      additionalProperties: false,
      required: ['ms'],
      properties: { ms: { type: 'number', minimum: 0 } },
    }),
    exact('command', 'edit', {
      type: 'object',
      additionalProperties: false,
      required: ['seq', 'changes'],
      properties: {
        seq: { type: 'integer', minimum: 1 },
        changes: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path'],
            properties: { path: jsonPathSchema, value: {} },
          },
        },
      },
    }),
    exact('command', 'reopenAsText'),
    exact('command', 'openTemplate', {
      type: 'object',
      additionalProperties: false,
      required: ['action'],
      properties: { action: { enum: ['afterImport', 'afterRealization'] } },
    }),
    exact('command', 'openTemplateBody', {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: 200 } },
    }),
    ...Object.entries(requestParams).map(([method, params]) => ({
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'id', 'method', 'params'],
      properties: { kind: { const: 'request' }, id: { type: 'integer', minimum: 1 }, method: { const: method }, params },
    })),
  ],
};
