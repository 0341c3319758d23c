// Platform-neutral sample orders with Polish data, generated deterministically so tests and the bench can
// ask for any number (generateOrders(1000)). Each fake renders them in its platform's own shapes.
// Amounts are integer grosze; timestamps are whole seconds and often shared by several orders on purpose.

export type NeutralStatus = 'new' | 'paid' | 'processing' | 'shipped' | 'completed' | 'cancelled';
export const NEUTRAL_STATUSES: NeutralStatus[] = ['new', 'paid', 'processing', 'shipped', 'completed', 'cancelled'];

export interface FixtureLine {
  name: string;
  sku: string;
  ean?: string;
  quantity: number;
  unitGross: number;
  vatRate: number;
}

export interface FixtureOrder {
  id: number;
  number: string;
  /** ISO UTC, whole seconds. */
  createdAt: string;
  updatedAt: string;
  status: NeutralStatus;
  currency: string;
  payment: string;
  buyer: { firstName: string; lastName: string; company?: string; taxId?: string; email: string; phone?: string };
  address: { street: string; houseNumber: string; postcode: string; city: string; country: string };
  lines: FixtureLine[];
  shipping: { method: string; gross: number; vatRate: number };
  note?: string;
}

export function fixtureTotal(order: FixtureOrder): number {
  return order.lines.reduce((sum, line) => sum + line.unitGross * line.quantity, 0) + order.shipping.gross;
}

/** Net of a gross amount at a VAT rate, rounded half up (how the fakes derive net prices). */
export function netOf(gross: number, rate: number): number {
  return Math.round((gross * 100) / (100 + rate));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Jan',
  'Anna',
  'Łukasz',
  'Małgorzata',
  'Grzegorz',
  'Zofia',
  'Paweł',
  'Katarzyna',
  'Michał',
  'Agnieszka',
  'Żaneta',
  'Bartłomiej',
];
const LAST = [
  'Kowalski',
  'Wiśniewska',
  'Dąbrowski',
  'Lewandowska',
  'Wójcik',
  'Kamińska',
  'Zieliński',
  'Szymańska',
  'Woźniak',
  'Kozłowska',
  'Jabłoński',
  'Mazur',
];
const CITIES: Array<[string, string, string]> = [
  ['Kraków', '31-154', 'ul. Długa'],
  ['Łódź', '90-006', 'ul. Piotrkowska'],
  ['Gdańsk', '80-831', 'ul. Mariacka'],
  ['Wrocław', '50-024', 'ul. Świdnicka'],
  ['Poznań', '61-772', 'ul. Półwiejska'],
  ['Zielona Góra', '65-001', 'ul. Żeromskiego'],
  ['Białystok', '15-001', 'ul. Lipowa'],
  ['Rzeszów', '35-001', 'ul. 3 Maja'],
];
const COMPANIES: Array<[string, string]> = [
  ['Przedsiębiorstwo Handlowe „Żuraw” Sp. z o.o.', '5213000009'],
  ['Kwiaciarnia Źdźbło s.c.', '7740001454'],
  ['Pracownia Ślusarska Łęcki', '1132853869'],
  ['Fundacja Ćma', '5252248481'],
];
const PRODUCTS: Array<[string, string, string | undefined, number, number]> = [
  ['Kubek ceramiczny „Kraków”', 'KUB-001', '5901234123457', 3999, 23],
  ['Herbata liściasta 100 g', 'HER-100', '5907654321098', 2450, 5],
  ['Książka „Pan Tadeusz”', 'KS-PT', '9788373271890', 3490, 5],
  ['Termometr bezdotykowy', 'TER-01', '5901111111114', 12900, 8],
  ['Słuchawki bezprzewodowe', 'SLU-BT5', '5903333333338', 24900, 23],
  ['Miód wielokwiatowy 1 kg', 'MIO-1KG', '5906666666669', 5900, 5],
  ['Usługa grawerowania', 'GRAW', undefined, 1500, 0],
  ['Świeca sojowa „Jaśmin”', 'SWI-JAS', '5901010101019', 3499, 23],
];
const CARRIERS: Array<[string, number]> = [
  ['Kurier InPost', 1599],
  ['Paczkomat InPost', 1299],
  ['Kurier DPD', 2199],
  ['Odbiór osobisty', 0],
];
const PAYMENTS = ['Przelew bankowy', 'Przelewy24', 'BLIK', 'Płatność przy odbiorze'];

export interface GenerateOptions {
  seed?: number;
  /** First order's creation time (ISO). */
  start?: string;
  /** Id of the first order. */
  firstId?: number;
  /** Status of every order (default: a deterministic mix). */
  status?: NeutralStatus;
}

/** n orders, oldest first; about one in four shares its timestamp with the previous order. */
export function generateOrders(n: number, options: GenerateOptions = {}): FixtureOrder[] {
  const random = mulberry32(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let time = Date.parse(options.start ?? '2026-03-02T08:00:00Z');
  const orders: FixtureOrder[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && random() > 0.25) time += (1 + Math.floor(random() * 30)) * 60_000;
    const id = (options.firstId ?? 1001) + i;
    const [city, postcode, street] = pick(CITIES);
    const company = random() < 0.35 ? pick(COMPANIES) : undefined;
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const lineCount = 1 + Math.floor(random() * 3);
    const lines: FixtureLine[] = [];
    for (let l = 0; l < lineCount; l++) {
      const [name, sku, ean, unitGross, vatRate] = PRODUCTS[(i + l * 3) % PRODUCTS.length]!;
      if (lines.some((line) => line.sku === sku)) continue;
      lines.push({ name, sku, ean, quantity: 1 + Math.floor(random() * 4), unitGross, vatRate });
    }
    const [method, gross] = pick(CARRIERS);
    const stamp = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
    orders.push({
      id,
      number: `ZAM/${id}/2026`,
      createdAt: stamp,
      updatedAt: stamp,
      status: options.status ?? NEUTRAL_STATUSES[Math.floor(random() * 4)]!,
      currency: 'PLN',
      payment: pick(PAYMENTS),
      buyer: {
        firstName,
        lastName,
        company: company?.[0],
        taxId: company?.[1],
        email: `${ascii(firstName)}.${ascii(lastName)}${id}@example.pl`,
        phone: random() < 0.8 ? `+48 5${String(10_000_000 + id).slice(-8)}` : undefined,
      },
      address: { street, houseNumber: String(1 + (id % 120)), postcode, city, country: 'PL' },
      lines,
      shipping: { method, gross, vatRate: 23 },
      note: random() < 0.1 ? 'Proszę dzwonić przed doręczeniem — domofon nie działa.' : undefined,
    });
  }
  return orders;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase();
}

/** "2026-03-02 09:00:00" in Europe/Warsaw for an ISO instant (PrestaShop/SellAsist/BaseLinker local times). */
export function warsawLocal(iso: string | number): string {
  const instant = typeof iso === 'number' ? iso : Date.parse(iso);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Warsaw',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Inverse of warsawLocal. */
export function fromWarsawLocal(local: string): number {
  const guess = Date.parse(local.replace(' ', 'T') + 'Z');
  for (const offsetHours of [1, 2]) {
    const candidate = guess - offsetHours * 3600_000;
    if (warsawLocal(candidate) === local) return candidate;
  }
  return guess - 3600_000;
}
