// The PDF copy of an FS in KSeF, read back as a buyer would: rasterised by poppler's pdftoppm at 150 dpi, the
// QR code decoded by a QR reader (jsQR), the text taken by pdftotext. The KOD I link must name the seller's NIP,
// the document's issue date and the SHA-256 of the FA(3) XML the sandbox wrote (the bytes `sandbox show
// --ksef-xml` writes out), and the printed KSeF number must pass its CRC-8.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { isValidKsefNumber, nipOfKsefNumber } from '../../../src/core/ksef/number';
import { FA3_NAMESPACE } from '../../../src/core/erp/sandbox/fa3-xml';
import { cli } from '../../support/cli';
import { TEST_TODAY } from '../../support/clock';
import { createTestDeployment, runPass, seedShop, type TestDeployment } from '../../support/deployment';

/** The first QR code on the first page of a PDF, and the page's text. */
async function readBack(pdfFile: string): Promise<{ qr: string | undefined; text: string }> {
  const prefix = path.join(path.dirname(pdfFile), 'page');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', '1', '-l', '1', pdfFile, prefix]);
  const png = PNG.sync.read(await fs.readFile(`${prefix}.png`));
  const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
  return { qr, text: execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }) };
}

describe('the PDF copy of an FS in KSeF (KOD I)', function () {
  this.timeout(60_000);
  let deployment: TestDeployment;
  let out: string;

  before(async () => {
    deployment = await createTestDeployment((s) => {
      s.email.smtp.port = 1;
      s.afterImport.sendEmail.enabled = false;
      s.afterRealization.sendEmail.enabled = false;
      s.erp.ksef.environment = 'test';
    });
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'optima-ksef-pdf-'));
    await seedShop(deployment.dir);
    await runPass(deployment.dir);
  });
  after(async () => {
    await deployment.cleanup();
    await fs.rm(out, { recursive: true, force: true });
  });

  const sandbox = async (...args: string[]) => {
    const run = await cli(['sandbox', ...args, '--dir', deployment.dir, '--json']);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    return JSON.parse(run.stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('carries the QR code of the link to the FS in KSeF, the number under it, and the link as text', async () => {
    const list = (await cli(['sandbox', 'list', '--dir', deployment.dir, '--json'])).stdout;
    const fs1 = (JSON.parse(list) as Array<{ kind: string; number: string }>).find((d) => d.kind === 'FS')!;
    const accepted = await sandbox('ksef', 'accept', fs1.number);
    const xmlFile = path.join(out, 'fa3.xml');
    const pdfFile = path.join(out, 'fs.pdf');
    const shown = await sandbox('show', fs1.number, '--pdf', pdfFile, '--ksef-xml', xmlFile);
    assert.equal(shown.ksef.status, 'accepted');
    assert.equal(shown.ksef.number, accepted.ksef.number);

    const xml = await fs.readFile(xmlFile);
    assert.match(xml.toString('utf8'), new RegExp(`<Faktura xmlns="${FA3_NAMESPACE.replace(/\//g, '\\/')}">`));
    assert.match(xml.toString('utf8'), new RegExp(`<P_2>${fs1.number.replace(/\//g, '\\/')}</P_2>`));
    const hash = createHash('sha256').update(xml).digest('base64url');

    const { qr, text } = await readBack(pdfFile);
    assert.ok(qr, 'a QR code is readable on the page at 150 dpi');
    const [, host, nip, date, linkHash] = /^https:\/\/([^/]+)\/invoice\/(\d{10})\/(\d{2}-\d{2}-\d{4})\/([A-Za-z0-9_-]+)$/.exec(qr)!;
    assert.equal(host, 'qr-test.ksef.mf.gov.pl', 'the test environment, as the settings say');
    assert.equal(nip, '5260250274', "the seller's NIP (erp.seller.taxId)");
    assert.equal(date, TEST_TODAY.split('-').reverse().join('-'), "the FS's issue date, DD-MM-YYYY");
    assert.equal(linkHash, hash, 'the SHA-256 of the FA(3) XML written, Base64URL without padding');
    assert.equal(shown.ksef.verificationUrl, qr);

    const number = /\b\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}\b/.exec(text)?.[0];
    assert.ok(number, text);
    assert.ok(isValidKsefNumber(number), `${number} passes its CRC-8`);
    assert.equal(number, accepted.ksef.number);
    assert.equal(nipOfKsefNumber(number), nip);
    assert.ok(text.includes(qr), 'the link is printed as text too');
  });

  it('a PA has no KSeF block and no FA(3) XML; an FS waiting for its number shows OFFLINE under the code', async () => {
    const documents = JSON.parse((await cli(['sandbox', 'list', '--dir', deployment.dir, '--json'])).stdout) as Array<{
      kind: string;
      number: string;
      ksef?: { status: string };
    }>;
    const receipt = documents.find((d) => d.kind === 'PA')!;
    const receiptPdf = path.join(out, 'pa.pdf');
    await sandbox('show', receipt.number, '--pdf', receiptPdf);
    const pa = await readBack(receiptPdf);
    assert.ok(!pa.qr, 'no QR code on a receipt');
    assert.doesNotMatch(pa.text, /KSeF/);
    const noXml = await cli(['sandbox', 'show', receipt.number, '--ksef-xml', path.join(out, 'pa.xml'), '--dir', deployment.dir]);
    assert.equal(noXml.code, 1);
    assert.match(noXml.stderr, /has no FA\(3\) XML/);

    const waiting = documents.find((d) => d.kind === 'FS' && d.ksef?.status === 'pending')!;
    const waitingPdf = path.join(out, 'pending.pdf');
    await sandbox('show', waiting.number, '--pdf', waitingPdf);
    const pending = await readBack(waitingPdf);
    assert.match(pending.qr ?? '', /^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\//);
    assert.match(pending.text, /OFFLINE/);
    assert.doesNotMatch(pending.text, /Numer KSeF/);
  });
});
