// What every feature of the extension receives at activation.
import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { CommandLayer } from './commands';
import type { Prompter } from './prompter';
import type { StateAccess } from './state-access';

export interface FeatureContext {
  extension: vscode.ExtensionContext;
  /** The one log channel of the extension ("Optima Order Sync"). */
  channel: vscode.LogOutputChannel;
  /** The same channel as the core's Logger. */
  log: Logger;
  /** The wall clock, passed on to the core (which never reads it itself). */
  clock: Clock;
  /** The deployments' state databases, and the event that tells the views a command changed one. */
  state: StateAccess;
  /** Secrets and decisions only the user gives (a masked input box, a modal). */
  prompter: Prompter;
  /** Registers the feature's commands (every one goes through it: trust, errors, the log). */
  commands: CommandLayer;
}

/** A feature that only registers commands, views and listeners (features with something to show return it). */
export type Feature = (context: FeatureContext) => void;
