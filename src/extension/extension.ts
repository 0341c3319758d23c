// Activation only: the log channel, the translator, the shared state access, then each feature.
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { setTranslator } from '../core/l10n';
import type { Logger } from '../core/log';
import type { FeatureContext } from './context';
import { erpFeature, type ErpService } from './features/erp';
import { logFeature } from './features/log';
import { mailFeature, type MailInspection } from './features/mail';
import { ordersViewFeature, type OrdersViewInspection } from './features/orders-view';
import { sandboxFeature, type SandboxInspection } from './features/sandbox';
import { settingsFeature } from './features/settings';
import { settingsFormFeature, type SettingsFormInspection } from './features/settings-form';
import { shopFeature, type ShopService } from './features/shop';
import { stateFeature, type StateInspection, type StateService } from './features/state';
import { syncFeature, type SyncController } from './features/sync';
import { activityFeature, type ActivityInspection } from './features/activity';
import { statusBarFeature, type StatusBarInspection } from './features/status-bar';
import type { MailService } from './mail/service';
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

/** Each feature's one typed service: what its palette commands, the settings form and the tests call. */
export interface FeatureServices {
  shop: ShopService;
  erp: ErpService;
  mail: MailService;
  state: StateService;
}

export interface ExtensionApi {
  /** Milliseconds activate() took; reported by the integration tests. */
  activationMs: number;
  /** Where the log channel's file lives (tests read the log from there). */
  logFolder: vscode.Uri;
  /** The sync controller: tests answer its bulk-guard question through `askBulk`. */
  sync: SyncController;
  services: FeatureServices;
  inspect: ExtensionInspection;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  setTranslator({
    locale: vscode.env.language,
    translate: (message, args, comment) => (comment ? vscode.l10n.t({ message, args: [...args], comment }) : vscode.l10n.t(message, ...args)),
  });
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
  const mail = mailFeature(features);
  const services: FeatureServices = { shop: shopFeature(features), erp: erpFeature(features), mail: mail.service, state: stateFeature(features) };
  const settingsForm = settingsFormFeature(features, services);
  const sync = syncFeature(features, services.state);
  const ordersView = ordersViewFeature(features);
  const activity = activityFeature(features, (filter) => ordersView.showFiltered(filter));
  const statusBar = statusBarFeature(features, sync, () => activity.show());
  const sandbox = sandboxFeature(features);

  stopPasses = () => sync.stopAll();
  const activationMs = Math.round(performance.now() - started);
  log.info(`Activated in ${activationMs} ms`);
  return {
    activationMs,
    logFolder: context.logUri,
    sync,
    services,
    inspect: { activity: activity.inspection, statusBar, mail: mail.inspection, ordersView: ordersView.inspection, sandbox, settingsForm, state: services.state },
  };
}

/**
 * What deactivation must wait for (VS Code awaits the promise deactivate returns, and no disposable's): the sync
 * passes in progress stopping between actions. Set by activate, for the one activation at a time VS Code makes.
 */
let stopPasses: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  const stop = stopPasses;
  stopPasses = undefined;
  return stop?.();
}
