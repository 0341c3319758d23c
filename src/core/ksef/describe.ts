// An order's KSeF state in the consultant's words, shared by `optima-sync state --order` and the Orders view:
// which actions wait for the KSeF number ("waiting for KSeF"), and the sales document's state in KSeF.
import { t } from '../l10n';
import type { ActionKind } from '../model/actions';
import type { ActionRecord, StoredOrder } from '../state/api';

/** The action waits for the KSeF number: held by the last pass, and not attempted or reset since. */
export function waitsForKsef(order: Pick<StoredOrder, 'ksefHold'>, kind: ActionKind, record: ActionRecord | undefined): boolean {
  return record === undefined && order.ksefHold?.kinds.includes(kind) === true;
}

/** The sales document's state in KSeF as the last pass learnt it (undefined: never asked, e.g. a PA). */
export function ksefStatusText(order: Pick<StoredOrder, 'salesDocument'>): string | undefined {
  const ksef = order.salesDocument?.ksef;
  if (!ksef) return undefined;
  switch (ksef.status) {
    case 'outside':
      return t('outside KSeF');
    case 'pending':
      return t('waiting for its KSeF number');
    case 'rejected':
      return t('rejected by KSeF: {0}', ksef.reason ?? '');
    case 'accepted':
      return ksef.acceptedAt
        ? t('KSeF number {0} (accepted {1})', ksef.number ?? '', ksef.acceptedAt)
        : t('KSeF number {0}', ksef.number ?? '');
  }
}
