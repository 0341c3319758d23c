// The real-Optima commands inside a real VS Code: "Set ERP password…" keeps the password in SecretStorage
// (per deployment, never in the workspace); "Test ERP connection" uses it against a loopback server that
// speaks SQL Server's protocol and refuses the login as SQL Server does (error 18456), and explains it.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { createDefaultDeployment, settingsPath } from '../../../src/core/deployment/files';
import type { OptimaConnectionReport } from '../../../src/core/erp/optima/index';
import { startFakeTdsServer, type FakeTdsServer } from '../../fakes/tds-server';
import { extensionApi } from '../extension-api';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PASSWORD = 'Sekretne-Hasło-SQL-7';

async function makeDeployment(name: string, edit: (s: Json) => void): Promise<vscode.Uri> {
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const dir = path.join(root, name);
  await fs.rm(dir, { recursive: true, force: true });
  await createDefaultDeployment(dir);
  const settings = JSON.parse(await fs.readFile(settingsPath(dir), 'utf8')) as Json;
  edit(settings);
  await fs.writeFile(settingsPath(dir), JSON.stringify(settings, null, 2));
  return vscode.Uri.file(dir);
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await fs.readFile(file)).includes(needle)) found.push(file);
  }
  return found;
}

suite('Real Optima (ERP)', () => {
  let server: FakeTdsServer;
  suiteSetup(async () => {
    server = await startFakeTdsServer({
      encryption: 'NOT_SUP',
      loginError: { number: 18456, message: "Login failed for user 'optima_sync_ro'." },
    });
    await vscode.extensions.getExtension('optima-sync.optima-order-sync')?.activate();
  });
  suiteTeardown(async () => {
    await server.close();
  });

  test('the commands are in the manifest', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('optimaSync.setErpPassword'));
    assert.ok(commands.includes('optimaSync.testErpConnection'));
  });

  test('without a password the test says how to set one; with it, a refused login is explained', async () => {
    const folder = await makeDeployment('erp-optima', (s) => {
      s.erp.adapter = 'optima';
      s.erp.optima = { server: '127.0.0.1', port: server.port, database: 'CDN_Test', user: 'optima_sync_ro', encrypt: false };
    });
    const before = (await vscode.commands.executeCommand('optimaSync.testErpConnection', folder)) as OptimaConnectionReport;
    assert.equal(before.ok, false);
    assert.equal(before.problem?.problem, 'no-password');

    assert.equal(
      await vscode.commands.executeCommand('optimaSync.setErpPassword', folder, PASSWORD),
      false,
      'a password passed to the command is refused',
    );
    const api = await extensionApi();
    assert.equal(
      ((await vscode.commands.executeCommand('optimaSync.testErpConnection', folder)) as OptimaConnectionReport).problem?.problem,
      'no-password',
      'and not stored',
    );
    api.prompts.answer({ secret: PASSWORD });
    assert.equal(await vscode.commands.executeCommand('optimaSync.setErpPassword', folder), true);
    assert.equal(api.prompts.asked().at(-1)?.kind, 'secret');
    const report = (await vscode.commands.executeCommand('optimaSync.testErpConnection', folder)) as OptimaConnectionReport;
    assert.equal(report.ok, false);
    assert.equal(report.problem?.problem, 'login-failed');
    assert.match(report.problem?.message ?? '', /18456/);
    assert.ok(server.logins >= 1, 'the stored password was used to log in');
    assert.deepEqual(
      await filesContaining(vscode.workspace.workspaceFolders![0]!.uri.fsPath, PASSWORD),
      [],
      'the password is nowhere in the workspace',
    );
  });

  test('a sandbox deployment has no real ERP to test', async () => {
    const folder = await makeDeployment('erp-sandbox', () => {});
    const reply = (await vscode.commands.executeCommand('optimaSync.testErpConnection', folder)) as { ok: boolean; message: string };
    assert.equal(reply.ok, false);
    assert.match(reply.message, /sandbox ERP/);
  });
});
