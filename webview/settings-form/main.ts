// Entry of the settings-form webview bundle (dist/webview/settings-form.js).
import { startSettingsForm } from './app';
import styles from './styles.css';
import { registerToolkit } from './toolkit';

function injectStyles(): void {
  // The page's CSP allows styles only with its nonce; the same meta tag gives the toolkit its nonce.
  const nonce = document.querySelector('meta[property="csp-nonce"]')?.getAttribute('content') ?? '';
  const style = document.createElement('style');
  style.setAttribute('nonce', nonce);
  style.textContent = styles;
  document.head.append(style);
}

injectStyles();
registerToolkit();
startSettingsForm({ api: acquireVsCodeApi(), window, document, root: document.getElementById('app')! });
