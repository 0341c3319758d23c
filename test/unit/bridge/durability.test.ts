// What the bridge does when things break: a COM worker that dies after Optima saved the document (the bridge
// asks Optima and answers the document), one that runs past its time limit before saving (killed, restarted,
// the job reported failed with nothing saved), a restarted bridge and a lost journal (the same key still
// answers the same document, never a second one).
import assert from 'node:assert/strict';
import { appendFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { JOURNAL_FILE } from '../../../src/bridge/journal';
import { documentRequest } from '../../../src/core/erp/bridge/request';
import { sampleOrders } from '../../../src/core/shops/demo/sample-orders';
import { startSimulatedBridge, type SimulatedBridge } from '../../support/bridge';
import { TEST_NOW, TEST_TODAY } from '../../support/clock';
import { optimaSettings } from '../../support/optima-fixture';

const FAULTY_WORKER = { script: path.resolve(__dirname, '../../support/bridge-worker-faults.ts'), execArgv: ['--require', 'tsx/cjs'] };

describe('the bridge when the worker, the bridge or its journal fail', function () {
  this.timeout(60_000);
  let bridge: SimulatedBridge | undefined;
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
  });

  const body = (externalId: string, notes = '') => ({
    ...documentRequest({ ...sampleOrders(TEST_NOW)[0]!, number: externalId }, 'RO', optimaSettings(), TEST_TODAY),
    notes,
  });
  const create = (b: SimulatedBridge, externalId: string, key: string, notes = '') =>
    b.call('POST', '/v1/documents', body(externalId, notes), { 'Idempotency-Key': key });
  const documents = async (b: SimulatedBridge, externalId: string) =>
    (await b.call('GET', `/v1/documents?externalId=${encodeURIComponent(externalId)}`)).body.documents as unknown[];

  it('answers the saved document when the worker dies after the save, and restarts the worker', async () => {
    bridge = await startSimulatedBridge({ workerEntry: FAULTY_WORKER });
    const answer = await create(bridge, 'D/1', 'demo:d1', 'CRASH-AFTER-SAVE');
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.number, 'RO/1/2026');
    assert.equal(bridge.host.starts, 2, 'a new worker after the crash');
    assert.equal((await documents(bridge, 'D/1')).length, 1);
    assert.equal((await create(bridge, 'D/1', 'demo:d1')).body.erpId, answer.body.erpId, 'the same key answers the same document');
    assert.match(bridge.logger.text(), /but Optima had saved RO\/1\/2026/);
  });

  it('kills a job that runs past its time limit, says nothing was saved, and goes on with the next', async () => {
    bridge = await startSimulatedBridge({ workerEntry: FAULTY_WORKER, jobTimeoutMs: 1_500 });
    const hung = await create(bridge, 'D/2', 'demo:d2', 'HANG');
    assert.equal(hung.status, 500);
    assert.equal(hung.body.code, 'WORKER_FAILED');
    assert.match(hung.body.message, /within 1\.5 s.*nothing was saved/);
    assert.deepEqual(await documents(bridge, 'D/2'), []);
    const next = await create(bridge, 'D/2', 'demo:d2');
    assert.equal(next.status, 201, 'the same order again, now that it goes through');
    assert.equal(bridge.host.starts, 2);
  });

  it('answers a repeated key with the same document after a restart, even with a torn journal line or no journal', async () => {
    bridge = await startSimulatedBridge();
    const first = await create(bridge, 'D/3', 'demo:d3');
    assert.equal(first.status, 201);
    const dataDir = bridge.dataDir;
    await bridge.stop(true);
    appendFileSync(path.join(dataDir, JOURNAL_FILE), '{"key":"demo:torn","sta');
    bridge = await startSimulatedBridge({ dataDir });
    const again = await create(bridge, 'D/3', 'demo:d3');
    assert.deepEqual([again.status, again.body.erpId, again.body.number], [200, first.body.erpId, first.body.number]);
    await bridge.stop(true);
    await fs.rm(path.join(dataDir, JOURNAL_FILE));
    bridge = await startSimulatedBridge({ dataDir });
    const withoutJournal = await create(bridge, 'D/3', 'demo:d3');
    assert.deepEqual([withoutJournal.status, withoutJournal.body.number], [200, first.body.number], 'found in Optima by its external id');
    assert.equal((await documents(bridge, 'D/3')).length, 1);
  });
});
