// The shop in VS Code: "Set shop credentials…" (password inputs per platform, kept in SecretStorage per
// deployment; Apilo's authorization code is exchanged for tokens at once), "Test shop connection" (auth,
// statuses with names, capability matrix in the log, statuses cached for the settings form) and
// "Refresh shop statuses". One typed service; the commands (which take an optional deployment folder and
// return their result for scripts) and the settings form call it.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import { plural } from '../../core/l10n';
import { SecretRegistry } from '../../core/log';
import type { Platform } from '../../core/model/order';
import { registeringSecrets } from '../../core/secrets';
import type { Settings } from '../../core/settings/types.generated';
import {
  cacheStatuses,
  createShopHttp,
  PDF_UPLOAD_CREDENTIALS,
  PLATFORM_CREDENTIALS,
  platformName,
  requestApiloTokens,
  type ShopConnectionReport,
  shopReportText,
  testShopConnection,
} from '../../core/shops/index';
import { openStateStore } from '../../core/state/index';
import type { FeatureContext } from '../context';
import { type Deployment, onDeployment } from '../deployments';
import type { Outcome } from '../outcome';
import { deploymentSecrets, refusedSecretArguments } from '../secrets';

export interface ShopTestResult extends Outcome {
  report?: ShopConnectionReport;
  /** The statuses were stored in the state database for the settings form. */
  cached: boolean;
}

async function settingsOf(deployment: Deployment): Promise<Settings | Outcome> {
  try {
    return (await loadSettings(deployment.folder.fsPath)).settings;
  } catch (error) {
    const message = (error as Error).message;
    void vscode.window.showErrorMessage(message);
    return { ok: false, message };
  }
}

export class ShopService {
  constructor(private readonly context: FeatureContext) {}

  /** Asks for the platform's keys in masked inputs and stores them; undefined when a prompt was dismissed. */
  async setCredentials(deployment: Deployment): Promise<Outcome | undefined> {
    const { extension, log, clock, prompter } = this.context;
    const settings = await settingsOf(deployment);
    if ('ok' in settings) return settings;
    const platform = settings.shop.platform as Platform;
    const name = platformName(platform);
    if (platform === 'demo') {
      const message = vscode.l10n.t('The demo shop needs no credentials.');
      void vscode.window.showInformationMessage(message);
      return { ok: true, message };
    }
    const secrets = deploymentSecrets(extension.secrets, deployment.folder);
    const entered: Record<string, string> = {};
    for (const field of PLATFORM_CREDENTIALS[platform]) {
      const value = await prompter.secret({
        title: vscode.l10n.t('{0} for {1}', vscode.l10n.t(field.label), vscode.workspace.asRelativePath(deployment.folder)),
        prompt: vscode.l10n.t("It is kept in VS Code's secret storage, never in the workspace."),
        required: vscode.l10n.t('Enter a value (Esc cancels)'),
      });
      if (!value) return undefined;
      entered[field.secret] = value.trim();
    }
    // Asked only when the PDF upload is on; Esc skips (the upload then says what is missing).
    const uploadFields = settings.afterRealization.uploadSalesPdfToShop.enabled ? (PDF_UPLOAD_CREDENTIALS[platform] ?? []) : [];
    for (const field of uploadFields) {
      const value = await prompter.secret({
        title: vscode.l10n.t('{0} for {1}', vscode.l10n.t(field.label), vscode.workspace.asRelativePath(deployment.folder)),
        prompt: vscode.l10n.t("Optional for the PDF upload (Esc skips). It is kept in VS Code's secret storage, never in the workspace."),
        password: field.secret === 'wpAppPassword',
      });
      if (!value?.trim()) break;
      entered[field.secret] = value.trim();
    }
    for (const [secret, value] of Object.entries(entered))
      await secrets.set!(secret as 'shopKey' | 'shopSecret' | 'wpUser' | 'wpAppPassword', value);
    if (platform === 'apilo') {
      const code = await prompter.secret({
        title: vscode.l10n.t('Apilo authorization code'),
        prompt: vscode.l10n.t(
          "From Apilo → Administracja → API Apilo. It is exchanged for access and refresh tokens at once; they are kept in VS Code's secret storage.",
        ),
      });
      if (code) {
        const registry = new SecretRegistry();
        for (const value of [...Object.values(entered), code]) registry.add(value);
        try {
          const http = createShopHttp(settings, {
            secrets: registeringSecrets(secrets, registry),
            logger: log,
            secretRegistry: registry,
            now: clock,
          });
          const tokens = await requestApiloTokens(
            http,
            (settings.shop.url ?? '').replace(/\/+$/, '').replace(/\/rest(\/api)?$/, ''),
            entered.shopKey!,
            entered.shopSecret!,
            { authorizationCode: code.trim() },
          );
          await secrets.set!('apiloTokens', JSON.stringify(tokens));
        } catch (error) {
          const message = registry.redact((error as Error).message);
          log.error(message);
          void vscode.window.showErrorMessage(message);
          return { ok: false, message };
        }
      }
    }
    log.info(vscode.l10n.t('{0} credentials stored for {1}', name, deployment.folder.fsPath));
    const message = vscode.l10n.t('{0} credentials stored for {1}.', name, vscode.workspace.asRelativePath(deployment.folder));
    void vscode.window.showInformationMessage(message);
    return { ok: true, message };
  }

