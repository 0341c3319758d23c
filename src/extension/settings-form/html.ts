// The form's page: a strict CSP with a fresh nonce per render, the bundled script from dist/webview, no
// remote content. The toolkit reads the nonce for its injected <style> from <meta property="csp-nonce">
// (it must be `property=`), so no 'unsafe-inline' is needed.
import * as vscode from 'vscode';
import { htmlPage, newNonce } from '../html';

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

/** A page of a scripted webview: the strict CSP with its nonce, and one bundle of dist/webview as its script. */
export function webviewPage(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { bundle: string; title: string; language: string; nonce?: string },
): string {
  const nonce = page.nonce ?? newNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), page.bundle));
  return htmlPage({
    language: page.language,
    csp: contentSecurityPolicy(webview.cspSource, nonce),
    title: page.title,
    head: `<meta property="csp-nonce" content="${nonce}">`,
    body: `<main id="app" aria-busy="true"></main>\n<script nonce="${nonce}" src="${script.toString()}"></script>`,
  });
}

export function formHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, nonce = newNonce()): string {
  return webviewPage(webview, extensionUri, { bundle: WEBVIEW_BUNDLE, title: 'optima-sync.json', language, nonce });
}
