// Never miss an order: an order created in a status that is not imported and moved into an import status
// later (in the shop's own panel) is imported by the next pass, exactly once, on every platform; BaseLinker
// finds it through its journal, and says so when the journal is off and the status check has to do.
import assert from 'node:assert/strict';
import { loadSettings } from '../../../src/core/deployment/files';
import { MemoryLogger } from '../../../src/core/log';
import { createShopConnector } from '../../../src/core/shops/index';
import type { SecretName, SecretSource } from '../../../src/core/secrets';
import { openStateStore } from '../../../src/core/state/index';
import { openDeployment } from '../../../src/core/sync/open';
import { runSyncPass } from '../../../src/core/sync/pass';
import { type FixtureOrder, generateOrders } from '../../fakes/common/orders';
import type { FakeOptions, FakeShop } from '../../fakes/common/server';
import { startFakeBaseLinker } from '../../fakes/baselinker/server';
import { createTestDeployment, type TestDeployment } from '../../support/deployment';
import { daysFromTestNow, testClock } from '../../support/clock';
import { PLATFORM_CASES, type PlatformCase } from './platforms';

function memorySecrets(values: Partial<Record<SecretName, string>>): SecretSource {
  return {
    get: async (name) => values[name],
    set: async (name, value) => {
      values[name] = value;
    },
  };
}

/** Three orders paid (imported at once) and one new (not imported) that the merchant moves later. */
function fixtures(createdDaysAgo = 2): { orders: FixtureOrder[]; late: FixtureOrder } {
  const orders = [
    ...generateOrders(3, { status: 'paid', firstId: 801, start: daysFromTestNow(-createdDaysAgo).toISOString() }),
    ...generateOrders(1, { status: 'new', firstId: 811, start: daysFromTestNow(-createdDaysAgo).toISOString() }),
  ];
  return { orders, late: orders[3]! };
}

interface Scenario {
  fake: FakeShop<unknown>;
  deployment: TestDeployment;
  pass(): Promise<{ imported: number; log: string }>;
  importedIds(): Promise<string[]>;
  cleanup(): Promise<void>;
}

async function scenario(
  platform: PlatformCase,
  start: (o: FakeOptions) => Promise<FakeShop<unknown>>,
  orders: FixtureOrder[],
): Promise<Scenario> {
  const fake = await start({ orders });
  const deployment = await createTestDeployment((s) => {
    s.shop = { platform: platform.platform, name: 'Sklep', url: fake.url, importStatuses: [platform.statusId('paid')], ...platform.shop };
    s.erp.realizeOnStatuses = [];
    s.afterImport.setStatus.status = platform.statusId('processing');
    s.afterImport.sendEmail.enabled = false;
    s.afterRealization.sendEmail.enabled = false;
    s.afterRealization.uploadSalesPdfToShop.enabled = false;
  });
  const secrets = memorySecrets(platform.secrets());
  return {
    fake,
    deployment,
    async pass() {
      const logger = new MemoryLogger();
      const opened = await openDeployment(deployment.dir, {
        secrets,
        logger,
        now: testClock,
        shopRateLimit: { requests: 1000, windowMs: 1000 },
      });
      try {
        const summary = await runSyncPass(opened.deps, {});
        assert.deepEqual(summary.errors, []);
        return { imported: summary.imported, log: logger.text() };
      } finally {
        await opened.close();
      }
    },
    async importedIds() {
      const store = await openStateStore(deployment.dir, { now: testClock });
      try {
        return store
          .listOrders()
          .filter((o) => o.erpDocument)
          .map((o) => o.shopOrderId)
          .sort();
      } finally {
        await store.close();
      }
    },
    async cleanup() {
      await fake.close();
      await deployment.cleanup();
    },
  };
}

