// E-mail inside a real VS Code: the preview opens beside a template file and follows its edits; template
// mistakes show as diagnostics at their line; "Send test e-mail…" delivers to a local smtp-server.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_TEMPLATE_FILES, defaultSettings } from '../../../src/core/settings/defaults';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { until } from '../wait';
import { extensionApi } from '../extension-api';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface PreviewReply {
  preview?: { subject: string; html: string; to: string[]; problems: Array<{ line: number; message: string }> };
}

function makeDeployment(name: string, edit: (s: Json) => void): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'the test workspace is open');
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  const settings = defaultSettings() as Json;
  edit(settings);
  writeFileSync(path.join(dir, 'optima-sync.json'), JSON.stringify(settings, null, 2) + '\n');
  for (const [relative, content] of Object.entries(DEFAULT_TEMPLATE_FILES)) writeFileSync(path.join(dir, relative), content);
  return vscode.Uri.file(dir);
}

suite('E-mail', () => {
  let server: TestSmtpServer;
  suiteSetup(async () => {
    server = await startSmtpServer({ tls: 'none' });
    await vscode.extensions.getExtension('optima-sync.optima-order-sync')?.activate();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server.close();
  });

  test('the preview opens beside a template file and follows its edits', async () => {
    const folder = makeDeployment('mail-preview', () => {});
    const template = vscode.Uri.joinPath(folder, 'templates', 'order-received.html');
    const document = await vscode.workspace.openTextDocument(template);
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);

    const reply = await vscode.commands.executeCommand<PreviewReply | undefined>('optimaSync.previewTemplate');
    assert.ok(reply?.preview, 'the command returns the rendered message');
    assert.equal(reply.preview.subject, '[TEST → zofia.wojcik@example.pl] Przyjęliśmy zamówienie ZAM/2026/10482');
    assert.deepEqual(reply.preview.to, ['konsultant@example.pl']);
    assert.match(reply.preview.html, /Dzień dobry Zofia Wójcik/);
    assert.equal('html' in reply, false, "the pane's page is not handed to callers");
    // The pane's own page (host-side HTML under a strict CSP, the message in a sandboxed frame): the tests' view.
    const pane = (await extensionApi()).inspect.mail.preview();
    assert.match(pane?.html ?? '', /Dzień dobry Zofia Wójcik/);
    assert.match(pane?.html ?? '', /Content-Security-Policy" content="default-src 'none'/);
    assert.match(pane?.html ?? '', /<iframe [^>]*sandbox=""/);

    // The tab model follows the workbench asynchronously.
    const previewTab = await until(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs.map((tab) => ({ group, tab })))
          .find(({ tab }) => String((tab.input as { viewType?: string } | undefined)?.viewType ?? '').includes('optimaSync.emailPreview')),
      'a preview tab',
    );
    assert.notEqual(previewTab.group.viewColumn, editor.viewColumn, 'the preview is beside the template, not over it');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), template.toString(), 'the template keeps the focus');

    // Edit the template (unsaved): the preview follows.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '<h1>Nowość: ZMIANA-4711</h1>\n'));
    await until(async () => {
      const state = (await extensionApi()).inspect.mail.preview();
      return state?.html?.includes('ZMIANA-4711') ? state : undefined;
    }, 'the preview to show the edit');

    // A typo shows inline in the preview and as a diagnostic at its line.
    await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), '{{ buyer.nazwisko }}\n'));
    const broken = await until(async () => {
      const state = (await extensionApi()).inspect.mail.preview();
      return state?.preview?.problems.length ? state : undefined;
    }, 'the preview to show the template problem');
    assert.match(broken.html ?? '', /Unknown variable (&quot;|")buyer\.nazwisko/);
    const diagnostics = await until(() => {
      const found = vscode.languages.getDiagnostics(template).filter((d) => d.source === 'optima-sync templates');
      return found.length ? found : undefined;
    }, 'a template diagnostic');
    assert.equal(diagnostics[0]!.range.start.line, 1);
    assert.match(diagnostics[0]!.message, /buyer\.nazwisko/);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // Completions of the documented variables inside {{ … }}.
    const line = document.lineCount - 1;
    await editor.edit((builder) => builder.insert(new vscode.Position(line, 0), '{{ buyer.'));
    const completions = (await vscode.commands.executeCommand(
      'vscode.executeCompletionItemProvider',
      template,
      new vscode.Position(line, '{{ buyer.'.length),
      '.',
    )) as vscode.CompletionList;
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const expected of ['name', 'taxId', 'email', 'shippingAddress'])
      assert.ok(labels.includes(expected), `completion ${expected} in ${labels.slice(0, 30).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('"Send test e-mail…" delivers to a local smtp-server (test mode on)', async () => {
    const folder = makeDeployment('mail-send', (s) => {
      s.email.smtp = { host: '127.0.0.1', port: server.port, login: '', tls: false, ignoreCertificateErrors: false };
    });
    const result = (await vscode.commands.executeCommand('optimaSync.sendTestEmail', folder, {
      to: 'wlasciciel@example.pl',
      template: 'order-realized',
    })) as { ok: boolean; message: string; response?: string };
    assert.ok(result, 'the command returns its result');
    assert.equal(result.ok, true, result.message);
    assert.match(result.response ?? '', /^250 /);
    const [message] = await server.waitForMessages(1);
    assert.deepEqual(message!.envelope.to, ['konsultant@example.pl']);
    assert.equal(
      message!.parsed.subject,
      '[TEST → wlasciciel@example.pl] [Test e-mail] Zamówienie ZAM/2026/10482 zrealizowane – FS FS/3/2026',
    );
    assert.match(String(message!.parsed.html), /FS\/3\/2026/);
  });

  test('"Send test e-mail…" defaults to the template open in the editor', async () => {
    const folder = makeDeployment('mail-default-template', (s) => {
      s.email.smtp = { host: '127.0.0.1', port: server.port, login: '', tls: false, ignoreCertificateErrors: false };
    });
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'templates', 'order-realized.html'));
    const before = server.messages.length;
    const result = (await vscode.commands.executeCommand('optimaSync.sendTestEmail', folder, { to: 'wlasciciel@example.pl' })) as {
      ok: boolean;
      message: string;
    };
    assert.equal(result.ok, true, result.message);
    const messages = await server.waitForMessages(before + 1);
    assert.match(
      messages.at(-1)!.parsed.subject ?? '',
      /zrealizowane – FS FS\/3\/2026$/,
      'the template of the active editor, not the default one',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a failed test e-mail is explained (connection refused)', async () => {
    const folder = makeDeployment('mail-refused', (s) => {
      s.email.smtp = { host: '127.0.0.1', port: 1, login: '', tls: false, ignoreCertificateErrors: false };
    });
    const result = (await vscode.commands.executeCommand('optimaSync.sendTestEmail', folder, { to: 'a@example.pl' })) as {
      ok: boolean;
      message: string;
    };
    assert.equal(result.ok, false);
    assert.match(result.message, /refused the connection on port 1/);
  });
});
