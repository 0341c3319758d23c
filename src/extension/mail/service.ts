// E-mail as one typed service: the SMTP password in SecretStorage, "Send test e-mail…" (the seed's Testuj),
// and "Preview e-mail template". The palette commands and the settings form call it.
import * as vscode from 'vscode';
import { SecretRegistry } from '../../core/log';
import {
  defaultTestAddress,
  defaultTestTemplate,
  describeTestEmail,
  type EmailPreview,
  parseAddress,
  SmtpError,
  type TestEmailResult,
  sendTestEmail,
  transportWarnings,
  withSettingsText,
} from '../../core/mail';
import { registeringSecrets } from '../../core/secrets';
import { SETTINGS_FILE_NAME } from '../../core/settings/schema';
import type { Settings } from '../../core/settings/types.generated';
import type { StoredOrder } from '../../core/state/api';
import type { FeatureContext } from '../context';
import { type Deployment, deploymentFromArgument } from '../deployments';
import type { Outcome } from '../outcome';
import { askAndStorePassword, deploymentSecrets } from '../secrets';
import { deploymentOfTemplate, isTemplateFile, settingsOf, templateOfFile } from './deployment-files';
import { pickTemplate, type PreviewController, salesPdfOf, storedOrders } from './preview-controller';

export type TestEmailOutcome = (TestEmailResult & Outcome & { ok: true }) | (Outcome & { ok: false });

export interface TestEmailOptions {
  /** The address; without it the user is asked (default: the test-mode recipient). */
  to?: string;
  /** The template; without it the template of the active editor or of the preview, else the user picks. */
  template?: string;
}

/** Ignored certificate errors, a password in clear: shown on every test e-mail (the mailer logs them too). */
function showTransportWarnings(settings: Settings): void {
  for (const warning of transportWarnings(settings.email)) void vscode.window.showWarningMessage(warning);
}

export class MailService {
  constructor(
    private readonly context: FeatureContext,
    readonly preview: PreviewController,
  ) {}

  /** Asks for the SMTP password in a masked input and stores it; undefined when dismissed. */
  async setSmtpPassword(deployment: Deployment): Promise<Outcome | undefined> {
    const login = settingsOf(deployment).settings?.email.smtp.login;
    const where = vscode.workspace.asRelativePath(deployment.folder);
    return this.storePassword(
      deployment,
      'smtpPassword',
      login,
      vscode.l10n.t('SMTP password stored for {0}.', where),
      vscode.l10n.t('SMTP password for {0}', where),
    );
  }

  /** The password of the alerts' own SMTP server (alerts.smtp). */
  async setAlertsSmtpPassword(deployment: Deployment): Promise<Outcome | undefined> {
    const login = settingsOf(deployment).settings?.alerts.smtp?.login;
    const where = vscode.workspace.asRelativePath(deployment.folder);
    return this.storePassword(
      deployment,
      'alertsSmtpPassword',
      login,
      vscode.l10n.t('Alerts SMTP password stored for {0}.', where),
      vscode.l10n.t('Alerts SMTP password for {0}', where),
    );
  }

  private async storePassword(
    deployment: Deployment,
    name: 'smtpPassword' | 'alertsSmtpPassword',
    login: string | undefined,
    storedMessage: string,
    title: string,
  ): Promise<Outcome | undefined> {
    const stored = await askAndStorePassword(
      this.context.prompter,
      this.context.extension.secrets,
      deployment.folder,
      name,
      {
        title,
        prompt: login
          ? vscode.l10n.t("Password of the SMTP login {0}. It is kept in VS Code's secret storage, never in the workspace.", login)
          : vscode.l10n.t("It is kept in VS Code's secret storage, never in the workspace."),
        storedMessage,
      },
      this.context.log,
    );
    return stored ? { ok: true, message: storedMessage } : undefined;
  }

  async clearSmtpPassword(deployment: Deployment): Promise<Outcome> {
    await deploymentSecrets(this.context.extension.secrets, deployment.folder).delete('smtpPassword');
    this.context.log.info(vscode.l10n.t('SMTP password cleared for {0}', deployment.folder.fsPath));
    const message = vscode.l10n.t('SMTP password cleared for {0}.', vscode.workspace.asRelativePath(deployment.folder));
    void vscode.window.showInformationMessage(message);
    return { ok: true, message };
  }

