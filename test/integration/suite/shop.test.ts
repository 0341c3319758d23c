// The shop inside a real VS Code: a WooCommerce fake runs in the extension host's Node, credentials go
// into SecretStorage through "Set shop credentials…", "Test shop connection" reports the statuses and the
// capability matrix and caches the statuses in the state database; wrong keys give a message naming them.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { cachedStatuses, type ShopConnectionReport } from '../../../src/core/shops/index';
import { openStateStore } from '../../../src/core/state/index';
import { startFakeWooCommerce, WOO_CONSUMER_KEY, WOO_CONSUMER_SECRET } from '../../fakes/woocommerce/server';
import type { FakeShop } from '../../fakes/common/server';
import { testClock } from '../../support/clock';
import { extensionApi } from '../extension-api';

const EXTENSION_ID = 'optima-sync.optima-order-sync';

interface ShopTestResult {
  ok: boolean;
  report?: ShopConnectionReport;
  cached: boolean;
  message: string;
}

suite('Shop connection', () => {
  let fake: FakeShop<unknown>;
  let folder: vscode.Uri;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    fake = await startFakeWooCommerce({});
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test workspace is open');
    const dir = path.join(root.uri.fsPath, 'shop-deployment');
    mkdirSync(dir, { recursive: true });
    const settings = defaultSettings() as Record<string, unknown>;
    settings.shop = { platform: 'woocommerce', name: 'Sklep testowy', url: fake.url, importStatuses: ['processing'] };
    (settings.afterImport as { setStatus: { status: string } }).setStatus.status = 'on-hold';
    (settings.afterRealization as Record<string, unknown>).setStatus = { enabled: true, status: 'completed' };
    (settings.afterRealization as Record<string, unknown>).uploadSalesPdfToShop = { enabled: false };
    (settings.erp as Record<string, unknown>).realizeOnStatuses = ['processing'];
    writeFileSync(path.join(dir, 'optima-sync.json'), JSON.stringify(settings, null, 2));
    folder = vscode.Uri.file(dir);
  });

  suiteTeardown(async () => fake?.close());

  test('the keys come only from the password boxes: a value passed to the command is refused and not stored', async () => {
    const api = await extensionApi();
    const asked = api.prompts.asked().length;
    assert.equal(
      await vscode.commands.executeCommand('optimaSync.setShopCredentials', folder, {
        shopKey: WOO_CONSUMER_KEY,
        shopSecret: WOO_CONSUMER_SECRET,
      }),
      false,
    );
    assert.equal(api.prompts.asked().length, asked, 'no box was even shown');
    const result = (await vscode.commands.executeCommand('optimaSync.testShopConnection', folder)) as ShopTestResult;
    assert.equal(result.ok, false, 'nothing was stored');
  });

  test('wrong keys: the test fails with a message naming the WooCommerce credentials', async () => {
    const api = await extensionApi();
    const asked = api.prompts.asked().length;
    api.prompts.answer({ secret: WOO_CONSUMER_KEY }, { secret: 'cs_wrong' });
    const stored = await vscode.commands.executeCommand('optimaSync.setShopCredentials', folder);
    assert.equal(stored, true);
    assert.deepEqual(
      api.prompts
        .asked()
        .slice(asked)
        .map((p) => p.kind),
      ['secret', 'secret'],
      'asked in two password boxes',
    );
    const result = (await vscode.commands.executeCommand('optimaSync.testShopConnection', folder)) as ShopTestResult;
    assert.ok(result, 'the command returns its result');
    assert.equal(result.ok, false);
    assert.match(result.message, /WooCommerce consumer key and consumer secret/);
    assert.ok(!result.message.includes('cs_wrong'));
  });

  test('"Test shop connection" lists the shop\'s statuses, shows the capabilities and caches the statuses', async () => {
    (await extensionApi()).prompts.answer({ secret: WOO_CONSUMER_KEY }, { secret: WOO_CONSUMER_SECRET });
    assert.equal(await vscode.commands.executeCommand('optimaSync.setShopCredentials', folder), true);
    const result = (await vscode.commands.executeCommand('optimaSync.testShopConnection', folder)) as ShopTestResult;
    assert.equal(result.ok, true, result.message);
    assert.ok(result.report!.statuses.some((s) => s.id === 'processing' && s.name === 'W trakcie realizacji'));
    assert.equal(result.report!.capabilities.uploadSalesPdf, true, 'WooCommerce takes the PDF through WordPress media');
    assert.ok(result.report!.matrix.some((row) => row.platform === 'baselinker' && row.uploadSalesPdf));
    assert.deepEqual(result.report!.unknownStatuses, []);
    assert.equal(result.cached, true);
    const store = await openStateStore(folder.fsPath, { now: testClock, readOnly: true });
    try {
      const cached = cachedStatuses(store);
      assert.equal(cached?.platform, 'woocommerce');
      assert.ok(cached?.statuses.some((s) => s.id === 'shipped' && s.name === 'Wysłane'));
    } finally {
      await store.close();
    }
    // The keys went to the fake from SecretStorage, never into the workspace.
    assert.ok(
      fake.state.requestLog.some(
        (r) => r.headers.authorization === `Basic ${Buffer.from(`${WOO_CONSUMER_KEY}:${WOO_CONSUMER_SECRET}`).toString('base64')}`,
      ),
    );
  });

  test('"Refresh shop statuses" renews the cached list', async () => {
    const cachedAt = async () => {
      const store = await openStateStore(folder.fsPath, { now: testClock, readOnly: true });
      try {
        return cachedStatuses(store)?.fetchedAt;
      } finally {
        await store.close();
      }
    };
    const before = await cachedAt();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const requests = fake.state.requestLog.length;
    const refreshed = (await vscode.commands.executeCommand('optimaSync.refreshShopStatuses', folder)) as ShopTestResult;
    assert.equal(refreshed.ok, true, refreshed.message);
    assert.equal(refreshed.cached, true);
    assert.ok(
      fake.state.requestLog.slice(requests).some((r) => r.path.endsWith('/orders/statuses')),
      'the statuses were read from the shop again',
    );
    assert.ok((await cachedAt())! > before!, 'the cache was renewed');
  });
});
