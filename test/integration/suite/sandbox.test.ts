// The sandbox ERP inside a real VS Code: "Realize order in sandbox ERP…" realizes an imported RO into an FS
// in the deployment's state database; "Show sandbox ERP documents" opens the detail and writes the PDF.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { createDefaultDeployment, loadSettings } from '../../../src/core/deployment/files';
import { createSandboxErp } from '../../../src/core/erp/sandbox/index';
import { isValidKsefNumber } from '../../../src/core/ksef/number';
import { openStateStore } from '../../../src/core/state/index';
import { companyOrder, privateOrder } from '../../support/orders';
import { until } from '../wait';
import { testClock } from '../../support/clock';
import { extensionApi } from '../extension-api';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function seededDeployment(name: string): Promise<string> {
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const dir = path.join(root, name);
  await fs.rm(dir, { recursive: true, force: true });
  await createDefaultDeployment(dir);
  const { settings } = await loadSettings(dir);
  const store = await openStateStore(dir, { now: testClock });
  try {
    // Imported on a fixed day, so the realization dates below are never before the documents' own date.
    const erp = await createSandboxErp(store, settings, { now: () => new Date('2026-11-28T10:00:00Z') });
    await erp.importOrder(companyOrder(1), 'RO');
    await erp.importOrder(privateOrder(2), 'PF');
  } finally {
    await store.close();
  }
  return dir;
}

async function sandboxRows(dir: string): Promise<Array<{ number: string; realizedBy: string | null }>> {
  const store = await openStateStore(dir, { now: testClock, readOnly: true });
  try {
    const result = (await store.companion('sandbox')).database.exec(
      'SELECT d.number, r.number FROM sandbox_documents d LEFT JOIN sandbox_documents r ON r.id = d.realized_by_id ORDER BY d.id',
    );
    return (result[0]?.values ?? []).map(([number, realizedBy]) => ({
      number: String(number),
      realizedBy: realizedBy === null ? null : String(realizedBy),
    }));
  } finally {
    await store.close();
  }
}

const waitForPrompt = (stage: 'document' | 'date') =>
  until(async () => ((await extensionApi()).inspect.sandbox.realizePromptStage() === stage ? true : undefined), `the ${stage} prompt`);

