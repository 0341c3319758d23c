// E-mail in VS Code: the SMTP password in SecretStorage ("Set SMTP password…", "Clear SMTP password"), "Send
// test e-mail…" (the seed's Testuj), "Preview e-mail template" with a live preview beside the editor, template
// diagnostics (syntax errors, unknown variables) on templates/*.html and optima-sync.json, and completions of
// the documented template variables.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { SecretRegistry } from '../../core/log';
import {
  buildPreview,
  checkTemplates,
  defaultTestAddress,
  defaultTestTemplate,
  describeTestEmail,
  EmailPreview,
  parseAddress,
  plannedAttachmentNames,
  PreviewAttachment,
  salesPdfAttachment,
  SmtpError,
  TemplateProblem,
  TestEmailResult,
  sendTestEmail,
  TEMPLATE_VARIABLES,
  transportWarnings,
  variableAt,
  withSettingsText,
} from '../../core/mail';
import { registeringSecrets } from '../../core/secrets';
import { SETTINGS_FILE_NAME } from '../../core/settings/schema';
import type { Settings } from '../../core/settings/types.generated';
import { validateSettingsText } from '../../core/settings/validate';
import type { StoredOrder } from '../../core/state/api';
import type { Clock } from '../../core/clock';
import type { FeatureContext } from '../context';
import { Deployment, deploymentOf, findDeployments, requireDeployment } from '../deployments';
import { EmailPreviewPanel, PICK_ORDER_COMMAND, TOGGLE_REMOTE_IMAGES_COMMAND } from '../mail/preview-panel';
import { askAndStorePassword, deploymentSecrets } from '../secrets';
import type { StateAccess } from '../state-access';
import { ensureTrusted } from '../trust';

const DIAGNOSTIC_SOURCE = 'optima-sync templates';
const PREVIEW_DEBOUNCE_MS = 250;

type FolderArgument = vscode.Uri | string | undefined;

function isTemplateFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.path.endsWith('.html') && path.posix.basename(path.posix.dirname(uri.path)) === 'templates';
}

/** The text of a file as the user sees it: the open editor's (maybe unsaved) text, else the disk. */
function currentText(file: string): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return open ? open.getText() : readFileSync(file, 'utf8');
}

