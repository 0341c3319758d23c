// The product's side of the bridge against the stub with the faults a real bridge shows: a lost answer
// (repeated with the same key, never a second document), 422 (the order's own failure, the SKU named), 503
// and 401 (server-wide: no attempt of the order), a bridge that is not there, plain http to another machine.
import assert from 'node:assert/strict';
import { BridgeClient } from '../../../src/core/erp/bridge/client';
import { BridgeError } from '../../../src/core/erp/bridge/errors';
import { BridgeGateway } from '../../../src/core/erp/bridge/gateway';
import { isErpDocumentAmbiguous } from '../../../src/core/erp/gateway';
import { outcomeOf, scopeOf } from '../../../src/core/outcome';
import { sampleOrders } from '../../../src/core/shops/demo/sample-orders';
import { BridgeStub, STUB_TOKEN } from '../../fakes/optima-bridge/stub';
import { TEST_NOW, TEST_TODAY } from '../../support/clock';
import { optimaSettings, SELLER } from '../../support/optima-fixture';
import { parsePdf } from '../../support/pdf-text';

describe("the product's bridge client against a stub with faults", function () {
  this.timeout(30_000);
  let stub: BridgeStub;
  const order = sampleOrders(TEST_NOW)[0]!;

  beforeEach(async () => {
    stub = new BridgeStub();
    await stub.start();
  });
  afterEach(() => stub.stop());

  const client = (options: Partial<ConstructorParameters<typeof BridgeClient>[0]> = {}) =>
    new BridgeClient({ url: stub.url, token: STUB_TOKEN, timeoutMs: 2_000, repeatDelaysMs: [10, 10], ...options });
  const gateway = (c = client()) =>
    new BridgeGateway({ client: c, optima: optimaSettings(), importMode: 'RO', seller: SELLER, timezoneToday: () => TEST_TODAY });

  async function failure(promise: Promise<unknown>): Promise<BridgeError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof BridgeError, `expected a BridgeError, got ${String(error)}`);
    return error;
  }

  it('imports an order as an RO keyed by platform and shop order id', async () => {
    const document = await gateway().importOrder(order, 'RO');
    assert.deepEqual([document.kind, document.number, document.totalGross], ['RO', 'RO/1/2026', 12047]);
    assert.equal(stub.documents[0]!.request.externalId, order.number);
    assert.equal(stub.documents[0]!.request.payment.method, 'przelew', 'the shop\'s "Przelew bankowy" goes as the default Optima method');
    assert.deepEqual(stub.documents[0]!.request.shipping, { name: 'Kurier InPost', priceGross: 15.99, vatRate: 23 });
  });

  it('repeats a create whose answer was lost with the same key, and gets the one document', async () => {
    stub.faults.dropCreateAnswers = 1;
    const document = await gateway().importOrder(order, 'RO');
    assert.equal(document.number, 'RO/1/2026');
    assert.equal(stub.documents.length, 1, 'no second document');
    assert.equal(stub.requests.filter((r) => r === 'POST /v1/documents').length, 2);
  });

  it('reports a create uncertain when no repeat gets an answer either, and the next pass still finds the one document', async () => {
    stub.faults.dropCreateAnswers = 3;
    const error = await failure(gateway().importOrder(order, 'RO'));
    assert.equal(outcomeOf(error), 'uncertain');
    assert.equal(scopeOf(error), 'order');
    assert.match(error.message, /may have been created/);
    assert.equal(stub.documents.length, 1);
    const found = await gateway().findDocument('demo', order.id, order.number);
    assert.equal(found?.number, 'RO/1/2026');
    assert.equal((await gateway().importOrder(order, 'RO')).number, 'RO/1/2026', 'importing again answers the same document');
    assert.equal(stub.documents.length, 1);
  });

  it("explains a 422 as the order's own definite failure, naming the unknown SKU", async () => {
    stub.items.delete('HER-100');
    const error = await failure(gateway().importOrder(order, 'RO'));
    assert.deepEqual([outcomeOf(error), scopeOf(error)], ['definite', 'order']);
    assert.match(error.message, /no item with the SKU HER-100.*UNKNOWN_SKU/);
    assert.equal(stub.documents.length, 0);
  });

  it('treats 503 (with Retry-After) and 401 as server-wide, definite failures', async () => {
    stub.faults.answer = { status: 503, body: { code: 'NO_LICENCE', message: 'no free licence' }, retryAfter: 30 };
    const unavailable = await failure(gateway().importOrder(order, 'RO'));
    assert.deepEqual([outcomeOf(unavailable), scopeOf(unavailable)], ['definite', 'server']);
    assert.match(unavailable.message, /no free licence \[NO_LICENCE\].*30 s/);
    stub.faults.answer = undefined;
    const unauthorized = await failure(gateway(client({ token: 'another-token-entirely' })).importOrder(order, 'RO'));
    assert.deepEqual([outcomeOf(unauthorized), scopeOf(unauthorized)], ['definite', 'server']);
    assert.match(unauthorized.message, /refused the token \(HTTP 401\).*Set ERP bridge token/);
    assert.ok(!unauthorized.message.includes('another-token-entirely'));
  });

  it('treats a bridge that is not there as server-wide and definite (nothing was sent)', async () => {
    await stub.stop();
    const error = await failure(gateway().importOrder(order, 'RO'));
    assert.deepEqual([error.failure, outcomeOf(error), scopeOf(error)], ['unreachable', 'definite', 'server']);
  });

  it('never sends the token over plain http to another machine, nor without one', async () => {
    const insecure = await failure(gateway(client({ url: 'http://optima-host.example:8443' })).importOrder(order, 'RO'));
    assert.equal(insecure.failure, 'insecure');
    const none = await failure(gateway(client({ token: undefined })).health());
    assert.deepEqual([none.failure, scopeOf(none)], ['no-token', 'server']);
    assert.deepEqual(stub.requests, []);
  });

  it('finds the realization, says when it is ambiguous, and prints the copy when the bridge has no printout', async () => {
    const ro = await gateway().importOrder(order, 'RO');
    assert.equal(await gateway().findRealization(ro), undefined);
    stub.realize(Number(ro.id), 'FS');
    const sales = await gateway().findRealization(ro);
    assert.equal(sales?.number, 'FS/1/2026');
    const pdf = await gateway().salesDocumentPdf(sales!);
    assert.equal(pdf.fileName, 'FS_1_2026.pdf');
    const text = await parsePdf(pdf.bytes);
    assert.match(text.text, /FS\/1\/2026/);
    assert.match(text.text, /Kopia wygenerowana z danych ERP/);
    stub.printout = Buffer.from('%PDF-1.4\n%optima\n');
    assert.deepEqual(Buffer.from((await gateway().salesDocumentPdf(sales!)).bytes), stub.printout);
    stub.realize(Number(ro.id), 'PA');
    const ambiguous = await gateway()
      .findRealization(ro)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(isErpDocumentAmbiguous(ambiguous));
  });
});
