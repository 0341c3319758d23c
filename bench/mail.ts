// Renders e-mails of a realistic template (order lines loop, money and date filters, escaping, text
// alternative) for many orders, as a sync pass does. Target: ≥ 5 000 messages/s.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTemplateContext, plainTextOf, renderEmail, SAMPLE_ORDER, SAMPLE_SALES_DOCUMENT } from '../src/core/mail';
import type { ShopOrder } from '../src/core/model/order';
import { defaultSettings } from '../src/core/settings/defaults';
import { validateSettingsText } from '../src/core/settings/validate';

const REALISTIC_BODY = `<!doctype html>
<html lang="pl"><body style="font-family: Arial, sans-serif">
<p>Dzień dobry {{ buyer.name }},</p>
<p>zamówienie <strong>{{ order.number }}</strong> z dnia {{ order.createdAt | date }} zostało zrealizowane.
Wystawiliśmy {% if salesDocument.kind == "FS" %}fakturę{% else %}paragon{% endif %} nr <strong>{{ salesDocument.number }}</strong>.</p>
{% if buyer.company %}<p>Firma: {{ buyer.company }}, NIP {{ buyer.taxId }}</p>{% endif %}
<table cellpadding="4" style="border-collapse: collapse">
  <tr><th>Produkt</th><th>SKU</th><th>Ilość</th><th>Cena</th><th>VAT</th><th>Wartość</th></tr>
  {% for line in order.products %}<tr><td>{{ line.name }}</td><td>{{ line.sku }}</td><td>{{ line.quantity }} {{ line.unit }}</td><td>{{ line.unitPrice | money }}</td><td>{{ line.vat }}</td><td>{{ line.total | money }}</td></tr>
  {% endfor %}
</table>
<p>Dostawa ({{ order.shippingMethod }}): {{ order.shippingTotal | money }}<br>
Razem: <strong>{{ order.total | money }}</strong> ({{ order.paymentMethod }})</p>
<p>Adres dostawy: {{ buyer.shippingAddress.name }}, {{ buyer.shippingAddress.full }}</p>
<p>Pozdrawiamy,<br>{{ shop.name }}<br>{{ seller.name }}, {{ seller.street }}, {{ seller.postcode }} {{ seller.city }}</p>
</body></html>
`;

function ordersFor(count: number): ShopOrder[] {
  return Array.from({ length: count }, (_, i) => ({
    ...SAMPLE_ORDER,
    id: String(20000 + i),
    number: `ZAM/2026/${20000 + i}`,
    buyer: { ...SAMPLE_ORDER.buyer, name: `Klient ${i} <Żółć & „Syn”>`, email: `klient${i}@example.pl` },
    lines: SAMPLE_ORDER.lines.map((l, j) => ({ ...l, quantity: 1 + ((i + j) % 4) })),
  }));
}

export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 10_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-bench-mail-'));
  try {
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'templates/realized.html'), REALISTIC_BODY);
    const json = defaultSettings() as { templates: Record<string, unknown> };
    json.templates.realized = { subject: 'Zamówienie {{ order.number }} zrealizowane – {{ salesDocument.kind }} {{ salesDocument.number }} ({{ order.total | money }})', bodyFile: 'templates/realized.html' };
    const settings = validateSettingsText(JSON.stringify(json), 'optima-sync.json').settings!;
    const orders = ordersFor(count);
    const contexts = orders.map((order) => buildTemplateContext({ order, settings, salesDocument: SAMPLE_SALES_DOCUMENT }));

    // Warm-up (parse cache, JIT), then the measured run.
    for (let i = 0; i < 200; i++) await renderEmail({ settings, dir, templateName: 'realized', context: contexts[i % contexts.length]! });
    let bytes = 0;
    const htmls: string[] = [];
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const context of contexts) {
      const rendered = await renderEmail({ settings, dir, templateName: 'realized', context });
      bytes += rendered.html.length + rendered.text.length;
      htmls.push(rendered.html);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStarted);
    // CPU time of this process: on a shared (loaded) machine wall time also counts other processes' turns.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;

    // The share of the text alternative (html-to-text) in the time above.
    const textStarted = process.hrtime.bigint();
    for (const html of htmls) plainTextOf(html);
    const textSeconds = Number(process.hrtime.bigint() - textStarted) / 1e9;

    const contextStarted = process.hrtime.bigint();
    for (const order of orders) buildTemplateContext({ order, settings, salesDocument: SAMPLE_SALES_DOCUMENT });
    const contextSeconds = Number(process.hrtime.bigint() - contextStarted) / 1e9;

    const rows: Array<[string, string]> = [
      ['messages rendered (subject + HTML + text alternative)', String(count)],
      ['total time', `${seconds.toFixed(2)} s`],
      ['messages/s (wall clock)', Math.round(count / seconds).toLocaleString('en-US')],
      ['messages per CPU-second (this process)', Math.round(count / cpuSeconds).toLocaleString('en-US')],
      ['load average (1 min) during the run', os.loadavg()[0]!.toFixed(1)],
      ['mean per message', `${((seconds / count) * 1e6).toFixed(0)} µs`],
      ['of which the text alternative (html-to-text)', `${((textSeconds / count) * 1e6).toFixed(0)} µs (${Math.round((100 * textSeconds) / seconds)}%)`],
      ['mean output (HTML + text)', `${Math.round(bytes / count)} chars`],
      ['buildTemplateContext per order', `${((contextSeconds / count) * 1e6).toFixed(1)} µs`],
      ['target', '≥ 5,000 messages/s'],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`mail render bench (${os.cpus().length} CPU, Node ${process.version})\n`);
    for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(width)}  ${value}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
