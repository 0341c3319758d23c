// npm run bench -- mail [count]: renders e-mails of a realistic template (order lines loop, money and date
// filters, escaping, text alternative) for many orders, as a sync pass does; beside it, in the same run, the
// same messages the way LiquidJS alone renders them (interpreted, text alternative by html-to-text per
// message), and LiquidJS with its parse cache rendering the subject and HTML only (no text alternative at all:
// the least LiquidJS alone could cost), so the ratios hold on a loaded machine. Goal: ≥ 10,000 messages/s.
// The last figure is why compile.ts stays (test/unit/mail/conformance.test.ts holds it to LiquidJS's output).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTemplateContext, renderEmail, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT, type TemplateContext } from '../src/core/mail';
import { newEngine, plainTextOf } from '../src/core/mail/engine';
import type { ShopOrder } from '../src/core/model/order';
import { defaultSettings } from '../src/core/settings/defaults';
import { validateSettingsText } from '../src/core/settings/validate';

export const REALISTIC_BODY = readFileSync(path.join(__dirname, '../test/fixtures/templates/realized-realistic.html'), 'utf8');
const SUBJECT =
  'Zamówienie {{ order.number }} zrealizowane – {{ salesDocument.kind }} {{ salesDocument.number }} ({{ order.total | money }})';

function ordersFor(count: number): ShopOrder[] {
  return Array.from({ length: count }, (_, i) => ({
    ...SAMPLE_ORDER,
    id: String(20000 + i),
    number: `ZAM/2026/${20000 + i}`,
    buyer: { ...SAMPLE_ORDER.buyer, name: `Klient ${i} <Żółć & „Syn”>`, email: `klient${i}@example.pl` },
    lines: SAMPLE_ORDER.lines.map((l, j) => ({ ...l, quantity: 1 + ((i + j) % 4) })),
  }));
}

export interface MailFigures {
  count: number;
  perSecond: number;
  perCpuSecond: number;
  meanUs: number;
  liquidOnlyPerSecond: number;
  liquidCachedHtmlPerSecond: number;
  load: number;
}

function timed(fn: () => void): { seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  fn();
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

export async function measureMail(count = 10_000): Promise<MailFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-bench-mail-'));
  try {
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'templates/realized.html'), REALISTIC_BODY);
    const json = defaultSettings() as { templates: Record<string, unknown> };
    json.templates.realized = { subject: SUBJECT, bodyFile: 'templates/realized.html' };
    const settings = validateSettingsText(JSON.stringify(json), 'optima-sync.json').settings!;
    const contexts: TemplateContext[] = ordersFor(count).map((order) =>
      buildTemplateContext({ order, settings, salesDocument: SAMPLE_SALES_DOCUMENT }),
    );
    const render = async (context: TemplateContext) => renderEmail({ settings, dir, templateName: 'realized', context });
    for (let i = 0; i < 300; i++) await render(contexts[i % count]!);
    // renderEmail is async only by signature (it never waits): rendered in one synchronous stretch here.
    const results: Array<Promise<unknown>> = [];
    const fast = timed(() => {
      for (const context of contexts) results.push(render(context));
    });
    await Promise.all(results);

    const html = newEngine(path.join(dir, 'templates'), settings.timezone, true);
    const subject = newEngine(path.join(dir, 'templates'), settings.timezone, false);
    const [bodyTemplate, subjectTemplate] = [html.parse(REALISTIC_BODY), subject.parse(SUBJECT)];
    const sample = contexts.slice(0, Math.max(1, Math.floor(count / 5)));
    const liquidOnly = timed(() => {
      for (const context of sample) {
        subject.renderSync(subjectTemplate, context as unknown as Record<string, unknown>);
        plainTextOf(html.renderSync(bodyTemplate, context as unknown as Record<string, unknown>) as string);
      }
    });
    const liquidCachedHtml = timed(() => {
      for (const context of sample) {
        subject.renderSync(subjectTemplate, context as unknown as Record<string, unknown>);
        html.renderSync(bodyTemplate, context as unknown as Record<string, unknown>);
      }
    });
    return {
      count,
      perSecond: count / fast.seconds,
      perCpuSecond: count / fast.cpuSeconds,
      meanUs: (fast.seconds / count) * 1e6,
      liquidOnlyPerSecond: sample.length / liquidOnly.seconds,
      liquidCachedHtmlPerSecond: sample.length / liquidCachedHtml.seconds,
      load: os.loadavg()[0]!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const figures = await measureMail(Number(args[0] ?? 10_000));
  const rows: Array<[string, string]> = [
    ['messages rendered (subject + HTML + text alternative)', String(figures.count)],
    ['messages/s (wall clock)', Math.round(figures.perSecond).toLocaleString('en-US')],
    ['messages per CPU-second (this process)', Math.round(figures.perCpuSecond).toLocaleString('en-US')],
    ['mean per message', `${figures.meanUs.toFixed(0)} µs`],
    [
      'same messages, LiquidJS interpreted + html-to-text per message',
      `${Math.round(figures.liquidOnlyPerSecond).toLocaleString('en-US')} /s`,
    ],
    [
      'same messages, LiquidJS with its cache, subject + HTML only (no text)',
      `${Math.round(figures.liquidCachedHtmlPerSecond).toLocaleString('en-US')} /s`,
    ],
    ['load average (1 min)', figures.load.toFixed(1)],
    ['goal', '≥ 10,000 messages/s'],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`mail render bench (${os.cpus().length} CPU, Node ${process.version})\n`);
  for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(width)}  ${value}\n`);
}