describe('late status change: an order moved into an import status after it was created', function () {
  this.timeout(60_000);

  for (const platform of PLATFORM_CASES) {
    it(`${platform.platform}: is imported by the next pass, exactly once`, async () => {
      const { orders, late } = fixtures();
      const run = await scenario(platform, (o) => platform.start(o), orders);
      try {
        assert.equal((await run.pass()).imported, 3);
        run.fake.moveInPanel(platform.shopOrderId(late), 'paid');
        const second = await run.pass();
        assert.equal(second.imported, 1, 'the late order is imported');
        assert.equal((await run.pass()).imported, 0, 'and not again');
        assert.deepEqual(await run.importedIds(), orders.map(platform.shopOrderId).sort());
        assert.ok(
          run.fake.state.statusChanges.some(
            (c) => c.orderId === platform.shopOrderId(late) && c.status === platform.statusId('processing'),
          ),
          'its post-import status is set',
        );
      } finally {
        await run.cleanup();
      }
    });
  }

  const baselinker = PLATFORM_CASES.find((c) => c.platform === 'baselinker')!;

  it("BaseLinker: the journal finds an order created long ago (beyond the status check's days) and moved now", async () => {
    const { orders, late } = fixtures(45);
    const run = await scenario(baselinker, (o) => startFakeBaseLinker(o), orders);
    try {
      assert.equal((await run.pass()).imported, 3);
      run.fake.moveInPanel(baselinker.shopOrderId(late), 'paid');
      assert.equal((await run.pass()).imported, 1);
      assert.equal((await run.pass()).imported, 0);
      const journalCalls = run.fake.state.requestLog.filter(
        (r) => new URLSearchParams(r.body.toString()).get('method') === 'getJournalList',
      );
      const last = JSON.parse(new URLSearchParams(journalCalls.at(-1)!.body.toString()).get('parameters')!) as {
        last_log_id: number;
        logs_types: number[];
      };
      assert.ok(last.last_log_id > 0, 'the journal is read from the last log id consumed');
      assert.deepEqual(last.logs_types, [1, 18]);
    } finally {
      await run.cleanup();
    }
  });

  // A status holding more orders than one bounded look (200 rows): the check reads it whole, newest first. The
  // moved order sits where a bounded look never gets (BaseLinker read the oldest 200, SellAsist the newest 200)
  // and behind the listing's cursor, so only the status check can find it.
  const sellasist = PLATFORM_CASES.find((c) => c.platform === 'sellasist')!;
  const crowded = [
    { platform: baselinker, start: (o: FakeOptions) => startFakeBaseLinker({ ...o, journal: false }), after: 275 },
    { platform: sellasist, start: (o: FakeOptions) => sellasist.start(o), after: 75 },
  ];
  for (const { platform, start, after } of crowded) {
    it(`${platform.platform}: an order moved into a status that holds 350 orders is found (it came after the ${after}th)`, async function () {
      this.timeout(120_000);
      const paid = generateOrders(350, { status: 'paid', firstId: 2001, start: daysFromTestNow(-20).toISOString() });
      const late = generateOrders(1, {
        status: 'new',
        firstId: 3001,
        start: new Date(Date.parse(paid[after - 1]!.createdAt) + 30_000).toISOString(),
      })[0]!;
      const run = await scenario(platform, start, [...paid, late]);
      try {
        await run.deployment.editSettings((s) => {
          s.afterImport.setStatus.enabled = false;
        });
        assert.equal((await run.pass()).imported, 350);
        run.fake.moveInPanel(platform.shopOrderId(late), 'paid');
        assert.equal((await run.pass()).imported, 1, 'the moved order is imported');
        assert.equal((await run.pass()).imported, 0);
      } finally {
        await run.cleanup();
      }
    });
  }

  it('BaseLinker: when the time budget runs out the check keeps the newest orders it read and says where it stopped', async () => {
    const orders = generateOrders(350, { status: 'paid', firstId: 2001, start: daysFromTestNow(-2).toISOString() });
    const run = await scenario(baselinker, (o) => startFakeBaseLinker({ ...o, journal: false }), orders);
    try {
      const { settings } = await loadSettings(run.deployment.dir);
      let tick = 0;
      // Each reading of the client's clock moves it a second: the 15 s budget lasts a few requests.
      const connector = await createShopConnector(settings, {
        secrets: memorySecrets(baselinker.secrets()),
        logger: new MemoryLogger(),
        now: testClock,
        ticks: () => (tick += 1000),
      });
      const missed = await connector.listMissed!([baselinker.statusId('paid')], () => false, undefined);
      const since = /every order confirmed since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC was checked/.exec(missed.notice ?? '')?.[1];
      assert.ok(since, missed.notice);
      assert.ok(missed.orders.length > 0 && missed.orders.length < 350, `read ${missed.orders.length}`);
      const found = new Set(missed.orders.map((o) => o.id));
      const newer = orders.filter((o) => o.createdAt >= `${since.replace(' ', 'T')}:00Z`);
      assert.ok(
        newer.length > 0 && newer.every((o) => found.has(baselinker.shopOrderId(o))),
        'the newest orders were read first, all of them',
      );
    } finally {
      await run.cleanup();
    }
  });

  it('BaseLinker: with the journal off it says so, and the status check still imports the order once', async () => {
    const { orders, late } = fixtures();
    const run = await scenario(baselinker, (o) => startFakeBaseLinker({ ...o, journal: false }), orders);
    try {
      const first = await run.pass();
      assert.equal(first.imported, 3);
      assert.match(first.log, /order journal \(getJournalList\) is not enabled for this account/);
      assert.match(first.log, /Ask Base support/);
      run.fake.moveInPanel(baselinker.shopOrderId(late), 'paid');
      assert.equal((await run.pass()).imported, 1);
      assert.equal((await run.pass()).imported, 0);
    } finally {
      await run.cleanup();
    }
  });
});
