// A shop order → the bridge's CreateDocumentRequest, with the deployment's document choices
// (erp.optima.documents): the buyer, the delivery address, the payment method mapped to Optima's name, the
// product lines by SKU, the shipping cost apart (the bridge puts it on the shipping service item).
import { groszeToDecimal } from '../../model/money';
import type { ShopOrder } from '../../model/order';
import type { Optima } from '../../settings/types.generated';
import { lookupValue } from '../optima/connection';
import type { BridgeDocumentKind, BridgeShipping, CreateDocumentRequest } from './contract';

export type DocumentSettings = Optima['documents'];

const decimal = (grosze: number) => Number(groszeToDecimal(grosze));

/** Optima's payment method for the shop's: the mapping, else the default, else the shop's own name. */
export function paymentMethodFor(order: Pick<ShopOrder, 'paymentMethod'>, documents: DocumentSettings): string {
  const shop = order.paymentMethod?.trim() ?? '';
  return documents.paymentMethods[shop] ?? (documents.defaultPaymentMethod || shop);
}

function shipping(order: ShopOrder): BridgeShipping | null {
  const lines = order.lines.filter((line) => line.isShipping && line.unitGross * line.quantity > 0);
  if (lines.length === 0) return null;
  const gross = lines.reduce((sum, line) => sum + Math.round(line.unitGross * line.quantity), 0);
  return { name: order.shippingMethod || lines[0]!.name, priceGross: decimal(gross), vatRate: lines[0]!.vatRate };
}

export function documentRequest(
  order: ShopOrder,
  kind: BridgeDocumentKind,
  optima: Pick<Optima, 'documents' | 'match'>,
  issueDate: string,
): CreateDocumentRequest {
  const { documents } = optima;
  const billing = order.billingAddress;
  const delivery = order.shippingAddress;
  const company = order.buyer.company || billing.company;
  return {
    kind,
    externalId: lookupValue(optima.match.pattern, order),
    issueDate,
    buffer: documents.buffer,
    priceMode: documents.priceMode,
    currency: order.currency || 'PLN',
    customer: {
      taxId: order.buyer.taxId?.trim() || null,
      name: billing.name || order.buyer.name,
      ...(company ? { company } : {}),
      email: order.buyer.email,
      phone: order.buyer.phone || billing.phone || '',
      address: { street: billing.street, postcode: billing.postcode, city: billing.city, country: billing.country },
    },
    delivery: {
      name: delivery.name,
      ...(delivery.company ? { company: delivery.company } : {}),
      phone: delivery.phone || order.buyer.phone || '',
      email: order.buyer.email,
      address: { street: delivery.street, postcode: delivery.postcode, city: delivery.city, country: delivery.country },
      ...(order.shippingMethod ? { method: order.shippingMethod } : {}),
    },
    payment: { method: paymentMethodFor(order, documents) },
    lines: order.lines
      .filter((line) => !line.isShipping)
      .map((line) => ({
        sku: line.sku ?? '',
        name: line.name,
        quantity: line.quantity,
        unitPriceGross: decimal(line.unitGross),
        vatRate: line.vatRate,
      })),
    shipping: shipping(order),
    notes: order.customerNote ?? '',
    options: {
      definition: documents.definitions[kind],
      ...(documents.series ? { series: documents.series } : {}),
      shippingItem: documents.shippingItem,
      oneOffBuyer: documents.oneOffBuyer,
    },
  };
}
