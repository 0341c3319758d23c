// What the product makes of the bridge's answers, in the terms of the at-most-once rule (src/core/outcome.ts):
// a 422 is the order's own, definite failure; a 401, a 503 or a bridge that cannot be reached stops ERP work
// for the pass (server-wide, no attempt used); a create whose answer stayed lost after its repeats is uncertain.
import { t } from '../../l10n';
import type { FailureOutcome, FailureScope, SideEffectFailure } from '../../outcome';
import type { BridgeErrorBody } from './contract';

export type BridgeFailure =
  'refused' | 'unauthorized' | 'unavailable' | 'unreachable' | 'answer-lost' | 'not-found' | 'failed' | 'insecure' | 'no-token';

export class BridgeError extends Error implements SideEffectFailure {
  readonly outcome: FailureOutcome;
  readonly scope: FailureScope;

  constructor(
    message: string,
    readonly failure: BridgeFailure,
    /** The bridge's answer, when there was one. */
    readonly status?: number,
    readonly body?: BridgeErrorBody,
  ) {
    super(message);
    this.name = 'BridgeError';
    this.outcome = failure === 'answer-lost' ? 'uncertain' : 'definite';
    this.scope = failure === 'refused' || failure === 'failed' || failure === 'answer-lost' || failure === 'not-found' ? 'order' : 'server';
  }
}

export const SET_BRIDGE_TOKEN_HINT = 'Optima Sync: Set ERP bridge token…';
export const BRIDGE_TOKEN_VARIABLE = 'OPTIMA_SYNC_ERP_BRIDGE_TOKEN';

/** A 422 in the consultant's words: the code, what it means and what fixes it. */
export function refusalMessage(body: BridgeErrorBody, externalId: string): string {
  switch (body.code) {
    case 'UNKNOWN_SKU':
      return body.sku
        ? t(
            'Optima has no item with the SKU {0} (order {1}): add the item in Optima or correct the SKU in the shop [UNKNOWN_SKU]',
            body.sku,
            externalId,
          )
        : t('A line of the order {0} has no SKU, so Optima cannot find its item: set the SKU in the shop [UNKNOWN_SKU]', externalId);
    case 'UNKNOWN_PAYMENT':
      return t(
        'Optima has no payment method "{0}" (order {1}): add it in Optima, or map the shop\'s method in erp.optima.documents.paymentMethods [UNKNOWN_PAYMENT]',
        body.method ?? '',
        externalId,
      );
    case 'UNKNOWN_SHIPPING_ITEM':
      return t(
        'Optima has no service item {0} for the shipping cost: add it, or set erp.optima.documents.shippingItem [UNKNOWN_SHIPPING_ITEM]',
        body.sku ?? '',
      );
    case 'UNKNOWN_DEFINITION':
      return t('Optima has no such document definition: {0}. Check erp.optima.documents.definitions [UNKNOWN_DEFINITION]', body.message);
    case 'INVALID_NIP':
      return t("The buyer's NIP of the order {0} is not valid: {1}. Correct it in the shop [INVALID_NIP]", externalId, body.message);
    default:
      return t('The Optima bridge refused the order {0}: {1} [{2}]', externalId, body.message, body.code);
  }
}
