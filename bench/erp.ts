// npm run bench -- erp [--orders 10000] [--pdfs 1000]: the sandbox ERP on a real state file (temp folder).
// 1. import N orders (AUTO mode, half companies → FS, half private buyers → PA), 50 in flight: every import is
//    on disk before it resolves (the store groups concurrent saves); then 300 one at a time (a save each);
// 2. render M sales-document PDFs; 3. PDF sizes. Wall time and this process's CPU time are both printed:
//    on a busy machine CPU time is the steadier figure.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderSalesDocumentPdf } from '../src/core/erp/pdf/index';
import { createSandboxErp } from '../src/core/erp/sandbox/index';
import { defaultSettings } from '../src/core/settings/defaults';
import type { Settings } from '../src/core/settings/types.generated';
import { openStateStore } from '../src/core/state/index';
import { companyOrder, mixedVatOrder, privateOrder } from '../test/support/orders';
import type { ShopOrder } from '../src/core/model/order';
import { systemClock } from '../src/core/clock';

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}

interface Measure {
  wallMs: number;
  cpuMs: number;
}

async function measure(fn: () => Promise<void>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function orderFor(index: number): ShopOrder {
  const order = index % 2 === 0 ? companyOrder(index) : privateOrder(index);
  return { ...order, id: `B${index}`, number: `#B${index}` };
}

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

export async function run(args: string[]): Promise<void> {
  const orders = option(args, 'orders', 10_000);
  const pdfs = option(args, 'pdfs', 1_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-erp-'));
  const settings = defaultSettings() as unknown as Settings;
  const lines: string[] = [
    row(['step', 'count', 'wall s', 'CPU s', 'per second (wall)', 'per second (CPU)']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
  ];
  const report = (step: string, count: number, m: Measure) =>
    lines.push(
      row([
        step,
        count,
        (m.wallMs / 1000).toFixed(2),
        (m.cpuMs / 1000).toFixed(2),
        Math.round(count / (m.wallMs / 1000)),
        Math.round(count / (m.cpuMs / 1000)),
      ]),
    );
  try {
    const store = await openStateStore(dir, { now: systemClock, holder: 'bench' });
    const erp = await createSandboxErp(store, settings, { now: () => new Date('2026-11-28T10:00:00Z') });
    const salesIds: string[] = [];

    const concurrent = await measure(async () => {
      const inFlight = 50;
      let next = 0;
      const worker = async () => {
        while (next < orders) {
          const index = next++;
          const document = await erp.importOrder(orderFor(index), 'AUTO');
          if (document.salesDocument && salesIds.length < pdfs) salesIds.push(document.id);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
    });
    report(`import (AUTO, 50 in flight, saved before each resolves)`, orders, concurrent);

    const sequentialCount = 300;
    const sequential = await measure(async () => {
      for (let i = 0; i < sequentialCount; i++) await erp.importOrder(orderFor(orders + i), 'RO');
    });
    report('import (RO, one at a time, a save each)', sequentialCount, sequential);

    const documents = salesIds.map((id) => erp.salesDocumentModel(id));
    let totalBytes = 0;
    let smallest = Infinity;
    let largest = 0;
    const rendering = await measure(async () => {
      for (let i = 0; i < pdfs; i++) {
        const bytes = await renderSalesDocumentPdf(documents[i % documents.length]!);
        totalBytes += bytes.length;
        smallest = Math.min(smallest, bytes.length);
        largest = Math.max(largest, bytes.length);
      }
    });
    report('render sales-document PDF (3–4 lines)', pdfs, rendering);
    await store.close();

    const fileSize = (await stat(path.join(dir, '.optima-sync', 'state.sqlite'))).size;
    const longStore = await openStateStore(path.join(dir, 'long'), { now: systemClock });
    const long = await createSandboxErp(longStore, settings, { now: systemClock });
    const big = mixedVatOrder(1, {
      lines: Array.from({ length: 60 }, (_, i) => ({
        ...mixedVatOrder(1).lines[i % 5]!,
        name: `Pozycja ${i + 1} – ${mixedVatOrder(1).lines[i % 5]!.name}`,
      })),
    });
    const bigDocument = await long.importOrder(big, 'FS');
    const bigPdf = await long.salesDocumentPdf(bigDocument.salesDocument!);
    await longStore.close();

    process.stdout.write(
      `Sandbox ERP bench (${os.cpus().length} CPU, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})\n\n`,
    );
    process.stdout.write(`${lines.join('\n')}\n\n`);
    process.stdout.write(`${row(['size', 'bytes'])}\n${row(['---', '---:'])}\n`);
    process.stdout.write(`${row(['PDF, 3–4 lines, 1 page: average', Math.round(totalBytes / pdfs)])}\n`);
    process.stdout.write(`${row(['PDF, 3–4 lines, 1 page: smallest / largest', `${smallest} / ${largest}`])}\n`);
    process.stdout.write(`${row(['PDF, 60 lines, mixed VAT', bigPdf.bytes.length])}\n`);
    process.stdout.write(`${row([`state.sqlite after ${orders + sequentialCount} imports`, fileSize])}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
