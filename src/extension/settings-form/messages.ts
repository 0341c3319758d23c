// The host's gate for messages from the webview: anything that does not match the protocol's schema is
// dropped (a webview is web content; it gets no say beyond the protocol).
import Ajv from 'ajv';
import { WebviewMessage, webviewMessageSchema } from '../../protocol/settings-form';

const validate = new Ajv({ allErrors: false, strict: false }).compile<WebviewMessage>(webviewMessageSchema);

export function parseWebviewMessage(message: unknown): WebviewMessage | undefined {
  return validate(message) ? message : undefined;
}
