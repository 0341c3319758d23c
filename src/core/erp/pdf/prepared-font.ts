// Fast font embedding for the common case. Subsetting a TrueType font per document (fontkit) and deflating it
// (pako) took most of the render time. Instead, once per process, each font is cut down to a fixed
// repertoire (ASCII, Polish and other common European letters, typographic punctuation) and the
// streams that never change (font program, ToUnicode map, widths) are built and compressed once; every
// document then embeds those ready bytes. A document with a character outside the repertoire (say, a
// Cyrillic name) falls back to a per-document subset of the full font (render.ts), so every glyph DejaVu
// has still renders.
import { deflateSync } from 'node:zlib';
import { CustomFontEmbedder, PDFContext, PDFDocument, PDFFont, PDFHexString, PDFRef } from 'pdf-lib';
import type { Font } from 'pdf-lib/cjs/types/fontkit';
import { cachingFontkit } from './fonts';

/**
 * The characters every prepared font covers: ASCII, Polish letters, the common German, Czech, Slovak and
 * French ones, and typographic punctuation. Kept small on purpose: each glyph adds to every PDF.
 */
const REPERTOIRE: readonly number[] = (() => {
  const points = new Set<number>();
  for (let c = 0x20; c <= 0x7e; c++) points.add(c);
  for (const c of '\u00a0ĄąĆćĘęŁłŃńÓóŚśŹźŻżÄäÖöÜüßÉéÈèÁáÍíÚúÝýČčŘřŠšŽžĚěŇňŮůĎďŤť–—‘’‚“”„…•€§°×·«»') points.add(c.codePointAt(0)!);
  return [...points].sort((a, b) => a - b);
})();
const COVERED = new Set(REPERTOIRE);

/** True when every character of the text is in the prepared fonts' repertoire (control characters aside). */
export function coveredByPreparedFonts(text: string): boolean {
  for (const char of text.normalize('NFC')) {
    const point = char.codePointAt(0)!;
    if (point >= 0x20 && !COVERED.has(point)) return false;
  }
  return true;
}

interface CutDownFont {
  program: Uint8Array;
  /** Code point → glyph id in the cut-down program. */
  glyphIds: Map<number, number>;
  /** Advance width per glyph id, in 1/1000 em. */
  advances: number[];
}

async function cutDown(font: Font): Promise<CutDownFont> {
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  const glyphIds = new Map<number, number>();
  const advances: number[] = [font.getGlyph(0).advanceWidth * scale];
  for (const point of REPERTOIRE) {
    const glyph = font.glyphForCodePoint(point);
    if (!glyph || glyph.id === 0) continue;
    const id = subset.includeGlyph(glyph) as number;
    glyphIds.set(point, id);
    advances[id] = glyph.advanceWidth * scale;
  }
  const chunks: Uint8Array[] = [];
  await new Promise<void>((resolve) => {
    const stream = subset.encodeStream();
    stream.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    stream.on('end', () => resolve());
  });
  return { program: Buffer.concat(chunks), glyphIds, advances };
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

/** A ToUnicode CMap (glyph id → character) so text can be searched and copied. */
function toUnicodeCmap(glyphIds: Map<number, number>): string {
  const byGlyph = new Map<number, number>();
  for (const [point, id] of glyphIds) if (!byGlyph.has(id)) byGlyph.set(id, point);
  const entries = [...byGlyph.entries()].sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map(([id, point]) => `<${hex4(id)}> <${hex4(point)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000><ffff>', 'endcodespacerange',
    ...blocks,
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
}

/**
 * pdf-lib's TrueType embedder (font dictionaries and descriptor from the full font's metrics) over the
 * cut-down program, with text encoded through the fixed glyph mapping and the constant streams reused.
 */
class PreparedFontEmbedder extends CustomFontEmbedder {
  private readonly deflatedProgram: Uint8Array;
  private readonly deflatedCmap: Uint8Array;

  constructor(font: Font, private readonly cut: CutDownFont, name: string) {
    super(font, cut.program, name);
    this.deflatedProgram = deflateSync(cut.program);
    this.deflatedCmap = deflateSync(toUnicodeCmap(cut.glyphIds));
  }

  override encodeText(text: string): PDFHexString {
    let hex = '';
    for (const char of text.normalize('NFC')) hex += hex4(this.cut.glyphIds.get(char.codePointAt(0)!) ?? 0);
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const char of text.normalize('NFC')) width += this.cut.advances[this.cut.glyphIds.get(char.codePointAt(0)!) ?? 0]!;
    return (width * size) / 1000;
  }

  protected override computeWidths(): (number | number[])[] {
    return [0, this.cut.advances.map((width) => width ?? 0)];
  }

  protected override async embedFontStream(context: PDFContext): Promise<PDFRef> {
    return context.register(context.stream(this.deflatedProgram, { Filter: 'FlateDecode', Length1: this.cut.program.length }));
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    return context.register(context.stream(this.deflatedCmap, { Filter: 'FlateDecode' }));
  }
}

const prepared = new WeakMap<Uint8Array, Map<string, Promise<PreparedFontEmbedder>>>();

/** The prepared embedder of a font file under a PDF font name, made on first use. */
function preparedEmbedder(fontFile: Uint8Array, name: string): Promise<PreparedFontEmbedder> {
  let byName = prepared.get(fontFile);
  if (!byName) prepared.set(fontFile, (byName = new Map()));
  let embedder = byName.get(name);
  if (!embedder) {
    embedder = (async () => {
      const font = cachingFontkit.create(fontFile);
      return new PreparedFontEmbedder(font, await cutDown(font), name);
    })();
    embedder.catch(() => byName.delete(name));
    byName.set(name, embedder);
  }
  return embedder;
}

/** A font of the document backed by a prepared embedder; embed it with embedPreparedFonts before saving. */
export async function preparedFont(document: PDFDocument, fontFile: Uint8Array, name: string): Promise<PDFFont> {
  return PDFFont.of(document.context.nextRef(), document, await preparedEmbedder(fontFile, name));
}

/** Writes the fonts' objects into their documents (pdf-lib embeds only the fonts it made itself). */
export async function embedPreparedFonts(fonts: readonly PDFFont[]): Promise<void> {
  for (const font of fonts) await font.embed();
}
