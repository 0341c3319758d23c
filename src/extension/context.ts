// What every feature of the extension receives at activation.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';

export interface FeatureContext {
  extension: vscode.ExtensionContext;
  /** The one log channel of the extension ("Optima Order Sync"). */
  channel: vscode.LogOutputChannel;
  /** The same channel as the core's Logger. */
  log: Logger;
}

export type Feature = (context: FeatureContext) => void | Promise<void>;
