// E-mail in VS Code: the commands over the mail service ("Set SMTP password…", "Clear SMTP password", "Send
// test e-mail…", "Preview e-mail template" with a live preview beside the editor), template diagnostics
// (syntax errors, unknown variables) on templates/*.html and optima-sync.json, and completions of the
// documented template variables.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EmailPreview, TemplateProblem } from '../../core/mail';
import { SETTINGS_FILE_NAME } from '../../core/settings/schema';
import type { FeatureContext } from '../context';
import { type Deployment, deploymentFromArgument, deploymentOf, findDeployments, onDeployment } from '../deployments';
import { templateCompletions } from '../mail/completions';
import { deploymentOfTemplate, isTemplateFile } from '../mail/deployment-files';
import { pickOrder, PreviewController, salesPdfOf } from '../mail/preview-controller';
import { PICK_ORDER_COMMAND, TOGGLE_REMOTE_IMAGES_COMMAND } from '../mail/preview-panel';
import { MailService, type TestEmailOptions } from '../mail/service';
import { TemplateDiagnostics } from '../mail/template-diagnostics';
import { refusedSecretArguments } from '../secrets';

/** What the mail feature shows, for the in-VS Code tests (through the API that activate returns). */
export interface MailInspection {
  /** The preview pane as last rendered; undefined while it is closed. */
  preview(): { html: string; preview: EmailPreview | undefined } | undefined;
  /** Checks the deployment's templates now (as the diagnostics do after an edit) and returns the problems. */
  checkTemplates(folder?: vscode.Uri | string): Promise<TemplateProblem[] | undefined>;
}

export function mailFeature(context: FeatureContext): { service: MailService; inspection: MailInspection } {
  const { extension, state, clock, commands } = context;
  const preview = new PreviewController();
  const diagnostics = new TemplateDiagnostics();
  const service = new MailService(context, preview);

  const deploymentOfDocument = async (uri: vscode.Uri): Promise<Deployment | undefined> => {
    if (uri.scheme !== 'file') return undefined;
    if (path.basename(uri.fsPath) === SETTINGS_FILE_NAME) return deploymentOf(uri);
    if (isTemplateFile(uri)) return deploymentOfTemplate(uri);
    return undefined;
  };
  const onDocument = async (uri: vscode.Uri) => {
    preview.changed(uri);
    const deployment = await deploymentOfDocument(uri);
    if (deployment) diagnostics.refreshSoon(deployment);
  };

  // Files changed on disk (git pull, another editor) as well as in open editors.
  const watcher = vscode.workspace.createFileSystemWatcher('**/templates/*.html');
  const settingsWatcher = vscode.workspace.createFileSystemWatcher(`**/${SETTINGS_FILE_NAME}`);
  extension.subscriptions.push(
    diagnostics,
    preview,
    watcher,
    settingsWatcher,
    watcher.onDidChange(onDocument),
    watcher.onDidCreate(onDocument),
    watcher.onDidDelete(onDocument),
    settingsWatcher.onDidChange(onDocument),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length) void onDocument(event.document.uri);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => void onDocument(document.uri)),
    vscode.workspace.onDidSaveTextDocument((document) => void onDocument(document.uri)),
    vscode.languages.registerCompletionItemProvider(
      { scheme: 'file', pattern: '**/templates/*.html' },
      { provideCompletionItems: templateCompletions },
      '.',
      '|',
      ' ',
    ),
  );
  void findDeployments().then(
    (all) => all.forEach((d) => diagnostics.refresh(d)),
    () => undefined,
  );

  extension.subscriptions.push(
    // true when stored, undefined when the prompt was dismissed; a value passed along is refused (false).
    commands.register(
      'optimaSync.setSmtpPassword',
      onDeployment(async (d, ...rest: unknown[]) =>
        refusedSecretArguments(rest, context.log) ? false : (await service.setSmtpPassword(d))?.ok,
      ),
    ),
    commands.register(
      'optimaSync.clearSmtpPassword',
      onDeployment(async (d) => (await service.clearSmtpPassword(d)).ok),
    ),
    commands.register(
      'optimaSync.setAlertsSmtpPassword',
      onDeployment(async (d, ...rest: unknown[]) =>
        refusedSecretArguments(rest, context.log) ? false : (await service.setAlertsSmtpPassword(d))?.ok,
      ),
    ),
    commands.register(
      'optimaSync.sendTestEmail',
      onDeployment((d, options?: TestEmailOptions) => service.sendTestEmail(d, options ?? {})),
    ),
    commands.register('optimaSync.previewTemplate', (folderOrFile?: unknown, options?: { template?: string; order?: string }) =>
      service.previewTemplate(folderOrFile, options ?? {}),
    ),
    commands.register(PICK_ORDER_COMMAND, async () => {
      const target = preview.current;
      if (!target) return;
      const picked = await pickOrder(state, target.deployment);
      if (picked) preview.show({ ...target, order: picked.order, salesPdf: await salesPdfOf(target.deployment, picked.order, clock) });
    }),
    commands.register(TOGGLE_REMOTE_IMAGES_COMMAND, () => {
      const target = preview.current;
      if (target) preview.show({ ...target, allowRemoteImages: !target.allowRemoteImages });
    }),
  );
  return {
    service,
    inspection: {
      preview: () => preview.shown,
      async checkTemplates(folder) {
        const deployment = await deploymentFromArgument(folder);
        return deployment ? diagnostics.refresh(deployment) : undefined;
      },
    },
  };
}
