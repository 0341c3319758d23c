// The messages between the settings-form webview and the extension host. Imported by both sides, so it
// holds only types and plain data (the JSON schemas the host validates incoming messages with): no Node,
// no DOM, no vscode.
//
// Three shapes, as in GitLens's IPC: a *command* (webview → host, no answer), a *request* (webview → host,
// answered by a *response* with the same id) and a *notification* (either way, no answer). The webview
// sends `ready` first; the host answers with `init`, then `document` and `context` whenever they change.

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
export interface OpenTemplateCommand {
  kind: 'command';
  method: 'openTemplate';
  params: { action: TemplateAction };
}

export interface RequestMap {
  testShopConnection: { params: Record<string, never>; result: ServiceResult };
  refreshShopStatuses: { params: Record<string, never>; result: ServiceResult };
  setShopCredentials: { params: Record<string, never>; result: ServiceResult };
  setSmtpPassword: { params: Record<string, never>; result: ServiceResult };
  sendTestEmail: { params: { to: string }; result: ServiceResult };
  resetPreview: { params: { actions: ResetAction[]; until: string }; result: ResetOutcome };
  reset: { params: { actions: ResetAction[]; until: string }; result: ResetOutcome };
}
export type RequestMethod = keyof RequestMap;

export interface Request<M extends RequestMethod = RequestMethod> {
  kind: 'request';
  id: number;
  method: M;
  params: RequestMap[M]['params'];
}

export type WebviewMessage = ReadyNotification | InteractiveNotification | EditCommand | ReopenAsTextCommand | OpenTemplateCommand | Request;

// ---------------------------------------------------------------- host → webview

/** What a service call answers, shown inline beside its button. */
export interface ServiceResult {
  ok: boolean;
  /** One line a consultant reads: the server's answer, or the diagnosis. Never a secret. */
  message: string;
}

export interface ResetOutcome extends ServiceResult {
  /** Per action, how many orders are (or would be) marked. */
  counts?: Partial<Record<ResetAction, number>>;
}

export interface Problem {
  /** JSON pointer of the value concerned ('' = the whole file). */
  pointer: string;
  message: string;
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

export type ServiceName =
  | 'setShopCredentials'
  | 'testShopConnection'
  | 'refreshShopStatuses'
  | 'setSmtpPassword'
  | 'sendTestEmail'
  | 'previewTemplate'
  | 'resetState';

export interface FormContext {
  /** Which host services exist now (other features register them); a missing one shows as "not available". */
  services: Record<ServiceName, boolean>;
  /** The shop's statuses as last fetched (id + name), for the status pickers; empty when never fetched. */
  shopStatuses: Array<{ id: string; name: string }>;
  /** Shop platforms whose API can receive the sales-document PDF. */
  platformsWithPdfUpload: string[];
  secrets: { shopCredentials: boolean; smtpPassword: boolean };
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
}

export type HostMessage =
  | { kind: 'notification'; method: 'init'; params: InitParams }
  | { kind: 'notification'; method: 'document'; params: DocumentState }
  | { kind: 'notification'; method: 'context'; params: FormContext }
  | { kind: 'response'; id: number; ok: true; result: ServiceResult | ResetOutcome }
  | { kind: 'response'; id: number; ok: false; error: string };

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
  testShopConnection: noParams,
  refreshShopStatuses: noParams,
  setShopCredentials: noParams,
  setSmtpPassword: noParams,
  sendTestEmail: {
    type: 'object',
    additionalProperties: false,
    required: ['to'],
    properties: { to: { type: 'string', minLength: 3, maxLength: 320 } },
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
    ...Object.entries(requestParams).map(([method, params]) => ({
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'id', 'method', 'params'],
      properties: { kind: { const: 'request' }, id: { type: 'integer', minimum: 1 }, method: { const: method }, params },
    })),
  ],
};