suite('Sandbox ERP', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('optima-sync.optima-order-sync')!.activate();
  });

  test('the commands are in the palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('optimaSync.realizeInSandbox'));
    assert.ok(commands.includes('optimaSync.showSandboxDocuments'));
    const manifest = vscode.extensions.getExtension('optima-sync.optima-order-sync')!.packageJSON as Json;
    const titles = (manifest.contributes.commands as Json[]).filter((c) => String(c.command).includes('Sandbox')).map((c) => c.command);
    assert.deepEqual(titles.sort(), ['optimaSync.realizeInSandbox', 'optimaSync.showSandboxDocuments']);
  });

  test('"Realize order in sandbox ERP…" realizes an RO into an FS and a PF into a PA in the state database', async () => {
    const dir = await seededDeployment('sandbox-realize');
    const folder = vscode.Uri.file(dir);
    const fs1 = (await vscode.commands.executeCommand('optimaSync.realizeInSandbox', folder, {
      order: '#10001',
      date: '2026-11-30',
    })) as Json;
    assert.ok(fs1, 'the command returns the outcome');
    assert.equal(fs1.salesDocument.kind, 'FS');
    assert.equal(fs1.salesDocument.issueDate, '2026-11-30');
    assert.equal(fs1.salesDocument.number, 'FS/1/2026');

    const pa = (await vscode.commands.executeCommand('optimaSync.realizeInSandbox', folder, {
      order: '10002',
      date: '2026-12-01',
    })) as Json;
    assert.equal(pa.salesDocument.kind, 'PA');

    const again = (await vscode.commands.executeCommand('optimaSync.realizeInSandbox', folder, { order: '#10001' })) as Json;
    assert.equal(again.already, true);
    assert.equal(again.salesDocument.number, fs1.salesDocument.number);

    const rows = await sandboxRows(dir);
    assert.deepEqual(rows, [
      { number: 'RO/1/2026', realizedBy: 'FS/1/2026' },
      { number: 'PF/1/2026', realizedBy: 'PA/1/2026' },
      { number: 'FS/1/2026', realizedBy: null },
      { number: 'PA/1/2026', realizedBy: null },
    ]);
    // The lock was only taken for the change: a writer can open the state right away.
    const store = await openStateStore(dir, { now: testClock });
    await store.close();
  });

  test('"Realize order in sandbox ERP…" answered in its real QuickPick and InputBox', async () => {
    const dir = await seededDeployment('sandbox-pick');
    const running = vscode.commands.executeCommand<Json>('optimaSync.realizeInSandbox', vscode.Uri.file(dir));
    await waitForPrompt('document');
    // The QuickPick lists the unrealized RO/PF in order: take the second (PF/1/2026, a private buyer).
    await vscode.commands.executeCommand('quickInput.first');
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitForPrompt('date');
    // The date is pre-filled with today; accept it.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await running;
    assert.ok(outcome, 'the command returns the outcome');
    assert.equal(outcome.document.number, 'PF/1/2026');
    assert.equal(outcome.salesDocument.kind, 'PA');
    const rows = await sandboxRows(dir);
    assert.equal(rows.find((r) => r.number === 'PF/1/2026')?.realizedBy, outcome.salesDocument.number);
    assert.equal(rows.find((r) => r.number === 'RO/1/2026')?.realizedBy, null);
  });

  test('"Show sandbox ERP documents" opens the document and writes its sales-document PDF', async () => {
    const dir = await seededDeployment('sandbox-show');
    const folder = vscode.Uri.file(dir);
    await vscode.commands.executeCommand('optimaSync.realizeInSandbox', folder, { order: '#10001', date: '2026-11-30' });
    const shown = (await vscode.commands.executeCommand('optimaSync.showSandboxDocuments', folder, { document: '#10001' })) as Json;
    assert.ok(shown.pdfFile, 'a PDF was written');
    const bytes = await fs.readFile(shown.pdfFile);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(path.basename(shown.pdfFile), 'FS_1_2026.pdf');
    // A customer's document: in a folder of its own that only this user can open, the file only readable by them.
    const folderStat = await fs.stat(path.dirname(shown.pdfFile));
    assert.equal((folderStat.mode & 0o777).toString(8), '700');
    assert.equal(((await fs.stat(shown.pdfFile)).mode & 0o777).toString(8), '600');
    assert.match(path.basename(path.dirname(shown.pdfFile)), /^optima-sync-sandbox-\w{6}$/, 'a unique name, not a fixed shared folder');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the detail view is open');
    assert.equal(editor.document.uri.toString(), shown.detailUri);
    const text = editor.document.getText();
    assert.match(text, /RO RO\/1\/2026/);
    assert.match(text, /FS\/1\/2026/);
    assert.match(text, /Kawa ziarnista Świeżo Palona 1 kg/);
    assert.ok(text.includes(shown.pdfFile));
  });
  test('"Show sandbox ERP documents" shows the FS\'s state in KSeF and gives KSeF\'s answer: accept, or reject with a reason', async () => {
    const dir = await seededDeployment('sandbox-ksef');
    const folder = vscode.Uri.file(dir);
    await vscode.commands.executeCommand('optimaSync.realizeInSandbox', folder, { order: '#10001', date: '2026-11-30' });
    const waiting = (await vscode.commands.executeCommand('optimaSync.showSandboxDocuments', folder, { document: 'FS/1/2026' })) as Json;
    assert.equal(waiting.ksef.status, 'pending');
    assert.match(vscode.window.activeTextEditor!.document.getText(), /KSeF: waiting for its KSeF number/);

    const accepted = (await vscode.commands.executeCommand('optimaSync.showSandboxDocuments', folder, {
      document: 'FS/1/2026',
      ksef: 'accept',
    })) as Json;
    assert.equal(accepted.ksef.status, 'accepted');
    assert.ok(isValidKsefNumber(accepted.ksef.number), accepted.ksef.number);
    // The same detail view, whose content VS Code reads again after the change.
    const text = await until(() => {
      const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
      return shown.includes(`KSeF: accepted as ${accepted.ksef.number}`) && shown;
    }, 'the accepted state in the detail view');
    assert.ok(text.includes(accepted.ksef.verificationUrl), 'the KOD I link');

    const other = await seededDeployment('sandbox-ksef-reject');
    await vscode.commands.executeCommand('optimaSync.realizeInSandbox', vscode.Uri.file(other), { order: '#10001', date: '2026-11-30' });
    const rejected = (await vscode.commands.executeCommand('optimaSync.showSandboxDocuments', vscode.Uri.file(other), {
      document: '#10001',
      ksef: { reject: 'Duplikat faktury' },
    })) as Json;
    assert.deepEqual([rejected.ksef.status, rejected.ksef.reason], ['rejected', 'Duplikat faktury']);
    await until(
      () => /FS\/1\/2026: KSeF: rejected: Duplikat faktury/.test(vscode.window.activeTextEditor?.document.getText() ?? ''),
      'the rejection under the RO it realized',
    );
  });
});
