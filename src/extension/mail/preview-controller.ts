// "Preview e-mail template": which template and order the one preview panel shows, rendering it (debounced
// on changes of the files it depends on), and picking a stored order to preview with.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import {
  buildPreview,
  type EmailPreview,
  plannedAttachmentNames,
  type PreviewAttachment,
  salesPdfAttachment,
  withSettingsText,
} from '../../core/mail';
import type { Settings } from '../../core/settings/types.generated';
import type { StoredOrder } from '../../core/state/api';
import type { Deployment } from '../deployments';
import type { StateAccess } from '../state-access';
import { currentText, settingsOf } from './deployment-files';
import { EmailPreviewPanel } from './preview-panel';

const PREVIEW_DEBOUNCE_MS = 250;

export interface PreviewTarget {
  deployment: Deployment;
  templateName: string;
  /** undefined = the built-in sample order. */
  order?: StoredOrder;
  /** The stored order's sales-document PDF as the ERP renders it (name, size). */
  salesPdf?: PreviewAttachment;
  allowRemoteImages: boolean;
}

export class PreviewController {
  private target: PreviewTarget | undefined;
  private timer: NodeJS.Timeout | undefined;
  private panel: EmailPreviewPanel | undefined;
  lastPreview: EmailPreview | undefined;

  show(target: PreviewTarget): EmailPreviewPanel {
    this.target = target;
    if (this.panel) this.panel.reveal();
    else
      this.panel = EmailPreviewPanel.create(() => {
        this.panel = undefined;
        this.target = undefined;
        clearTimeout(this.timer);
      });
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

  /** The template the preview shows while the panel is visible (the user is looking at it). */
  get visibleTarget(): PreviewTarget | undefined {
    return this.panel?.panel.visible ? this.target : undefined;
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
        templateName: target.templateName,
        orderLabel: '',
        from: '',
        to: [],
        cc: [],
        originalTo: '',
        testMode: false,
        subject: '',
        html: '',
        text: '',
        attachments: [],
        problems: [],
        error: loaded.error,
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
          attachments:
            target.salesPdf && plannedAttachmentNames(settings, target.templateName, target.order?.salesDocument).length
              ? [target.salesPdf]
              : undefined,
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

export async function storedOrders(state: StateAccess, deployment: Deployment): Promise<StoredOrder[]> {
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
export async function salesPdfOf(
  deployment: Deployment,
  order: StoredOrder | undefined,
  clock: Clock,
): Promise<PreviewAttachment | undefined> {
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

export async function pickOrder(state: StateAccess, deployment: Deployment): Promise<{ order?: StoredOrder } | undefined> {
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
    placeHolder: orders.length
      ? vscode.l10n.t('Order to preview the e-mail with')
      : vscode.l10n.t('No orders in the state database yet: preview with the sample order'),
    matchOnDescription: true,
  });
  return picked ? { order: picked.order } : undefined;
}

export async function pickTemplate(settings: Settings, wanted: string | undefined): Promise<string | undefined> {
  const names = Object.keys(settings.templates);
  if (wanted) {
    if (!names.includes(wanted)) throw new Error(vscode.l10n.t('There is no template "{0}" in the settings', wanted));
    return wanted;
  }
  if (names.length <= 1) return names[0];
  return vscode.window.showQuickPick(names, { placeHolder: vscode.l10n.t('Which template?') });
}
