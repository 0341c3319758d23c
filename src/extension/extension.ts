// Activation only: the log channel, the translator, the shared state access, then each feature.
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { setTranslator } from '../core/l10n';
import type { Logger } from '../core/log';
import { extensionApi, type ExtensionApi, type FeatureServices } from './api';
import { CommandLayer } from './commands';
import type { FeatureContext } from './context';
import { erpFeature } from './features/erp';
import { logFeature } from './features/log';
import { mailFeature } from './features/mail';
import { ordersViewFeature } from './features/orders-view';
import { sandboxFeature } from './features/sandbox';
import { settingsFeature } from './features/settings';
import { settingsFormFeature } from './features/settings-form';
import { shopFeature } from './features/shop';
import { stateFeature } from './features/state';
import { syncFeature } from './features/sync';
import { activityFeature } from './features/activity';
import { statusBarFeature } from './features/status-bar';
import { ScriptedPrompter, windowPrompter } from './prompter';
import { StateAccess } from './state-access';

export type { ExtensionApi, ExtensionInspection, ExtensionTestApi, FeatureServices } from './api';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  setTranslator({
    locale: vscode.env.language,
    translate: (message, args, comment) =>
      comment ? vscode.l10n.t({ message, args: [...args], comment }) : vscode.l10n.t(message, ...args),
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
  // Only the in-VS Code tests may answer prompts, and only in the mode VS Code starts them in.
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const scripted = testMode ? new ScriptedPrompter(windowPrompter) : undefined;
  const prompter = scripted ?? windowPrompter;
  const state = new StateAccess(log, systemClock, prompter);
  context.subscriptions.push(state);
  const commands = new CommandLayer(log, channel, context.secrets);
  const features: FeatureContext = { extension: context, channel, log, clock: systemClock, state, prompter, commands };

  logFeature(features);
  settingsFeature(features);
  const mail = mailFeature(features);
  const services: FeatureServices = {
    shop: shopFeature(features),
    erp: erpFeature(features),
    mail: mail.service,
    state: stateFeature(features),
  };
  const settingsForm = settingsFormFeature(features, services);
  const sync = syncFeature(features, services.state);
  const ordersView = ordersViewFeature(features);
  const activity = activityFeature(features, (filter) => ordersView.showFiltered(filter));
  const statusBar = statusBarFeature(features, sync, () => activity.show());
  const sandbox = sandboxFeature(features);

  stopPasses = () => sync.stopAll();
  const activationMs = Math.round(performance.now() - started);
  log.info(`Activated in ${activationMs} ms`);
  return extensionApi(
    {
      activationMs,
      logFolder: context.logUri,
      services,
      inspect: {
        activity: activity.inspection,
        statusBar,
        mail: mail.inspection,
        ordersView: ordersView.inspection,
        sandbox,
        settingsForm,
        state: services.state,
        syncPlans: sync.plans.shown,
      },
      prompts: scripted,
    },
    testMode,
  );
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
