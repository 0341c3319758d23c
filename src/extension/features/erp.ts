// The real Optima in VS Code: "Set ERP password…" (the SQL login's password in SecretStorage, per deployment),
// "Set ERP bridge token…" (the Optima bridge's bearer token, likewise; only through a password input box, never
// as a command argument) and "Test ERP connection" (through the bridge: health, token, licence, dictionaries;
// over SQL: read access to the tables used, recent RO/PF/FS/PA). One typed service; the commands and the
// settings form call it.
import * as vscode from 'vscode';
import { loadSettings } from '../../core/deployment/files';
import type { Settings } from '../../core/settings/types.generated';
import { createBridgeClient } from '../../core/erp/bridge/index';
import { testBridgeConnection, type BridgeConnectionReport } from '../../core/erp/bridge/test-connection';
import { createOptimaGateway, sqlConnection, type OptimaConnectionReport } from '../../core/erp/optima/index';
import { redactingLogger, SecretRegistry } from '../../core/log';
import { registeringSecrets } from '../../core/secrets';
import type { FeatureContext } from '../context';
import { type Deployment, onDeployment } from '../deployments';
import type { Outcome } from '../outcome';
import { askAndStorePassword, deploymentSecrets, refusedSecretArguments } from '../secrets';

/** The test's report (when it could connect to try) with the one line shown to the consultant. */
export type ErpTestResult =
  | (OptimaConnectionReport & Outcome)
  | (BridgeConnectionReport & Outcome & { bridge: true })
  | (Outcome & { ok: false; report?: undefined });

export class ErpService {
  constructor(private readonly context: FeatureContext) {}

  /** Asks for the SQL login's password in a masked input and stores it; undefined when dismissed. */
  async setPassword(deployment: Deployment): Promise<Outcome | undefined> {
    const { extension, log } = this.context;
    let user: string | undefined;
    try {
      user = (await loadSettings(deployment.folder.fsPath)).settings.erp.optima?.user;
    } catch {
      // The password can be stored before the settings are complete.
    }
    const where = vscode.workspace.asRelativePath(deployment.folder);
    const storedMessage = vscode.l10n.t('ERP password stored for {0}.', where);
    const stored = await askAndStorePassword(
      this.context.prompter,
      extension.secrets,
      deployment.folder,
      'erpPassword',
      {
        title: vscode.l10n.t('ERP (SQL Server) password for {0}', where),
        prompt: user
          ? vscode.l10n.t("Password of the SQL login {0}. It is kept in VS Code's secret storage, never in the workspace.", user)
          : vscode.l10n.t("It is kept in VS Code's secret storage, never in the workspace."),
        storedMessage,
      },
      log,
    );
    return stored ? { ok: true, message: storedMessage } : undefined;
  }

  /** Asks for the Optima bridge's token in a password input box and stores it; undefined when dismissed. */
  async setBridgeToken(deployment: Deployment): Promise<Outcome | undefined> {
    const { extension, log } = this.context;
    const where = vscode.workspace.asRelativePath(deployment.folder);
    const storedMessage = vscode.l10n.t('ERP bridge token stored for {0}.', where);
    const stored = await askAndStorePassword(
      this.context.prompter,
      extension.secrets,
      deployment.folder,
      'erpBridgeToken',
      {
        title: vscode.l10n.t('Optima bridge token for {0}', where),
        prompt: vscode.l10n.t(
          "The token the bridge was started with (its --token-file). It is kept in VS Code's secret storage, never in the workspace.",
        ),
        storedMessage,
      },
      log,
    );
    return stored ? { ok: true, message: storedMessage } : undefined;
  }

