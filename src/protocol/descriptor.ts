// How a webview protocol is declared: one descriptor per message. What the webview sends carries its params'
// JSON Schema — the host's gate validates with it and the params' TypeScript type is derived from it
// (json-schema-to-ts, types only); a request also names its result type. What the host sends needs no gate
// (the host is trusted) and names its params' type. Every message type, the gate's schema and the host's
// handler table are derived from the descriptors (settings-form.ts, activity.ts), and webview/shared/client.ts
// is the one client over any of them. Types and plain data only: the webviews import this file.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** The params' schema of a message the webview sends; `undefined`: it has none. */
type ParamsSchema = JSONSchema | undefined;

/** webview → host, no answer: `notification` (it tells) or `command` (it asks the host to act). */
export interface SentDescriptor<Kind extends 'notification' | 'command', Schema extends ParamsSchema> {
  readonly kind: Kind;
  readonly params: Schema;
}
/** webview → host, answered by a response carrying `Result` (a type only). */
export interface RequestDescriptor<Schema extends JSONSchema, Result> {
  readonly kind: 'request';
  readonly params: Schema;
  readonly result?: Result;
}
/** host → webview: a notification whose params are `Params` (a type only). */
export interface HostNotificationDescriptor<Params> {
  readonly kind: 'notification';
  readonly params?: Params;
}

export interface Protocol {
  /** What the webview may send; the host drops anything else. */
  readonly toHost: Readonly<
    Record<string, SentDescriptor<'notification' | 'command', ParamsSchema> | RequestDescriptor<JSONSchema, unknown>>
  >;
  /** What the host sends. */
  readonly toWebview: Readonly<Record<string, HostNotificationDescriptor<unknown>>>;
}

export function notification(): SentDescriptor<'notification', undefined>;
export function notification<const Schema extends JSONSchema>(params: Schema): SentDescriptor<'notification', Schema>;
export function notification(params?: JSONSchema): SentDescriptor<'notification', JSONSchema | undefined> {
  return { kind: 'notification', params };
}
export function command(): SentDescriptor<'command', undefined>;
export function command<const Schema extends JSONSchema>(params: Schema): SentDescriptor<'command', Schema>;
export function command(params?: JSONSchema): SentDescriptor<'command', JSONSchema | undefined> {
  return { kind: 'command', params };
}
/** `request<Result>()(paramsSchema)`: the result named once, the params' type from its schema. */
export function request<Result>() {
  return <const Schema extends JSONSchema>(params: Schema): RequestDescriptor<Schema, Result> => ({ kind: 'request', params });
}
export function hostNotification<Params = undefined>(): HostNotificationDescriptor<Params> {
  return { kind: 'notification' };
}

/** The type a params schema describes. */
export type ParamsOf<Schema> = Schema extends JSONSchema ? FromSchema<Schema> : never;

type ToHost<P extends Protocol> = P['toHost'];
type ToWebview<P extends Protocol> = P['toWebview'];

/** The methods of one kind the webview may send. */
export type MethodsOfKind<P extends Protocol, Kind extends 'notification' | 'command' | 'request'> = {
  [M in keyof ToHost<P>]: ToHost<P>[M]['kind'] extends Kind ? M : never;
}[keyof ToHost<P>] &
  string;

export type RequestMethod<P extends Protocol> = MethodsOfKind<P, 'request'>;

// Maps indexed by method (not conditional types per use), so that a handler generic in its method still
// relates its params and result to the protocol's.
type ParamsMap<P extends Protocol> = { [M in keyof ToHost<P>]: ParamsOf<ToHost<P>[M]['params']> };
type ResultMap<P extends Protocol> = {
  [M in RequestMethod<P>]: ToHost<P>[M] extends RequestDescriptor<JSONSchema, infer Result> ? Result : never;
};
export type RequestParams<P extends Protocol, M extends keyof ToHost<P>> = ParamsMap<P>[M];
export type RequestResult<P extends Protocol, M extends RequestMethod<P>> = ResultMap<P>[M];

/** What `send` takes after the method: the params when the message has them. */
export type ParamsArgument<P extends Protocol, M extends keyof ToHost<P>> = ToHost<P>[M]['params'] extends JSONSchema
  ? [params: RequestParams<P, M>]
  : [];

type Sent<P extends Protocol, M extends keyof ToHost<P> & string> = ToHost<P>[M]['params'] extends JSONSchema
  ? { kind: ToHost<P>[M]['kind']; method: M; params: RequestParams<P, M> }
  : { kind: ToHost<P>[M]['kind']; method: M };

/** A request of one of the methods M (one member per method, so a switch on `method` narrows the params). */
export type Request<P extends Protocol, M extends RequestMethod<P> = RequestMethod<P>> = {
  [K in M]: { kind: 'request'; id: number; method: K; params: RequestParams<P, K> };
}[M];

/** Any message the webview sends, discriminated by method (a switch on `method` narrows the params). */
export type WebviewMessage<P extends Protocol> = {
  [M in keyof ToHost<P> & string]: ToHost<P>[M]['kind'] extends 'request'
    ? M extends RequestMethod<P>
      ? Request<P, M>
      : never
    : Sent<P, M>;
}[keyof ToHost<P> & string];

export type Response<P extends Protocol, M extends RequestMethod<P> = RequestMethod<P>> =
  | { kind: 'response'; id: number; method: M; ok: true; result: RequestResult<P, M> }
  | { kind: 'response'; id: number; method: M; ok: false; error: string };
export type AnyResponse<P extends Protocol> = { [M in RequestMethod<P>]: Response<P, M> }[RequestMethod<P>];

type NotificationParams<P extends Protocol, M extends keyof ToWebview<P>> =
  ToWebview<P>[M] extends HostNotificationDescriptor<infer Params> ? Params : never;

/** A notification the host sends, discriminated by method. */
export type HostNotification<P extends Protocol> = {
  [M in keyof ToWebview<P> & string]: NotificationParams<P, M> extends undefined
    ? { kind: 'notification'; method: M }
    : { kind: 'notification'; method: M; params: NotificationParams<P, M> };
}[keyof ToWebview<P> & string];

/** Everything the host sends: its notifications and the answers to requests. */
export type HostMessage<P extends Protocol> = HostNotification<P> | AnyResponse<P>;

/** The host's side of the requests: one handler per method, each returning that method's result. */
export type RequestHandlers<P extends Protocol> = {
  [M in RequestMethod<P>]: (params: RequestParams<P, M>) => Promise<RequestResult<P, M>>;
};

/** Whether a response answers `method` (so its result is that method's). */
export function answers<P extends Protocol, M extends RequestMethod<P>>(
  response: AnyResponse<P>,
  method: M,
): response is AnyResponse<P> & Response<P, M> {
  return response.method === method;
}

/** The one JSON Schema of everything the webview may send: what the host's gate compiles. */
export function gateSchema(protocol: Protocol): object {
  return {
    oneOf: Object.entries(protocol.toHost).map(([method, descriptor]) => {
      const isRequest = descriptor.kind === 'request';
      const required = ['kind', ...(isRequest ? ['id'] : []), 'method', ...(descriptor.params ? ['params'] : [])];
      return {
        type: 'object',
        additionalProperties: false,
        required,
        properties: {
          kind: { const: descriptor.kind },
          ...(isRequest ? { id: { type: 'integer', minimum: 1 } } : {}),
          method: { const: method },
          ...(descriptor.params ? { params: descriptor.params } : {}),
        },
      };
    }),
  };
}
