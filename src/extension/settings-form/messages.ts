// The settings form's gate: only messages of its protocol reach the session.
import { SETTINGS_FORM_PROTOCOL } from '../../protocol/settings-form';
import { webviewGate } from '../webview-gate';

export const parseWebviewMessage = webviewGate(SETTINGS_FORM_PROTOCOL);
