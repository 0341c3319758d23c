// The form's page: a strict CSP with a fresh nonce per render, the bundled script from dist/webview, no
// remote content. The toolkit reads the nonce for its injected <style> from <meta property="csp-nonce">
// (it must be `property=`), so no 'unsafe-inline' is needed.
import * as vscode from 'vscode';
import { newNonce } from '../html';

export const WEBVIEW_BUNDLE = 'settings-form.js';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
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

export function formHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, nonce = newNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), WEBVIEW_BUNDLE));
  const lang = language.replace(/[^A-Za-z-]/g, '') || 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>optima-sync.json</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
