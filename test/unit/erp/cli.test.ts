import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDefaultDeployment, loadSettings } from '../../../src/core/deployment/files';
import { createSandboxErp } from '../../../src/core/erp/sandbox/index';
import { openStateStore } from '../../../src/core/state/index';
import { cli } from '../../support/cli';
import { companyOrder, mixedVatOrder, privateOrder } from '../../support/orders';
import { parsePdf } from '../../support/pdf-text';
import { testClock } from '../../support/clock';

describe('optima-sync sandbox (CLI)', function () {
  // Each step starts real CLI processes (node + tsx on the sources).
  this.timeout(180_000);
  let dir: string;
  const sandbox = (...args: string[]) => cli(['sandbox', ...args, '--dir', dir], { cwd: dir });

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-cli-'));
    await createDefaultDeployment(dir);
    const { settings } = await loadSettings(dir);
    const store = await openStateStore(dir, { now: testClock });
    const erp = await createSandboxErp(store, settings, { now: () => new Date('2026-11-28T10:00:00Z') });
    await erp.importOrder(companyOrder(1), 'RO');
    await erp.importOrder(privateOrder(2), 'PF');
    await erp.importOrder(mixedVatOrder(3), 'FS');
    await erp.importOrder(privateOrder(4), 'RO');
    await store.close();
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every document with kind, number, shop order id and realization', async () => {
    const run = await sandbox('list', '--json');
    assert.equal(run.code, 0, run.stderr);
    const documents = JSON.parse(run.stdout) as Array<{ kind: string; number: string; shopOrderId: string; realizedBy?: unknown }>;
    assert.deepEqual(
      documents.map((d) => [d.kind, d.number, d.shopOrderId, d.realizedBy]),
      [
        ['RO', 'RO/1/2026', '10001', undefined],
        ['PF', 'PF/1/2026', '10002', undefined],
        ['FS', 'FS/1/2026', '10003', undefined],
        ['RO', 'RO/2/2026', '10004', undefined],
      ],
    );
    const text = await sandbox('list');
    assert.match(text.stdout, /RO\/1\/2026\s+RO\s+woocommerce\s+10001\s+#10001\s+2026-11-28\s+161,39 PLN\s+\(not realized\)/);
  });

  it('realizes by shop order number, by shop order id and by ERP number, once', async () => {
    const first = await sandbox('realize', '#10001', '--date', '2026-11-30', '--json');
    assert.equal(first.code, 0, first.stderr);
    const outcome = JSON.parse(first.stdout);
    assert.equal(outcome.alreadyRealized, false);
    assert.deepEqual(
      [outcome.salesDocument.kind, outcome.salesDocument.number, outcome.salesDocument.issueDate],
      ['FS', 'FS/2/2026', '2026-11-30'],
    );

    const again = await sandbox('realize', 'RO/1/2026');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already realized by FS\/2\/2026 on 2026-11-30/);

    const pa = await sandbox('realize', '10002', '--date', '2026-12-01');
    assert.equal(pa.code, 0, pa.stderr);
    assert.match(pa.stdout, /Realized PF\/1\/2026 \(order #10002\) into PA\/1\/2026 on 2026-12-01, total 96,97 PLN/);

    const list = JSON.parse((await sandbox('list', '--json')).stdout) as Array<{ number: string; realizedBy?: { number: string } }>;
    assert.deepEqual(
      list.map((d) => [d.number, d.realizedBy?.number]),
      [
        ['RO/1/2026', 'FS/2/2026'],
        ['PF/1/2026', 'PA/1/2026'],
        ['FS/1/2026', undefined],
        ['RO/2/2026', undefined],
        ['FS/2/2026', undefined],
        ['PA/1/2026', undefined],
      ],
    );
  });

  it('shows a document and writes the PDF of its sales document', async () => {
    const out = path.join(dir, 'faktura.pdf');
    // By the shop order number of an order imported as FS.
    const run = await sandbox('show', '#10003', '--pdf', out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /FS FS\/1\/2026/);
    assert.match(run.stdout, /Total\s+197,79\s+22,95\s+220,74/);
    const text = (await parsePdf(readFileSync(out))).text;
    assert.ok(text.includes('Faktura VAT nr FS/1/2026'));
    assert.ok(text.includes('Do zapłaty: 220,74 PLN'));
  });

  it('fails with exit 1 for an unknown order or an unrealized document PDF, and 2 for bad usage', async () => {
    const unknown = await sandbox('realize', 'ZAM-404');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No order "ZAM-404"/);
    const none = path.join(dir, 'none.pdf');
    const noPdf = await sandbox('show', 'RO/2/2026', '--pdf', none);
    assert.equal(noPdf.code, 1);
    assert.match(noPdf.stderr, /RO\/2\/2026 is not realized yet/);
    assert.ok(!existsSync(none));
    assert.equal((await sandbox('realize', '#10001', '--date', '30.11.2026')).code, 2);
    assert.equal((await sandbox('frobnicate')).code, 2);
    assert.equal((await sandbox('show')).code, 2);
  });
});
