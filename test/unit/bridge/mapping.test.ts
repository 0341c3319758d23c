// The order → COM mapping against the simulator's object model (in this process): a new company customer,
// an existing NIP, a one-off consumer, shipping, an unknown SKU — and what each leaves in the company.
import assert from 'node:assert/strict';
import { type ComObject, objectOf } from '../../../src/bridge/com/types';
import { BridgeJobError } from '../../../src/bridge/errors';
import { contractorCode, createDocument, numberedCode, splitStreet } from '../../../src/bridge/mapping';
import { SimulatedCompany, simulatedOptima } from '../../../src/bridge/simulator/index';
import type { CreateDocumentRequest } from '../../../src/core/erp/bridge/contract';
import { documentRequest } from '../../../src/core/erp/bridge/request';
import { sampleOrders } from '../../../src/core/shops/demo/sample-orders';
import { TEST_NOW, TEST_TODAY } from '../../support/clock';
import { optimaSettings } from '../../support/optima-fixture';

describe('the order → COM mapping, against the simulator', () => {
  let company: SimulatedCompany;
  let session: ComObject;
  const orders = sampleOrders(TEST_NOW);
  const consumer = orders[0]!; // Jan Kowalski, no NIP, shipping 15.99
  const firm = orders[1]!; // Wiśniewska Ogrody Sp. z o.o., NIP 5213000009

  beforeEach(async () => {
    company = await SimulatedCompany.open(undefined, { contractors: [{ code: 'ZNANA', name: 'Apteka Pod Różą s.c.', nip: '7740001454' }] });
    const com = simulatedOptima(company);
    const application = com.create('CDNBase.Application');
    application.call('LockApp', 256, 5000, null, null, null, null);
    session = objectOf(
      objectOf(application.call('Login', 'ADMIN', '', 'DEMO', ...Array(18).fill(null)), 'Login').call('CreateSession'),
      'session',
    );
  });
  afterEach(() => company.close());

  const requestOf = (index: number, change: (r: CreateDocumentRequest) => void = () => {}, oneOffBuyer?: 'consumers') => {
    const settings = optimaSettings();
    if (oneOffBuyer) settings.documents.oneOffBuyer = oneOffBuyer;
    const request = documentRequest(orders[index]!, 'RO', settings, TEST_TODAY);
    change(request);
    return request;
  };
  const count = (table: string) => Number(company.one(`SELECT COUNT(*) AS n FROM CDN.${table}`)!.n);
  const header = (id: number) => company.one('SELECT * FROM CDN.TraNag WHERE TrN_TrNID = ?', [id])!;

  it("creates a new company customer's card (NIP, code of at most 20 characters) and its RO", () => {
    const before = count('Kontrahenci');
    const created = createDocument(session, requestOf(1));
    assert.equal(created.number, 'RO/1/2026');
    assert.equal(count('Kontrahenci'), before + 1);
    const card = company.one("SELECT * FROM CDN.Kontrahenci WHERE Knt_NipE = '5213000009'")!;
    assert.equal(card.Knt_Kod, 'WIŚNIEWSKAOGRODYSPZO');
    assert.ok(String(card.Knt_Kod).length <= 20);
    assert.deepEqual(
      [card.Knt_Nazwa1, card.Knt_Nazwa2, card.Knt_Ulica, card.Knt_NrDomu, card.Knt_Kraj],
      ['Wiśniewska Ogrody Sp. z o.o.', 'Anna Wiśniewska', 'ul. Żeromskiego', '14', 'Polska'],
    );
    const document = header(created.erpId);
    assert.deepEqual(
      [
        document.TrN_TypDokumentu,
        document.TrN_Rodzaj,
        document.TrN_NumerObcy,
        document.TrN_TypNB,
        document.TrN_PodNipE,
        document.TrN_PodID,
      ],
      [308, 308000, firm.number, 2, '5213000009', card.Knt_KntId],
    );
    assert.equal(document.TrN_RazemBrutto, 353.99, 'the gross total the shop charged: 3 × 89.00 + 10 × 6.50 + 21.99 shipping');
    assert.equal(Math.round(Number(document.TrN_RazemBrutto) * 100), firm.totalGross);
  });

  it('uses the card found by NIP and creates none', () => {
    const before = count('Kontrahenci');
    const created = createDocument(session, requestOf(3)); // Apteka Pod Różą, NIP 7740001454
    assert.equal(count('Kontrahenci'), before);
    assert.equal(header(created.erpId).TrN_PodID, company.one("SELECT Knt_KntId FROM CDN.Kontrahenci WHERE Knt_Kod = 'ZNANA'")!.Knt_KntId);
  });

  it('puts a consumer on the one-off buyer with the address on the document, when told', () => {
    const before = count('Kontrahenci');
    const created = createDocument(
      session,
      requestOf(0, () => {}, 'consumers'),
    );
    assert.equal(count('Kontrahenci'), before, 'no card for a one-off buyer');
    const document = header(created.erpId);
    assert.deepEqual(
      [
        document.TrN_PodID,
        document.TrN_PodNazwa1,
        document.TrN_PodUlica,
        document.TrN_PodNrDomu,
        document.TrN_PodNrLokalu,
        document.TrN_PodMiasto,
      ],
      [1, 'Jan Kowalski', 'ul. Długa', '1', '3', 'Kraków'],
    );
    assert.equal(company.one('SELECT Knt_Kod FROM CDN.Kontrahenci WHERE Knt_KntId = 1')!.Knt_Kod, '!NIEOKREŚLONY!');
  });

  it('carries the shipping cost on the service item, named after the shipping method', () => {
    const created = createDocument(session, requestOf(0));
    const lines = company.all(
      'SELECT TrE_TwrKod, TrE_TwrNazwa, TrE_Ilosc, TrE_WartoscBrutto FROM CDN.TraElem WHERE TrE_TrNId = ? ORDER BY TrE_Lp',
      [created.erpId],
    );
    assert.deepEqual(
      lines.map((l) => [l.TrE_TwrKod, l.TrE_TwrNazwa, l.TrE_Ilosc, l.TrE_WartoscBrutto]),
      [
        ['KUB-001', 'Kubek ceramiczny „Kraków”', 2, 79.98],
        ['HER-100', 'Herbata liściasta 100 g', 1, 24.5],
        ['TRANSPORT', consumer.shippingMethod, 1, 15.99],
      ],
    );
  });

  it('refuses an unknown SKU with UNKNOWN_SKU before writing anything', () => {
    const cards = count('Kontrahenci');
    const error = (() => {
      try {
        createDocument(
          session,
          requestOf(1, (r) => {
            r.lines[1]!.sku = 'NAS-BRAK';
          }),
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof BridgeJobError);
    assert.deepEqual([error.status, error.body.code, error.body.sku], [422, 'UNKNOWN_SKU', 'NAS-BRAK']);
    assert.equal(count('Kontrahenci'), cards, 'no card created for a refused order');
    assert.equal(count('TraNag'), 0);
  });

  it('refuses what is no NIP, warns of a failed checksum, and numbers the code of a namesake with another e-mail', () => {
    assert.throws(
      () =>
        createDocument(
          session,
          requestOf(1, (r) => {
            r.customer.taxId = '123-45';
          }),
        ),
      (e: unknown) => e instanceof BridgeJobError && e.body.code === 'INVALID_NIP',
    );
    assert.match(
      createDocument(
        session,
        requestOf(1, (r) => {
          r.customer.taxId = '1234567890';
        }),
      ).warnings.join(),
      /1234567890 fails its checksum/,
    );
    createDocument(session, requestOf(0));
    createDocument(
      session,
      requestOf(0, (r) => {
        r.customer.email = 'inny.jan@example.pl';
        r.externalId = 'DEMO/X';
      }),
    );
    assert.deepEqual(
      company.all("SELECT Knt_Kod FROM CDN.Kontrahenci WHERE Knt_Kod LIKE 'JANKOWALSKI%' ORDER BY Knt_KntId").map((r) => r.Knt_Kod),
      ['JANKOWALSKI', 'JANKOWALSKI~2'],
    );
  });

  it('makes codes and addresses the way Optima keeps them', () => {
    assert.equal(contractorCode({ name: 'Grzegorz Brzęczyszczykiewicz', email: 'g@x.pl' }), 'GRZEGORZBRZĘCZYSZCZY');
    assert.equal(numberedCode('GRZEGORZBRZĘCZYSZCZY', 12), 'GRZEGORZBRZĘCZYSZ~12');
    assert.deepEqual(splitStreet('al. Jerozolimskie 65/79'), { street: 'al. Jerozolimskie', house: '65', flat: '79' });
    assert.deepEqual(splitStreet('Rynek'), { street: 'Rynek', house: '', flat: '' });
  });
});
