// What changed in an order that is already in the ERP: the integrator never edits an imported document, so
// such a change is reported for the consultant to carry over by hand.
import { t } from '../l10n';
import type { ShopOrder } from '../model/order';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The changed parts that an ERP document holds ("billing address, lines"), or undefined when none did. */
export function describeOrderChange(before: ShopOrder, after: ShopOrder): string | undefined {
  const lineFacts = (order: ShopOrder) =>
    order.lines.map((line) => [line.name, line.sku, line.quantity, line.unitGross, line.vatRate, line.isShipping]);
  const buyerFacts = (order: ShopOrder) => [order.buyer.name, order.buyer.company, order.buyer.taxId, order.buyer.email];
  const changed = [
    same(buyerFacts(before), buyerFacts(after)) ? undefined : t('buyer'),
    same(before.billingAddress, after.billingAddress) ? undefined : t('billing address'),
    same(before.shippingAddress, after.shippingAddress) ? undefined : t('shipping address'),
    same(lineFacts(before), lineFacts(after)) && before.totalGross === after.totalGross ? undefined : t('lines'),
  ].filter((part): part is string => part !== undefined);
  return changed.length ? changed.join(', ') : undefined;
}
