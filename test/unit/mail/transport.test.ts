import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { createMailer, SmtpError } from '../../../src/core/mail';
import { MemoryLogger, SecretRegistry } from '../../../src/core/log';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { smtpSettings } from './helpers';

const message = { to: 'jan.kowalski@example.com', subject: 'Zamówienie ZAM/1 – żółć', html: '<p>Zażółć gęślą jaźń</p>' };
const FAST = { connection: 3000, greeting: 1500, socket: 5000 };

describe('mail transport (real smtp-server on 127.0.0.1)', () => {
  let server: TestSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends in plain mode', async () => {
    server = await startSmtpServer({ tls: 'none' });
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger() });
    const result = await mailer.send(message);
    mailer.close();
    assert.deepEqual(result.accepted, ['jan.kowalski@example.com']);
    assert.match(result.response, /OK: queued/);
    assert.equal(server.messages[0]!.parsed.subject, message.subject);
  });

  it('sends with STARTTLS (SSL/TLS on, port other than 465) when the certificate is accepted', async () => {
    server = await startSmtpServer({ tls: 'starttls' });
    const logger = new MemoryLogger();
    const mailer = createMailer(smtpSettings(server.port, { tls: true, ignoreCertificateErrors: true }), { logger });
    await mailer.send(message);
    mailer.close();
    assert.equal(server.messages.length, 1);
    assert.match(logger.text(), /\[warn\].*Certificate errors of 127\.0\.0\.1:\d+ are ignored/);
  });

  it('refuses the self-signed certificate without "ignore certificate errors", with a diagnosis', async () => {
    server = await startSmtpServer({ tls: 'starttls' });
    const email = smtpSettings(server.port, { tls: true });
    const mailer = createMailer(email, { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mailer.send(message), (error: SmtpError) => {
      assert.match(error.message, /certificate of 127\.0\.0\.1 is not trusted/);
      assert.match(error.message, /Ignore certificate errors/);
      return true;
    });
    mailer.close();
    assert.equal(server.messages.length, 0);
  });

  describe('implicit TLS (SSL/TLS on + port 465)', () => {
    // Implicit TLS is chosen by the port number, so these tests need 127.0.0.1:465 (the CI runs as root).
    beforeEach(async function () {
      try {
        server = await startSmtpServer({ tls: 'implicit', port: 465 });
      } catch (error) {
        this.skip(); // port 465 is taken or not bindable here: nothing to test against
        throw error;
      }
    });

    it('delivers over TLS from the first byte when the certificate is accepted', async () => {
      const mailer = createMailer(smtpSettings(465, { tls: true, ignoreCertificateErrors: true }), {
        logger: new MemoryLogger(),
        timeoutsMs: FAST,
      });
      await mailer.send(message);
      mailer.close();
      assert.equal(server!.messages.length, 1);
    });

    it('refuses the self-signed certificate without the ignore flag', async () => {
      const mailer = createMailer(smtpSettings(465, { tls: true }), { logger: new MemoryLogger(), timeoutsMs: FAST });
      await assert.rejects(mailer.send(message), /certificate of 127\.0\.0\.1 is not trusted/);
      mailer.close();
      assert.equal(server!.messages.length, 0);
    });

    it('explains "port 465 expects SSL/TLS on" when SSL/TLS is off', async () => {
      const mailer = createMailer(smtpSettings(465, { tls: false }), { logger: new MemoryLogger(), timeoutsMs: FAST });
      await assert.rejects(mailer.send(message), /port 465 expects SSL\/TLS on/);
      mailer.close();
      assert.equal(server!.messages.length, 0);
    });
  });

  it('explains a TLS mismatch when STARTTLS settings meet an implicit-TLS server', async () => {
    server = await startSmtpServer({ tls: 'implicit' });
    const mailer = createMailer(smtpSettings(server.port, { tls: true, ignoreCertificateErrors: true }), {
      logger: new MemoryLogger(),
      timeoutsMs: FAST,
    });
    await assert.rejects(mailer.send(message), (error: SmtpError) => {
      assert.match(error.message, /SSL\/TLS from the first byte \(port 465: turn SSL\/TLS on\)|closed the connection/);
      return true;
    });
    mailer.close();
    assert.equal(server.messages.length, 0);
  });

  it('fails when STARTTLS is required (SSL/TLS on) but the server does not offer it', async () => {
    server = await startSmtpServer({ tls: 'none' });
    const mailer = createMailer(smtpSettings(server.port, { tls: true }), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mailer.send(message), (error: SmtpError) => {
      assert.match(error.message, /does not offer STARTTLS/);
      return true;
    });
    mailer.close();
    assert.equal(server.messages.length, 0);
  });

  it('logs in with the right password and explains a rejected one (535) without showing it', async () => {
    const password = 'Tajne-Hasło-123!';
    server = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: password } });
    const logger = new MemoryLogger();
    const secrets = new SecretRegistry();
    const good = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), { logger, password, secrets });
    await good.send(message);
    good.close();
    assert.equal(server.messages[0]!.user, 'sklep@example.pl');

    const wrong = 'Zle-Haslo-999';
    const bad = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), {
      logger,
      password: wrong,
      secrets,
      timeoutsMs: FAST,
    });
    let caught: SmtpError | undefined;
    await bad.send(message).catch((error: SmtpError) => {
      caught = error;
    });
    bad.close();
    assert.ok(caught instanceof SmtpError);
    assert.match(caught.message, /rejected the login "sklep@example\.pl" \(535\)/);
    assert.match(caught.message, /Set SMTP password/);
    const everything = `${logger.text()}\n${caught.message}\n${caught.detail}\n${caught.stack}`;
    for (const secret of [password, wrong, Buffer.from(password).toString('base64'), Buffer.from(wrong).toString('base64')]) {
      assert.ok(!everything.includes(secret), `secret leaked: ${secret}`);
    }
    assert.equal(server.messages.length, 1);
  });

  it('verify() checks connection and login without sending', async () => {
    server = await startSmtpServer({ tls: 'none', auth: { user: 'sklep@example.pl', pass: 'dobre-haslo' } });
    const ok = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), {
      logger: new MemoryLogger(),
      password: 'dobre-haslo',
    });
    await ok.verify();
    ok.close();
    const bad = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), {
      logger: new MemoryLogger(),
      password: 'zle-haslo',
      timeoutsMs: FAST,
    });
    await assert.rejects(bad.verify(), /rejected the login "sklep@example\.pl" \(535\)/);
    bad.close();
    assert.equal(server.messages.length, 0);
  });

  it('says how to set the password when a login is set and no password is given', async () => {
    server = await startSmtpServer({ tls: 'none', auth: { user: 'u', pass: 'p' } });
    const mailer = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), { logger: new MemoryLogger() });
    await assert.rejects(mailer.send(message), /Set SMTP password….*OPTIMA_SYNC_SMTP_PASSWORD/s);
    assert.equal(server.messages.length, 0);
  });

  it('explains a refused sender', async () => {
    server = await startSmtpServer({ tls: 'none', refuseSenders: ['sklep@example.pl'] });
    const mailer = createMailer(smtpSettings(server.port), { logger: new MemoryLogger() });
    await assert.rejects(mailer.send(message), /refused the sender address \(553\)/);
    mailer.close();
  });

  it('explains a refused connection and a silent port', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = createMailer(smtpSettings(closedPort), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(refused.send(message), /refused the connection on port \d+: nothing listens there/);

    // A TCP server that never greets (like an implicit-TLS port spoken to in plain text).
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    const mute = createMailer(smtpSettings(silentPort), { logger: new MemoryLogger(), timeoutsMs: FAST });
    await assert.rejects(mute.send(message), /sent no SMTP greeting|No answer from/);
    mute.close();
    silent.close();
  });
});
