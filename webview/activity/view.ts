// The Activity view: the chart of passes per day, what needs attention (links run the Orders view's filter),
// the last passes with their summary, and the service's next pass. Re-rendered whole on every `data`.
import type { ActivityData, ActivityHostMessage, ActivityProtocol } from '../../src/protocol/activity';
import type { WebviewClient } from '../shared/client';
import { renderChart, SERIES } from './chart';
import { currentLanguage, setLanguage, t, plural } from './l10n';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function time(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(currentLanguage(), {
    timeZone,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export class ActivityView {
  private data: ActivityData | undefined;

  constructor(
    private readonly client: WebviewClient<ActivityProtocol>,
    private readonly doc: Document,
    private readonly root: HTMLElement,
  ) {}

  receive(message: ActivityHostMessage): void {
    switch (message.method) {
      case 'init':
        setLanguage(message.params.language, message.params.l10n);
        this.doc.documentElement.lang = message.params.language;
        break;
      case 'data':
        this.data = message.params;
        break;
    }
    this.render();
  }

  private render(): void {
    const { doc, root, data } = this;
    root.replaceChildren();
    root.setAttribute('aria-busy', data ? 'false' : 'true');
    if (!data) return;
    if (data.deployments.length > 1) {
      const select = el(doc, 'select', 'deployment');
      select.setAttribute('aria-label', t('Deployment'));
      data.deployments.forEach((label, index) => {
        const option = el(doc, 'option', undefined, label);
        option.value = String(index);
        option.selected = index === data.selected;
        select.append(option);
      });
      select.addEventListener('change', () => this.client.command('selectDeployment', { index: Number(select.value) }));
      root.append(select);
    }
    if (data.error) root.append(el(doc, 'p', 'error', data.error));
    if (!data.hasState || data.passes.length === 0)
      root.append(el(doc, 'p', 'empty', t('No sync pass recorded yet. Passes run from VS Code, the CLI and the service all appear here.')));
    root.append(this.summary(data));

    const chart = el(doc, 'section', 'chart-section');
    chart.append(
      el(doc, 'h2', undefined, plural(data.days.length, { one: 'Passes per day, last {0} day', other: 'Passes per day, last {0} days' })),
    );
    chart.append(renderChart(doc, data.days));
    const legend = el(doc, 'ul', 'legend');
    for (const series of SERIES) {
      const item = el(doc, 'li');
      item.append(el(doc, 'span', `swatch ${series.className}`), doc.createTextNode(series.label()));
      legend.append(item);
    }
    chart.append(legend);
    root.append(chart);

    root.append(this.attention(data));
    if (data.waitingForKsef?.length) root.append(this.waitingForKsef(data));
    root.append(this.passes(data));
  }

  private summary(data: ActivityData): HTMLElement {
    const { doc } = this;
    const box = el(doc, 'section', 'summary');
    const last = data.passes.find((p) => p.finishedAt);
    if (last) {
      const line = el(doc, 'p', `last-pass result-${last.result ?? 'unknown'}`);
      line.textContent = t('Last pass {0} ({1}): {2}', time(last.finishedAt, data.timeZone), last.who, last.outcome);
      box.append(line);
    }
    if (data.lastSuccessAt && last?.result !== 'ok')
      box.append(el(doc, 'p', undefined, t('Last successful pass: {0}', time(data.lastSuccessAt, data.timeZone))));
    const service = data.service;
    if (service?.running) {
      const text =
        service.state === 'running-pass'
          ? t('Service: a pass is running now')
          : service.backoff
            ? t('Service: next pass {0} (waiting longer after failures)', time(service.nextPassAt, data.timeZone))
            : t('Service: next pass {0}', time(service.nextPassAt, data.timeZone));
      box.append(el(doc, 'p', 'service', text));
    } else if (service) {
      box.append(el(doc, 'p', 'service', t('Service: not running (last seen {0})', time(service.updatedAt, data.timeZone))));
    }
    return box;
  }

  private attention(data: ActivityData): HTMLElement {
    const { doc } = this;
    const section = el(doc, 'section', 'attention');
    const { failed, uncertain, items } = data.attention;
    section.append(el(doc, 'h2', undefined, t('Needs attention')));
    if (failed + uncertain === 0) {
      section.append(el(doc, 'p', 'ok', t('Nothing needs attention.')));
      return section;
    }
    const links = el(doc, 'p', 'links');
    const link = (text: string, filter: 'failed' | 'uncertain' | 'attention') => {
      const button = el(doc, 'button', 'link', text);
      button.type = 'button';
      button.addEventListener('click', () => this.client.command('showOrders', { filter }));
      return button;
    };
    if (failed > 0) links.append(link(plural(failed, { one: '{0} failed action', other: '{0} failed actions' }), 'failed'));
    if (uncertain > 0) links.append(link(plural(uncertain, { one: '{0} uncertain action', other: '{0} uncertain actions' }), 'uncertain'));
    section.append(links);
    const list = el(doc, 'ul', 'attention-list');
    for (const item of items) {
      const row = el(doc, 'li', `state-${item.state}`);
      const button = link(item.number, 'attention');
      button.title = t('Show the orders that need attention in the Orders view');
      row.append(button, doc.createTextNode(` ${item.kind} · ${item.state === 'failed' ? t('failed') : t('uncertain')}`));
      if (item.error) row.append(el(doc, 'div', 'detail', item.error));
      list.append(row);
    }
    section.append(list);
    return section;
  }

  /** The FSs whose e-mail with the PDF and upload wait for their KSeF number: no failure, only time. */
  private waitingForKsef(data: ActivityData): HTMLElement {
    const { doc } = this;
    const section = el(doc, 'section', 'waiting-ksef');
    const waiting = data.waitingForKsef ?? [];
    section.append(el(doc, 'h2', undefined, t('Waiting for KSeF')));
    section.append(
      el(
        doc,
        'p',
        undefined,
        plural(waiting.length, {
          one: '{0} invoice waits for its KSeF number: its e-mail with the PDF and upload go once KSeF has numbered it.',
          other: '{0} invoices wait for their KSeF numbers: their e-mails with the PDF and uploads go once KSeF has numbered them.',
        }),
      ),
    );
    const list = el(doc, 'ul', 'waiting-list');
    for (const item of waiting)
      list.append(el(doc, 'li', undefined, t('{0} · {1} · since {2}', item.number, item.salesDocument, time(item.since, data.timeZone))));
    section.append(list);
    return section;
  }

  private passes(data: ActivityData): HTMLElement {
    const { doc } = this;
    const section = el(doc, 'section', 'passes');
    section.append(el(doc, 'h2', undefined, t('Last passes')));
    const list = el(doc, 'ol', 'pass-list');
    for (const pass of data.passes) {
      const item = el(doc, 'li', `result-${pass.result ?? 'unknown'}`);
      item.append(
        el(doc, 'span', 'when', time(pass.startedAt, data.timeZone)),
        el(doc, 'span', 'who', pass.who),
        el(doc, 'span', 'result', pass.outcome),
      );
      item.append(el(doc, 'div', 'figures', pass.figures));
      if (pass.error) item.append(el(doc, 'div', 'detail', pass.error));
      list.append(item);
    }
    section.append(list);
    return section;
  }
}
