import * as vscode from 'vscode';
import type { Feature } from '../context';

export const logFeature: Feature = ({ extension, channel }) => {
  extension.subscriptions.push(vscode.commands.registerCommand('optimaSync.showLog', () => channel.show(true)));
};
