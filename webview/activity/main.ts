// Entry of the Activity view's webview bundle (dist/webview/activity.js).
import type { ActivityHostMessage } from '../../src/protocol/activity';
import styles from './styles.css';
import { ActivityView } from './view';

const nonce = document.querySelector('meta[property="csp-nonce"]')?.getAttribute('content') ?? '';
const style = document.createElement('style');
style.setAttribute('nonce', nonce);
style.textContent = styles;
document.head.append(style);

const view = new ActivityView(acquireVsCodeApi(), document, document.getElementById('app')!);
window.addEventListener('message', (event: MessageEvent<ActivityHostMessage>) => {
  if (event.data && typeof event.data === 'object') view.receive(event.data);
});
view.send({ kind: 'notification', method: 'ready' });
