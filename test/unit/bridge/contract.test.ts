// The contract suite of schemas/optima-bridge.openapi.yaml, run against the project's bridge in --simulate
// mode (its real COM worker child process over the simulator) and against the tests' stub: every answer must
// be one the file documents, with the documented body, and the behaviour the file describes must hold.
import assert from 'node:assert/strict';
import type { CreateDocumentRequest } from '../../../src/core/erp/bridge/contract';
import { formatKsefNumber, isValidKsefNumber } from '../../../src/core/ksef/number';
import { documentRequest } from '../../../src/core/erp/bridge/request';
import { sampleOrders } from '../../../src/core/shops/demo/sample-orders';
import { BridgeStub, STUB_TOKEN } from '../../fakes/optima-bridge/stub';
import { expectAnswer, expectRequest, operationIds } from '../../support/bridge-contract';
import { callBridge, startSimulatedBridge, type BridgeAnswer, type SimulatedBridge } from '../../support/bridge';
import { TEST_NOW, TEST_TODAY } from '../../support/clock';
import { optimaSettings } from '../../support/optima-fixture';

type Answer = BridgeAnswer;
const call = callBridge;

interface Target {
  call(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  realize(erpId: number): Promise<void>;
  /** KSeF accepts the FS, as Optima records it after sending it. */
  acceptInKsef(erpId: number): Promise<void>;
  /** The stub serves a printout when given one; the project's bridge never has one. */
  printout: boolean;
}

/** The demo shop's first order (KUB-001, HER-100 and shipping) as the product sends it. */
function request(externalId: string, change: (r: CreateDocumentRequest) => void = () => {}): CreateDocumentRequest {
  const order = { ...sampleOrders(TEST_NOW)[0]!, number: externalId };
  const body = documentRequest(order, 'RO', optimaSettings(), TEST_TODAY);
  change(body);
  return body;
}

function contractSuite(name: string, open: () => Promise<{ target: Target; close(): Promise<void>; url: string }>) {
  describe(`the bridge contract: ${name}`, function () {
    this.timeout(60_000);
    let target: Target;
    let url: string;
    let close: () => Promise<void>;
    const covered = new Set<string>();
    const check = (operationId: string, answer: Answer) => {
      covered.add(operationId);
      expectAnswer(operationId, answer);
      return answer;
    };

    before(async () => ({ target, close, url } = await open()));
    after(async () => close());

    it('answers 401 to every operation without the token, or with another one', async () => {
      for (const [operationId, method, route] of [
        ['health', 'GET', '/v1/health'],
        ['createDocument', 'POST', '/v1/documents'],
        ['findDocuments', 'GET', '/v1/documents?externalId=X'],
        ['document', 'GET', '/v1/documents/1'],
        ['printout', 'GET', '/v1/documents/1/pdf'],
        ['dictionaries', 'GET', '/v1/dictionaries'],
      ] as const) {
        check(
          operationId,
          await call(url, undefined, method, route, method === 'POST' ? request('C/0') : undefined, { 'Idempotency-Key': 'demo:0' }),
        );
        const wrong = check(operationId, await call(url, 'not-the-token-at-all', method, route));
        assert.equal(wrong.status, 401);
      }
    });

    it('reports its health', async () => {
      const answer = check('health', await target.call('GET', '/v1/health'));
      assert.equal(answer.status, 200);
      assert.equal(answer.body.ok, true);
    });

    it('creates a document once per Idempotency-Key: 201, then 200 with the same document', async () => {
      const body = request('C/1');
      expectRequest('createDocument', body);
      const first = check('createDocument', await target.call('POST', '/v1/documents', body, { 'Idempotency-Key': 'demo:c1' }));
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.kind, 'RO');
      assert.equal(first.body.totalGross, 120.47);
      const again = check('createDocument', await target.call('POST', '/v1/documents', body, { 'Idempotency-Key': 'demo:c1' }));
      assert.equal(again.status, 200);
      assert.deepEqual([again.body.erpId, again.body.number], [first.body.erpId, first.body.number]);
      const found = check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F1'));
      assert.equal(found.body.documents.length, 1, 'never a second document');
    });

    it('refuses an unknown SKU with 422 UNKNOWN_SKU naming it, and creates nothing', async () => {
      const answer = check(
        'createDocument',
        await target.call(
          'POST',
          '/v1/documents',
          request('C/2', (r) => {
            r.lines[0]!.sku = 'NIE-MA-TAKIEGO';
          }),
          { 'Idempotency-Key': 'demo:c2' },
        ),
      );
      assert.equal(answer.status, 422);
      assert.equal(answer.body.code, 'UNKNOWN_SKU');
      assert.equal(answer.body.sku, 'NIE-MA-TAKIEGO');
      assert.deepEqual(check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F2')).body.documents, []);
    });

    it('refuses a payment method Optima does not have with 422 UNKNOWN_PAYMENT', async () => {
      const answer = check(
        'createDocument',
        await target.call(
          'POST',
          '/v1/documents',
          request('C/3', (r) => {
            r.payment.method = 'bitcoin';
          }),
          { 'Idempotency-Key': 'demo:c3' },
        ),
      );
      assert.equal(answer.status, 422);
      assert.equal(answer.body.code, 'UNKNOWN_PAYMENT');
    });

    it("finds documents by external id with their realization, and gives one document's data", async () => {
      const created = check('createDocument', await target.call('POST', '/v1/documents', request('C/4'), { 'Idempotency-Key': 'demo:c4' }));
      let found = check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F4'));
      assert.deepEqual(
        found.body.documents.map((d: { erpId: number; sales: unknown[] }) => [d.erpId, d.sales.length]),
        [[created.body.erpId, 0]],
      );
      await target.realize(created.body.erpId);
      found = check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F4'));
      const ro = found.body.documents.find((d: { kind: string }) => d.kind === 'RO');
      assert.equal(ro.sales.length, 1);
      const details = check('document', await target.call('GET', `/v1/documents/${ro.sales[0].erpId}`));
      assert.equal(details.body.number, ro.sales[0].number);
      assert.ok(details.body.lines.length >= 2);
      const printout = check('printout', await target.call('GET', `/v1/documents/${ro.sales[0].erpId}/pdf`));
      assert.equal(printout.status, target.printout ? 200 : 404);
      assert.equal(check('document', await target.call('GET', '/v1/documents/999999')).status, 404);
      assert.equal(check('findDocuments', await target.call('GET', '/v1/documents')).status, 422);
    });

    it("reports each FS's state in KSeF: pending once realized, then accepted with a well-formed KSeF number", async () => {
      const created = check('createDocument', await target.call('POST', '/v1/documents', request('C/5'), { 'Idempotency-Key': 'demo:c5' }));
      await target.realize(created.body.erpId);
      const found = check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F5'));
      const sale = found.body.documents.find((d: { kind: string }) => d.kind === 'RO').sales[0];
      assert.deepEqual(sale.ksef, { status: 'pending' });
      await target.acceptInKsef(sale.erpId);
      const details = check('document', await target.call('GET', `/v1/documents/${sale.erpId}`));
      assert.equal(details.body.ksef.status, 'accepted');
      assert.ok(isValidKsefNumber(details.body.ksef.number), details.body.ksef.number);
      const again = check('findDocuments', await target.call('GET', '/v1/documents?externalId=C%2F5'));
      assert.equal(again.body.documents.find((d: { kind: string }) => d.kind === 'RO').sales[0].ksef.number, details.body.ksef.number);
    });

    it('says which dictionaries Optima has', async () => {
      const answer = check(
        'dictionaries',
        await target.call('GET', '/v1/dictionaries?paymentMethod=przelew&paymentMethod=bitcoin&definition=RO&item=TRANSPORT&item=NIE-MA'),
      );
      assert.deepEqual(
        answer.body.paymentMethods.map((p: { found: boolean }) => p.found),
        [true, false],
      );
      assert.deepEqual(
        answer.body.items.map((i: { found: boolean; service: boolean }) => [i.found, i.service]),
        [
          [true, true],
          [false, false],
        ],
      );
    });

    it('covered every operation of the contract', () => {
      const expected = operationIds().filter((id) => id !== 'simulatorRealize' && id !== 'simulatorKsef');
      assert.deepEqual(
        expected.filter((id) => !covered.has(id)),
        [],
      );
    });
  });
}

contractSuite("the project's bridge, --simulate", async () => {
  const bridge: SimulatedBridge = await startSimulatedBridge();
  return {
    url: bridge.url,
    target: {
      call: (method, route, body, headers) => bridge.call(method, route, body, headers),
      realize: async (erpId) => {
        const answer = await bridge.call('POST', `/v1/simulator/documents/${erpId}/realize`, { kind: 'FS' });
        expectAnswer('simulatorRealize', answer);
      },
      acceptInKsef: async (erpId) => {
        const answer = await bridge.call('POST', `/v1/simulator/documents/${erpId}/ksef`, { accept: true });
        expectAnswer('simulatorKsef', answer);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
      },
      printout: false,
    },
    close: () => bridge.stop(),
  };
});

contractSuite("the tests' stub", async () => {
  const stub = new BridgeStub();
  const url = await stub.start();
  stub.printout = Buffer.from('%PDF-1.4\n%stub\n');
  return {
    url,
    target: {
      call: (method, route, body, headers) => call(url, STUB_TOKEN, method, route, body, headers),
      realize: async (erpId) => void stub.realize(erpId),
      acceptInKsef: async (erpId) =>
        stub.decideKsef(erpId, {
          status: 'accepted',
          number: formatKsefNumber('5260250274', TEST_TODAY, '0100001AF629'),
          acceptedAt: TEST_NOW.toISOString(),
        }),
      printout: true,
    },
    close: () => stub.stop(),
  };
});
