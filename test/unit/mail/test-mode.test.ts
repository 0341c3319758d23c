import assert from 'node:assert/strict';
import { createMailer, plannedRecipients } from '../../../src/core/mail';
import { MemoryLogger } from '../../../src/core/log';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { smtpSettings } from './helpers';

const addresses = (list: unknown): string[] => {
  const values = (Array.isArray(list) ? list : list ? [list] : []) as Array<{ value: Array<{ address?: string }> }>;
  return values.flatMap((entry) => entry.value.map((v) => v.address ?? ''));
};

describe('mail test mode (the one place mail leaves)', () => {
  let server: TestSmtpServer;
  beforeEach(async () => {
    server = await startSmtpServer({ tls: 'none' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('rewrites To, Cc and Bcc to the test recipient and keeps the original in the subject and headers', async () => {
    const email = smtpSettings(server.port, {}, { enabled: true, recipient: 'konsultant@example.pl' });
    const mailer = createMailer(email, { logger: new MemoryLogger() });
    const result = await mailer.send({
      to: 'jan@example.com',
      cc: ['ksiegowosc@example.com'],
      bcc: ['archiwum@example.com'],
      subject: 'Zamówienie ZAM/7',
      html: '<p>x</p>',
    });
    mailer.close();
    const received = server.messages[0]!;
    assert.deepEqual(received.envelope.to, ['konsultant@example.pl']);
    assert.deepEqual(addresses(received.parsed.to), ['konsultant@example.pl']);
    assert.equal(received.parsed.cc, undefined);
    assert.ok(!received.raw.toString('utf8').includes('ksiegowosc@example.com\r\nTo'), 'no Cc header with the customer');
    assert.equal(received.parsed.subject, '[TEST → jan@example.com] Zamówienie ZAM/7');
    assert.equal(received.parsed.headers.get('x-optima-sync-original-to'), 'jan@example.com');
    assert.equal(received.parsed.headers.get('x-optima-sync-original-cc'), 'ksiegowosc@example.com');
    assert.equal(received.parsed.headers.get('x-optima-sync-original-bcc'), 'archiwum@example.com');
    assert.equal(result.testMode, true);
    assert.deepEqual(result.originalRecipients, ['jan@example.com', 'ksiegowosc@example.com', 'archiwum@example.com']);
    assert.deepEqual(result.accepted, ['konsultant@example.pl']);
  });

  it('delivers to the customer (and Cc, Bcc) when test mode is off', async () => {
    const email = smtpSettings(server.port, {}, { enabled: false });
    const mailer = createMailer(email, { logger: new MemoryLogger() });
    const result = await mailer.send({
      to: 'jan@example.com',
      cc: ['cc@example.com'],
      bcc: ['bcc@example.com'],
      subject: 'Zamówienie',
      html: '<p>x</p>',
    });
    mailer.close();
    const received = server.messages[0]!;
    assert.deepEqual(received.envelope.to.sort(), ['bcc@example.com', 'cc@example.com', 'jan@example.com']);
    assert.deepEqual(addresses(received.parsed.to), ['jan@example.com']);
    assert.deepEqual(addresses(received.parsed.cc), ['cc@example.com']);
    assert.equal(received.parsed.subject, 'Zamówienie');
    assert.equal(received.parsed.headers.get('x-optima-sync-original-to'), undefined);
    assert.equal(received.parsed.headers.has('bcc'), false);
    assert.equal(result.testMode, false);
  });

  it('never sends when test mode is on without a recipient', async () => {
    const email = smtpSettings(server.port, {}, { enabled: true, recipient: 'konsultant@example.pl' });
    email.testMode.recipient = '';
    const mailer = createMailer(email, { logger: new MemoryLogger() });
    await assert.rejects(mailer.send({ to: 'jan@example.com', subject: 's', html: 'h' }), /no test recipient/);
    mailer.close();
    assert.equal(server.messages.length, 0);
  });

  it('plannedRecipients shows the dry-run plan the same way', () => {
    const on = smtpSettings(25, {}, { enabled: true, recipient: 'konsultant@example.pl' });
    assert.deepEqual(plannedRecipients(on, 'jan@example.com', ['a@example.com'], ['b@example.com']), {
      to: ['konsultant@example.pl'],
      cc: [],
      bcc: [],
      redirected: true,
      subjectPrefix: '[TEST → jan@example.com] ',
      original: { to: ['jan@example.com'], cc: ['a@example.com'], bcc: ['b@example.com'] },
    });
    const off = smtpSettings(25, {}, { enabled: false });
    assert.deepEqual(plannedRecipients(off, 'jan@example.com').to, ['jan@example.com']);
    assert.equal(plannedRecipients(off, 'jan@example.com').redirected, false);
  });
});
