// Entry of the Activity view's webview bundle (dist/webview/activity.js).
import type { ActivityProtocol } from '../../src/protocol/activity';
import { WebviewClient } from '../shared/client';
import styles from './styles.css';
import { ActivityView } from './view';

const nonce = document.querySelector('meta[property="csp-nonce"]')?.getAttribute('content') ?? '';
const style = document.createElement('style');
style.setAttribute('nonce', nonce);
style.textContent = styles;
document.head.append(style);

const client = new WebviewClient<ActivityProtocol>(acquireVsCodeApi(), window);
const view = new ActivityView(client, document, document.getElementById('app')!);
client.onNotification((message) => view.receive(message));
client.notify('ready');
