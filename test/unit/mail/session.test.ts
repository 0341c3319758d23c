// One mailer = one session (a pass): warnings once, a stop after a failure every message would hit, plain-text
// logins refused to other hosts, and the diagnoses a real server cannot be made to give on loopback.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { createMailer, isLoopbackHost, MailConfigurationError, MailHaltedError, SmtpError } from '../../../src/core/mail';
import { MemoryLogger } from '../../../src/core/log';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { validateSettingsText } from '../../../src/core/settings/validate';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { smtpSettings } from './helpers';

const FAST = { connection: 3000, greeting: 1500, socket: 5000 };
const message = (to = 'jan@example.com') => ({ to, subject: 'Zamówienie', html: '<p>x</p>' });

describe('mail session (one per pass)', () => {
  let server: TestSmtpServer | undefined;
  let tcp: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    tcp?.close();
    tcp = undefined;
  });

  it('warns about ignored certificate errors once per session, not once per message', async () => {
    server = await startSmtpServer({ tls: 'starttls' });
    const logger = new MemoryLogger();
    const mailer = createMailer(smtpSettings(server.port, { tls: true, ignoreCertificateErrors: true }), { logger });
    for (let i = 0; i < 3; i++) await mailer.send(message(`klient${i}@example.com`));
    mailer.close();
    assert.equal(server.messages.length, 3);
    assert.equal(logger.text().match(/Certificate errors of 127\.0\.0\.1:\d+ are ignored/g)?.length, 1);
  });

  it('after a rejected login: no further attempt, e-mails left unsent, said once', async () => {
    server = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: 'dobre' } });
    const logger = new MemoryLogger();
    const mailer = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), { logger, password: 'zle', timeoutsMs: FAST });
    const first = await mailer.claim();
    assert.ok(first);
    await assert.rejects(mailer.send(message()), SmtpError);
    first();
    assert.match(mailer.halted ?? '', /rejected the login/);
    assert.equal(await mailer.claim(), false);
    assert.equal(await mailer.claim(), false);
    await assert.rejects(mailer.send(message()), MailHaltedError);
    mailer.close();
    assert.equal(logger.text().match(/stopped for the rest of this pass/g)?.length, 1);
  });

  it('a refused recipient concerns that message only: the session goes on', async () => {
    server = await startSmtpServer({
      tls: 'none',
      refuseRecipients: { 'zly@example.com': '550 5.1.1 <zly@example.com>: Recipient address rejected: User unknown' },
    });
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mailer.send(message('zly@example.com')), /refused a recipient \(550\)/);
    assert.equal(mailer.halted, undefined);
    await mailer.send(message('dobry@example.com'));
    mailer.close();
    assert.equal(server.messages.length, 1);
  });

  it('explains Postfix\'s "Relay access denied" as a missing login', async () => {
    server = await startSmtpServer({
      tls: 'none',
      refuseRecipients: { 'jan@example.com': '554 5.7.1 <jan@example.com>: Relay access denied' },
    });
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mailer.send(message()), /does not pass mail on from this computer without a login .*set email\.smtp\.login/);
    mailer.close();
  });

  it('says "not an SMTP port" to a server that greets like IMAP', async () => {
    tcp = createServer((socket) =>
      socket.write(
        '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n',
      ),
    );
    await new Promise<void>((resolve) => tcp!.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as { port: number }).port;
    const mailer = createMailer(smtpSettings(port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mailer.send(message()), (error: SmtpError) => {
      assert.match(
        error.message,
        new RegExp(`127\\.0\\.0\\.1:${port} is not an SMTP port: it greeted with "\\* OK \\[CAPABILITY IMAP4rev1`),
      );
      return true;
    });
    mailer.close();
  });

  it('refuses a login with SSL/TLS off to another host before connecting; allows it when the settings say so', async () => {
    const refused = createMailer(smtpSettings(25, { host: 'smtp.example.invalid', login: 'sklep@example.pl' }), {
      logger: new MemoryLogger(),
      password: 'x',
    });
    await assert.rejects(
      refused.send(message()),
      (error: Error) => error instanceof MailConfigurationError && /would go to smtp\.example\.invalid unencrypted/.test(error.message),
    );
    // Allowed: it goes on to connect (and fails on the name, which proves the refusal is gone).
    const logger = new MemoryLogger();
    const allowed = createMailer(
      smtpSettings(25, { host: 'smtp.example.invalid', login: 'sklep@example.pl', allowUnencryptedLogin: true }),
      { logger, password: 'x', timeoutsMs: FAST },
    );
    await assert.rejects(allowed.send(message()), /cannot be found \(DNS\)/);
    assert.match(logger.text(), /\[warn\] The SMTP login and password go to smtp\.example\.invalid:25 unencrypted/);
  });

  it('knows which hosts are this computer', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['smtp.example.pl', '10.0.0.1', '128.0.0.1', 'localhost.example.pl', '']) assert.ok(!isLoopbackHost(host), host);
  });

  it('validation warns about a login with SSL/TLS off, saying when sending is refused', () => {
    const problems = (smtp: Record<string, unknown>) => {
      const json = defaultSettings() as { email: { smtp: Record<string, unknown> } };
      Object.assign(json.email.smtp, smtp);
      const result = validateSettingsText(JSON.stringify(json, null, 2), 'optima-sync.json');
      assert.ok(result.settings, 'warnings never block');
      return result.problems.map((p) => [p.severity, p.code, p.message]);
    };
    assert.deepEqual(problems({ login: '', tls: false }), []);
    assert.deepEqual(problems({ login: 'sklep@example.pl', tls: true }), []);
    const [refused] = problems({ host: 'smtp.example.pl', login: 'sklep@example.pl', tls: false });
    assert.deepEqual(refused!.slice(0, 2), ['warning', 'plain-text-login-refused']);
    assert.match(String(refused![2]), /unencrypted to smtp\.example\.pl, so sending is refused/);
    const [local] = problems({ host: 'localhost', login: 'sklep@example.pl', tls: false });
    assert.deepEqual(local!.slice(0, 2), ['warning', 'plain-text-login']);
    const [allowed] = problems({ host: 'smtp.example.pl', login: 'sklep@example.pl', tls: false, allowUnencryptedLogin: true });
    assert.deepEqual(allowed!.slice(0, 2), ['warning', 'plain-text-login']);
  });
});
