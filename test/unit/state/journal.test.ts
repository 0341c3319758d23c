// The write-ahead journal on real files: what a power cut at any moment leaves (a copy of the folder taken
// while the writer still runs is exactly that), a torn or damaged tail, a journal left over from before a
// checkpoint, and the checkpoint that folds it into the database file.
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { openStateStore, type SqlStateStore, statePaths } from '../../../src/core/state';
import { frame, nodeJournalFiles, parseJournal, type JournalFileSystem } from '../../../src/core/state/journal';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { TEST_NOW, testClock } from '../../support/clock';

describe('state: write-ahead journal', () => {
  let temp: ReturnType<typeof tempDeployment>;
  let copy: ReturnType<typeof tempDeployment>;
  const open: SqlStateStore[] = [];
  const openStore = async (dir: string, logger = new MemoryLogger(), readOnly = false) => {
    const store = await openStateStore(dir, { now: testClock, logger, readOnly });
    open.push(store);
    return store;
  };
  /** The files as a power cut would leave them now: the writer is still running. */
  const powerCut = (fromDir = temp.dir, toDir = copy.dir) => {
    const from = statePaths(fromDir);
    const to = statePaths(toDir);
    mkdirSync(to.folder, { recursive: true });
    copyFileSync(from.file, to.file);
    copyFileSync(from.journal, to.journal);
    return to;
  };

  beforeEach(() => {
    temp = tempDeployment();
    copy = tempDeployment();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close().catch(() => undefined);
    temp.cleanup();
    copy.cleanup();
  });

  it('an action reported saved survives a power cut: it is in the journal, and the database file was not rewritten', async () => {
    const store = await openStore(temp.dir);
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    await store.saveNow();
    const before = readFileSync(statePaths(temp.dir).file);
    await store.markPending(order.platform, order.id, 'email-after-import');
    await store.markDone(order.platform, order.id, 'email-after-import', 'sent to klient1@example.pl');
    assert.deepEqual(readFileSync(statePaths(temp.dir).file), before, 'an action appends to the journal only');

    powerCut();
    const logger = new MemoryLogger();
    const recovered = await openStore(copy.dir, logger);
    const action = recovered.getAction(order.platform, order.id, 'email-after-import');
    assert.equal(action?.state, 'done');
    assert.equal(action?.attempts, 1);
    assert.equal(action?.detail, 'sent to klient1@example.pl');
    assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 0, logger.text());
  });

  it('drops a torn last record with a warning, keeps every whole one, and goes on appending after them', async () => {
    const store = await openStore(temp.dir);
    const [first, second] = [sampleOrder(1), sampleOrder(2)];
    store.upsertOrder(first, TEST_NOW);
    store.upsertOrder(second, TEST_NOW);
    await store.markPending(first.platform, first.id, 'status-after-import');
    const paths = powerCut();
    // Half of a record: its length says more bytes than the file has.
    appendFileSync(paths.journal, Buffer.from([0, 0, 1, 0, 0x12, 0x34, 0x56, 0x78, 0x7b, 0x22]));

    const logger = new MemoryLogger();
    const recovered = await openStore(copy.dir, logger);
    assert.equal(recovered.getAction(first.platform, first.id, 'status-after-import')?.state, 'pending');
    assert.match(logger.text(), /\[warn\] The state journal .* ended in an incomplete record \(torn record, 10 bytes/);
    await recovered.markDone(second.platform, second.id, 'status-after-import', 'status → 3');
    await recovered.close();

    const again = await openStore(copy.dir, new MemoryLogger(), true);
    assert.equal(again.getAction(second.platform, second.id, 'status-after-import')?.state, 'done');
    assert.equal(again.getAction(first.platform, first.id, 'status-after-import')?.state, 'pending');
  });

  /** An order saved, then its e-mail action pending in the next record, and the power cut. */
  const orderThenPending = async () => {
    const store = await openStore(temp.dir);
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    await store.saveNow();
    await store.markPending(order.platform, order.id, 'email-after-import');
    return { order, paths: powerCut() };
  };

  it('drops a damaged record (checksum mismatch) and what follows it, never the database', async () => {
    const { order, paths } = await orderThenPending();
    const bytes = readFileSync(paths.journal);
    bytes[bytes.length - 3] ^= 0xff; // inside the last record's payload
    writeFileSync(paths.journal, bytes);

    const logger = new MemoryLogger();
    const recovered = await openStore(copy.dir, logger);
    assert.ok(recovered.getOrder(order.platform, order.id), 'the order recorded before is kept');
    assert.equal(recovered.getAction(order.platform, order.id, 'email-after-import'), undefined, 'the damaged record is not applied');
    assert.match(logger.text(), /checksum mismatch/);
  });

  it('after a replay stops at a record it cannot apply, the writer cuts the journal there: a later record is not lost behind it', async () => {
    const { order, paths } = await orderThenPending();
    // A whole, checksummed record that is not a change record, between the two: a replay stops at it.
    const contents = parseJournal(readFileSync(paths.journal));
    const bytes = readFileSync(paths.journal);
    const firstEnd = contents.recordEnds[0]!;
    writeFileSync(
      paths.journal,
      Buffer.concat([bytes.subarray(0, firstEnd), frame(Buffer.from('{"not": "a change"', 'utf8')), bytes.subarray(firstEnd)]),
    );

    const logger = new MemoryLogger();
    const writer = await openStore(copy.dir, logger);
    assert.match(logger.text(), /unreadable record/);
    assert.ok(writer.getOrder(order.platform, order.id));
    await writer.markPending(order.platform, order.id, 'status-after-import');
    const third = tempDeployment();
    try {
      powerCut(copy.dir, third.dir);
      const recovered = await openStore(third.dir);
      assert.equal(
        recovered.getAction(order.platform, order.id, 'status-after-import')?.state,
        'pending',
        'the record written after the unreadable one is kept',
      );
      await recovered.close();
    } finally {
      third.cleanup();
    }
  });

  it('completes a short write: a file system that takes a few bytes per call still gets every record whole, synced', async () => {
    const events: string[] = [];
    const trickling: JournalFileSystem = {
      async open(file) {
        const real = await nodeJournalFiles.open(file);
        return {
          ...real,
          write: (bytes, position) => {
            events.push('write');
            return real.write(bytes.subarray(0, 7), position);
          },
          datasync: () => {
            events.push('datasync');
            return real.datasync();
          },
        };
      },
    };
    const store = await openStateStore(temp.dir, { now: testClock, journalFiles: trickling });
    open.push(store);
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    await store.markPending(order.platform, order.id, 'email-after-import');
    assert.ok(events.filter((e) => e === 'write').length > 10, 'the record took many short writes');
    assert.equal(events[events.length - 1], 'datasync', 'and was synced after the last of them');
    const paths = powerCut();
    const parsed = parseJournal(readFileSync(paths.journal));
    assert.equal(parsed.dropped, undefined);
    const recovered = await openStore(copy.dir);
    assert.equal(recovered.getAction(order.platform, order.id, 'email-after-import')?.state, 'pending');
  });

  it('ignores a journal left from before the last checkpoint instead of applying it twice', async () => {
    const store = await openStore(temp.dir);
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    await store.markPending(order.platform, order.id, 'email-after-import');
    const stale = readFileSync(statePaths(temp.dir).journal);
    await store.markFailed(order.platform, order.id, 'email-after-import', 'SMTP 451 try later');
    await store.checkpoint();
    // A crash between the new database file and the fresh journal leaves the old journal beside the new file.
    const paths = powerCut();
    writeFileSync(paths.journal, stale);

    const logger = new MemoryLogger();
    const recovered = await openStore(copy.dir, logger);
    const action = recovered.getAction(order.platform, order.id, 'email-after-import');
    assert.equal(action?.state, 'failed');
    assert.equal(action?.attempts, 1);
    assert.match(logger.text(), /belongs to an earlier copy of the database/);
  });

  it('a checkpoint folds the journal into the file; close leaves only the journal header', async () => {
    const store = await openStore(temp.dir);
    for (let i = 0; i < 20; i++) {
      const order = sampleOrder(i);
      store.upsertOrder(order, TEST_NOW);
      await store.markDone(order.platform, order.id, 'status-after-import', 'status → 3');
    }
    const paths = statePaths(temp.dir);
    const grown = statSync(paths.journal).size;
    await store.close();
    const header = statSync(paths.journal).size;
    assert.ok(header < 200 && header < grown / 10, `journal ${grown} → ${header} bytes`);
    // The file alone now holds everything.
    mkdirSync(statePaths(copy.dir).folder, { recursive: true });
    copyFileSync(paths.file, statePaths(copy.dir).file);
    const fileOnly = await openStore(copy.dir, new MemoryLogger(), true);
    assert.equal(fileOnly.listActions({ states: ['done'] }).length, 20);
  });

  it('a reader sees what the writer journaled, and writes nothing', async () => {
    const store = await openStore(temp.dir);
    const order = sampleOrder(1);
    store.upsertOrder(order, TEST_NOW);
    await store.markFailed(order.platform, order.id, 'pdf-to-shop', 'HTTP 503');
    const paths = statePaths(temp.dir);
    const [file, journal] = [readFileSync(paths.file), readFileSync(paths.journal)];
    const reader = await openStore(temp.dir, new MemoryLogger(), true);
    assert.equal(reader.getAction(order.platform, order.id, 'pdf-to-shop')?.lastError, 'HTTP 503');
    await reader.close();
    assert.deepEqual(readFileSync(paths.file), file);
    assert.deepEqual(readFileSync(paths.journal), journal);
    assert.equal(path.basename(paths.journal), 'state.journal');
  });
});
