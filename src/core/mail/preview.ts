// What the preview pane and `optima-sync preview` show: the message as it would leave — sender, recipients
// after the test-mode rewrite, subject, attachments, rendered HTML and text — or the template problems.
import { t } from '../l10n';
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { ShopOrder } from '../model/order';
import type { Settings } from '../settings/types.generated';
import { buildTemplateContext } from './context';
import { plannedRecipients } from './recipients';
import { SAMPLE_ERP_DOCUMENT, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT } from './sample';
import { cleanSubject, loadTemplateSource, renderSource, TemplateError, type TemplateProblem, type TemplateSource } from './templates';

export interface PreviewAttachment {
  filename: string;
  /** Bytes, when known (the PDF of a sandbox sales document); undefined when made at send time. */
  size?: number;
}

export interface PreviewInput {
  settings: Settings;
  dir: string;
  templateName: string;
  /** The order to render; the built-in sample (with its RO and FS) when absent. */
  order?: ShopOrder;
  erpDocument?: ErpDocument;
  salesDocument?: SalesDocument;
  attachments?: PreviewAttachment[];
  /** Unsaved editor text of the body file. */
  readFile?: (file: string) => string;
  settingsFile?: string;
}

export interface EmailPreview {
  templateName: string;
  orderLabel: string;
  from: string;
  /** Recipients as they will be after the test-mode rewrite. */
  to: string[];
  cc: string[];
  /** The customer's address (what test mode replaced, if it did). */
  originalTo: string;
  testMode: boolean;
  subject: string;
  html: string;
  text: string;
  attachments: PreviewAttachment[];
  /** Template problems (then subject/html hold what could be shown). */
  problems: TemplateProblem[];
  /** A configuration problem that is not a template position (no such template, unreadable file…). */
  error?: string;
  bodyFile?: string;
}

/** The attachments the template's e-mail action would carry: the sales-document PDF after realization. */
export function plannedAttachmentNames(
  settings: Settings,
  templateName: string,
  salesDocument: SalesDocument | undefined,
): PreviewAttachment[] {
  const action = settings.afterRealization.sendEmail;
  if (!action.enabled || !action.attachSalesPdf || action.template !== templateName || !salesDocument) return [];
  return [{ filename: `${salesDocument.number.replace(/[\\/:*?"<>|\s]+/g, '_')}.pdf` }];
}

export function buildPreview(input: PreviewInput): EmailPreview {
  const { settings, dir, templateName } = input;
  const sample = !input.order;
  const order = input.order ?? SAMPLE_ORDER;
  const erpDocument = sample ? SAMPLE_ERP_DOCUMENT : input.erpDocument;
  const salesDocument = sample ? SAMPLE_SALES_DOCUMENT : input.salesDocument;
  const email = settings.email;
  let to: string[] = [order.buyer.email];
  let testMode = false;
  let prefix = '';
  let recipientError: string | undefined;
  try {
    const plan = plannedRecipients(email, order.buyer.email);
    to = plan.to;
    testMode = plan.redirected;
    prefix = plan.subjectPrefix ?? '';
  } catch (error) {
    recipientError = (error as Error).message;
  }
  const base: EmailPreview = {
    templateName,
    orderLabel: sample ? t('Sample order {0}', order.number) : t('Order {0} ({1})', order.number, order.buyer.name),
    from: email.from ?? '',
    to,
    cc: [],
    originalTo: order.buyer.email,
    testMode,
    subject: '',
    html: '',
    text: '',
    attachments: input.attachments ?? plannedAttachmentNames(settings, templateName, salesDocument),
    problems: [],
    error: recipientError,
  };
  let source: TemplateSource;
  try {
    source = loadTemplateSource(settings, dir, templateName, input.readFile);
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  base.bodyFile = source.bodyFile;
  try {
    const rendered = renderSource(
      settings,
      dir,
      source,
      buildTemplateContext({ order, settings, erpDocument, salesDocument }),
      input.settingsFile,
    );
    return { ...base, subject: cleanSubject(prefix + rendered.subject), html: rendered.html, text: rendered.text };
  } catch (error) {
    if (error instanceof TemplateError) return { ...base, problems: error.problems };
    return { ...base, error: (error as Error).message };
  }
}
