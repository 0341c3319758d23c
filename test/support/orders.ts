// Realistic Polish shop orders for tests and benches: a private buyer (no tax id → PA), a company with a
// NIP (→ FS), mixed VAT rates, a different delivery address. Every factory takes overrides.
import type { Address, OrderLine, ShopOrder } from '../../src/core/model/order';

const CITIES: Array<Pick<Address, 'postcode' | 'city'>> = [
  { postcode: '00-950', city: 'Warszawa' },
  { postcode: '31-042', city: 'Kraków' },
  { postcode: '80-831', city: 'Gdańsk' },
  { postcode: '50-077', city: 'Wrocław' },
  { postcode: '61-772', city: 'Poznań' },
  { postcode: '90-057', city: 'Łódź' },
];
const FIRST_NAMES = ['Małgorzata', 'Łukasz', 'Zofia', 'Paweł', 'Agnieszka', 'Grzegorz', 'Żaneta', 'Jędrzej'];
const LAST_NAMES = ['Wójcik', 'Kowalczyk', 'Zieliński', 'Szymańska', 'Woźniak', 'Dąbrowski', 'Kozłowska', 'Jankowski'];
const STREETS = ['ul. Świętokrzyska', 'ul. Floriańska', 'ul. Długa', 'al. Grunwaldzka', 'ul. Piotrkowska', 'ul. Źródlana'];

/** The catalogue lines the factories pick from: one per VAT rate in Poland's usual set. */
export const SAMPLE_LINES: Record<'mug' | 'book' | 'coffee' | 'bread' | 'shipping' | 'printedBook', OrderLine> = {
  mug: {
    name: 'Kubek ceramiczny „Żółw” 330 ml',
    sku: 'KUB-330',
    quantity: 2,
    unit: 'szt.',
    unitGross: 3999,
    vatRate: 23,
    isShipping: false,
  },
  coffee: {
    name: 'Kawa ziarnista Świeżo Palona 1 kg',
    sku: 'KAW-1000',
    quantity: 1,
    unit: 'szt.',
    unitGross: 8950,
    vatRate: 23,
    isShipping: false,
  },
  book: {
    name: 'Książka „Pan Tadeusz” – wydanie ilustrowane',
    sku: 'KS-PT',
    quantity: 1,
    unit: 'szt.',
    unitGross: 5490,
    vatRate: 5,
    isShipping: false,
  },
  printedBook: { name: 'E-book „Quo vadis”', sku: 'EB-QV', quantity: 1, unit: 'szt.', unitGross: 2990, vatRate: 8, isShipping: false },
  bread: { name: 'Chleb żytni na zakwasie', sku: 'CHL-ZYT', quantity: 3, unit: 'szt.', unitGross: 1299, vatRate: 0, isShipping: false },
  shipping: { name: 'Dostawa kurierem DPD', quantity: 1, unit: 'usł.', unitGross: 1699, vatRate: 23, isShipping: true },
};

export function sumGross(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + Math.round(line.unitGross * line.quantity), 0);
}

/** A private buyer's order (no tax id), billing = delivery address. Index varies names and addresses. */
export function privateOrder(index = 1, overrides: Partial<ShopOrder> = {}): ShopOrder {
  const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
  const last = LAST_NAMES[(index * 3) % LAST_NAMES.length]!;
  const place = CITIES[index % CITIES.length]!;
  const address: Address = {
    name: `${first} ${last}`,
    street: `${STREETS[index % STREETS.length]} ${(index % 120) + 1}/${(index % 9) + 1}`,
    ...place,
    country: 'PL',
    phone: `+48 600 ${String(100 + (index % 900)).padStart(3, '0')} 200`,
  };
  const lines = overrides.lines ?? [SAMPLE_LINES.mug, SAMPLE_LINES.shipping];
  const id = String(10_000 + index);
  return {
    platform: 'woocommerce',
    id,
    number: `#${id}`,
    createdAt: '2026-11-20T09:15:00.000Z',
    updatedAt: '2026-11-20T09:20:00.000Z',
    status: 'processing',
    statusName: 'W trakcie realizacji',
    currency: 'PLN',
    paymentMethod: 'Przelewy24',
    shippingMethod: 'Kurier DPD',
    buyer: { name: address.name, email: `${first}.${last}${index}@example.pl`.toLowerCase(), phone: address.phone },
    billingAddress: address,
    shippingAddress: address,
    lines,
    totalGross: sumGross(lines),
    ...overrides,
  };
}

/** A company's order with a NIP, delivered to another address. */
export function companyOrder(index = 1, overrides: Partial<ShopOrder> = {}): ShopOrder {
  const base = privateOrder(index);
  const company = `Źródło ${LAST_NAMES[index % LAST_NAMES.length]} Sp. z o.o.`;
  const billing: Address = {
    ...base.billingAddress,
    company,
    street: `ul. Gęślarska ${(index % 40) + 1}`,
    postcode: '02-591',
    city: 'Warszawa',
  };
  const lines = overrides.lines ?? [SAMPLE_LINES.coffee, SAMPLE_LINES.book, SAMPLE_LINES.shipping];
  return {
    ...base,
    buyer: { ...base.buyer, company, taxId: `PL 526-025-${String(1000 + (index % 9000)).padStart(4, '0')}` },
    billingAddress: billing,
    shippingAddress: { ...base.shippingAddress, name: `${base.billingAddress.name} (magazyn)` },
    paymentMethod: 'Przelew bankowy',
    wantsInvoice: true,
    lines,
    totalGross: sumGross(lines),
    ...overrides,
  };
}

/** An order with every VAT rate (23, 8, 5, 0), for VAT-table tests. */
export function mixedVatOrder(index = 1, overrides: Partial<ShopOrder> = {}): ShopOrder {
  const lines = [SAMPLE_LINES.mug, SAMPLE_LINES.printedBook, SAMPLE_LINES.book, SAMPLE_LINES.bread, SAMPLE_LINES.shipping];
  return companyOrder(index, { lines, totalGross: sumGross(lines), ...overrides });
}
