// Replays the recorded COM trace of one create (test/fixtures/bridge/create-new-company.jsonl, written by
// the bridge's --record wrapper; re-record with `npx tsx test/support/record-trace.ts`, or on Windows against
// Optima's demo company): the worker must make exactly the recorded conversation and get the recorded document.
// The trace itself must hold no secret and no personal data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OptimaConnection } from '../../../src/bridge/worker/jobs';
import type { JobResults } from '../../../src/bridge/worker/protocol';
import { ReplayedCom, readTrace } from '../../support/com-replay';
import { TRACE_FILE, traceRequest } from '../../support/trace-request';

describe('a recorded COM trace, replayed', () => {
  it('makes the recorded calls, in order, and gets the recorded document', async () => {
    const com = new ReplayedCom(readTrace(TRACE_FILE));
    const connection = new OptimaConnection(com, {
      backend: 'winax',
      company: 'DEMO',
      operator: 'ADMIN',
      password: 'any password: the trace never holds it',
    });
    connection.open();
    const result = (await connection.run({ type: 'create', request: traceRequest() })) as JobResults['create'];
    assert.equal(result.existing, false);
    assert.deepEqual([result.document.kind, result.document.number, result.document.totalGross], ['RO', 'RO/1/2026', 353.99]);
    assert.equal(com.divergence, undefined);
    assert.equal(com.remaining, 0, 'the whole trace was replayed');
  });

  it('fails when the mapping departs from the trace', async () => {
    const com = new ReplayedCom(readTrace(TRACE_FILE));
    const connection = new OptimaConnection(com, { backend: 'winax', company: 'DEMO', operator: 'ADMIN', password: 'another password' });
    connection.open();
    const changed = traceRequest();
    changed.lines[0]!.sku = 'SEK-221';
    await assert.rejects(connection.run({ type: 'create', request: changed }));
    assert.match(com.divergence ?? '', /trace event \d+/);
  });

  it('holds no password, NIP, name, address or e-mail of the buyer', () => {
    const trace = readFileSync(TRACE_FILE, 'utf8');
    const request = traceRequest();
    for (const secret of [
      'sekret-operatora',
      request.customer.taxId!,
      request.customer.company!,
      request.customer.name,
      request.customer.email,
      request.customer.address.street,
      request.customer.address.postcode,
    ]) {
      assert.ok(!trace.includes(secret), `the trace holds ${secret}`);
    }
    assert.match(trace, /"Login","args":\["ADMIN","•secret"/);
  });
});