  /** Connects, logs the report, caches the statuses for the settings form; `refreshOnly` words it as a refresh. */
  async testConnection(deployment: Deployment, options: { refreshOnly?: boolean } = {}): Promise<ShopTestResult> {
    const { extension, log, channel, clock } = this.context;
    const settings = await settingsOf(deployment);
    if ('ok' in settings) return { ...settings, cached: false };
    const registry = new SecretRegistry();
    const secrets = registeringSecrets(deploymentSecrets(extension.secrets, deployment.folder), registry);
    const name = platformName(settings.shop.platform);
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting to the shop ({0})…', name) },
      () => testShopConnection(settings, { secrets, logger: log, secretRegistry: registry, dir: deployment.folder.fsPath, now: clock }),
    );
    const redacted = JSON.parse(registry.redact(JSON.stringify(report))) as ShopConnectionReport;
    for (const line of shopReportText(redacted).split('\n')) {
      if (redacted.ok) log.info(line);
      else log.error(line);
    }
    if (!redacted.ok) {
      const setCredentialsLabel = vscode.l10n.t('Set shop credentials…');
      const showLog = vscode.l10n.t('Show log');
      const message = vscode.l10n.t('Shop connection failed: {0}', redacted.error ?? '');
      void vscode.window.showErrorMessage(message, setCredentialsLabel, showLog).then(async (answer) => {
        if (answer === setCredentialsLabel) await this.setCredentials(deployment);
        if (answer === showLog) channel.show(true);
      });
      return { ok: false, report: redacted, cached: false, message };
    }
    let cached = false;
    try {
      const store = await openStateStore(deployment.folder.fsPath, { logger: log, holder: 'VS Code', now: clock });
      try {
        cacheStatuses(store, settings.shop.platform, redacted.statuses, clock());
        cached = true;
      } finally {
        await store.close();
      }
    } catch (error) {
      log.warn(vscode.l10n.t('The statuses were not cached: {0}', (error as Error).message));
    }
    const count = redacted.statuses.length;
    const upload = redacted.capabilities.uploadSalesPdf ? vscode.l10n.t('PDF upload: yes') : vscode.l10n.t('PDF upload: no');
    const message = options.refreshOnly
      ? plural(count, { one: '{1}: {0} status refreshed.', other: '{1}: {0} statuses refreshed.' }, name)
      : plural(
          count,
          { one: '{1} connection works: {0} status ({2}). {3}', other: '{1} connection works: {0} statuses ({2}). {3}' },
          name,
          redacted.statuses
            .slice(0, 6)
            .map((s) => s.name)
            .join(', '),
          upload,
        );
    const warnings = redacted.unknownStatuses.map((u) =>
      vscode.l10n.t('{0} names statuses the shop does not have: {1}', u.setting, u.ids.join(', ')),
    );
    if (warnings.length) void vscode.window.showWarningMessage([message, ...warnings].join(' '));
    else void vscode.window.showInformationMessage(message);
    return { ok: true, report: redacted, cached, message };
  }
}

export function shopFeature(context: FeatureContext): ShopService {
  const service = new ShopService(context);
  const test = (refreshOnly: boolean) => onDeployment((d) => service.testConnection(d, { refreshOnly }));
  context.extension.subscriptions.push(
    // true (stored), false (refused, or values passed along) or undefined (a prompt was dismissed).
    context.commands.register(
      'optimaSync.setShopCredentials',
      onDeployment(async (d, ...rest: unknown[]) =>
        refusedSecretArguments(rest, context.log) ? false : (await service.setCredentials(d))?.ok,
      ),
    ),
    context.commands.register('optimaSync.testShopConnection', test(false)),
    context.commands.register('optimaSync.refreshShopStatuses', test(true)),
  );
  return service;
}
