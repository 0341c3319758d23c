// The e-mail suite against a real Postfix 3.7 + Dovecot SASL on 127.0.0.1 (stage `postfix` of npm test, which
// trusts the test CA through NODE_EXTRA_CA_CERTS): every diagnosis here is what a real server really answers.
import assert from 'node:assert/strict';
import { createMailer, MailConfigurationError, SmtpError } from '../../../src/core/mail';
import { MemoryLogger } from '../../../src/core/log';
import type { Settings } from '../../../src/core/settings/types.generated';
import { POSTFIX_LOGIN, POSTFIX_PASSWORD, withPostfix } from '../../support/postfix';
import { smtpSettings } from './helpers';

const FAST = { connection: 3000, greeting: 1500, socket: 5000 };
let sequence = 0;
/** A message with a subject of its own, to find it among the delivered ones. */
const message = (to = 'jan.kowalski@example.com') => ({
  to,
  subject: `Zamówienie ZAM/${++sequence} – żółć`,
  html: '<p>Zażółć gęślą jaźń</p>',
});

describe('e-mail against a real Postfix + Dovecot (127.0.0.1)', function () {
  this.timeout(30_000);
  const postfix = withPostfix();
  const settings = (port: number, smtp: Partial<Settings['email']['smtp']> = {}, testMode?: Settings['email']['testMode']) =>
    smtpSettings(port, smtp, testMode);
  const login = { login: POSTFIX_LOGIN };

  async function failure(email: Settings['email'], password?: string): Promise<SmtpError> {
    const mailer = createMailer(email, { logger: new MemoryLogger(), password, timeoutsMs: FAST });
    try {
      await mailer.send(message());
    } catch (error) {
      return error as SmtpError;
    } finally {
      mailer.close();
    }
    throw new Error('the send did not fail');
  }

  it('port 25-style relay: delivered, Postfix adds its own X-Original-To', async () => {
    const mailer = createMailer(settings(postfix.server.ports.relay), { logger: new MemoryLogger() });
    const sent = message();
    const result = await mailer.send(sent);
    mailer.close();
    assert.match(result.response, /^250 2\.0\.0 Ok: queued as/);
    const delivered = await postfix.server.waitFor(sent.subject);
    assert.equal(delivered.mailbox, 'jan.kowalski@example.com');
    assert.equal(delivered.parsed.headers.get('x-original-to'), 'jan.kowalski@example.com');
  });

  it("test mode: the original recipient travels in the product's own header, not in Postfix's X-Original-To", async () => {
    const mailer = createMailer(settings(postfix.server.ports.relay, {}, { enabled: true, recipient: 'konsultant@example.pl' }), {
      logger: new MemoryLogger(),
    });
    const sent = message();
    const result = await mailer.send({ ...sent, cc: ['ksiegowosc@example.com'] });
    mailer.close();
    const delivered = await postfix.server.waitFor(result.subject);
    assert.equal(delivered.mailbox, 'konsultant@example.pl');
    assert.equal(delivered.parsed.headers.get('x-original-to'), 'konsultant@example.pl', "Postfix's header: the envelope recipient");
    assert.equal(delivered.parsed.headers.get('x-optima-sync-original-to'), 'jan.kowalski@example.com');
    assert.equal(delivered.parsed.headers.get('x-optima-sync-original-cc'), 'ksiegowosc@example.com');
    assert.equal(delivered.parsed.subject, `[TEST → jan.kowalski@example.com] ${sent.subject}`);
  });

  it('587 with SSL/TLS off: "530 Must issue a STARTTLS command first" means turn SSL/TLS on, not "set a login"', async () => {
    const error = await failure(settings(postfix.server.ports.submission, login), POSTFIX_PASSWORD);
    assert.equal(error.responseCode, 530);
    assert.match(error.detail, /530 5\.7\.0 Must issue a STARTTLS command first/);
    assert.match(error.message, /accepts mail only over an encrypted connection .*turn SSL\/TLS on/);
    assert.doesNotMatch(error.message, /set email\.smtp\.login/);
  });

  it('587 with STARTTLS and a trusted certificate: logs in through Dovecot and delivers', async () => {
    const logger = new MemoryLogger();
    const mailer = createMailer(settings(postfix.server.ports.submission, { ...login, host: 'localhost', tls: true }), {
      logger,
      password: POSTFIX_PASSWORD,
    });
    const sent = message();
    await mailer.send(sent);
    mailer.close();
    const delivered = await postfix.server.waitFor(sent.subject);
    assert.match(delivered.raw.toString('utf8'), /with ESMTPSA/, 'Postfix received it authenticated over TLS');
    assert.doesNotMatch(logger.text(), /\[warn\]/);
  });

  // Before the wrong password: Dovecot delays logins from an address that just failed one (its auth penalty).
  it('a sender the login does not own: 553, the advice about email.from', async () => {
    const email = settings(postfix.server.ports.submission, { ...login, tls: true });
    email.from = 'Obcy <obcy@example.com>';
    const error = await failure(email, POSTFIX_PASSWORD);
    assert.equal(error.responseCode, 553);
    assert.match(
      error.message,
      /refused the sender address \(553\): 553 5\.7\.1 <obcy@example\.com>: Sender address rejected: not owned by user sklep@example\.pl/,
    );
  });

  it('a wrong password: 535, the advice to set the password again', async () => {
    const error = await failure(settings(postfix.server.ports.submission, { ...login, tls: true }), 'Zle-Haslo-999');
    assert.equal(error.responseCode, 535);
    assert.match(error.message, /rejected the login "sklep@example\.pl" \(535\)/);
  });

  it('a server that does not relay for this computer: "554 Relay access denied" means a login is needed', async () => {
    const mailer = createMailer(settings(postfix.server.ports.noRelay), { logger: new MemoryLogger(), timeoutsMs: FAST });
    const error = await mailer.send(message('jan@example.net')).catch((e: unknown) => e as SmtpError);
    mailer.close();
    assert.ok(error instanceof SmtpError);
    assert.match(error.detail, /554 5\.7\.1 <jan@example\.net>: Relay access denied/);
    assert.match(error.message, /does not pass mail on from this computer without a login .*set email\.smtp\.login/);
    assert.match(mailer.halted ?? '', /without a login/, 'every message would hit it: the session stops');
  });

  it('a trusted certificate for other names: names them once, whole', async () => {
    const error = await failure(settings(postfix.server.ports.otherName, { ...login, tls: true }), POSTFIX_PASSWORD);
    assert.equal(
      error.message,
      'The certificate of 127.0.0.1 is trusted but issued for mail.optima-sync.test, smtp.optima-sync.test, not for 127.0.0.1. Set email.smtp.host to one of those names (if it is the same server), or ask the mail provider which name to use.',
    );
  });

  it('a self-signed certificate: not trusted; accepted with "ignore certificate errors", warned once per session', async () => {
    const refused = await failure(settings(postfix.server.ports.selfSigned, { ...login, tls: true }), POSTFIX_PASSWORD);
    assert.match(refused.message, /certificate of 127\.0\.0\.1 is not trusted \(self-signed certificate\)/);
    const before = (await postfix.server.delivered()).length;
    const logger = new MemoryLogger();
    const mailer = createMailer(settings(postfix.server.ports.selfSigned, { ...login, tls: true, ignoreCertificateErrors: true }), {
      logger,
      password: POSTFIX_PASSWORD,
    });
    for (let i = 0; i < 3; i++) await mailer.send(message(`klient${i}@example.com`));
    mailer.close();
    await postfix.server.waitForDelivered(before + 3);
    assert.equal(logger.text().match(/Certificate errors of 127\.0\.0\.1:\d+ are ignored/g)?.length, 1);
  });

  it('AUTH offered without TLS on loopback: sent, with a loud warning that the password went in clear', async () => {
    const logger = new MemoryLogger();
    const mailer = createMailer(settings(postfix.server.ports.plainAuth, login), { logger, password: POSTFIX_PASSWORD });
    const sent = message();
    await mailer.send(sent);
    mailer.close();
    await postfix.server.waitFor(sent.subject);
    assert.match(logger.text(), /\[warn\] The SMTP login and password go to 127\.0\.0\.1:\d+ unencrypted/);
  });

  it('the same login to a host that is not this computer is refused before connecting', async () => {
    const error = await failure(
      settings(postfix.server.ports.plainAuth, { ...login, host: 'smtp.example.invalid' }),
      POSTFIX_PASSWORD,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof MailConfigurationError);
    assert.match(error.message, /Nothing was sent: with SSL\/TLS off the SMTP password would go to smtp\.example\.invalid unencrypted/);
  });

  it('one mailer = one connection and one login for several messages', async () => {
    const log = postfix.server.log().length;
    const before = (await postfix.server.delivered()).length;
    const mailer = createMailer(settings(postfix.server.ports.submission, { ...login, tls: true }), {
      logger: new MemoryLogger(),
      password: POSTFIX_PASSWORD,
    });
    await Promise.all([0, 1, 2, 3].map((i) => mailer.send(message(`klient${i}@example.com`))));
    mailer.close();
    await postfix.server.waitForDelivered(before + 4);
    const lines = postfix.server.log().slice(log);
    assert.equal(lines.match(/smtpd\[\d+\]: connect from/g)?.length, 1, lines);
    assert.equal(lines.match(/sasl_method=/g)?.length, 4, 'four messages through the one authenticated session');
  });

  describe('implicit TLS on 127.0.0.1:465', () => {
    beforeEach(function () {
      if (!postfix.server.ports.smtps) this.skip();
    });

    it('SSL/TLS on: delivered', async () => {
      const mailer = createMailer(settings(465, { ...login, tls: true }), { logger: new MemoryLogger(), password: POSTFIX_PASSWORD });
      const sent = message();
      await mailer.send(sent);
      mailer.close();
      const delivered = await postfix.server.waitFor(sent.subject);
      assert.match(delivered.raw.toString('utf8'), /with ESMTPSA/);
    });

    it('SSL/TLS off: "port 465 expects SSL/TLS on"', async () => {
      const error = await failure(settings(465), undefined);
      assert.match(error.message, /port 465 expects SSL\/TLS on/);
    });
  });
});
