// The reverse-update state inside a real VS Code: the Orders view shows a seeded database, the reset command
// runs through its real QuickPick and InputBox (driven by the workbench's own quick-input commands), and
// "Mark as done" / "Retry" change the database.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { createDefaultDeployment } from '../../../src/core/deployment/files';
import { openStateStore } from '../../../src/core/state/index';
import { seedOrders } from '../../support/seed-state';
import { until } from '../wait';
import { testClock } from '../../support/clock';
import type { OrdersViewRow } from '../../../src/extension/features/orders-view';
import { extensionApi } from '../extension-api';

const EXTENSION_ID = 'optima-sync.optima-order-sync';

type SnapshotNode = OrdersViewRow;

function deploymentDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return path.join(folder.uri.fsPath, 'state-deployment');
}

const promptStage = async () => (await extensionApi()).inspect.state.resetPromptStage();
const waitForStage = (stage: string) =>
  until(async () => ((await promptStage()) === stage ? true : undefined), `the reset's ${stage} prompt`);

/** The orders of our deployment as the view shows them (the workspace may hold other deployments). */
async function viewOrders(): Promise<SnapshotNode[]> {
  const roots = await (await extensionApi()).inspect.ordersView.rows();
  const ours = roots.find((node) => node.contextValue === 'deployment' && node.label.endsWith('state-deployment'));
  return ours ? (ours.children ?? []) : roots;
}

async function readState<T>(read: (store: Awaited<ReturnType<typeof openStateStore>>) => T): Promise<T> {
  const store = await openStateStore(deploymentDir(), { now: testClock, readOnly: true });
  try {
    return read(store);
  } finally {
    await store.close();
  }
}