  private async testBridge(deployment: Deployment, settings: Settings): Promise<ErpTestResult> {
    const { extension, channel, log } = this.context;
    const registry = new SecretRegistry();
    const secrets = registeringSecrets(deploymentSecrets(extension.secrets, deployment.folder), registry);
    const logger = redactingLogger(log, registry);
    const client = await createBridgeClient(settings, secrets, { dir: deployment.folder.fsPath });
    let report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting to the Optima bridge at {0}…', client.url) },
      () => testBridgeConnection(client, settings),
    );
    report = JSON.parse(registry.redact(JSON.stringify(report))) as BridgeConnectionReport;
    for (const line of report.summary) {
      if (report.ok) logger.info(line);
      else logger.warn(line);
    }
    const showLog = vscode.l10n.t('Show log');
    const message = report.ok ? vscode.l10n.t('ERP connection works: {0}', report.summary.join(' ')) : report.summary.join(' ');
    if (report.ok) void vscode.window.showInformationMessage(message, showLog).then((answer) => answer === showLog && channel.show());
    else if (report.problem?.failure === 'no-token' || report.problem?.failure === 'unauthorized') {
      const set = vscode.l10n.t('Set ERP bridge token…');
      void vscode.window.showErrorMessage(message, set).then(async (answer) => {
        if (answer === set) await this.setBridgeToken(deployment);
      });
    } else void vscode.window.showErrorMessage(message, showLog).then((answer) => answer === showLog && channel.show());
    return { ...report, bridge: true, message };
  }

  async testConnection(deployment: Deployment): Promise<ErpTestResult> {
    const { extension, channel, log, clock } = this.context;
    let settings;
    try {
      settings = (await loadSettings(deployment.folder.fsPath)).settings;
    } catch (error) {
      const message = (error as Error).message;
      void vscode.window.showErrorMessage(message);
      return { ok: false, message };
    }
    if (settings.erp.adapter !== 'optima') {
      const message = vscode.l10n.t(
        'This deployment uses the sandbox ERP (erp.adapter "{0}"): there is no real ERP to connect to. Set erp.adapter to "optima" and fill in erp.optima.',
        settings.erp.adapter,
      );
      void vscode.window.showInformationMessage(message);
      return { ok: false, message };
    }
    // Through the bridge when it is set; with an SQL connection as well, the SQL side is tested on its own run.
    if (settings.erp.optima?.bridge && !sqlConnection(settings.erp.optima)) return this.testBridge(deployment, settings);
    if (settings.erp.optima?.bridge) {
      const bridge = await this.testBridge(deployment, settings);
      if (!bridge.ok) return bridge;
    }
    const registry = new SecretRegistry();
    const secrets = registeringSecrets(deploymentSecrets(extension.secrets, deployment.folder), registry);
    const logger = redactingLogger(log, registry);
    const gateway = await createOptimaGateway(settings, secrets, logger, { now: clock });
    let report: OptimaConnectionReport;
    try {
      report = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Connecting to Optima on {0}…', settings.erp.optima?.server ?? ''),
        },
        () => gateway.testConnection(),
      );
    } finally {
      await gateway.close();
    }
    report = JSON.parse(registry.redact(JSON.stringify(report))) as OptimaConnectionReport;
    for (const line of report.summary) {
      if (report.ok) logger.info(line);
      else logger.warn(line);
    }
    for (const check of report.tables.filter((c) => !c.ok)) logger.warn(`CDN.${check.table}: ${check.problem?.detail ?? ''}`);
    if (report.problem) logger.error(`${report.problem.code ?? ''} ${report.problem.number ?? ''} ${report.problem.detail}`.trim());
    const showLog = vscode.l10n.t('Show log');
    let message: string;
    if (report.ok) {
      const counts = report.counts!;
      message = vscode.l10n.t(
        'ERP connection works: {0}, database {1}. Last 30 days: RO {2}, PF {3}, FS {4}, PA {5}.',
        report.server,
        report.database,
        counts.RO,
        counts.PF,
        counts.FS,
        counts.PA,
      );
      void vscode.window.showInformationMessage(message, showLog).then((answer) => answer === showLog && channel.show());
    } else if (report.problem?.problem === 'no-password') {
      message = report.problem.message;
      const set = vscode.l10n.t('Set ERP password…');
      void vscode.window.showErrorMessage(message, set).then(async (answer) => {
        if (answer === set) await this.setPassword(deployment);
      });
    } else {
      message = report.problem?.message ?? report.summary.join(' ');
      void vscode.window.showErrorMessage(message, showLog).then((answer) => answer === showLog && channel.show());
    }
    return { ...report, message };
  }
}

export function erpFeature(context: FeatureContext): ErpService {
  const service = new ErpService(context);
  context.extension.subscriptions.push(
    // true when stored, undefined when the prompt was dismissed; a value passed along is refused (false).
    context.commands.register(
      'optimaSync.setErpPassword',
      onDeployment(async (d, ...rest: unknown[]) =>
        refusedSecretArguments(rest, context.log) ? false : (await service.setPassword(d))?.ok,
      ),
    ),
    context.commands.register(
      'optimaSync.setErpBridgeToken',
      onDeployment(async (d, ...rest: unknown[]) =>
        refusedSecretArguments(rest, context.log) ? false : (await service.setBridgeToken(d))?.ok,
      ),
    ),
    context.commands.register(
      'optimaSync.testErpConnection',
      onDeployment((d) => service.testConnection(d)),
    ),
  );
  return service;
}
