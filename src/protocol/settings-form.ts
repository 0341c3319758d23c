// The messages between the settings-form webview and the extension host, one descriptor each (descriptor.ts):
// what the webview sends carries its params' JSON Schema (the host's gate; the params' type comes from it),
// a request names its result, and what the host sends names its params. Imported by both sides, so it holds
// only types and plain data: no Node, no DOM, no vscode.
//
// Three shapes, as in GitLens's IPC: a *command* (webview → host, no answer), a *request* (webview → host,
// answered by a *response* with the same id and method) and a *notification* (either way, no answer). The
// webview sends `ready` first; the host answers with `init`, then `document` and `context` whenever they change.
// A new message is one entry below: the host's switch and handler table, the gate and the client follow.

import { ACTION_KINDS, type ActionKind } from '../core/model/actions';
import {
  command,
  hostNotification,
  notification,
  request,
  type AnyResponse as AnyResponseOf,
  type HostMessage as HostMessageOf,
  type ParamsOf,
  type Request as RequestOf,
  type RequestHandlers as RequestHandlersOf,
  type RequestMethod as RequestMethodOf,
  type Response as ResponseOf,
  type WebviewMessage as WebviewMessageOf,
} from './descriptor';

export const SETTINGS_FORM_VIEW_TYPE = 'optimaSync.settingsForm';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonPath = Array<string | number>;

/** The reverse-update actions a reset can mark: the core's action kinds. */
export type ResetAction = ActionKind;

// ---------------------------------------------------------------- params schemas used more than once

const noParams = { type: 'object', additionalProperties: false, maxProperties: 0 } as const;
const resetParams = {
  type: 'object',
  additionalProperties: false,
  required: ['actions', 'until'],
  properties: {
    actions: { type: 'array', uniqueItems: true, maxItems: ACTION_KINDS.length, items: { enum: ACTION_KINDS } },
    until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  },
} as const;
const fieldChange = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: {
        anyOf: [
          { type: 'string', maxLength: 200 },
          { type: 'integer', minimum: 0, maximum: 10000 },
        ],
      },
    },
    value: {},
  },
} as const;

/** One change to the settings file: set the value at a path, or remove the key when `value` is absent. */
export type FieldChange = ParamsOf<typeof fieldChange>;
export type ResetParams = ParamsOf<typeof resetParams>;
export type TemplateAction = 'afterImport' | 'afterRealization';

// ---------------------------------------------------------------- results

/** What a feature answered, shown inline beside its button: ok or not, one line (never a secret). */
export interface ActionResult {
  ok: boolean;
  message: string;
}

export interface ResetOutcome extends ActionResult {
  /** Per action, how many orders are (or would be) marked. */
  counts?: Partial<Record<ResetAction, number>>;
}

// ---------------------------------------------------------------- what the host sends

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

// ---------------------------------------------------------------- the protocol

export const SETTINGS_FORM_PROTOCOL = {
  toHost: {
    ready: notification(),
    /** The first render is done and the form takes input; `ms` is the webview's own time since navigation start. */
    interactive: notification({
      type: 'object',
      additionalProperties: false,
      required: ['ms'],
      properties: { ms: { type: 'number', minimum: 0 } },
    }),
    /** Apply changes to the document; `seq` grows with every edit so the form knows which ones the host has seen. */
    edit: command({
      type: 'object',
      additionalProperties: false,
      required: ['seq', 'changes'],
      properties: { seq: { type: 'integer', minimum: 1 }, changes: { type: 'array', minItems: 1, maxItems: 50, items: fieldChange } },
    }),
    reopenAsText: command(),
    /** "Message template…" of an action: its template's body file (created from a starter when missing). */
    openTemplate: command({
      type: 'object',
      additionalProperties: false,
      required: ['action'],
      properties: { action: { enum: ['afterImport', 'afterRealization'] } },
    }),
    /** A named template's body file, from the templates section. */
    openTemplateBody: command({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: 200 } },
    }),
    setShopCredentials: request<ActionResult>()(noParams),
    testShopConnection: request<ActionResult>()(noParams),
    refreshShopStatuses: request<ActionResult>()(noParams),
    setErpPassword: request<ActionResult>()(noParams),
    setErpBridgeToken: request<ActionResult>()(noParams),
    testErpConnection: request<ActionResult>()(noParams),
    setSmtpPassword: request<ActionResult>()(noParams),
    setAlertsSmtpPassword: request<ActionResult>()(noParams),
    /** `template` absent: the template of the active editor or preview, else the actions' default. */
    sendTestEmail: request<ActionResult>()({
      type: 'object',
      additionalProperties: false,
      required: ['to'],
      properties: { to: { type: 'string', minLength: 3, maxLength: 320 }, template: { type: 'string', minLength: 1, maxLength: 200 } },
    }),
    resetPreview: request<ResetOutcome>()(resetParams),
    reset: request<ResetOutcome>()(resetParams),
  },
  toWebview: {
    init: hostNotification<InitParams>(),
    document: hostNotification<DocumentState>(),
    context: hostNotification<FormContext>(),
    /** Show the field of this setting (from the Problems panel): scrolled into view, focused, marked. */
    reveal: hostNotification<{ pointer: string }>(),
  },
} as const;

export type SettingsFormProtocol = typeof SETTINGS_FORM_PROTOCOL;
export type WebviewMessage = WebviewMessageOf<SettingsFormProtocol>;
export type HostMessage = HostMessageOf<SettingsFormProtocol>;
export type RequestMethod = RequestMethodOf<SettingsFormProtocol>;
export type Request<M extends RequestMethod = RequestMethod> = RequestOf<SettingsFormProtocol, M>;
export type Response<M extends RequestMethod = RequestMethod> = ResponseOf<SettingsFormProtocol, M>;
export type AnyResponse = AnyResponseOf<SettingsFormProtocol>;
export type RequestHandlers = RequestHandlersOf<SettingsFormProtocol>;