  /**
   * The template the user is working on in `deployment`: the one whose body file is in the active editor,
   * else the one the preview pane shows.
   */
  templateInFocus(deployment: Deployment, settings: Settings): string | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && isTemplateFile(active)) {
      const name = templateOfFile(settings, deployment.folder, active);
      if (name) return name;
    }
    const previewed = this.preview.visibleTarget;
    if (
      previewed &&
      previewed.deployment.folder.toString() === deployment.folder.toString() &&
      previewed.templateName in settings.templates
    )
      return previewed.templateName;
    return undefined;
  }

  /** Renders a template with the sample order and sends it; undefined when a prompt was dismissed. */
  async sendTestEmail(deployment: Deployment, options: TestEmailOptions = {}): Promise<TestEmailOutcome | undefined> {
    const { extension, log, channel } = this.context;
    const loaded = settingsOf(deployment);
    if (!loaded.settings) {
      void vscode.window.showErrorMessage(loaded.error ?? '');
      return { ok: false, message: loaded.error ?? '' };
    }
    const settings = loaded.settings;
    const to =
      options.to ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Send test e-mail'),
        prompt: settings.email.testMode.enabled
          ? vscode.l10n.t(
              'Address for the test e-mail. Test mode is on: the message goes to {0} whatever you enter.',
              settings.email.testMode.recipient ?? '',
            )
          : vscode.l10n.t('Address for the test e-mail (rendered with the sample order)'),
        value: defaultTestAddress(settings) ?? '',
        ignoreFocusOut: true,
        validateInput: (value) => {
          try {
            parseAddress(value);
            return undefined;
          } catch (error) {
            return (error as Error).message;
          }
        },
      }));
    if (!to) return undefined;
    let templateName: string | undefined;
    try {
      templateName = options.template ?? this.templateInFocus(deployment, settings);
      // Scripted calls (the settings form, tests) pass `to` and never get a prompt.
      templateName ??=
        options.to || Object.keys(settings.templates).length <= 1 ? defaultTestTemplate(settings) : await pickTemplate(settings, undefined);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (!templateName) return undefined;
    const registry = new SecretRegistry();
    const password = await registeringSecrets(deploymentSecrets(extension.secrets, deployment.folder), registry).get('smtpPassword');
    if (settings.email.smtp.login && !password) {
      const set = vscode.l10n.t('Set SMTP password…');
      const message = vscode.l10n.t('The SMTP password for the login {0} is not set.', settings.email.smtp.login);
      const answered = vscode.window.showErrorMessage(message, set).then(async (answer) => {
        if (answer === set) await this.setSmtpPassword(deployment);
      });
      // Asked from the palette: wait for the answer; from a script or the form: answer at once.
      if (!options.to) await answered;
      return { ok: false, message };
    }
    showTransportWarnings(settings);
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Sending a test e-mail through {0}:{1}…', settings.email.smtp.host ?? '', settings.email.smtp.port),
        },
        () =>
          withSettingsText(deployment.settingsFile.fsPath, loaded.text ?? '', () =>
            sendTestEmail({ settings, dir: deployment.folder.fsPath, to, templateName, password, logger: log, secrets: registry }),
          ),
      );
      const message = describeTestEmail(result);
      void vscode.window.showInformationMessage(message);
      return { ...result, ok: true, message };
    } catch (error) {
      const message = registry.redact(error instanceof Error ? error.message : String(error));
      const detail = error instanceof SmtpError ? registry.redact(error.detail) : undefined;
      log.error(detail ? `${message} (${detail})` : message);
      const showLog = vscode.l10n.t('Show log');
      void vscode.window.showErrorMessage(message, showLog).then((answer) => answer === showLog && channel.show());
      return { ok: false, message };
    }
  }

  /**
   * Opens the preview beside the editor: for a template file (the argument or the active editor), or a
   * deployment's template (`options.template`, else the user picks).
   */
  async previewTemplate(
    folderOrFile?: unknown,
    options: { template?: string; order?: string } = {},
  ): Promise<{ preview?: EmailPreview } | undefined> {
    let templateName = options.template;
    const active = vscode.window.activeTextEditor?.document.uri;
    const fileArgument = folderOrFile instanceof vscode.Uri && isTemplateFile(folderOrFile) ? folderOrFile : undefined;
    const templateFile = fileArgument ?? (!folderOrFile && active && isTemplateFile(active) ? active : undefined);
    const deployment = templateFile ? await deploymentOfTemplate(templateFile) : await deploymentFromArgument(folderOrFile);
    if (!deployment) return undefined;
    const loaded = settingsOf(deployment);
    if (!loaded.settings) {
      void vscode.window.showErrorMessage(loaded.error ?? '');
      return undefined;
    }
    if (!templateName && templateFile) templateName = templateOfFile(loaded.settings, deployment.folder, templateFile);
    if (!templateName && templateFile) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} is not the bodyFile of any template in {1}; choose a template.',
          vscode.workspace.asRelativePath(templateFile),
          SETTINGS_FILE_NAME,
        ),
      );
    }
    try {
      templateName = await pickTemplate(loaded.settings, templateName);
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return undefined;
    }
    if (!templateName) return undefined;
    let order: StoredOrder | undefined;
    if (options.order) {
      order = (await storedOrders(this.context.state, deployment)).find(
        (o) => o.shopOrderId === options.order || o.number === options.order,
      );
    }
    this.preview.show({
      deployment,
      templateName,
      order,
      salesPdf: await salesPdfOf(deployment, order, this.context.clock),
      allowRemoteImages: false,
    });
    // The rendered message, for scripts (as before, under `preview`); the pane's own page is the tests', through
    // the test-mode inspection.
    return { preview: this.preview.lastPreview };
  }
}
