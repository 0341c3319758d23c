// The reset's semantics (seed: "Resetuj statusy aktualizacji zwrotnej"): every order FETCHED up to the end of
// the given day (inclusive) in the deployment's time zone gets the chosen actions marked reset; done actions
// stay done; a dry run changes nothing; a repeat changes nothing.
import assert from 'node:assert/strict';
import { ACTION_KINDS, type ActionKind } from '../../../src/core/model/actions';
import { endOfDayInZone, openStateStore, type SqlStateStore } from '../../../src/core/state';
import { sampleOrder } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { testClock } from '../../support/clock';

describe('state: reset', () => {
  let temp: ReturnType<typeof tempDeployment>;
  let store: SqlStateStore;

  beforeEach(async () => {
    temp = tempDeployment();
    store = await openStateStore(temp.dir, { now: () => new Date('2026-06-01T12:00:00Z') });
  });
  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  function fetch(index: number, fetchedAt: string): string {
    const order = sampleOrder(index);
    store.upsertOrder(order, new Date(fetchedAt));
    return order.id;
  }

  const reset = (actions: ActionKind[], until: string, timezone = 'Europe/Warsaw', dryRun = false) =>
    store.reset({ actions, until, timezone, dryRun, user: 'tester' });

  it('includes an order fetched at 23:59:59 local time on the date and excludes one at 00:00:00 the next day (Warsaw, winter)', async () => {
    // 2026-01-15 in Warsaw is UTC+1.
    const last = fetch(1, '2026-01-15T22:59:59.000Z');
    const next = fetch(2, '2026-01-15T23:00:00.000Z');
    const result = await reset(['email-after-import'], '2026-01-15');
    assert.equal(result.counts['email-after-import'], 1);
    assert.equal(result.cutoff, '2026-01-15T22:59:59.999Z');
    assert.equal(store.getAction('prestashop', last, 'email-after-import')?.state, 'reset');
    assert.equal(store.getAction('prestashop', next, 'email-after-import'), undefined);
  });

  it('uses summer time in Warsaw (UTC+2) and plain UTC for the UTC zone', async () => {
    const a = fetch(1, '2026-07-10T21:59:59.000Z'); // 23:59:59 CEST on 07-10
    const b = fetch(2, '2026-07-10T22:00:00.000Z'); // 00:00:00 CEST on 07-11, still 07-10 in UTC
    const warsaw = await reset(['status-after-import'], '2026-07-10', 'Europe/Warsaw');
    assert.equal(warsaw.counts['status-after-import'], 1);
    assert.equal(store.getAction('prestashop', a, 'status-after-import')?.state, 'reset');
    assert.equal(store.getAction('prestashop', b, 'status-after-import'), undefined);
    const utc = await reset(['status-after-import'], '2026-07-10', 'UTC');
    assert.equal(utc.cutoff, '2026-07-10T23:59:59.999Z');
    assert.equal(utc.counts['status-after-import'], 1);
    assert.equal(store.getAction('prestashop', b, 'status-after-import')?.state, 'reset');
  });

  it('ends a DST change day at the right instant (spring forward and fall back in Warsaw)', async () => {
    // 2026-03-29 has 23 hours in Warsaw: it ends at 22:00Z (CEST). 2026-10-25 has 25 hours: it ends at 23:00Z (CET).
    assert.equal(endOfDayInZone('2026-03-29', 'Europe/Warsaw').toISOString(), '2026-03-29T21:59:59.999Z');
    assert.equal(endOfDayInZone('2026-03-28', 'Europe/Warsaw').toISOString(), '2026-03-28T22:59:59.999Z');
    assert.equal(endOfDayInZone('2026-10-25', 'Europe/Warsaw').toISOString(), '2026-10-25T22:59:59.999Z');
    assert.equal(endOfDayInZone('2026-10-24', 'Europe/Warsaw').toISOString(), '2026-10-24T21:59:59.999Z');
    const inside = fetch(1, '2026-10-25T22:59:59.000Z'); // 23:59:59 CET on the 25-hour day
    const outside = fetch(2, '2026-10-25T23:00:00.000Z');
    const result = await reset(['pdf-to-shop'], '2026-10-25');
    assert.equal(result.counts['pdf-to-shop'], 1);
    assert.equal(store.getAction('prestashop', inside, 'pdf-to-shop')?.state, 'reset');
    assert.equal(store.getAction('prestashop', outside, 'pdf-to-shop'), undefined);
  });

  it('compares the fetch time, not the shop creation time', async () => {
    const order = sampleOrder(7, { createdAt: '2025-01-01T10:00:00.000Z' });
    store.upsertOrder(order, new Date('2026-02-02T10:00:00Z'));
    const result = await reset(['email-after-import'], '2026-02-01');
    assert.equal(result.counts['email-after-import'], 0);
    assert.equal(store.getAction('prestashop', order.id, 'email-after-import'), undefined);
  });

  it('marks exactly the chosen subset of actions, for every subset of the five', async () => {
    for (let mask = 1; mask < 1 << ACTION_KINDS.length; mask++) {
      const id = fetch(1000 + mask, '2026-01-10T10:00:00Z');
      const chosen = ACTION_KINDS.filter((_, bit) => mask & (1 << bit));
      const result = await reset(chosen, '2026-01-10');
      for (const kind of ACTION_KINDS) {
        const state = store.getAction('prestashop', id, kind)?.state;
        assert.equal(state, chosen.includes(kind) ? 'reset' : undefined, `mask ${mask} ${kind}`);
        assert.equal(result.counts[kind], chosen.includes(kind) ? 1 : 0, `mask ${mask} count of ${kind}`);
      }
      store.database.exec('DELETE FROM actions; DELETE FROM order_details; DELETE FROM orders;');
    }
  });

  it('leaves done actions untouched, resets failed and uncertain ones, and records an audit row', async () => {
    const id = fetch(1, '2026-01-10T10:00:00Z');
    await store.markPending('prestashop', id, 'email-after-import');
    await store.markDone('prestashop', id, 'email-after-import', 'sent to klient1@example.pl');
    const doneBefore = store.getAction('prestashop', id, 'email-after-import');
    await store.markPending('prestashop', id, 'status-after-import');
    await store.markFailed('prestashop', id, 'status-after-import', 'HTTP 500');
    await store.markPending('prestashop', id, 'pdf-to-shop');
    const result = await reset(['email-after-import', 'status-after-import', 'pdf-to-shop'], '2026-01-10');
    assert.deepEqual([result.counts['email-after-import'], result.counts['status-after-import'], result.counts['pdf-to-shop']], [0, 1, 1]);
    assert.deepEqual(store.getAction('prestashop', id, 'email-after-import'), doneBefore);
    assert.equal(store.getAction('prestashop', id, 'status-after-import')?.state, 'reset');
    assert.equal(store.getAction('prestashop', id, 'pdf-to-shop')?.state, 'reset');
    const [audit] = store.listAudit(1);
    assert.equal(audit?.kind, 'reset');
    assert.equal(audit?.user, 'tester');
    assert.deepEqual(audit?.detail.actions, ['status-after-import', 'email-after-import', 'pdf-to-shop']);
    assert.equal(audit?.detail.until, '2026-01-10');
    assert.deepEqual((audit?.detail.counts as Record<string, number>)['status-after-import'], 1);
  });

  it('is idempotent: a repeat changes no action and counts zero', async () => {
    for (let i = 0; i < 20; i++) fetch(i, `2026-01-${String(1 + i).padStart(2, '0')}T08:00:00Z`);
    const first = await reset([...ACTION_KINDS], '2026-01-10');
    assert.equal(first.counts['email-after-realization'], 10);
    const snapshot = store.listActions();
    const second = await reset([...ACTION_KINDS], '2026-01-10');
    assert.deepEqual(Object.values(second.counts), [0, 0, 0, 0, 0]);
    assert.deepEqual(store.listActions(), snapshot);
  });

  it('dry run returns the counts it would apply and changes nothing, on disk either', async () => {
    for (let i = 0; i < 5; i++) fetch(i, '2026-01-05T08:00:00Z');
    const id = fetch(99, '2026-01-05T09:00:00Z');
    await store.markPending('prestashop', id, 'email-after-import');
    await store.markDone('prestashop', id, 'email-after-import', 'sent');
    await store.saveNow();
    const { statSync, readFileSync } = await import('node:fs');
    const before = readFileSync(store.file);
    const mtime = statSync(store.file).mtimeMs;
    const dry = await reset(['email-after-import', 'status-after-import'], '2026-01-05', 'Europe/Warsaw', true);
    assert.equal(dry.dryRun, true);
    assert.equal(dry.counts['email-after-import'], 5);
    assert.equal(dry.counts['status-after-import'], 6);
    assert.equal(store.listActions({ states: ['reset'] }).length, 0);
    assert.equal(store.listAudit().filter((a) => a.kind === 'reset').length, 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(statSync(store.file).mtimeMs, mtime);
    assert.deepEqual(readFileSync(store.file), before);
    const real = await reset(['email-after-import', 'status-after-import'], '2026-01-05');
    assert.deepEqual(real.counts, dry.counts);
  });

  it('persists the reset: a new process sees it after reopening', async () => {
    const id = fetch(1, '2026-01-05T08:00:00Z');
    await reset(['email-after-realization'], '2026-01-05');
    await store.close();
    store = await openStateStore(temp.dir, { now: testClock });
    assert.equal(store.getAction('prestashop', id, 'email-after-realization')?.state, 'reset');
  });

  it('rejects a date that is not a real YYYY-MM-DD day and an unknown zone', async () => {
    await assert.rejects(reset(['pdf-to-shop'], '2026-02-30'), /YYYY-MM-DD/);
    await assert.rejects(reset(['pdf-to-shop'], '26-01-01'), /YYYY-MM-DD/);
    await assert.rejects(reset(['pdf-to-shop'], '2026-01-01', 'Mars/Olympus'), /Mars\/Olympus/);
  });
});
