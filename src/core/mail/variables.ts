// The documented variable tree of e-mail templates: the single description behind the static template
// check (unknown variables), the completions in template files and the README table.

export type VariableKind = 'text' | 'number' | 'money' | 'date' | 'boolean' | 'object' | 'list';

export interface VariableNode {
  kind: VariableKind;
  /** English description shown in completions and the README. */
  description: string;
  /** An example of the rendered value (with the filter it is meant for). */
  example?: string;
  /** May be empty (null) for some orders. */
  optional?: boolean;
  fields?: Record<string, VariableNode>;
  /** For lists: what each item holds. */
  items?: VariableNode;
}

const text = (description: string, example?: string, optional?: boolean): VariableNode => ({
  kind: 'text',
  description,
  example,
  optional,
});
const money = (description: string, example: string): VariableNode => ({ kind: 'money', description, example });
const date = (description: string, example: string): VariableNode => ({ kind: 'date', description, example });

const ADDRESS_FIELDS: Record<string, VariableNode> = {
  name: text('Name of the person', 'Zofia Wójcik'),
  company: text('Company', 'Żółta Łódź Sp. z o.o.', true),
  street: text('Street and number', 'ul. Świętokrzyska 12/4'),
  postcode: text('Postal code', '00-916'),
  city: text('City', 'Łódź'),
  country: text('Country code (ISO)', 'PL'),
  phone: text('Phone', '+48 600 100 200', true),
  full: text('The address on one line', 'ul. Świętokrzyska 12/4, 00-916 Łódź'),
};

const LINE_FIELDS: Record<string, VariableNode> = {
  name: text('Product name', 'Kubek ceramiczny „Żuraw”'),
  sku: text('SKU (symbol)', 'KUB-001', true),
  ean: text('EAN', '5901234123457', true),
  quantity: { kind: 'number', description: 'Quantity', example: '2' },
  unit: text('Unit of measure', 'szt.'),
  unitPrice: money('Unit price gross (grosze; use | money)', '49,90 zł'),
  unitNetPrice: { ...money('Unit price net (grosze; use | money), when the shop gives it', '40,57 zł'), optional: true },
  total: money('Line total gross (grosze; use | money)', '99,80 zł'),
  vatRate: {
    kind: 'number',
    description: 'VAT rate in percent (23, 8, 5, 0); empty when the shop does not say',
    example: '23',
    optional: true,
  },
  vat: text('VAT rate as printed', '23%'),
  isShipping: { kind: 'boolean', description: 'True for the shipping-cost line', example: 'false' },
};

export const TEMPLATE_VARIABLES: Record<string, VariableNode> = {
  shop: { kind: 'object', description: 'The shop', fields: { name: text('Shop name (shop.name in the settings)', 'Sklep Demo') } },
  seller: {
    kind: 'object',
    description: 'The merchant as printed on sales documents (erp.seller)',
    fields: {
      name: text('Company name', 'Sklep Demo Sp. z o.o.'),
      taxId: text('Tax id (NIP)', '5260250274'),
      street: text('Street and number', 'ul. Przykładowa 1'),
      postcode: text('Postal code', '00-001'),
      city: text('City', 'Warszawa'),
      bankAccount: text('Bank account for transfers', '61 1090 1014 0000 0712 1981 2874'),
    },
  },
  order: {
    kind: 'object',
    description: 'The shop order',
    fields: {
      id: text("The shop's id of the order", '10482'),
      number: text('Order number the customer sees', 'ZAM/2026/10482'),
      platform: text('Shop platform', 'woocommerce'),
      createdAt: date('When the order was placed (use | date)', '28.11.2026'),
      updatedAt: date('Last change in the shop (use | date)', '28.11.2026'),
      status: text('Shop status id', 'processing'),
      statusName: text('Shop status name', 'W realizacji', true),
      currency: text('Currency code', 'PLN'),
      paymentMethod: text('Payment method', 'Przelewy24', true),
      shippingMethod: text('Shipping method', 'Kurier InPost', true),
      customerNote: text("The buyer's note", 'Proszę o kontakt przed dostawą', true),
      wantsInvoice: { kind: 'boolean', description: 'The buyer asked for an invoice', example: 'true' },
      total: money('Order total gross (grosze; use | money)', '1 234,56 zł'),
      productsTotal: money('Products total gross, without shipping (grosze; use | money)', '1 219,57 zł'),
      shippingTotal: money('Shipping cost gross (grosze; use | money)', '14,99 zł'),
      itemCount: { kind: 'number', description: 'Number of product units (without shipping)', example: '5' },
      lines: {
        kind: 'list',
        description: 'All lines, shipping included: {% for line in order.lines %}…{% endfor %}',
        items: { kind: 'object', description: 'Order line', fields: LINE_FIELDS },
      },
      products: {
        kind: 'list',
        description: 'The lines without the shipping line',
        items: { kind: 'object', description: 'Order line', fields: LINE_FIELDS },
      },
    },
  },
  buyer: {
    kind: 'object',
    description: 'The buyer (document payer)',
    fields: {
      name: text('Name', 'Zofia Wójcik'),
      company: text('Company', 'Żółta Łódź Sp. z o.o.', true),
      taxId: text('Tax id (NIP) as given', '7251801126', true),
      nip: text('Same as buyer.taxId', '7251801126', true),
      email: text('E-mail address', 'zofia.wojcik@example.pl'),
      phone: text('Phone', '+48 600 100 200', true),
      billingAddress: { kind: 'object', description: 'Billing address', fields: ADDRESS_FIELDS },
      shippingAddress: { kind: 'object', description: 'Shipping address', fields: ADDRESS_FIELDS },
    },
  },
  erpDocument: {
    kind: 'object',
    description: 'The ERP document the order became (RO, PF, FS or PA); absent before import: test with {% if erpDocument %}',
    fields: {
      kind: text('Kind: RO, PF, FS or PA', 'RO'),
      number: text('Number', 'RO/12/2026'),
      date: date('Issue date (use | date)', '28.11.2026'),
      total: money('Gross total (grosze; use | money)', '1 234,56 zł'),
    },
  },
  salesDocument: {
    kind: 'object',
    description: 'The sales document (FS invoice or PA receipt); absent until the order is realized: test with {% if salesDocument %}',
    fields: {
      kind: text('Kind: FS (invoice) or PA (receipt)', 'FS'),
      number: text('Number', 'FS/3/2026'),
      date: date('Issue date (use | date)', '28.11.2026'),
      saleDate: date('Sale date (use | date)', '28.11.2026'),
      total: money('Gross total (grosze; use | money)', '1 234,56 zł'),
      totalNet: money('Net total (grosze; use | money)', '1 003,71 zł'),
      isKsefInvoice: {
        kind: 'boolean',
        description: 'An FS bound for KSeF (erp.ksef on): legally issued with its KSeF number',
        example: 'true',
      },
      ksefNumber: text(
        'Its KSeF number, once KSeF accepted it (e-mails with the PDF wait for it)',
        '5260250274-20261129-E3A91F04B27C-E5',
        true,
      ),
      ksefAcceptedAt: { ...date('When KSeF accepted it (use | date)', '29.11.2026'), optional: true },
      ksefVerificationUrl: text(
        "The KOD I link that checks the invoice in KSeF (when the FA(3) file's hash is known: the sandbox ERP, not a real Optima)",
        'https://qr.ksef.mf.gov.pl/invoice/5260250274/29-11-2026/…',
        true,
      ),
    },
  },
};

