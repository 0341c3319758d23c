// The form's page: a strict CSP with a fresh nonce per render, the bundled script from dist/webview, no
// remote content. The toolkit reads the nonce for its injected <style> from <meta property="csp-nonce">
// (it must be `property=`), so no 'unsafe-inline' is needed.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export const WEBVIEW_BUNDLE = 'settings-form.js';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

/** A page of a scripted webview: the strict CSP with its nonce, and one bundle of dist/webview as its script. */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { bundle: string; title: string; language: string; nonce?: string }): string {
  const nonce = page.nonce ?? newNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), page.bundle));
  const lang = page.language.replace(/[^A-Za-z-]/g, '') || 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${page.title}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

export function formHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, nonce = newNonce()): string {
  return webviewPage(webview, extensionUri, { bundle: WEBVIEW_BUNDLE, title: 'optima-sync.json', language, nonce });
}
