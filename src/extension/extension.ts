// Activation only: the log channel, the translator, then each feature.
import * as vscode from 'vscode';
import { setTranslator } from '../core/l10n';
import type { Logger } from '../core/log';
import type { FeatureContext } from './context';
import { features } from './features/index';
import { syncController, type SyncController } from './features/sync';

export interface ExtensionApi {
  /** Milliseconds activate() took; reported by the integration tests. */
  activationMs: number;
  /** Where the log channel's file lives (tests read the log from there). */
  logFolder: vscode.Uri;
  /** The sync controller: tests answer its bulk-guard question through its seam. */
  sync: SyncController | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const started = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const channel = vscode.window.createOutputChannel('Optima Order Sync', { log: true });
  context.subscriptions.push(channel);
  const log: Logger = {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  const featureContext: FeatureContext = { extension: context, channel, log };
  for (const feature of features) await feature(featureContext);
  const activationMs = Math.round(performance.now() - started);
  log.info(`Activated in ${activationMs} ms`);
  return { activationMs, logFolder: context.logUri, sync: syncController };
}

export function deactivate(): void {}
