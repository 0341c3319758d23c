// The demo's local mail catcher: on its usual port when free, on another one when that port is taken (by
// another demo, another program) — never an uncaught error that ends the process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startMailCatcher } from '../../../src/core/demo/mail-catcher';

describe('demo: the local mail catcher', () => {
  let dir: string;
  let blocker: Server | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mail-catcher-'));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes another port when the preferred one is in use, and still catches the message', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const catcher = await startMailCatcher(path.join(dir, 'outbox'), taken);
    try {
      assert.notEqual(catcher.port, taken);
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'sklep@example.pl', to: 'klient@example.pl', subject: 'Zamówienie', text: 'Dzień dobry' });
      transport.close();
      assert.equal(catcher.files.length, 1);
      assert.match(path.basename(catcher.files[0]!), /klient@example\.pl\.eml$/);
    } finally {
      await catcher.close();
    }
  });
});
