// Definite or uncertain, the order's or the server's: what each way an SMTP delivery can fail means for the
// customer. A message whose final dot went out with no answer may be in the customer's inbox (uncertain);
// anything the server refused, or a message it never got whole, is definite.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { createMailer, SmtpError } from '../../../src/core/mail';
import { type Logger, MemoryLogger } from '../../../src/core/log';
import { outcomeOf, scopeOf } from '../../../src/core/outcome';
import { startFaultySmtpServer, type FaultySmtpServer } from '../../support/faulty-smtp';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { smtpSettings } from './helpers';

const FAST = { connection: 2000, greeting: 2000, socket: 1500 };
const FAULTY_CHILD = path.join(__dirname, '..', '..', 'support', 'faulty-smtp-child.ts');
// A body larger than the stream buffers, so "handed over whole" and "dropped half-way" are different moments.
const message = (to = 'jan@example.com') => ({
  to,
  subject: 'Zamówienie ZAM/1',
  html: `<p>${'Dziękujemy za zamówienie. '.repeat(4000)}</p>`,
});

async function failureOf(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SmtpError, String(error));
    return error;
  }
  assert.fail('the send succeeded');
}

describe('mail: definite and uncertain failures', () => {
  let faulty: FaultySmtpServer | undefined;
  let server: TestSmtpServer | undefined;
  afterEach(async () => {
    await faulty?.close();
    await server?.close();
    faulty = undefined;
    server = undefined;
  });

  it("the server takes the whole message and drops the connection before 250: uncertain, the server's, sending stops", async () => {
    faulty = await startFaultySmtpServer({ afterData: () => 'drop' });
    const mailer = createMailer(smtpSettings(faulty.port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    const error = await failureOf(mailer.send(message()));
    mailer.close();
    assert.equal(faulty.messages.length, 1, 'the message arrived whole');
    assert.deepEqual([outcomeOf(error), scopeOf(error)], ['uncertain', 'server']);
    assert.match(error.message, /the customer may have it/);
    assert.equal(await mailer.claim(), false, 'no second message goes to a server that drops them');
  });

  it('no answer after the final dot (a reply lost in time): uncertain', async () => {
    faulty = await startFaultySmtpServer({ afterData: () => 'silence' });
    const mailer = createMailer(smtpSettings(faulty.port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    const error = await failureOf(mailer.send(message()));
    mailer.close();
    assert.equal(faulty.messages.length, 1);
    assert.equal(outcomeOf(error), 'uncertain');
  });

  it('the connection drops before the client could hand the whole message over: definite (an unfinished DATA is discarded)', async () => {
    // The server in its own process, as on a real network: it drops the connection after 64 KiB of the body.
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', FAULTY_CHILD, 'drop-during-data', String(64 * 1024)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const found = /port (\d+)/.exec(chunk.toString());
          if (found) resolve(Number(found[1]));
        });
        child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      });
      const mailer = createMailer(smtpSettings(port), { logger: new MemoryLogger(), timeoutsMs: FAST });
      // Larger than what the socket takes at once, so the rest is still unsent when the connection drops.
      const attachment = { filename: 'FS_1_2026.pdf', content: new Uint8Array(16 * 1024 * 1024).fill(37), contentType: 'application/pdf' };
      const error = await failureOf(mailer.send({ ...message(), attachments: [attachment] }));
      mailer.close();
      assert.deepEqual([outcomeOf(error), scopeOf(error)], ['definite', 'server']);
    } finally {
      child.kill();
    }
  });

  it("a refused recipient is definite and the order's; a rejected login and a refused connection are definite and the server's", async () => {
    server = await startSmtpServer({
      tls: 'none',
      auth: { user: 'sklep@example.pl', pass: 'dobre' },
      refuseRecipients: { 'zly@example.com': '550 5.1.1 <zly@example.com>: Recipient address rejected: User unknown' },
    });
    const good = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), {
      logger: new MemoryLogger(),
      password: 'dobre',
      timeoutsMs: FAST,
    });
    const refused = await failureOf(good.send(message('zly@example.com')));
    good.close();
    assert.deepEqual([outcomeOf(refused), scopeOf(refused)], ['definite', 'order']);

    const wrong = createMailer(smtpSettings(server.port, { login: 'sklep@example.pl' }), {
      logger: new MemoryLogger(),
      password: 'zle',
      timeoutsMs: FAST,
    });
    const login = await failureOf(wrong.send(message()));
    wrong.close();
    assert.deepEqual([outcomeOf(login), scopeOf(login)], ['definite', 'server']);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = createMailer(smtpSettings(port), { logger: new MemoryLogger(), timeoutsMs: FAST });
    const refusedConnection = await failureOf(nowhere.send(message()));
    nowhere.close();
    assert.deepEqual([outcomeOf(refusedConnection), scopeOf(refusedConnection)], ['definite', 'server']);
    assert.equal(server.messages.length, 0);
  });

  it('a log line that cannot be written after a delivered e-mail does not make it a failure', async () => {
    server = await startSmtpServer({ tls: 'none' });
    const brokenDisk: Logger = {
      trace() {},
      debug() {},
      warn() {},
      error() {},
      info() {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const mailer = createMailer(smtpSettings(server.port), { logger: brokenDisk, timeoutsMs: FAST });
    const sent = await mailer.send(message());
    mailer.close();
    assert.deepEqual(sent.accepted, ['jan@example.com']);
    assert.equal(server.messages.length, 1);
  });
});
