// The sync pass inside a real VS Code: "Run sync pass" on a demo deployment imports orders, sends e-mails
// to a real SMTP server, writes the log, updates the status bar; the bulk guard asks before a mass mailing.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { createDefaultDeployment, settingsPath } from '../../../src/core/deployment/files';
import { listDemoOrders, seedDemoShop } from '../../../src/core/shops/demo/index';
import { openStateStore } from '../../../src/core/state/index';
import type { SyncSummary } from '../../../src/core/sync/types';
import { extensionApi as api } from '../extension-api';
import { addDemoOrders } from '../../support/deployment';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { TEST_NOW, testClock } from '../../support/clock';
import { until } from '../wait';
import { readLogs } from '../logs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function makeDeployment(name: string, smtpPort: number, edit: (s: Json) => void): Promise<string> {
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const dir = path.join(root, name);
  await fs.rm(dir, { recursive: true, force: true });
  await createDefaultDeployment(dir);
  const settings = JSON.parse(await fs.readFile(settingsPath(dir), 'utf8')) as Json;
  settings.email.smtp = { host: '127.0.0.1', port: smtpPort, login: '', tls: false, ignoreCertificateErrors: false };
  edit(settings);
  await fs.writeFile(settingsPath(dir), JSON.stringify(settings, null, 2));
  await seedDemoShop(dir, { now: TEST_NOW });
  return dir;
}

suite('Sync pass', () => {
  let smtp: TestSmtpServer;
  suiteSetup(async () => {
    smtp = await startSmtpServer({ tls: 'none' });
  });
  suiteTeardown(async () => {
    await smtp.close();
  });

  test('"Run sync pass" imports the demo orders, e-mails through SMTP, writes the log and updates the status bar', async () => {
    const extensionApi = await api();
    const dir = await makeDeployment('sync-demo', smtp.port, (s) => {
      s.email.testMode.enabled = true;
    });
    const importable = (await listDemoOrders(dir, TEST_NOW)).filter((o) => ['new', 'paid'].includes(o.status));
    const summary = (await vscode.commands.executeCommand('optimaSync.runSyncPass', vscode.Uri.file(dir))) as SyncSummary;
    assert.ok(summary, 'the command returns the summary');
    assert.equal(summary.result, 'ok');
    assert.equal(summary.imported, importable.length);
    assert.equal(summary.errors.length, 0, JSON.stringify(summary.errors));
    await smtp.waitForMessages(summary.emailsSent);
    assert.ok(
      smtp.messages.every((m) => m.envelope.to.join() === 'konsultant@example.pl'),
      'test mode redirects every e-mail',
    );

    const store = await openStateStore(dir, { now: testClock, readOnly: true });
    try {
      assert.equal(store.listOrders().filter((o) => o.erpDocument).length, importable.length);
    } finally {
      await store.close();
    }
    const view = JSON.stringify(await extensionApi.inspect.ordersView.rows());
    for (const order of importable) assert.ok(view.includes(order.number), `the Orders view lists ${order.number}`);
    // The status bar shows the last pass from the history: this one, run from VS Code.
    const status = extensionApi.inspect.statusBar;
    await status.refresh();
    assert.match(status.text, /Optima Sync \d{1,2}:\d{2}/);
    assert.match(status.tooltip, new RegExp(`${importable.length} orders imported`));
    assert.match(status.tooltip, /\(VS Code, sync-demo\): completed/);

    let log = '';
    for (let i = 0; i < 50 && !/imported as RO/.test(log); i++) {
      await new Promise((r) => setTimeout(r, 200));
      log = await readLogs(extensionApi.logFolder);
    }
    assert.match(log, /DEMO\/\d+: imported as RO RO\/\d+(\/\d{2})?\/\d{4}/);
  });

  test('the bulk guard asks before e-mailing more customers than the limit; "Send anyway" sends them', async () => {
    const extensionApi = await api();
    const dir = await makeDeployment('sync-bulk', smtp.port, (s) => {
      s.email.testMode.enabled = false;
      s.shop.importStatuses = ['new'];
      s.afterImport.setStatus.enabled = false;
    });
    const waiting = (await listDemoOrders(dir, TEST_NOW)).filter((o) => o.status === 'new').length;
    await addDemoOrders(dir, 21 - waiting, 'new');
    const before = smtp.messages.length;
    const asked = extensionApi.prompts.asked().length;
    const question = { kind: 'modal', text: 'This pass would e-mail 21 customers (limit 20). Nothing has been sent.' };
    // Closing the dialog sends nothing; "Send anyway" sends them all.
    extensionApi.prompts.answer({ dismiss: true });
    const stopped = (await vscode.commands.executeCommand('optimaSync.runSyncPass', vscode.Uri.file(dir))) as SyncSummary;
    assert.equal(stopped.result, 'blocked');
    assert.equal(smtp.messages.length, before, 'nothing was sent before the answer');
    extensionApi.prompts.answer({ choose: 'send' });
    const summary = (await vscode.commands.executeCommand('optimaSync.runSyncPass', vscode.Uri.file(dir))) as SyncSummary;
    assert.deepEqual(extensionApi.prompts.asked().slice(asked), [question, question]);
    assert.equal(extensionApi.prompts.pending(), 0);
    assert.equal(summary.result, 'ok');
    assert.equal(summary.emailsSent, 21);
    await smtp.waitForMessages(before + 21);
  });

  test('"Preview sync pass" shows the plan rendered, titled "Sync pass plan — <deployment>", and changes nothing', async () => {
    const extensionApi = await api();
    const dir = await makeDeployment('sync-preview', smtp.port, (s) => {
      s.email.testMode.enabled = true;
    });
    const summary = (await vscode.commands.executeCommand('optimaSync.previewSyncPass', vscode.Uri.file(dir))) as SyncSummary;
    assert.equal(summary.dryRun, true);
    // A dry run is not a pass: the status bar still shows the last real one, of another deployment.
    const status = extensionApi.inspect.statusBar;
    await status.refresh();
    assert.match(status.tooltip, /Last sync pass at .*\(VS Code, sync-(demo|bulk)\)/);
    assert.doesNotMatch(status.tooltip, /sync-preview/);
    // The tab model follows the workbench asynchronously.
    const tab = await until(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputWebview ? active : undefined;
    }, 'a rendered view, not a text document');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /optimaSync\.syncPlan$/);
    assert.equal(tab.label, 'Sync pass plan — sync-preview');
    const shown = extensionApi.inspect.syncPlans.get(vscode.Uri.file(dir).toString());
    assert.ok(shown, 'the plan page');
    assert.match(shown.html, /<table>.*<td>[^<]*import as RO[^<]*<\/td>/s, 'the orders as a table');
    assert.match(shown.html, /<li><code>status-after-import<\/code>: /, 'one list item per action');
    assert.doesNotMatch(shown.html, /&lt;br&gt;|\| --- \|/, 'no Markdown source or escaped tags shown');
    assert.match(shown.html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
    const store = await openStateStore(dir, { now: testClock, readOnly: true });
    try {
      assert.equal(store.listOrders().length, 0);
    } finally {
      await store.close();
    }
    // Previewing again reuses the panel.
    await vscode.commands.executeCommand('optimaSync.previewSyncPass', vscode.Uri.file(dir));
    const plans = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && /optimaSync\.syncPlan$/.test(t.input.viewType));
    assert.equal(plans.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
