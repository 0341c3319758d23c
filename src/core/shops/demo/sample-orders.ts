// Twelve realistic Polish orders for the demo shop: buyers with and without NIP, Polish characters, VAT
// 23/8/5/0, shipping lines, a few statuses. Amounts in grosze.
import type { OrderLine, ShopOrder } from '../../model/order';
import { linesTotal, netFromGross } from '../normalize';

interface Sample {
  buyer: { name: string; company?: string; taxId?: string; email: string; phone?: string };
  street: string;
  postcode: string;
  city: string;
  status: string;
  payment: string;
  shipping: [string, number];
  lines: Array<[name: string, sku: string, ean: string | undefined, quantity: number, unitGross: number, vat: number]>;
  note?: string;
}

const SAMPLES: Sample[] = [
  {
    buyer: { name: 'Jan Kowalski', email: 'jan.kowalski@example.pl', phone: '+48 500 600 700' },
    street: 'ul. Długa 1/3',
    postcode: '31-154',
    city: 'Kraków',
    status: 'new',
    payment: 'Przelew bankowy',
    shipping: ['Kurier InPost', 1599],
    lines: [
      ['Kubek ceramiczny „Kraków”', 'KUB-001', '5901234123457', 2, 3999, 23],
      ['Herbata liściasta 100 g', 'HER-100', '5907654321098', 1, 2450, 5],
    ],
  },
  {
    buyer: {
      name: 'Anna Wiśniewska',
      company: 'Wiśniewska Ogrody Sp. z o.o.',
      taxId: '5213000009',
      email: 'faktury@wisniewska-ogrody.pl',
      phone: '+48 601 222 333',
    },
    street: 'ul. Żeromskiego 14',
    postcode: '90-710',
    city: 'Łódź',
    status: 'paid',
    payment: 'Przelewy24',
    shipping: ['Kurier DPD', 2199],
    lines: [
      ['Sekator ogrodowy', 'SEK-220', '5900000000011', 3, 8900, 23],
      ['Nasiona pomidora „Malinowy Ożarowski”', 'NAS-POM', '5900000000028', 10, 650, 8],
    ],
  },
  {
    buyer: { name: 'Grzegorz Brzęczyszczykiewicz', email: 'grzegorz.b@example.com' },
    street: 'ul. Chrząszczyżewoszyce 2',
    postcode: '66-400',
    city: 'Gorzów Wielkopolski',
    status: 'paid',
    payment: 'BLIK',
    shipping: ['Paczkomat InPost', 1299],
    lines: [['Książka „Pan Tadeusz”', 'KS-PT', '9788373271890', 1, 3490, 5]],
  },
  {
    buyer: {
      name: 'Małgorzata Zając',
      company: 'Apteka Pod Różą s.c.',
      taxId: '7740001454',
      email: 'apteka@podroza.pl',
      phone: '+48 22 111 22 33',
    },
    street: 'al. Jerozolimskie 65/79',
    postcode: '00-697',
    city: 'Warszawa',
    status: 'new',
    payment: 'Przelew bankowy',
    shipping: ['Kurier GLS', 0],
    lines: [
      ['Termometr bezdotykowy', 'TER-01', '5901111111114', 5, 12900, 8],
      ['Maseczki ochronne 50 szt.', 'MAS-50', '5902222222221', 4, 2500, 8],
    ],
  },
  {
    buyer: { name: 'Łukasz Śliwiński', email: 'lukasz.sliwinski@example.pl', phone: '+48 512 345 678' },
    street: 'ul. Świętojańska 5',
    postcode: '81-368',
    city: 'Gdynia',
    status: 'processing',
    payment: 'Płatność przy odbiorze',
    shipping: ['Poczta Polska', 1850],
    lines: [
      ['Słuchawki bezprzewodowe', 'SLU-BT5', '5903333333338', 1, 24900, 23],
      ['Etui na słuchawki', 'ETU-01', undefined, 1, 3900, 23],
    ],
  },
  {
    buyer: { name: 'Katarzyna Nowak', company: 'Nowak i Synowie Sp.J.', taxId: '1132853869', email: 'ksiegowosc@nowak-synowie.pl' },
    street: 'ul. Piotrkowska 120',
    postcode: '90-006',
    city: 'Łódź',
    status: 'paid',
    payment: 'Przelew bankowy',
    shipping: ['Kurier DPD', 2460],
    lines: [
      ['Papier ksero A4 (ryza)', 'PAP-A4', '5904444444445', 20, 2299, 23],
      ['Segregator A4 75 mm', 'SEG-75', '5905555555552', 12, 1149, 23],
      ['Kalendarz książkowy 2027', 'KAL-27', '9788300000000', 3, 4500, 5],
    ],
  },
  {
    buyer: { name: 'Zofia Dąbrowska', email: 'zofia.dabrowska@example.pl' },
    street: 'ul. Kościuszki 8',
    postcode: '40-049',
    city: 'Katowice',
    status: 'shipped',
    payment: 'Karta płatnicza',
    shipping: ['Paczkomat InPost', 1299],
    lines: [
      ['Miód wielokwiatowy 1 kg', 'MIO-1KG', '5906666666669', 2, 5900, 5],
      ['Słoik prezentowy', 'SLO-P', undefined, 2, 900, 23],
    ],
  },
  {
    buyer: { name: 'Piotr Wójcik', company: 'Szkoła Podstawowa nr 7', taxId: '6340197417', email: 'sekretariat@sp7.edu.pl' },
    street: 'ul. Szkolna 7',
    postcode: '44-100',
    city: 'Gliwice',
    status: 'paid',
    payment: 'Przelew (termin 14 dni)',
    shipping: ['Kurier DPD', 0],
    lines: [
      ['Podręcznik „Matematyka 5”', 'POD-M5', '9788326700001', 25, 4290, 5],
      ['Zeszyt 60 kartek', 'ZES-60', '5907777777776', 100, 349, 23],
    ],
    note: 'Proszę o fakturę na szkołę, dostawa do sekretariatu.',
  },
  {
    buyer: { name: 'Agnieszka Kamińska', email: 'a.kaminska@example.pl', phone: '+48 698 765 432' },
    street: 'ul. Mickiewicza 22',
    postcode: '60-835',
    city: 'Poznań',
    status: 'completed',
    payment: 'Przelewy24',
    shipping: ['Kurier InPost', 1599],
    lines: [
      ['Kawa ziarnista 1 kg', 'KAW-1KG', '5908888888883', 1, 8900, 23],
      ['Młynek ręczny', 'MLY-01', '5909999999990', 1, 15900, 23],
    ],
  },
  {
    buyer: { name: 'Tomasz Lewandowski', company: 'Fundacja „Źródło”', taxId: '5252248481', email: 'biuro@fundacja-zrodlo.org' },
    street: 'ul. Marszałkowska 10/16',
    postcode: '00-590',
    city: 'Warszawa',
    status: 'new',
    payment: 'Przelew bankowy',
    shipping: ['Odbiór osobisty', 0],
    lines: [
      ['Szkolenie online (usługa zwolniona)', 'SZK-ON', undefined, 1, 50000, 0],
      ['Materiały szkoleniowe (druk)', 'MAT-DR', undefined, 15, 1500, 5],
    ],
  },
  {
    buyer: { name: 'Ewa Szymańska', email: 'ewa.szymanska@example.pl' },
    street: 'ul. Wrocławska 3',
    postcode: '50-001',
    city: 'Wrocław',
    status: 'cancelled',
    payment: 'BLIK',
    shipping: ['Paczkomat InPost', 1299],
    lines: [['Świeca sojowa „Jaśmin”', 'SWI-JAS', '5901010101019', 3, 3499, 23]],
  },
  {
    buyer: {
      name: 'Michał Kaczmarek',
      company: 'Kaczmarek Gastro',
      taxId: '8971797553',
      email: 'zamowienia@kaczmarek-gastro.pl',
      phone: '+48 71 345 67 89',
    },
    street: 'ul. Świdnicka 40',
    postcode: '50-024',
    city: 'Wrocław',
    status: 'paid',
    payment: 'Przelew bankowy',
    shipping: ['Kurier DHL', 3075],
    lines: [
      ['Mąka pszenna typ 650, 25 kg', 'MAK-25', '5901212121214', 4, 8900, 5],
      ['Oliwa z oliwek 5 l', 'OLI-5L', '5901313131311', 2, 18900, 5],
      ['Nóż szefa kuchni', 'NOZ-SZ', '5901414141418', 1, 29900, 23],
    ],
  },
];

