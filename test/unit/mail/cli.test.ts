import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createErpGateway } from '../../../src/core/erp';
import { SAMPLE_ORDER } from '../../../src/core/mail';
import { openStateStore } from '../../../src/core/state';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { deploymentFolder } from './helpers';
import { cli } from '../../support/cli';
import { testClock } from '../../support/clock';

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  const result = await cli(args, { env, cwd });
  return { code: result.code, out: result.stdout, err: result.stderr };
}

describe('CLI: test-email, preview, validate with templates', () => {
  let server: TestSmtpServer;
  beforeEach(async () => {
    server = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: 'Hasło-SMTP-42' } });
  });
  afterEach(async () => {
    await server.close();
  });

  const withServer = (port: number, testMode: boolean) =>
    deploymentFolder((s) => {
      s.email.smtp = { host: '127.0.0.1', port, login: 'sklep@example.pl', tls: false, ignoreCertificateErrors: false };
      s.email.testMode = { enabled: testMode, recipient: 'konsultant@example.pl' };
    });

  it('test-email sends the sample order with the password from OPTIMA_SYNC_SMTP_PASSWORD and reports the answer', async () => {
    const { dir } = withServer(server.port, false);
    const result = await run(['test-email', '--dir', dir, '--to', 'wlasciciel@example.pl', '--template', 'order-realized'], {
      OPTIMA_SYNC_SMTP_PASSWORD: 'Hasło-SMTP-42',
    });
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /accepted for wlasciciel@example\.pl\. Server answer: 250 OK: queued/);
    const mail = server.messages[0]!;
    assert.deepEqual(mail.envelope.to, ['wlasciciel@example.pl']);
    assert.equal(mail.parsed.subject, '[Test e-mail] Zamówienie ZAM/2026/10482 zrealizowane – FS FS/3/2026');
    assert.match(String(mail.parsed.html), /Zofia Wójcik/);
  });

  it('test-email in test mode goes to the test recipient; without the password it says how to set it', async () => {
    const { dir } = withServer(server.port, true);
    const missing = await run(['test-email', '--dir', dir, '--to', 'wlasciciel@example.pl']);
    assert.equal(missing.code, 1);
    assert.match(missing.out, /OPTIMA_SYNC_SMTP_PASSWORD/);
    const sent = await run(['test-email', '--dir', dir, '--to', 'wlasciciel@example.pl'], { OPTIMA_SYNC_SMTP_PASSWORD: 'Hasło-SMTP-42' });
    assert.equal(sent.code, 0, sent.err);
    assert.deepEqual(server.messages[0]!.envelope.to, ['konsultant@example.pl']);
    assert.match(server.messages[0]!.parsed.subject ?? '', /^\[TEST → wlasciciel@example\.pl\] \[Test e-mail\] Przyjęliśmy/);
  });

  it('test-email with a wrong password: exit 1, diagnosis, and the password nowhere in the output', async () => {
    const { dir } = withServer(server.port, false);
    const wrong = 'Zle-haslo-XYZ';
    const result = await run(['test-email', '--dir', dir, '--to', 'a@example.pl', '--json'], { OPTIMA_SYNC_SMTP_PASSWORD: wrong });
    assert.equal(result.code, 1);
    assert.match(JSON.parse(result.out).error, /rejected the login "sklep@example\.pl" \(535\)/);
    assert.ok(!(result.out + result.err).includes(wrong));
    assert.ok(!(result.out + result.err).includes(Buffer.from(wrong).toString('base64')));
  });

  it('test-email without --to is a usage error (exit 2)', async () => {
    const { dir } = withServer(server.port, false);
    assert.equal((await run(['test-email', '--dir', dir])).code, 2);
  });

  it('preview prints sender, recipients after test mode, subject, attachment, and writes the HTML', async () => {
    const { dir } = withServer(server.port, true);
    const out = path.join(dir, 'preview.html');
    const result = await run(['preview', '--dir', dir, '--template', 'order-realized', '--out', out]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /To: konsultant@example\.pl \(test mode; the customer is zofia\.wojcik@example\.pl\)/);
    assert.match(result.out, /Subject: \[TEST → zofia\.wojcik@example\.pl\] Zamówienie ZAM\/2026\/10482 zrealizowane/);
    assert.match(result.out, /Attachments: FS_3_2026\.pdf/);
    assert.match(readFileSync(out, 'utf8'), /<strong>FS\/3\/2026<\/strong>/);
  });

  it('validate appends template problems as file:line:col: message and exits 1', async () => {
    const { dir } = withServer(server.port, true);
    writeFileSync(path.join(dir, 'templates/order-received.html'), '<p>\n{{ buyer.imie }}</p>');
    const result = await run(['validate', '--dir', dir], {}, dir);
    assert.equal(result.code, 1);
    assert.match(result.out, /^templates\/order-received\.html:2:4: Unknown variable "buyer\.imie"/m);
  });

  it('preview --order renders a stored, realized order with its real sales-document PDF as attachment', async () => {
    const { dir, settings } = withServer(server.port, false);
    const order = {
      ...SAMPLE_ORDER,
      id: '777',
      number: 'ZAM/777',
      buyer: { ...SAMPLE_ORDER.buyer, name: 'Jerzy Żółkiewski', email: 'jerzy@example.pl' },
    };
    const store = await openStateStore(dir, { now: testClock });
    try {
      store.upsertOrder(order, new Date('2026-11-28T10:00:00Z'));
      const erp = await createErpGateway(settings, store, { now: testClock });
      const document = await erp.importOrder(order, 'RO');
      const sales = await erp.realize!(document, order, '2026-11-28');
      store.recordErpDocument(order.platform, order.id, document);
      store.recordSalesDocument(order.platform, order.id, sales);
    } finally {
      await store.close();
    }
    const out = path.join(dir, 'stored.html');
    const result = await run(['preview', '--dir', dir, '--template', 'order-realized', '--order', '777', '--out', out]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /To: jerzy@example\.pl/);
    const attachment = /Attachments: (FS_\S+\.pdf) \((\d+) B\)/.exec(result.out);
    assert.ok(attachment, result.out);
    assert.ok(Number(attachment[2]) > 1000, 'a real PDF');
    assert.match(readFileSync(out, 'utf8'), /Jerzy Żółkiewski/);
    assert.equal((await run(['preview', '--dir', dir, '--template', 'order-realized', '--order', 'nope'])).code, 1);
  });
});
