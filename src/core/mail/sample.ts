// A realistic Polish sample order (Polish characters, mixed VAT, a shipping line) for the preview, the test
// e-mail and the tests, with the ERP and sales documents it would have after import and realization.
import type { ErpDocument, SalesDocument } from '../erp/gateway';
import type { ShopOrder } from '../model/order';

export const SAMPLE_ORDER: ShopOrder = {
  platform: 'demo',
  id: '10482',
  number: 'ZAM/2026/10482',
  createdAt: '2026-11-28T09:41:00.000Z',
  updatedAt: '2026-11-28T10:05:00.000Z',
  status: 'processing',
  statusName: 'W realizacji',
  currency: 'PLN',
  paymentMethod: 'Przelewy24',
  shippingMethod: 'Kurier InPost',
  buyer: {
    name: 'Zofia Wójcik',
    company: 'Pracownia Źródło Sp. z o.o.',
    taxId: '7251801126',
    email: 'zofia.wojcik@example.pl',
    phone: '+48 600 100 200',
  },
  billingAddress: {
    name: 'Zofia Wójcik',
    company: 'Pracownia Źródło Sp. z o.o.',
    street: 'ul. Piotrkowska 104/12',
    postcode: '90-926',
    city: 'Łódź',
    country: 'PL',
    phone: '+48 600 100 200',
  },
  shippingAddress: {
    name: 'Zofia Wójcik',
    street: 'ul. Żeromskiego 7',
    postcode: '90-710',
    city: 'Łódź',
    country: 'PL',
    phone: '+48 600 100 200',
  },
  lines: [
    {
      name: 'Ekspres ciśnieniowy „Łucznik” 15 bar',
      sku: 'EKS-015',
      ean: '5901234123457',
      quantity: 1,
      unit: 'szt.',
      unitGross: 104900,
      unitNet: 85285,
      vatRate: 23,
      isShipping: false,
    },
    {
      name: 'Kubek ceramiczny „Żuraw” 350 ml',
      sku: 'KUB-350',
      quantity: 2,
      unit: 'szt.',
      unitGross: 4990,
      unitNet: 4057,
      vatRate: 23,
      isShipping: false,
    },
    {
      name: 'Książka „Pan Tadeusz” – wydanie ilustrowane',
      sku: 'KSI-PT-IL',
      quantity: 1,
      unit: 'szt.',
      unitGross: 5900,
      unitNet: 5619,
      vatRate: 5,
      isShipping: false,
    },
    {
      name: 'Kawa ziarnista Źródlana 1 kg',
      sku: 'KAW-1000',
      quantity: 2,
      unit: 'szt.',
      unitGross: 6490,
      unitNet: 6009,
      vatRate: 8,
      isShipping: false,
    },
    { name: 'Kurier InPost', quantity: 1, unit: 'szt.', unitGross: 1499, unitNet: 1219, vatRate: 23, isShipping: true },
  ],
  totalGross: 104900 + 2 * 4990 + 5900 + 2 * 6490 + 1499,
  wantsInvoice: true,
  customerNote: 'Proszę o dostawę po 16:00.',
};

export const SAMPLE_ERP_DOCUMENT: ErpDocument = {
  kind: 'RO',
  number: 'RO/12/2026',
  id: '12',
  platform: SAMPLE_ORDER.platform,
  shopOrderId: SAMPLE_ORDER.id,
  issueDate: '2026-11-28',
  totalGross: SAMPLE_ORDER.totalGross,
};

export const SAMPLE_SALES_DOCUMENT: SalesDocument = {
  kind: 'FS',
  number: 'FS/3/2026',
  id: '3',
  issueDate: '2026-11-29',
  saleDate: '2026-11-29',
  totalGross: SAMPLE_ORDER.totalGross,
  totalNet: 85285 + 2 * 4057 + 5619 + 2 * 6009 + 1219,
  // As a pass knows it once KSeF has numbered the FS (the sandbox's own FA(3) hash, so the KOD I link too).
  ksef: {
    status: 'accepted',
    number: '5260250274-20261129-E3A91F04B27C-E5',
    acceptedAt: '2026-11-29T09:12:00.000Z',
    fa3Sha256: '46pB9ScJpAs4lQ0u0aC2ywkH5rI6mYb_hV1tLx3qS8c',
  },
};
