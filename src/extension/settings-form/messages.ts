// The host's gate for messages from the webview: anything that does not match the protocol's schema is
// dropped (a webview is web content; it gets no say beyond the protocol).
import type { ValidateFunction } from 'ajv';
import { WebviewMessage, webviewMessageSchema } from '../../protocol/settings-form';
import { validationEngine } from '../../core/validation';

// Compiled on the first message, not when the extension loads: activation does not pay for it.
let validate: ValidateFunction<WebviewMessage> | undefined;

export function parseWebviewMessage(message: unknown): WebviewMessage | undefined {
  validate ??= new (validationEngine().Ajv)({ allErrors: false, strict: false }).compile<WebviewMessage>(webviewMessageSchema);
  return validate(message) ? message : undefined;
}
