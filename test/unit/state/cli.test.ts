// `optima-sync reset` and `optima-sync state` on a deployment folder seeded with orders.
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { createDefaultDeployment, settingsPath } from '../../../src/core/deployment/files';
import { openStateStore } from '../../../src/core/state';
import { seedOrders, settleInErp } from '../../support/seed-state';
import { tempDeployment } from '../../support/state-temp';
import { cli } from '../../support/cli';
import { testClock } from '../../support/clock';

const run = (args: string[], cwd: string) => cli(args, { cwd });

function setTimezone(dir: string, timezone: string): void {
  const settings = JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsPath(dir), JSON.stringify({ ...settings, timezone }, null, 2));
}

describe('state: CLI reset and state', () => {
  let temp: ReturnType<typeof tempDeployment>;
  beforeEach(async () => {
    temp = tempDeployment();
    await createDefaultDeployment(temp.dir);
    const store = await openStateStore(temp.dir, { now: testClock });
    // 10 orders fetched one per day from 2026-01-01 10:00 UTC; order 0 had its import e-mail sent.
    await seedOrders(store, 10, {
      firstFetchedAt: new Date('2026-01-01T10:00:00Z'),
      spacingMs: 86_400_000,
      actionState: (i, kind) =>
        i === 0 && kind === 'email-after-import' ? 'done' : i === 9 && kind === 'pdf-to-shop' ? 'failed' : undefined,
    });
    await store.close();
  });
  afterEach(() => temp.cleanup());

  it('reset --dry-run prints counts per action and changes nothing; reset applies them', async () => {
    const dry = await run(
      ['reset', '--actions', 'email-after-import,status-after-import', '--until', '2026-01-05', '--dry-run', '--json', '--dir', temp.dir],
      temp.dir,
    );
    assert.equal(dry.code, 0, dry.stderr);
    const parsed = JSON.parse(dry.stdout) as { counts: Record<string, number>; dryRun: boolean; timezone: string };
    assert.deepEqual(parsed.counts, { 'status-after-import': 5, 'email-after-import': 4 });
    assert.equal(parsed.timezone, 'Europe/Warsaw');
    let store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    assert.equal(store.listActions({ states: ['reset'] }).length, 0);
    await store.close();

    const real = await run(
      ['reset', '--actions', 'email-after-import,status-after-import', '--until', '2026-01-05', '--dir', temp.dir],
      temp.dir,
    );
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /status-after-import\s+5/);
    assert.match(real.stdout, /email-after-import\s+4/);
    store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    assert.equal(store.listActions({ states: ['reset'], kinds: ['email-after-import'] }).length, 4);
    assert.equal(store.getAction('prestashop', '100000', 'email-after-import')?.state, 'done');
    assert.equal(store.listAudit(1)[0]?.kind, 'reset');
    await store.close();

    const again = await run(['reset', '--actions', 'email-after-import', '--until', '2026-01-05', '--json', '--dir', temp.dir], temp.dir);
    assert.deepEqual((JSON.parse(again.stdout) as { counts: unknown }).counts, { 'email-after-import': 0 });
  });

  it('reads the time zone from the settings', async () => {
    // Order 4 was fetched 2026-01-05 10:00 UTC = 2026-01-04 23:00 in Pago Pago (UTC−11); in Warsaw it is the 5th.
    const warsaw = await run(
      ['reset', '--actions', 'pdf-to-shop', '--until', '2026-01-04', '--dry-run', '--json', '--dir', temp.dir],
      temp.dir,
    );
    assert.deepEqual((JSON.parse(warsaw.stdout) as { counts: unknown }).counts, { 'pdf-to-shop': 4 });
    setTimezone(temp.dir, 'Pacific/Pago_Pago');
    const result = await run(['reset', '--actions', 'pdf-to-shop', '--until', '2026-01-04', '--json', '--dir', temp.dir], temp.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as { counts: unknown }).counts, { 'pdf-to-shop': 5 });
  });

  it('rejects unknown actions and bad dates with exit code 2 and the list of actions', async () => {
    const unknown = await run(['reset', '--actions', 'email-after-import,sms', '--until', '2026-01-05', '--dir', temp.dir], temp.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /sms/);
    assert.match(unknown.stderr, /status-after-import, email-after-import, status-after-realization, email-after-realization, pdf-to-shop/);
    for (const until of ['2026-13-01', '05.01.2026', '']) {
      const bad = await run(['reset', '--actions', 'pdf-to-shop', '--until', until, '--dir', temp.dir], temp.dir);
      assert.equal(bad.code, 2, until);
      assert.match(bad.stderr, /YYYY-MM-DD/);
    }
    const missing = await run(['reset', '--until', '2026-01-05', '--dir', temp.dir], temp.dir);
    assert.equal(missing.code, 2);
  });

  it('reports a lock held by a sync pass with exit code 1', async () => {
    const holder = await openStateStore(temp.dir, { now: testClock, holder: 'optima-sync sync' });
    try {
      const result = await run(['reset', '--actions', 'pdf-to-shop', '--until', '2026-01-05', '--dir', temp.dir], temp.dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`pid ${process.pid}.*optima-sync sync`));
    } finally {
      await holder.close();
    }
  });

  it('state lists orders with their action states, one order, and the failed ones', async () => {
    const all = await run(['state', '--json', '--dir', temp.dir], temp.dir);
    assert.equal(all.code, 0, all.stderr);
    const parsed = JSON.parse(all.stdout) as {
      orders: number;
      shown: Array<{ shopOrderId: string; actions: Array<{ kind: string; state: string }> }>;
    };
    assert.equal(parsed.orders, 10);
    assert.equal(parsed.shown[0]?.shopOrderId, '100009', 'newest fetched first');
    assert.deepEqual(
      parsed.shown[0]?.actions.map((a) => [a.kind, a.state]),
      [['pdf-to-shop', 'failed']],
    );

    const one = await run(['state', '--order', '100000', '--dir', temp.dir], temp.dir);
    assert.match(one.stdout, /ZAM100000/);
    assert.match(one.stdout, /email-after-import\s+done/);
    assert.match(one.stdout, /pdf-to-shop\s+not attempted/);

    const failed = await run(['state', '--failed', '--json', '--dir', temp.dir], temp.dir);
    assert.deepEqual(
      (JSON.parse(failed.stdout) as { shown: Array<{ shopOrderId: string }> }).shown.map((o) => o.shopOrderId),
      ['100009'],
    );
    const missing = await run(['state', '--order', 'nope', '--dir', temp.dir], temp.dir);
    assert.equal(missing.code, 1);
  });

  it('state --prune deletes settled orders older than N days (dry run first), keeps failed and unrealized ones', async () => {
    const unrealized = await run(['state', '--prune', '--older-than', '1', '--dry-run', '--json', '--dir', temp.dir], temp.dir);
    assert.deepEqual(JSON.parse(unrealized.stdout), { dryRun: true, olderThanDays: 1, orders: 0 }, 'nothing is realized in the ERP yet');
    // Realized, and every action reset for orders 0-8; order 9 keeps its failed PDF upload.
    const reset = await run(
      [
        'reset',
        '--actions',
        'status-after-import,email-after-import,status-after-realization,email-after-realization,pdf-to-shop',
        '--until',
        '2026-01-09',
        '--dir',
        temp.dir,
      ],
      temp.dir,
    );
    assert.equal(reset.code, 0, reset.stderr);
    const writer = await openStateStore(temp.dir, { now: testClock });
    await settleInErp(writer);
    await writer.close();
    const byDefault = await run(['state', '--prune', '--dry-run', '--json', '--dir', temp.dir], temp.dir);
    assert.deepEqual(JSON.parse(byDefault.stdout), { dryRun: true, olderThanDays: 365, orders: 0 }, 'the default state.retentionDays');
    const dry = await run(['state', '--prune', '--older-than', '1', '--dry-run', '--json', '--dir', temp.dir], temp.dir);
    assert.deepEqual(JSON.parse(dry.stdout), { dryRun: true, olderThanDays: 1, orders: 9 });
    const real = await run(['state', '--prune', '--older-than', '1', '--json', '--dir', temp.dir], temp.dir);
    assert.equal((JSON.parse(real.stdout) as { orders: number }).orders, 9);
    const store = await openStateStore(temp.dir, { now: testClock, readOnly: true });
    assert.deepEqual(
      store.listOrders().map((o) => o.shopOrderId),
      ['100009'],
    );
    await store.close();
  });

  it('state --order finds an archived order (its month file read, closed after); --audit reads the archived rows too', async () => {
    const writer = await openStateStore(temp.dir, { now: testClock });
    await settleInErp(writer);
    await writer.markDone('prestashop', '100000', 'status-after-import', 'shop status set to 3');
    // Realized, nothing failed (but order 9's upload), and older than the details window: archived.
    assert.deepEqual(await writer.archiveSettled(testClock(), []), { orders: 9 });
    await writer.close();

    const text = await run(['state', '--order', '100000', '--dir', temp.dir], temp.dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /ZAM100000 .*\(archived\)/);
    assert.match(text.stdout, /email-after-import\s+done/);
    assert.match(text.stdout, /status-after-import\s+done/);
    const json = JSON.parse((await run(['state', '--order', '100003', '--json', '--dir', temp.dir], temp.dir)).stdout) as {
      orders: number;
      shown: Array<{ shopOrderId: string; archived?: boolean; salesDocument?: { number: string } }>;
    };
    assert.equal(json.orders, 10, 'live and archived');
    assert.deepEqual(
      json.shown.map((o) => [o.shopOrderId, o.archived, o.salesDocument?.number]),
      [['100003', true, 'FS/4/2025']],
    );
    const list = JSON.parse((await run(['state', '--json', '--dir', temp.dir], temp.dir)).stdout) as {
      shown: Array<{ shopOrderId: string }>;
    };
    assert.deepEqual(
      list.shown.map((o) => o.shopOrderId),
      ['100009'],
      'the list shows the live orders',
    );

    const reset = await run(['reset', '--actions', 'pdf-to-shop', '--until', '2026-01-03', '--dir', temp.dir], temp.dir);
    assert.equal(reset.code, 0, reset.stderr);
    const covered = await run(['state', '--order', '100001', '--dir', temp.dir], temp.dir);
    assert.match(covered.stdout, /pdf-to-shop\s+reset/, 'a reset covers archived orders too');
    const auditRows = JSON.parse((await run(['state', '--audit', '--json', '--dir', temp.dir], temp.dir)).stdout) as {
      audit: Array<{ kind: string }>;
    };
    assert.deepEqual(
      auditRows.audit.map((row) => row.kind),
      ['reset'],
    );
  });
});
