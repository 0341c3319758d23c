import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { runDemo } from '../../../src/core/demo/run-demo';
import { MemoryLogger } from '../../../src/core/log';
import { parsePdf } from '../../support/pdf-text';
import { testClock } from '../../support/clock';

describe('the demo (the README main command)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'optima-demo-')), 'demo');
  });
  after(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('runs four passes on embedded defaults (an FS waiting for KSeF, then accepted) and leaves the e-mails as .eml files', async () => {
    const lines: string[] = [];
    const report = await runDemo(dir, { logger: new MemoryLogger(), say: (line) => lines.push(line), now: testClock });
    const [first, second, third, fourth] = report.passes;
    assert.ok(first!.imported > 0 && first!.errors.length === 0, lines.join('\n'));
    assert.ok(second!.realized >= report.realizedInShop.length, 'orders paid in the shop are realized by pass 2');
    // KSeF is on from init: pass 2 sends the receipts' e-mails, each FS waits for its number.
    assert.ok(second!.waitingForKsef.length >= 1, 'at least one FS waits for KSeF');
    assert.deepEqual(
      report.acceptedInKsef,
      second!.waitingForKsef.map((w) => w.salesDocument),
    );
    assert.ok(
      lines.some((l) => /KSeF \(the sandbox's\) accepts FS\/\d+\/\d{4} of order .* as \d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}/.test(l)),
      lines.join('\n'),
    );
    assert.equal(third!.actions['email-after-realization'].done, second!.waitingForKsef.length, 'pass 3 sends what waited');
    assert.equal(third!.waitingForKsef.length, 0);
    assert.ok(
      first!.actions['email-after-realization'].done +
        second!.actions['email-after-realization'].done +
        third!.actions['email-after-realization'].done >=
        report.realizedInShop.length,
    );
    assert.equal(
      Object.values(fourth!.actions).reduce((n, c) => n + c.done, 0),
      0,
      'pass 4 has nothing to do',
    );
    assert.equal(report.emails.length, first!.emailsSent + second!.emailsSent + third!.emailsSent);
    assert.ok(report.pdfs.length > 0, 'PDFs were uploaded to the demo shop');

    const realized = [];
    for (const file of report.emails) {
      const mail = await simpleParser(await fs.readFile(file));
      assert.equal(
        mail.to && !Array.isArray(mail.to) ? mail.to.text : '',
        'konsultant@example.pl',
        'test mode: everything to the consultant',
      );
      if (mail.attachments.length > 0) realized.push(mail);
    }
    assert.ok(realized.length > 0);
    const pdf = await parsePdf(realized[0]!.attachments[0]!.content);
    assert.match(pdf.text, /(FS|PA)\/\d+/);
    assert.ok(
      lines.some((l) => l.includes(report.outbox)),
      'the report says where to look',
    );

    // Running it again in the same folder starts the demo over.
    const again = await runDemo(dir, { logger: new MemoryLogger(), say: () => {}, now: testClock });
    assert.equal(again.passes[0]!.imported, first!.imported);
  });

  it('refuses a folder with other content', async () => {
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-not-demo-'));
    await fs.writeFile(path.join(other, 'notes.txt'), 'mine');
    try {
      await assert.rejects(
        runDemo(other, { logger: new MemoryLogger(), say: () => {}, now: testClock }),
        /not empty and is not an earlier demo/,
      );
      assert.equal(await fs.readFile(path.join(other, 'notes.txt'), 'utf8'), 'mine');
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});
