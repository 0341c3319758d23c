// The host's gate for messages from a webview: anything that does not match its protocol's schema is dropped
// (a webview is web content; it gets no say beyond the protocol). Ajv compiles on the first message, not when
// the extension loads: activation does not pay for it.
import type { ValidateFunction } from 'ajv';
import { validationEngine } from '../core/validation';
import { gateSchema, type Protocol, type WebviewMessage } from '../protocol/descriptor';

export function webviewGate<P extends Protocol>(protocol: P): (raw: unknown) => WebviewMessage<P> | undefined {
  let validate: ValidateFunction | undefined;
  const isMessage = (raw: unknown): raw is WebviewMessage<P> => {
    validate ??= new (validationEngine().Ajv)({ allErrors: false, strict: false }).compile(gateSchema(protocol));
    return validate(raw) === true;
  };
  return (raw) => (isMessage(raw) ? raw : undefined);
}
