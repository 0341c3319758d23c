// Host-side HTML of the script-free webviews (the e-mail preview, the sync pass plan): text always escaped.
import { randomBytes } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A fresh nonce per render for a page's CSP. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}
