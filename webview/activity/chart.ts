// Passes per day as grouped bars in plain SVG: imported, e-mails sent, failed, uncertain. Colours come from
// the theme through CSS classes (var(--vscode-charts-*)), never from inline styles, which the CSP forbids.
import type { ActivityDay } from '../../src/protocol/activity';
import { currentLanguage, t } from './l10n';

const SVG = 'http://www.w3.org/2000/svg';
export const SERIES = [
  { key: 'imported', label: () => t('Imported'), className: 'series-imported' },
  { key: 'emailsSent', label: () => t('E-mails sent'), className: 'series-emails' },
  { key: 'failed', label: () => t('Failed'), className: 'series-failed' },
  { key: 'uncertain', label: () => t('Uncertain'), className: 'series-uncertain' },
] as const;

function node<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = doc.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(currentLanguage(), { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
}

export function renderChart(doc: Document, days: ActivityDay[]): SVGSVGElement {
  const bar = 7;
  const group = SERIES.length * bar + 8;
  const height = 150;
  const top = 16;
  const left = 30;
  const width = left + days.length * group + 4;
  const max = Math.max(1, ...days.flatMap((day) => SERIES.map((s) => day[s.key])));
  const scale = (value: number) => (value / max) * (height - top);
  const svg = node(doc, 'svg', {
    viewBox: `0 0 ${width} ${height + 24}`,
    class: 'chart',
    role: 'img',
    'aria-label': t('Passes per day: imported orders, e-mails sent, failed and uncertain actions'),
  });
  svg.append(node(doc, 'line', { x1: left, x2: width, y1: height, y2: height, class: 'axis' }));
  svg.append(node(doc, 'text', { x: left - 4, y: top + 5, class: 'axis-label', 'text-anchor': 'end' }, String(max)));
  svg.append(node(doc, 'text', { x: left - 4, y: height, class: 'axis-label', 'text-anchor': 'end' }, '0'));
  days.forEach((day, index) => {
    const x0 = left + index * group + 4;
    const g = node(doc, 'g', { class: 'day', 'data-date': day.date });
    g.append(
      node(
        doc,
        'title',
        {},
        `${dayLabel(day.date)}: ${SERIES.map((s) => `${s.label()} ${day[s.key]}`).join(', ')}; ${t('passes')} ${day.passes}`,
      ),
    );
    SERIES.forEach((series, i) => {
      const h = scale(day[series.key]);
      g.append(
        node(doc, 'rect', {
          x: x0 + i * bar,
          y: height - h,
          width: bar - 1,
          height: Math.max(h, 0),
          class: `bar ${series.className}`,
          'data-value': day[series.key],
        }),
      );
    });
    if (day.failedPasses > 0)
      g.append(node(doc, 'circle', { cx: x0 + (SERIES.length * bar) / 2, cy: top - 6, r: 3, class: 'failed-pass' }));
    if (index % 2 === days.length % 2 || days.length <= 7) {
      g.append(
        node(
          doc,
          'text',
          { x: x0 + (SERIES.length * bar) / 2, y: height + 18, class: 'axis-label', 'text-anchor': 'middle' },
          dayLabel(day.date),
        ),
      );
    }
    svg.append(g);
  });
  return svg;
}