suite('Reverse-update state', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const dir = deploymentDir();
    mkdirSync(dir, { recursive: true });
    await createDefaultDeployment(dir);
    const store = await openStateStore(dir, { now: testClock });
    // 8 orders fetched daily from 2026-01-01 10:00 UTC. Order 1: import e-mail failed. Order 2: status after import
    // left pending by a crashed earlier run (uncertain). Order 0: import e-mail sent.
    await seedOrders(store, 8, {
      firstFetchedAt: new Date('2026-01-01T10:00:00Z'),
      spacingMs: 86_400_000,
      actionState: (i, kind) =>
        i === 0 && kind === 'email-after-import'
          ? 'done'
          : i === 1 && kind === 'email-after-import'
            ? 'failed'
            : i === 2 && kind === 'status-after-import'
              ? 'pending'
              : undefined,
    });
    store.recordErpDocument('prestashop', '100000', {
      kind: 'RO',
      number: 'RO/1/2026',
      id: '1',
      platform: 'prestashop',
      shopOrderId: '100000',
      issueDate: '2026-01-01',
      totalGross: 9497,
    });
    store.recordSalesDocument('prestashop', '100000', {
      kind: 'FS',
      number: 'FS/1/2026',
      id: '2',
      issueDate: '2026-01-02',
      saleDate: '2026-01-02',
      totalGross: 9497,
      totalNet: 7721,
    });
    await store.close();
    await vscode.commands.executeCommand('optimaSync.orders.refresh');
  });

  // Later suites expect the workspace's deployments as they were.
  suiteTeardown(() => rmSync(deploymentDir(), { recursive: true, force: true }));

  test('the Orders view shows the orders of a seeded database with their documents and action states', async () => {
    const orders = await until(async () => {
      const nodes = await viewOrders();
      return nodes.filter((n) => n.label.startsWith('ZAM')).length === 8 ? nodes : undefined;
    }, 'the seeded orders in the view');
    assert.deepEqual(
      orders.slice(0, 8).map((o) => o.label),
      ['ZAM100007', 'ZAM100006', 'ZAM100005', 'ZAM100004', 'ZAM100003', 'ZAM100002', 'ZAM100001', 'ZAM100000'],
    );
    const first = orders.find((o) => o.label === 'ZAM100000')!;
    assert.match(first.description ?? '', /RO\/1\/2026 → FS\/1\/2026/);
    assert.match(first.description ?? '', /klient0@example\.pl/);
    const firstActions = first.children!;
    assert.equal(firstActions.length, 5);
    assert.equal(firstActions.find((a) => a.target?.kind === 'email-after-import')?.contextValue, 'action.done');
    assert.equal(firstActions.find((a) => a.target?.kind === 'pdf-to-shop')?.contextValue, 'action.not-attempted');
    const failed = orders.find((o) => o.label === 'ZAM100001')!;
    assert.equal(failed.contextValue, 'order.attention');
    assert.equal(failed.children!.find((a) => a.target?.kind === 'email-after-import')?.contextValue, 'action.failed');
    assert.equal(failed.children!.find((a) => a.target?.kind === 'email-after-import')?.icon, 'error');
    const uncertain = orders.find((o) => o.label === 'ZAM100002')!;
    assert.equal(uncertain.children!.find((a) => a.target?.kind === 'status-after-import')?.contextValue, 'action.uncertain');

    await vscode.commands.executeCommand('optimaSync.orders.filter', 'failed');
    assert.deepEqual(
      (await viewOrders()).map((o) => o.label),
      ['ZAM100001'],
    );
    await vscode.commands.executeCommand('optimaSync.orders.filter', 'uncertain');
    assert.deepEqual(
      (await viewOrders()).map((o) => o.label),
      ['ZAM100002'],
    );
    await vscode.commands.executeCommand('optimaSync.orders.filter', 'attention');
    assert.deepEqual(
      (await viewOrders()).map((o) => o.label),
      ['ZAM100002', 'ZAM100001'],
    );
    await vscode.commands.executeCommand('optimaSync.orders.clearFilter');
    assert.equal((await viewOrders()).filter((o) => o.label.startsWith('ZAM')).length, 8);
  });

  test('the reset command with QuickPick and InputBox answers changes the database', async () => {
    const folder = vscode.Uri.file(deploymentDir());
    // The date is pre-filled (as the bulk guard does); the actions are picked in the real QuickPick; the modal
    // that confirms is answered "Reset" (VS Code shows no dialogs while it runs tests).
    const api = await extensionApi();
    api.prompts.answer({ choose: 'reset' });
    const running = vscode.commands.executeCommand<{ ok: boolean; counts: Record<string, number> }>('optimaSync.resetState', folder, {
      until: '2026-01-05',
    });
    await waitForStage('actions');
    await vscode.commands.executeCommand('quickInput.first');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle'); // status-after-import (first item)
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle'); // email-after-import
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitForStage('date');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await running;
    assert.equal(result?.ok, true);
    assert.match(
      api.prompts.asked().at(-1)?.text ?? '',
      /^Mark these actions as done, without sending, for every order fetched up to 2026-01-05 inclusive/,
    );
    // Orders 0–4 were fetched up to 2026-01-05 (Warsaw). Order 0's e-mail was done: untouched. Order 1's failed
    // e-mail and order 2's uncertain status are reset too.
    assert.deepEqual(result.counts, { 'status-after-import': 5, 'email-after-import': 4 });
    const states = await readState((store) => ({
      done: store.getAction('prestashop', '100000', 'email-after-import')?.state,
      failedBefore: store.getAction('prestashop', '100001', 'email-after-import')?.state,
      uncertainBefore: store.getAction('prestashop', '100002', 'status-after-import')?.state,
      lastIncluded: store.getAction('prestashop', '100004', 'status-after-import')?.state,
      firstExcluded: store.getAction('prestashop', '100005', 'status-after-import')?.state ?? 'not attempted',
      otherAction: store.getAction('prestashop', '100003', 'pdf-to-shop')?.state ?? 'not attempted',
      audit: store.listAudit(1)[0],
    }));
    assert.deepEqual(
      [states.done, states.failedBefore, states.uncertainBefore, states.lastIncluded, states.firstExcluded, states.otherAction],
      ['done', 'reset', 'reset', 'reset', 'not attempted', 'not attempted'],
    );
    assert.equal(states.audit?.kind, 'reset');
    assert.equal(states.audit?.detail.until, '2026-01-05');
    // The view follows.
    const order4 = await until(async () => {
      const found = (await viewOrders()).find((o) => o.label === 'ZAM100004');
      return found?.children?.find((a) => a.target?.kind === 'status-after-import')?.contextValue === 'action.reset' ? found : undefined;
    }, 'the view to show the reset');
    assert.equal(order4.children!.find((a) => a.target?.kind === 'pdf-to-shop')?.contextValue, 'action.not-attempted');
  });

  test('a pre-filled reset (the bulk guard) counts in a dry run without asking, and always confirms before it applies', async () => {
    const folder = vscode.Uri.file(deploymentDir());
    const api = await extensionApi();
    const asked = api.prompts.asked().length;
    const dry = await vscode.commands.executeCommand<{ ok: boolean; dryRun: boolean; counts: Record<string, number> }>(
      'optimaSync.resetState',
      folder,
      { actions: ['pdf-to-shop'], until: '2026-01-03', dryRun: true },
    );
    assert.deepEqual(dry.counts, { 'pdf-to-shop': 3 });
    assert.equal(api.prompts.asked().length, asked, 'a dry run asks nothing');
    assert.equal(await readState((store) => store.listActions({ kinds: ['pdf-to-shop'] }).length), 0);
    // {confirm: false} was the old way to skip the modal: it asks all the same, and closing it changes nothing.
    api.prompts.answer({ dismiss: true });
    const skipped = await vscode.commands.executeCommand('optimaSync.resetState', folder, {
      actions: ['pdf-to-shop'],
      until: '2026-01-03',
      confirm: false,
    });
    assert.equal(skipped, undefined);
    assert.equal(api.prompts.asked().length, asked + 1);
    assert.equal(await readState((store) => store.listActions({ kinds: ['pdf-to-shop'] }).length), 0);
    api.prompts.answer({ choose: 'reset' });
    const real = await vscode.commands.executeCommand<{ ok: boolean; counts: Record<string, number> }>('optimaSync.resetState', folder, {
      actions: ['pdf-to-shop'],
      until: '2026-01-03',
    });
    assert.deepEqual(real.counts, { 'pdf-to-shop': 3 });
    assert.equal(await readState((store) => store.listActions({ kinds: ['pdf-to-shop'], states: ['reset'] }).length), 3);
  });

  test('"Mark as done" and "Retry" resolve failed and uncertain actions; a running pass blocks them', async () => {
    const dir = deploymentDir();
    // New problems after the reset: order 6's import e-mail failed, order 7's PDF upload uncertain.
    const writer = await openStateStore(dir, { now: testClock });
    await writer.markPending('prestashop', '100006', 'email-after-import');
    await writer.markFailed('prestashop', '100006', 'email-after-import', 'SMTP 550');
    await writer.markPending('prestashop', '100007', 'pdf-to-shop');
    const folder = vscode.Uri.file(dir);
    // While a writer holds the lock, nothing changes.
    const api = await extensionApi();
    api.prompts.answer({ choose: 'done' });
    const blocked = await vscode.commands.executeCommand<boolean>('optimaSync.markActionDone', {
      folder,
      platform: 'prestashop',
      shopOrderId: '100006',
      kind: 'email-after-import',
    });
    assert.equal(blocked, false);
    await writer.close();

    const orders = await until(async () => {
      await vscode.commands.executeCommand('optimaSync.orders.filter', 'attention');
      const nodes = await viewOrders();
      return nodes.some((o) => o.label === 'ZAM100006') && nodes.some((o) => o.label === 'ZAM100007') ? nodes : undefined;
    }, 'the new failed and uncertain actions in the view');
    const failedNode = orders.find((o) => o.label === 'ZAM100006')!.children!.find((a) => a.contextValue === 'action.failed')!;
    const uncertainNode = orders.find((o) => o.label === 'ZAM100007')!.children!.find((a) => a.contextValue === 'action.uncertain')!;
    const asTarget = (node: SnapshotNode) => node.target!;
    // A definite failure is retried at once; an uncertain action asks first (it may have reached the customer).
    const askedBefore = api.prompts.asked().length;
    assert.equal(await vscode.commands.executeCommand('optimaSync.retryAction', asTarget(failedNode)), true);
    assert.equal(api.prompts.asked().length, askedBefore, 'no question for a definite failure');
    api.prompts.answer({ dismiss: true });
    assert.equal(await vscode.commands.executeCommand('optimaSync.retryAction', asTarget(uncertainNode)), false);
    assert.match(api.prompts.asked().at(-1)?.text ?? '', /^Retry Sales-document PDF to the shop of order prestashop\/100007\?/);
    // "Mark as done" asks first: closing the dialog leaves the action as it was.
    api.prompts.answer({ dismiss: true });
    assert.equal(await vscode.commands.executeCommand('optimaSync.markActionDone', asTarget(uncertainNode)), false);
    assert.equal(await readState((store) => store.getAction('prestashop', '100007', 'pdf-to-shop')?.state), 'pending');
    api.prompts.answer({ choose: 'done' });
    assert.equal(await vscode.commands.executeCommand('optimaSync.markActionDone', asTarget(uncertainNode)), true);
    assert.match(api.prompts.asked().at(-1)?.text ?? '', /^Mark Sales-document PDF to the shop of order prestashop\/100007 as done\?/);
    const after = await readState((store) => ({
      retried: store.getAction('prestashop', '100006', 'email-after-import'),
      marked: store.getAction('prestashop', '100007', 'pdf-to-shop'),
      audit: store.listAudit(2).map((a) => a.kind),
    }));
    assert.equal(after.retried, undefined, 'retry puts the action back to not attempted');
    assert.equal(after.marked?.state, 'done');
    assert.deepEqual(after.audit, ['mark-done', 'retry']);
    await until(async () => ((await viewOrders()).some((o) => o.label.startsWith('ZAM')) ? undefined : true), 'the view without problems');
    await vscode.commands.executeCommand('optimaSync.orders.clearFilter');
  });

  test('"Find an order…" finds an archived order (settled history, out of the live state) by the number the customer sees', async () => {
    // Order 0 is realized and has nothing left to do: archived. The list, newest live orders, no longer has it.
    const writer = await openStateStore(deploymentDir(), { now: testClock });
    try {
      assert.deepEqual(await writer.archiveSettled(testClock(), []), { orders: 1 });
    } finally {
      await writer.close();
    }
    await vscode.commands.executeCommand('optimaSync.orders.refresh');
    await until(
      async () => ((await viewOrders()).some((o) => o.label === 'ZAM100000') ? undefined : true),
      'the archived order out of the list',
    );
    await vscode.commands.executeCommand('optimaSync.orders.find', 'ZAM100000');
    const found = await until(async () => {
      const nodes = await viewOrders();
      return nodes.length === 1 && nodes[0]!.label === 'ZAM100000' ? nodes[0]! : undefined;
    }, 'the archived order found');
    assert.match(found.description, /RO\/1\/2026 → FS\/1\/2026 · klient0@example\.pl · archived/);
    assert.equal(found.children!.find((a) => a.target?.kind === 'email-after-import')?.contextValue, 'action.done');
    assert.equal((await extensionApi()).inspect.ordersView.filter(), 'all');
    await vscode.commands.executeCommand('optimaSync.orders.find', 'ZAM999999');
    await until(
      async () => ((await viewOrders()).some((o) => /No order ZAM999999/.test(o.label)) ? true : undefined),
      'the message of a search that found nothing',
    );
    await vscode.commands.executeCommand('optimaSync.orders.clearFilter');
    await until(
      async () => ((await viewOrders()).filter((o) => o.label.startsWith('ZAM')).length === 7 ? true : undefined),
      'the list again',
    );
  });
});
