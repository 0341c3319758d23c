// The side effect of each action kind: a shop status, an e-mail to the customer, the sales document to the shop.
// Each returns the detail the state records when it is done, and throws what the other side answered otherwise.
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import { t } from '../l10n';
import { ShopError } from '../shops/errors';
import { ORDER_DETAILS_DAYS } from '../state/retention';
import type { PlannedAction, PlannedOrder, SyncDependencies } from './types';

export interface OrderContext {
  planned: PlannedOrder;
  erpDocument?: ErpDocument;
  salesDocument?: SalesDocument;
  pdf?: { fileName: string; bytes: Uint8Array };
}

/** The shop status an action of this kind sets (status actions only). */
export function targetStatus(deps: SyncDependencies, kind: PlannedAction['kind']): string {
  return (kind === 'status-after-import' ? deps.settings.afterImport : deps.settings.afterRealization).setStatus.status!;
}

async function salesPdf(deps: SyncDependencies, context: OrderContext): Promise<{ fileName: string; bytes: Uint8Array }> {
  context.pdf ??= await deps.erp.salesDocumentPdf(context.salesDocument!);
  return context.pdf;
}

/** Carries out one action; `onEmailSent` runs once the server accepted an e-mail (the pass counts it). */
export async function performAction(
  deps: SyncDependencies,
  context: OrderContext,
  action: PlannedAction,
  onEmailSent: () => void,
): Promise<string> {
  const { planned } = context;
  const order = planned.order;
  switch (action.kind) {
    case 'status-after-import':
    case 'status-after-realization': {
      const status = targetStatus(deps, action.kind);
      await deps.shop.setStatus(order.id, status);
      return t('shop status set to {0}', status);
    }
    case 'email-after-import':
    case 'email-after-realization': {
      const email = action.email!;
      if (!order.buyer.email) throw new Error(t('the order has no customer e-mail address'));
      if (!planned.detailsKept)
        throw new Error(
          t(
            'the order was settled more than {0} days ago and keeps only its summary, not the lines a message needs; reset this action for old orders instead',
            ORDER_DETAILS_DAYS,
          ),
        );
      const rendered = await deps.mail.render(email.template, {
        order,
        erpDocument: context.erpDocument,
        salesDocument: context.salesDocument,
      });
      const attachments = [];
      if (email.attachPdf && context.salesDocument) {
        const pdf = await salesPdf(deps, context);
        attachments.push({ filename: pdf.fileName, content: pdf.bytes, contentType: 'application/pdf' });
      }
      const sent = await deps.mail.send({ ...rendered, to: order.buyer.email, attachments });
      onEmailSent();
      const where = email.redirected ? t('{0} (test mode → {1})', order.buyer.email, sent.accepted.join(', ')) : sent.accepted.join(', ');
      return t(
        'e-mail sent to {0}{1}, message id {2}',
        where,
        attachments.length ? t(' with {0}', attachments[0]!.filename) : '',
        sent.messageId,
      );
    }
    case 'pdf-to-shop': {
      const sales = context.salesDocument!;
      if (!deps.shop.capabilities.uploadSalesPdf) {
        // The shop takes no files: its number is what it can get (PrestaShop, SellAsist).
        if (!deps.shop.capabilities.documentNumber || !deps.shop.writeDocumentNumber)
          throw new ShopError(t('the {0} shop cannot receive sales-document PDFs', deps.shop.platform), 'capability', deps.shop.platform);
        await deps.shop.writeDocumentNumber(order.id, sales.number);
        return t('sales-document number {0} written to the order in the shop', sales.number);
      }
      const pdf = await salesPdf(deps, context);
      await deps.shop.uploadSalesPdf(order.id, {
        fileName: pdf.fileName,
        bytes: pdf.bytes,
        documentNumber: sales.number,
        kind: sales.kind,
        totalGross: sales.totalGross,
        totalNet: sales.totalNet,
        currency: order.currency,
      });
      return t('{0} uploaded to the shop', pdf.fileName);
    }
  }
}
