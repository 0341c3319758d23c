// The text alternative, made once per template instead of once per message: html-to-text converts the
// template itself, with every Liquid output and tag boundary masked as a marker, and the markers are put back
// as a text-mode template (values unescaped, white space collapsed as in HTML). Per message it renders like
// the HTML and gets a light finish: table rows aligned into columns, white space tidied, lines wrapped at 78.
// When the markers do not come back in order (a tag boundary inside a skipped element), undefined: the
// caller converts each rendered HTML body with html-to-text instead.
import type { Node } from './compile';

const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Between table cells in the converted text; replaced by column padding per message. */
export const CELL = '\uE002';
const WIDTH = 78;

type Marker = { kind: 'out'; node: Node } | { kind: 'open' | 'next' | 'end'; node: Node };

function mask(nodes: readonly Node[], markers: Marker[]): string {
  const mark = (marker: Marker): string => `${OPEN}${markers.push(marker) - 1}${CLOSE}`;
  return nodes
    .map((node) => {
      if (typeof node === 'string') return node;
      if (node.kind === 'out') return mark({ kind: 'out', node });
      const parts = node.kind === 'if' ? [...node.branches.map(([, body]) => body), node.otherwise] : [node.body, node.otherwise];
      return (
        parts.map((body, i) => mark({ kind: i === 0 ? 'open' : 'next', node }) + mask(body, markers)).join('') + mark({ kind: 'end', node })
      );
    })
    .join('');
}

/** Rebuilds the node tree from converted text with markers; undefined when the structure did not survive. */
function unmask(text: string, markers: readonly Marker[]): Node[] | undefined {
  const pieces = text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`));
  let at = 0;
  const expectedStructure = markers.filter((m) => m.kind !== 'out');
  let structureAt = 0;
  const parse = (): Node[] => {
    const out: Node[] = [];
    while (at < pieces.length) {
      const piece = pieces[at]!;
      if (at % 2 === 0) {
        if (piece) out.push(piece);
        at++;
        continue;
      }
      const marker = markers[Number(piece)];
      if (!marker) throw new Error('marker');
      if (marker.kind === 'out') {
        out.push(marker.node);
        at++;
        continue;
      }
      if (marker.kind !== 'open') return out;
      if (expectedStructure[structureAt++] !== marker) throw new Error('order');
      at++;
      const node = marker.node;
      const parts: Node[][] = [parse()];
      while (markers[Number(pieces[at])]?.kind === 'next' && markers[Number(pieces[at])]!.node === node) {
        if (expectedStructure[structureAt++] !== markers[Number(pieces[at])]) throw new Error('order');
        at++;
        parts.push(parse());
      }
      if (
        markers[Number(pieces[at])]?.kind !== 'end' ||
        markers[Number(pieces[at])]!.node !== node ||
        expectedStructure[structureAt++] !== markers[Number(pieces[at])]
      )
        throw new Error('end');
      at++;
      if (typeof node === 'string' || node.kind === 'out') throw new Error('kind');
      out.push(
        node.kind === 'if'
          ? { ...node, branches: node.branches.map(([test], i) => [test, parts[i]!]), otherwise: parts[parts.length - 1]! }
          : { ...node, body: parts[0]!, otherwise: parts[1]! },
      );
    }
    return out;
  };
  try {
    const nodes = parse();
    return at === pieces.length && structureAt === expectedStructure.length ? nodes : undefined;
  } catch {
    return undefined;
  }
}

/** The text-mode template of an HTML template (its text-mode compiled nodes), or undefined. */
export function textTemplate(nodes: readonly Node[], convert: (html: string) => string): Node[] | undefined {
  const markers: Marker[] = [];
  return unmask(convert(mask(nodes, markers)), markers);
}

function wrap(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > WIDTH) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  lines.push(current);
  return lines;
}

function alignTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd(),
  );
}

/** The per-message finish of a rendered text template. */
export function finishText(raw: string): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length) out.push(...alignTable(table));
    table = [];
  };
  const lines = raw.split('\n');
  // A loop tag between table rows leaves a blank line there: the rows still form one table.
  const isRow = (i: number) => lines[i]?.includes(CELL) ?? false;
  const between = (i: number) => {
    let before = i - 1;
    let after = i + 1;
    while (before >= 0 && !lines[before]!.trim()) before--;
    while (after < lines.length && !lines[after]!.trim()) after++;
    return isRow(before) && isRow(after);
  };
  for (const [i, line] of lines.entries()) {
    if (!line.trim() && table.length && between(i)) continue;
    if (line.includes(CELL)) {
      const cells = line.split(CELL).map((cell) => cell.replace(/ {2,}/g, ' ').trim());
      if (cells[cells.length - 1] === '') cells.pop();
      table.push(cells);
      continue;
    }
    flush();
    const tidy = line.includes('  ') ? line.replace(/ {2,}/g, ' ').trim() : line.trim();
    if (tidy.length <= WIDTH) out.push(tidy);
    else out.push(...wrap(tidy));
  }
  flush();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