/** The deployment's settings, from the (maybe unsaved) settings text; undefined with the reason when invalid. */
function settingsOf(deployment: Deployment): { settings?: Settings; text?: string; error?: string } {
  let text: string;
  try {
    text = currentText(deployment.settingsFile.fsPath);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const result = validateSettingsText(text, deployment.settingsFile.fsPath);
  if (!result.settings) {
    return { text, error: vscode.l10n.t('{0} has errors; fix them to preview or send ({1})', SETTINGS_FILE_NAME, result.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.message}`).slice(0, 3).join('; ')) };
  }
  return { settings: result.settings, text };
}

async function resolveDeployment(folder: FolderArgument): Promise<Deployment | undefined> {
  if (folder) {
    const uri = typeof folder === 'string' ? vscode.Uri.file(folder) : folder;
    return deploymentOf(vscode.Uri.joinPath(uri, SETTINGS_FILE_NAME));
  }
  return requireDeployment();
}

/** The deployment holding a template file: the nearest optima-sync.json above its templates/ folder. */
async function deploymentOfTemplate(uri: vscode.Uri): Promise<Deployment | undefined> {
  const folder = vscode.Uri.joinPath(uri, '..', '..');
  const candidate = vscode.Uri.joinPath(folder, SETTINGS_FILE_NAME);
  try {
    await vscode.workspace.fs.stat(candidate);
    return deploymentOf(candidate);
  } catch {
    return undefined;
  }
}

function templateOfFile(settings: Settings, folder: vscode.Uri, file: vscode.Uri): string | undefined {
  return Object.entries(settings.templates ?? {}).find(([, entry]) => entry.bodyFile && path.resolve(folder.fsPath, entry.bodyFile) === file.fsPath)?.[0];
}

/** Ignored certificate errors, a password in clear: shown on every test e-mail (the mailer logs them too). */
function showTransportWarnings(settings: Settings): void {
  for (const warning of transportWarnings(settings.email)) void vscode.window.showWarningMessage(warning);
}

// ---------------------------------------------------------------------------------------------------------
// Preview

interface PreviewTarget {
  deployment: Deployment;
  templateName: string;
  /** undefined = the built-in sample order. */
  order?: StoredOrder;
  /** The stored order's sales-document PDF as the ERP renders it (name, size). */
  salesPdf?: PreviewAttachment;
  allowRemoteImages: boolean;
}

class PreviewController {
  private target: PreviewTarget | undefined;
  private timer: NodeJS.Timeout | undefined;
  private panel: EmailPreviewPanel | undefined;
  lastPreview: EmailPreview | undefined;

  show(target: PreviewTarget): EmailPreviewPanel {
    this.target = target;
    if (this.panel) this.panel.reveal();
    else this.panel = EmailPreviewPanel.create(() => { this.panel = undefined; this.target = undefined; clearTimeout(this.timer); });
    this.render();
    return this.panel;
  }

  /** What the preview pane shows now (undefined when it is closed). */
  get shown(): { html: string; preview: EmailPreview | undefined } | undefined {
    return this.panel && this.target ? { html: this.panel.html, preview: this.lastPreview } : undefined;
  }

  get current(): PreviewTarget | undefined {
    return this.target;
  }

  /** Re-render soon when a file the preview depends on changed (template body or settings). */
  changed(uri: vscode.Uri): void {
    if (!this.target || !this.panel) return;
    const folder = this.target.deployment.folder.fsPath;
    if (uri.scheme !== 'file' || !uri.fsPath.startsWith(folder + path.sep)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), PREVIEW_DEBOUNCE_MS);
  }

  render(): void {
    const target = this.target;
    if (!target || !this.panel) return;
    const loaded = settingsOf(target.deployment);
    let preview: EmailPreview;
    if (!loaded.settings) {
      preview = {
        templateName: target.templateName, orderLabel: '', from: '', to: [], cc: [], originalTo: '', testMode: false,
        subject: '', html: '', text: '', attachments: [], problems: [], error: loaded.error,
      };
    } else {
      const settings = loaded.settings;
      preview = withSettingsText(target.deployment.settingsFile.fsPath, loaded.text ?? '', () =>
        buildPreview({
          settings,
          dir: target.deployment.folder.fsPath,
          templateName: target.templateName,
          order: target.order?.order,
          erpDocument: target.order?.erpDocument,
          salesDocument: target.order?.salesDocument,
          attachments: target.salesPdf && plannedAttachmentNames(settings, target.templateName, target.order?.salesDocument).length ? [target.salesPdf] : undefined,
          readFile: currentText,
          settingsFile: target.deployment.settingsFile.fsPath,
        }),
      );
    }
    this.lastPreview = preview;
    this.panel.update({ preview, allowRemoteImages: target.allowRemoteImages });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

async function storedOrders(state: StateAccess, deployment: Deployment): Promise<StoredOrder[]> {
  try {
    const store = await state.openForDisplay(deployment.folder);
    try {
      // A settled old order keeps only its summary: a template rendered from it would miss its lines.
      return store.listOrders({ limit: 200 }).filter((order) => order.detailsKept);
    } finally {
      await store.close();
    }
  } catch {
    return [];
  }
}

/** The real PDF of a stored order's sales document (undefined for the sample, or when the ERP cannot render it). */
async function salesPdfOf(deployment: Deployment, order: StoredOrder | undefined, clock: Clock): Promise<PreviewAttachment | undefined> {
  if (!order?.salesDocument) return undefined;
  const loaded = settingsOf(deployment);
  if (!loaded.settings) return undefined;
  try {
    const pdf = await salesPdfAttachment(loaded.settings, deployment.folder.fsPath, order.salesDocument, clock);
    return { filename: pdf.filename, size: pdf.size };
  } catch {
    return undefined;
  }
}

async function pickOrder(state: StateAccess, deployment: Deployment): Promise<{ order?: StoredOrder } | undefined> {
  const orders = await storedOrders(state, deployment);
  type Item = vscode.QuickPickItem & { order?: StoredOrder };
  const items: Item[] = [
    { label: vscode.l10n.t('$(beaker) Sample order'), description: vscode.l10n.t('built-in, with an RO and an FS document') },
    ...orders.map((o) => ({
      label: o.number,
      description: `${o.order.buyer.name} · ${o.customerEmail}`,
      detail: [o.erpDocument?.number, o.salesDocument?.number, o.shopCreatedAt.slice(0, 10)].filter(Boolean).join(' · '),
      order: o,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: orders.length ? vscode.l10n.t('Order to preview the e-mail with') : vscode.l10n.t('No orders in the state database yet: preview with the sample order'),
    matchOnDescription: true,
  });
  return picked ? { order: picked.order } : undefined;
}

async function pickTemplate(settings: Settings, wanted: string | undefined): Promise<string | undefined> {
  const names = Object.keys(settings.templates ?? {});
  if (wanted) {
    if (!names.includes(wanted)) throw new Error(vscode.l10n.t('There is no template "{0}" in the settings', wanted));
    return wanted;
  }
  if (names.length <= 1) return names[0];
  return vscode.window.showQuickPick(names, { placeHolder: vscode.l10n.t('Which template?') });
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostics

class TemplateDiagnostics {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Files that got diagnostics per deployment folder, to clear them when fixed. */
  private readonly owned = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  refreshSoon(deployment: Deployment): void {
    const key = deployment.folder.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.refresh(deployment); }, 300));
  }

  refresh(deployment: Deployment): TemplateProblem[] {
    const key = deployment.folder.toString();
    const loaded = settingsOf(deployment);
    const problems = loaded.settings
      ? withSettingsText(deployment.settingsFile.fsPath, loaded.text ?? '', () => checkTemplates(loaded.settings!, deployment.folder.fsPath, currentText))
      : [];
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const position = new vscode.Position(problem.line - 1, problem.column - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), problem.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = problem.code;
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
    }
    for (const file of this.owned.get(key) ?? []) if (!byFile.has(file)) this.collection.delete(vscode.Uri.file(file));
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    this.owned.set(key, new Set(byFile.keys()));
    return problems;
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.collection.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Completions of template variables and filters inside {{ … }} and {% … %}

const FILTERS: Array<[string, string]> = [
  ['money', 'Polish money from grosze: 1 234,56 zł (optional currency: money: "EUR")'],
  ['date', 'Date in the deployment time zone: 28.11.2026 (styles: "long", "datetime", "time")'],
];

function templateCompletions(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
  const before = document.getText(new vscode.Range(new vscode.Position(Math.max(0, position.line - 5), 0), position));
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open < 0 || before.lastIndexOf('}}') > open || before.lastIndexOf('%}') > open) return undefined;
  const inside = before.slice(open + 2);
  if (/\|\s*\w*$/.test(inside)) {
    return FILTERS.map(([name, description]) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Function);
      item.detail = description;
      return item;
    });
  }
  const match = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.(\w*)$/.exec(inside);
  let fields = TEMPLATE_VARIABLES;
  if (match) {
    const segments = match[1]!.split('.');
    // A loop variable: {% for line in order.lines %} → line.… completes like order.lines[].
    const loop = new RegExp(`\\{%-?\\s*for\\s+${segments[0]}\\s+in\\s+([\\w.]+)`).exec(document.getText());
    const resolved = loop ? [...loop[1]!.split('.'), ...segments.slice(1)] : segments;
    const node = variableAt(resolved);
    const next = node?.kind === 'list' ? node.items?.fields : node?.fields;
    if (!next) return undefined;
    fields = next;
  } else if (!/(^|[\s(,])\w*$/.test(inside)) {
    return undefined;
  }
  return Object.entries(fields).map(([name, node]) => {
    const item = new vscode.CompletionItem(name, node.fields || node.items ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Field);
    item.detail = node.example ? `${node.description} — ${node.example}` : node.description;
    return item;
  });
}

// ---------------------------------------------------------------------------------------------------------

/** What the mail feature shows, for the in-VS Code tests (through the API that activate returns). */
export interface MailInspection {
  /** The preview pane as last rendered; undefined while it is closed. */
  preview(): { html: string; preview: EmailPreview | undefined } | undefined;
  /** Checks the deployment's templates now (as the diagnostics do after an edit) and returns the problems. */
  checkTemplates(folder?: FolderArgument): Promise<TemplateProblem[] | undefined>;
}

export function mailFeature(context: FeatureContext): MailInspection {
  const { extension, log, state, clock } = context;
  const preview = new PreviewController();
  const diagnostics = new TemplateDiagnostics();

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
    vscode.workspace.onDidChangeTextDocument((event) => { if (event.contentChanges.length) void onDocument(event.document.uri); }),
    vscode.workspace.onDidOpenTextDocument((document) => void onDocument(document.uri)),
    vscode.workspace.onDidSaveTextDocument((document) => void onDocument(document.uri)),
    vscode.languages.registerCompletionItemProvider({ scheme: 'file', pattern: '**/templates/*.html' }, { provideCompletionItems: templateCompletions }, '.', '|', ' '),
  );
  void findDeployments().then((all) => all.forEach((d) => diagnostics.refresh(d)), () => undefined);

  const setPassword = async (folder?: FolderArgument): Promise<boolean | undefined> => {
    const deployment = await resolveDeployment(folder);
    if (!deployment) return undefined;
    const login = settingsOf(deployment).settings?.email.smtp.login;
    const where = vscode.workspace.asRelativePath(deployment.folder);
    return askAndStorePassword(extension.secrets, deployment.folder, 'smtpPassword', {
      title: vscode.l10n.t('SMTP password for {0}', where),
      prompt: login
        ? vscode.l10n.t('Password of the SMTP login {0}. It is kept in VS Code\'s secret storage, never in the workspace.', login)
        : vscode.l10n.t('It is kept in VS Code\'s secret storage, never in the workspace.'),
      storedMessage: vscode.l10n.t('SMTP password stored for {0}.', where),
    }, log);
  };

  const clearPassword = async (folder?: FolderArgument): Promise<boolean | undefined> => {
    const deployment = await resolveDeployment(folder);
    if (!deployment) return undefined;
    await deploymentSecrets(extension.secrets, deployment.folder).delete('smtpPassword');
    log.info(vscode.l10n.t('SMTP password cleared for {0}', deployment.folder.fsPath));
    void vscode.window.showInformationMessage(vscode.l10n.t('SMTP password cleared for {0}.', vscode.workspace.asRelativePath(deployment.folder)));
    return true;
  };

  const sendTest = async (folder?: FolderArgument, options: { to?: string; template?: string } = {}): Promise<(TestEmailResult & { ok: true; message: string }) | { ok: false; message: string } | undefined> => {
    if (!ensureTrusted()) return undefined;
    const deployment = await resolveDeployment(folder);
    if (!deployment) return undefined;
    const loaded = settingsOf(deployment);
    if (!loaded.settings) {
      void vscode.window.showErrorMessage(loaded.error ?? '');
      return { ok: false, message: loaded.error ?? '' };
    }
    const settings = loaded.settings;
    const to = options.to ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('Send test e-mail'),
      prompt: settings.email.testMode.enabled
        ? vscode.l10n.t('Address for the test e-mail. Test mode is on: the message goes to {0} whatever you enter.', settings.email.testMode.recipient ?? '')
        : vscode.l10n.t('Address for the test e-mail (rendered with the sample order)'),
      value: defaultTestAddress(settings) ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => { try { parseAddress(value); return undefined; } catch (error) { return (error as Error).message; } },
    }));
    if (!to) return undefined;
    let templateName: string | undefined;
    try {
      // Scripted calls (the settings form, tests) pass `to` and never get a prompt.
      templateName = options.template ?? (options.to || Object.keys(settings.templates ?? {}).length <= 1 ? defaultTestTemplate(settings) : await pickTemplate(settings, undefined));
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (!templateName) return undefined;
    const registry = new SecretRegistry();
    const password = await registeringSecrets(deploymentSecrets(extension.secrets, deployment.folder), registry).get('smtpPassword');
    if (settings.email.smtp.login && !password) {
      const set = vscode.l10n.t('Set SMTP password…');
      const message = vscode.l10n.t('The SMTP password for the login {0} is not set.', settings.email.smtp.login);
      if (!options.to) {
        const answer = await vscode.window.showErrorMessage(message, set);
        if (answer === set) await vscode.commands.executeCommand('optimaSync.setSmtpPassword', deployment.folder);
      } else {
        void vscode.window.showErrorMessage(message, set).then((answer) => answer === set && vscode.commands.executeCommand('optimaSync.setSmtpPassword', deployment.folder));
      }
      return { ok: false, message };
    }
    showTransportWarnings(settings);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending a test e-mail through {0}:{1}…', settings.email.smtp.host ?? '', settings.email.smtp.port) },
        () => withSettingsText(deployment.settingsFile.fsPath, loaded.text ?? '', () =>
          sendTestEmail({ settings, dir: deployment.folder.fsPath, to, templateName, password, logger: log, secrets: registry })),
      );
      const message = describeTestEmail(result);
      void vscode.window.showInformationMessage(message);
      return { ...result, ok: true, message };
    } catch (error) {
      const message = registry.redact(error instanceof Error ? error.message : String(error));
      const detail = error instanceof SmtpError ? registry.redact(error.detail) : undefined;
      log.error(detail ? `${message} (${detail})` : message);
      const showLog = vscode.l10n.t('Show log');
      void vscode.window.showErrorMessage(message, showLog).then((answer) => answer === showLog && context.channel.show());
      return { ok: false, message };
    }
  };

  const openPreview = async (folderOrUri?: FolderArgument, options: { template?: string; order?: string } = {}): Promise<{ html: string; preview?: EmailPreview } | undefined> => {
    let deployment: Deployment | undefined;
    let templateName = options.template;
    const active = vscode.window.activeTextEditor?.document.uri;
    const fileArgument = folderOrUri instanceof vscode.Uri && isTemplateFile(folderOrUri) ? folderOrUri : undefined;
    const templateFile = fileArgument ?? (!folderOrUri && active && isTemplateFile(active) ? active : undefined);
    if (templateFile) {
      deployment = await deploymentOfTemplate(templateFile);
    } else {
      deployment = await resolveDeployment(folderOrUri);
    }
    if (!deployment) return undefined;
    const loaded = settingsOf(deployment);
    if (!loaded.settings) {
      void vscode.window.showErrorMessage(loaded.error ?? '');
      return undefined;
    }
    if (!templateName && templateFile) templateName = templateOfFile(loaded.settings, deployment.folder, templateFile);
    if (!templateName && templateFile) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not the bodyFile of any template in {1}; choose a template.', vscode.workspace.asRelativePath(templateFile), SETTINGS_FILE_NAME));
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
      order = (await storedOrders(state, deployment)).find((o) => o.shopOrderId === options.order || o.number === options.order);
    }
    const panel = preview.show({ deployment, templateName, order, salesPdf: await salesPdfOf(deployment, order, clock), allowRemoteImages: false });
    return { html: panel.html, preview: preview.lastPreview };
  };

  extension.subscriptions.push(
    vscode.commands.registerCommand('optimaSync.setSmtpPassword', setPassword),
    vscode.commands.registerCommand('optimaSync.clearSmtpPassword', clearPassword),
    vscode.commands.registerCommand('optimaSync.sendTestEmail', sendTest),
    vscode.commands.registerCommand('optimaSync.previewTemplate', openPreview),
    vscode.commands.registerCommand(PICK_ORDER_COMMAND, async () => {
      const target = preview.current;
      if (!target) return;
      const picked = await pickOrder(state, target.deployment);
      if (picked) preview.show({ ...target, order: picked.order, salesPdf: await salesPdfOf(target.deployment, picked.order, clock) });
    }),
    vscode.commands.registerCommand(TOGGLE_REMOTE_IMAGES_COMMAND, () => {
      const target = preview.current;
      if (target) preview.show({ ...target, allowRemoteImages: !target.allowRemoteImages });
    }),
  );
  return {
    preview: () => preview.shown,
    async checkTemplates(folder) {
      const deployment = await resolveDeployment(folder);
      return deployment ? diagnostics.refresh(deployment) : undefined;
    },
  };
}
