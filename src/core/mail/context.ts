// The values a template sees: built from the normalized order, the settings and the ERP documents. Every
// documented key is present (null when empty), so strict rendering can tell a typo from an empty value; the ERP
// documents are absent until they exist, so a template that needs them fails instead of rendering blanks.
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import { ksefVerificationUrl } from '../ksef/state';
import { type Grosze, multiply } from '../model/money';
import type { Address, OrderLine, ShopOrder } from '../model/order';
import type { Settings } from '../settings/types.generated';

export interface AddressContext {
  name: string;
  company: string | null;
  street: string;
  postcode: string;
  city: string;
  country: string;
  phone: string | null;
  full: string;
}

export interface LineContext {
  name: string;
  sku: string | null;
  ean: string | null;
  quantity: number;
  unit: string;
  unitPrice: Grosze;
  unitNetPrice: Grosze | null;
  total: Grosze;
  vatRate: number | null;
  vat: string;
  isShipping: boolean;
}

export interface TemplateContext {
  shop: { name: string };
  seller: { name: string; taxId: string; street: string; postcode: string; city: string; bankAccount: string };
  order: {
    id: string;
    number: string;
    platform: string;
    createdAt: string;
    updatedAt: string;
    status: string;
    statusName: string | null;
    currency: string;
    paymentMethod: string | null;
    shippingMethod: string | null;
    customerNote: string | null;
    wantsInvoice: boolean;
    total: Grosze;
    productsTotal: Grosze;
    shippingTotal: Grosze;
    itemCount: number;
    lines: LineContext[];
    products: LineContext[];
  };
  buyer: {
    name: string;
    company: string | null;
    taxId: string | null;
    nip: string | null;
    email: string;
    phone: string | null;
    billingAddress: AddressContext;
    shippingAddress: AddressContext;
  };
  /** Absent (not null) before import, so `{{ erpDocument.number }}` fails loudly instead of rendering empty. */
  erpDocument?: { kind: string; number: string; date: string; total: Grosze };
  /** Absent until realization; `{% if salesDocument %}` tests for it. */
  salesDocument?: {
    kind: string;
    number: string;
    date: string;
    saleDate: string;
    total: Grosze;
    totalNet: Grosze;
    isKsefInvoice: boolean;
    ksefNumber: string | null;
    ksefAcceptedAt: string | null;
    ksefVerificationUrl: string | null;
  };
}

const orNull = (value: string | undefined | null): string | null => (value === undefined || value === null || value === '' ? null : value);

function address(a: Address): AddressContext {
  return {
    name: a.name,
    company: orNull(a.company),
    street: a.street,
    postcode: a.postcode,
    city: a.city,
    country: a.country,
    phone: orNull(a.phone),
    full: [a.street, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
  };
}

function line(l: OrderLine): LineContext {
  return {
    name: l.name,
    sku: orNull(l.sku),
    ean: orNull(l.ean),
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: l.unitGross,
    unitNetPrice: l.unitNet ?? null,
    total: multiply(l.unitGross, l.quantity),
    vatRate: l.vatRate,
    vat: l.vatRate === null ? 'zw.' : `${l.vatRate}%`,
    isShipping: l.isShipping,
  };
}

export function buildTemplateContext(input: {
  order: ShopOrder;
  settings: Settings;
  erpDocument?: ErpDocument;
  salesDocument?: SalesDocument;
}): TemplateContext {
  const { order, settings } = input;
  const lines = order.lines.map(line);
  const products = lines.filter((l) => !l.isShipping);
  const shippingTotal = lines.filter((l) => l.isShipping).reduce((sum, l) => sum + l.total, 0);
  const sales = input.salesDocument ?? input.erpDocument?.salesDocument;
  const seller = settings.erp.seller;
  const context: TemplateContext = {
    shop: { name: settings.shop.name },
    seller: {
      name: seller.name,
      taxId: seller.taxId,
      street: seller.street,
      postcode: seller.postcode,
      city: seller.city,
      bankAccount: seller.bankAccount,
    },
    order: {
      id: order.id,
      number: order.number,
      platform: order.platform,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      status: order.status,
      statusName: orNull(order.statusName),
      currency: order.currency,
      paymentMethod: orNull(order.paymentMethod),
      shippingMethod: orNull(order.shippingMethod),
      customerNote: orNull(order.customerNote),
      wantsInvoice: order.wantsInvoice === true,
      total: order.totalGross,
      productsTotal: products.reduce((sum, l) => sum + l.total, 0),
      shippingTotal,
      itemCount: products.reduce((sum, l) => sum + l.quantity, 0),
      lines,
      products,
    },
    buyer: {
      name: order.buyer.name,
      company: orNull(order.buyer.company),
      taxId: orNull(order.buyer.taxId),
      nip: orNull(order.buyer.taxId),
      email: order.buyer.email,
      phone: orNull(order.buyer.phone),
      billingAddress: address(order.billingAddress),
      shippingAddress: address(order.shippingAddress),
    },
  };
  if (input.erpDocument) {
    context.erpDocument = {
      kind: input.erpDocument.kind,
      number: input.erpDocument.number,
      date: input.erpDocument.issueDate,
      total: input.erpDocument.totalGross,
    };
  }
  if (sales) {
    const ksef = settings.erp.ksef;
    context.salesDocument = {
      kind: sales.kind,
      number: sales.number,
      date: sales.issueDate,
      saleDate: sales.saleDate,
      total: sales.totalGross,
      totalNet: sales.totalNet,
      isKsefInvoice: ksef?.enabled === true && sales.kind === 'FS' && sales.ksef?.status !== 'outside',
      ksefNumber: sales.ksef?.number ?? null,
      ksefAcceptedAt: sales.ksef?.acceptedAt ?? null,
      ksefVerificationUrl:
        (sales.ksef && ksefVerificationUrl(ksef?.environment ?? 'production', sales.ksef, sales.issueDate, seller.taxId)) ?? null,
    };
  }
  return context;
}
