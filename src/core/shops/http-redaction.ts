// What the trace log shows of a request or an answer: URLs, headers and bodies with every secret redacted.
import type { ShopHttpOptions } from './http-types';

const MAX_LOGGED_BODY = 2000;

/** The parts of the client's options redaction needs. */
type RedactionOptions = Pick<ShopHttpOptions, 'hooks' | 'secrets'>;

export function redactUrl(options: RedactionOptions, url: string): string {
  const parsed = new URL(url);
  for (const key of options.hooks.secretQuery ?? []) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, 'REDACTED');
  if (parsed.username || parsed.password) {
    parsed.username = 'REDACTED';
    parsed.password = '';
  }
  return options.secrets.redact(decodeURI(parsed.toString()));
}

export function describeHeaders(options: RedactionOptions, headers: Record<string, string> | undefined): string {
  const secret = new Set(['authorization', ...(options.hooks.secretHeaders ?? []).map((h) => h.toLowerCase())]);
  return Object.entries(headers ?? {})
    .map(([key, value]) => `${key}: ${secret.has(key.toLowerCase()) ? 'REDACTED' : value}`)
    .join('; ');
}

export function describeBody(options: RedactionOptions, body: string | Uint8Array | undefined): string {
  if (body === undefined) return '';
  if (typeof body !== 'string') return ` <${body.byteLength} bytes>`;
  return ' ' + options.secrets.redact(body.length > MAX_LOGGED_BODY ? body.slice(0, MAX_LOGGED_BODY) + '…' : body);
}
