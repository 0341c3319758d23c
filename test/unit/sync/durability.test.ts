// Durability a test can see: the journal's file operations are recorded, and every side effect of a pass (an
// e-mail, a status, an upload) must come after the sync of the record that marks its action pending. Deleting
// the sync makes this fail, which the power-cut copy of journal.test.ts cannot show (it reads the page cache).
// Then a state that stops accepting writes mid-pass (a full disk): every worker stops before its next side
// effect, and nothing is ever sent that the state could not record.
import assert from 'node:assert/strict';
import { decodeRecord } from '../../../src/core/state/change-log';
import { nodeJournalFiles, type JournalFileSystem } from '../../../src/core/state/journal';
import { openStateStore } from '../../../src/core/state/index';
import { StateWriteStoppedPass } from '../../../src/core/sync/execute';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { environmentSecrets } from '../../../src/core/secrets';
import { MemoryLogger } from '../../../src/core/log';
import { ACTION_KIND_CODES } from '../../../src/core/state/schema';
import type { ActionKind } from '../../../src/core/model/actions';
import { testClock } from '../../support/clock';
import { createMailingDeployment, type TestDeployment } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';

type JournalEvent =
  { type: 'write'; pending: string[] } | { type: 'sync' } | { type: 'full' } | { type: 'effect'; shopOrderId: string; kind: ActionKind };

const KIND_OF_CODE = new Map(Object.entries(ACTION_KIND_CODES).map(([kind, code]) => [code, kind as ActionKind]));

/** The journal on the real file system, each record's pending actions and each sync noted; optionally full after N records. */
function recordingFiles(events: JournalEvent[], fullAfterRecords = Infinity): JournalFileSystem {
  let records = 0;
  return {
    async open(file) {
      const real = await nodeJournalFiles.open(file);
      return {
        ...real,
        async write(bytes, position) {
          if (position > 0 && ++records > fullAfterRecords) {
            events.push({ type: 'full' });
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          const record = position > 0 ? decodeRecord(bytes.subarray(8)) : undefined;
          const columns = record?.columns.actions ?? [];
          const pending = (record?.rows ?? [])
            .filter(([table, , values]) => table === 'actions' && values && values[columns.indexOf('state')] === 'pending')
            .map(
              ([, , values]) =>
                `${String(values![columns.indexOf('order_id')])}:${KIND_OF_CODE.get(Number(values![columns.indexOf('kind')]))}`,
            );
          events.push({ type: 'write', pending });
          return real.write(bytes, position);
        },
        async datasync() {
          events.push({ type: 'sync' });
          return real.datasync();
        },
      };
    },
  };
}

/** A pass as the CLI runs it, with every side effect noted as it starts. */
async function passWithEffects(dir: string, events: JournalEvent[], files: JournalFileSystem) {
  const opened = await openDeployment(dir, {
    secrets: environmentSecrets({}),
    logger: new MemoryLogger(),
    now: testClock,
    journalFiles: files,
  });
  const { deps } = opened;
  const { shop, mail, settings } = deps;
  const orderByEmail = new Map<string, string>();
  const effect = (shopOrderId: string, kind: ActionKind) => events.push({ type: 'effect', shopOrderId, kind });
  deps.shop = Object.assign(Object.create(shop) as typeof shop, {
    setStatus: (id: string, status: string) => {
      effect(id, status === settings.afterImport.setStatus.status ? 'status-after-import' : 'status-after-realization');
      return shop.setStatus(id, status);
    },
    uploadSalesPdf: (id: string, pdf: Parameters<typeof shop.uploadSalesPdf>[1]) => {
      effect(id, 'pdf-to-shop');
      return shop.uploadSalesPdf(id, pdf);
    },
  });
  deps.mail = {
    ...mail,
    send: (message) => {
      const id = orderByEmail.get(message.to)!;
      effect(id, /^Przyjęliśmy/.test(message.subject) ? 'email-after-import' : 'email-after-realization');
      return mail.send(message);
    },
  };
  for (const order of (await shop.listOrders(undefined, settings.shop.importStatuses)).orders)
    orderByEmail.set(order.buyer.email, order.id);
  try {
    return await runSyncPass(deps, {});
  } finally {
    await opened.close();
  }
}

/** Every side effect came after a synced record marking its action pending. */
async function assertPendingSyncedFirst(dir: string, events: JournalEvent[]): Promise<number> {
  const store = await openStateStore(dir, { now: testClock, readOnly: true });
  const rowId = new Map(
    store.database.exec('SELECT shop_order_id, id FROM orders')[0]!.values.map(([shopId, id]) => [String(shopId), String(id)]),
  );
  await store.close();
  const written = new Set<string>();
  const durable = new Set<string>();
  let effects = 0;
  for (const event of events) {
    if (event.type === 'write') event.pending.forEach((key) => written.add(key));
    else if (event.type === 'sync') written.forEach((key) => durable.add(key));
    else if (event.type === 'effect') {
      effects++;
      const key = `${rowId.get(event.shopOrderId)}:${event.kind}`;
      assert.ok(durable.has(key), `${event.kind} of order ${event.shopOrderId} started before its pending record was synced`);
    }
  }
  return effects;
}

describe('sync pass: durability of the pending records, and a state that stops accepting writes', function () {
  this.timeout(60_000);
  let smtp: TestSmtpServer;
  let deployment: TestDeployment;
  beforeEach(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
    deployment = await createMailingDeployment(smtp.port);
  });
  afterEach(async () => {
    await smtp.close();
    await deployment.cleanup();
  });

  it("each action's pending record is synced before its side effect starts", async () => {
    const events: JournalEvent[] = [];
    const summary = await passWithEffects(deployment.dir, events, recordingFiles(events));
    assert.equal(summary.result, 'ok');
    const effects = await assertPendingSyncedFirst(deployment.dir, events);
    assert.ok(effects >= 15, `a pass with many side effects (${effects})`);
    assert.equal(
      effects,
      smtp.messages.length +
        summary.actions['status-after-import'].done +
        summary.actions['status-after-realization'].done +
        summary.actions['pdf-to-shop'].done,
    );
  });

  it('a full disk in the middle of a pass: the workers stop, nothing is sent that is not recorded, nothing twice after', async () => {
    const events: JournalEvent[] = [];
    await assert.rejects(passWithEffects(deployment.dir, events, recordingFiles(events, 6)), StateWriteStoppedPass);
    const effects = await assertPendingSyncedFirst(deployment.dir, events);
    const full = events.findIndex((e) => e.type === 'full');
    assert.ok(full > 0 && effects > 0, 'the pass did some work before the disk filled');
    // Only actions whose pending record was already synced may still go (at most one per order in flight).
    assert.ok(events.slice(full).filter((e) => e.type === 'effect').length <= 6, 'nothing new starts once a write has failed');

    // Space again: the next pass sends what is left, and no customer gets anything twice.
    const second = await passWithEffects(deployment.dir, [], nodeJournalFiles);
    assert.equal(second.result, 'ok');
    const seen = smtp.messages.map((m) => `${m.envelope.to.join(',')} ${m.parsed.subject}`);
    assert.deepEqual(
      seen.filter((key, i) => seen.indexOf(key) !== i),
      [],
    );
  });
});
