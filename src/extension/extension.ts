// Activation only: the log channel, the translator, the shared state access, then each feature.
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { setTranslator } from '../core/l10n';
import type { Logger } from '../core/log';
import type { FeatureContext } from './context';
import { erpFeature } from './features/erp';
import { logFeature } from './features/log';
import { mailFeature, type MailInspection } from './features/mail';
import { ordersViewFeature, type OrdersViewInspection } from './features/orders-view';
import { sandboxFeature, type SandboxInspection } from './features/sandbox';
import { settingsFeature } from './features/settings';
import { settingsFormFeature, type SettingsFormInspection } from './features/settings-form';
import { shopFeature } from './features/shop';
import { stateFeature, type StateInspection } from './features/state';
import { syncFeature, type SyncController } from './features/sync';
import { activityFeature, type ActivityInspection } from './features/activity';
import { statusBarFeature, type StatusBarInspection } from './features/status-bar';
import { StateAccess } from './state-access';

/** What each feature shows on screen, read by the in-VS Code tests (no command, nothing in the palette). */
export interface ExtensionInspection {
  activity: ActivityInspection;
  statusBar: StatusBarInspection;
  mail: MailInspection;
  ordersView: OrdersViewInspection;
  sandbox: SandboxInspection;
  settingsForm: SettingsFormInspection;
  state: StateInspection;
}

export interface ExtensionApi {
  /** Milliseconds activate() took; reported by the integration tests. */
  activationMs: number;
  /** Where the log channel's file lives (tests read the log from there). */
  logFolder: vscode.Uri;
  /** The sync controller: tests answer its bulk-guard question through `askBulk`. */
  sync: SyncController;
  inspect: ExtensionInspection;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args), vscode.env.language);
  const channel = vscode.window.createOutputChannel('Optima Order Sync', { log: true });
  context.subscriptions.push(channel);
  const log: Logger = {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  const state = new StateAccess(log, systemClock);
  context.subscriptions.push(state);
  const features: FeatureContext = { extension: context, channel, log, clock: systemClock, state };

  logFeature(features);
  settingsFeature(features);
  const settingsForm = settingsFormFeature(features);
  const sync = syncFeature(features);
  const mail = mailFeature(features);
  const stateInspection = stateFeature(features);
  const ordersView = ordersViewFeature(features);
  const activity = activityFeature(features, (filter) => ordersView.showFiltered(filter));
  const statusBar = statusBarFeature(features, sync, () => activity.show());
  erpFeature(features);
  shopFeature(features);
  const sandbox = sandboxFeature(features);

  const activationMs = Math.round(performance.now() - started);
  log.info(`Activated in ${activationMs} ms`);
  return { activationMs, logFolder: context.logUri, sync, inspect: { activity: activity.inspection, statusBar, mail, ordersView: ordersView.inspection, sandbox, settingsForm, state: stateInspection } };
}

export function deactivate(): void {}
