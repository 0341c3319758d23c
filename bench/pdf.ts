// npm run bench -- pdf [count]: renders a 3-line Polish invoice many times, with the renderer as it ships (the
// production chunk dist/chunk-pdf.js built into a temp folder: fonts subset at build time, zlib for deflate)
// and, in the same run, from source (tsx: real pako, the fonts subset in memory once), and as shipped with the KSeF
// block (the number and the KOD I QR code, as an FS KSeF has numbered prints). Goal: ≥ 150 PDFs/s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { grossPricedContent, renderSalesDocumentPdf, type SalesDocumentModel } from '../src/core/erp/pdf/index';

type Render = (model: SalesDocumentModel, options?: { fontDir?: string }) => Promise<Uint8Array>;

/** An FS as KSeF numbered it: its KSeF number and its KOD I link (the QR code). */
const KSEF = {
  number: '5260250274-20261128-E3A91F04B27C-13',
  verificationUrl: 'https://qr.ksef.mf.gov.pl/invoice/5260250274/28-11-2026/46pB9ScJpAs4lQ0u0aC2ywkH5rI6mYb_hV1tLx3qS8c',
};

export function invoice(number: string, withKsef = false): SalesDocumentModel {
  const lines = [
    { name: 'Kubek ceramiczny „Żuraw” 350 ml', quantity: 2, unit: 'szt.', unitGross: 4990, vatRate: 23 },
    { name: 'Książka „Pan Tadeusz” – wydanie ilustrowane', quantity: 1, unit: 'szt.', unitGross: 5900, vatRate: 5 },
    { name: 'Kawa ziarnista Źródlana 1 kg', quantity: 2, unit: 'szt.', unitGross: 6490, vatRate: 8 },
  ];
  return {
    kind: 'FS',
    number,
    issueDate: '2026-11-28',
    saleDate: '2026-11-28',
    place: 'Warszawa',
    currency: 'PLN',
    paymentMethod: 'Przelew',
    reference: `Zamówienie #${number}`,
    seller: {
      name: 'Sklep Demo Sp. z o.o.',
      street: 'ul. Przykładowa 1',
      postcode: '00-001',
      city: 'Warszawa',
      country: 'PL',
      taxId: '5260250274',
      bankAccount: '61 1090 1014 0000 0712 1981 2874',
    },
    buyer: {
      name: 'Zofia Wójcik',
      company: 'Żółta Łódź Sp. z o.o.',
      street: 'ul. Świętokrzyska 12/4',
      postcode: '00-916',
      city: 'Łódź',
      country: 'PL',
      taxId: '7251801126',
    },
    ...grossPricedContent(lines, 'PLN'),
    ...(withKsef ? { ksef: KSEF } : {}),
  } as SalesDocumentModel;
}

async function rate(
  render: Render,
  count: number,
  fontDir?: string,
  withKsef = false,
): Promise<{ perSecond: number; perCpuSecond: number; bytes: number; sample: Uint8Array }> {
  let sample: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < 30; i++) sample = await render(invoice(`FS/${i}/2026`, withKsef), fontDir ? { fontDir } : {});
  let bytes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i++) bytes += (await render(invoice(`FS/${i}/2026`, withKsef), fontDir ? { fontDir } : {})).length;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds, perCpuSecond: count / ((used.user + used.system) / 1e6), bytes: bytes / count, sample };
}

export interface PdfFigures {
  shipped: Awaited<ReturnType<typeof rate>>;
  shippedKsef: Awaited<ReturnType<typeof rate>>;
  source: Awaited<ReturnType<typeof rate>>;
  polishTextOk: boolean;
  load: number;
}

/** `distDir`: a production build (npm run size's); made in a temp folder when not given. */
export async function measurePdf(count = 1000, distDir?: string): Promise<PdfFigures> {
  const dir = distDir ?? mkdtempSync(path.join(os.tmpdir(), 'optima-bench-pdf-'));
  try {
    if (!distDir) execFileSync('node', ['esbuild.mjs', '--production', '--outdir', dir], { stdio: 'inherit' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require(path.join(dir, 'chunk-pdf.js')) as { renderSalesDocumentPdf: Render };
    const shipped = await rate(chunk.renderSalesDocumentPdf, count, path.join(dir, 'fonts'));
    const shippedKsef = await rate(chunk.renderSalesDocumentPdf, count, path.join(dir, 'fonts'), true);
    const source = await rate(renderSalesDocumentPdf, Math.max(1, Math.floor(count / 2)));
    const file = path.join(dir, 'sample.pdf');
    writeFileSync(file, shipped.sample);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    return {
      shipped,
      shippedKsef,
      source,
      polishTextOk: text.includes('Żółta Łódź Sp. z o.o.') && text.includes('Książka „Pan Tadeusz”'),
      load: os.loadavg()[0]!,
    };
  } finally {
    if (!distDir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const figures = await measurePdf(Number(args[0] ?? 1000));
  process.stdout.write(`PDF bench (${os.cpus().length} CPU, load average ${figures.load.toFixed(1)})\n`);
  process.stdout.write(`| renderer | PDFs/s (wall) | per CPU-second | mean bytes |\n| --- | ---: | ---: | ---: |\n`);
  for (const [name, f] of [
    ['as shipped (dist/chunk-pdf.js)', figures.shipped],
    ['as shipped, an FS with its KSeF number and KOD I', figures.shippedKsef],
    ['from source (tsx)', figures.source],
  ] as const) {
    process.stdout.write(`| ${name} | ${Math.round(f.perSecond)} | ${Math.round(f.perCpuSecond)} | ${Math.round(f.bytes)} |\n`);
  }
  process.stdout.write(`Polish text parsed back by pdftotext: ${figures.polishTextOk ? 'yes' : 'NO'}\ngoal: ≥ 150 PDFs/s\n`);
}