const HOUR = 3600_000;

/** The sample orders, created over the last days before `now` (oldest first). */
export function sampleOrders(now: Date): ShopOrder[] {
  return SAMPLES.map((sample, index) => {
    const created = new Date(now.getTime() - (SAMPLES.length - index) * 7 * HOUR);
    const lines: OrderLine[] = sample.lines.map(([name, sku, ean, quantity, unitGross, vat]) => ({
      name,
      sku,
      ean,
      quantity,
      unit: 'szt.',
      unitGross,
      unitNet: netFromGross(unitGross, vat),
      vatRate: vat,
      isShipping: false,
    }));
    const [shippingName, shippingGross] = sample.shipping;
    if (shippingGross > 0)
      lines.push({
        name: shippingName,
        quantity: 1,
        unit: 'usł.',
        unitGross: shippingGross,
        unitNet: netFromGross(shippingGross, 23),
        vatRate: 23,
        isShipping: true,
      });
    const addr = {
      name: sample.buyer.name,
      company: sample.buyer.company,
      street: sample.street,
      postcode: sample.postcode,
      city: sample.city,
      country: 'PL',
      phone: sample.buyer.phone,
    };
    const id = String(1001 + index);
    return {
      platform: 'demo',
      id,
      number: `DEMO/${id}`,
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      status: sample.status,
      currency: 'PLN',
      paymentMethod: sample.payment,
      shippingMethod: shippingName,
      buyer: { ...sample.buyer },
      billingAddress: addr,
      shippingAddress: { ...addr },
      lines,
      totalGross: linesTotal(lines),
      wantsInvoice: Boolean(sample.buyer.taxId),
      customerNote: sample.note,
    } satisfies ShopOrder;
  });
}