/** Properties Liquid answers on every list / text (`order.lines.size`, `order.lines.first`). */
export const LIST_PROPERTIES = ['size', 'first', 'last'] as const;

/** Every documented path (`order.lines[].name`) with its node, depth first: the README table and completions. */
export function flattenVariables(
  tree: Record<string, VariableNode> = TEMPLATE_VARIABLES,
  prefix = '',
): Array<{ path: string; node: VariableNode }> {
  const result: Array<{ path: string; node: VariableNode }> = [];
  for (const [name, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${name}` : name;
    result.push({ path, node });
    if (node.fields) result.push(...flattenVariables(node.fields, path));
    if (node.items?.fields) result.push(...flattenVariables(node.items.fields, `${path}[]`));
  }
  return result;
}

/**
 * Walks a variable's segments through the tree. Returns undefined when every string segment is known, else the
 * dotted path up to and including the first unknown segment. Dynamic segments (`a[b]`) stop the walk.
 */
export function unknownVariablePath(
  segments: ReadonlyArray<string | number | object>,
  roots: Record<string, VariableNode> = TEMPLATE_VARIABLES,
): string | undefined {
  const [first, ...rest] = segments;
  if (typeof first !== 'string') return undefined;
  let node: VariableNode | undefined = roots[first];
  const walked: string[] = [first];
  if (!node) return first;
  for (const segment of rest) {
    if (typeof segment === 'number') {
      if (node.kind !== 'list' || !node.items) return [...walked, `[${segment}]`].join('.');
      node = node.items;
      walked.push(`[${segment}]`);
      continue;
    }
    if (typeof segment !== 'string') return undefined;
    walked.push(segment);
    if (node.kind === 'list') {
      if (segment === 'size') return undefined;
      if (segment === 'first' || segment === 'last') {
        node = node.items!;
        continue;
      }
      return walked.join('.');
    }
    if (node.kind === 'text' && segment === 'size') return undefined;
    const next: VariableNode | undefined = node.fields?.[segment];
    if (!next) return walked.join('.');
    node = next;
  }
  return undefined;
}

/** The node a path resolves to, for completions after a dot. */
export function variableAt(
  segments: ReadonlyArray<string>,
  roots: Record<string, VariableNode> = TEMPLATE_VARIABLES,
): VariableNode | undefined {
  let fields: Record<string, VariableNode> | undefined = roots;
  let node: VariableNode | undefined;
  for (const segment of segments) {
    node = fields?.[segment];
    if (!node) return undefined;
    fields = node.kind === 'list' ? node.items?.fields : node.fields;
  }
  return node;
}
