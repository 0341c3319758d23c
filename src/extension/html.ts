// Host-side HTML of the script-free webviews (the e-mail preview, the sync pass plan): text always escaped.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../core/html-escape';

export { escapeHtml };

/** A fresh nonce per render for a page's CSP. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export interface PageParts {
  /** The VS Code display language, e.g. "pl". */
  language: string;
  /** The page's Content-Security-Policy. */
  csp: string;
  title?: string;
  /** More of <head> (styles, the toolkit's nonce meta). */
  head?: string;
  body: string;
}

/** A whole webview page: its language, its CSP first in <head>, then the rest. */
export function htmlPage({ language, csp, title, head = '', body }: PageParts): string {
  return `<!DOCTYPE html>
<html lang="${language.replace(/[^A-Za-z-]/g, '') || 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${title === undefined ? '' : `<title>${escapeHtml(title)}</title>\n`}${head}
</head>
<body>
${body}
</body>
</html>`;
}
