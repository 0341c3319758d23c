// Embeds fonts subset beforehand (SubsetFontData): the build writes DejaVu's subset to the repertoire beside
// the fonts, so a usual document embeds ready bytes (program, ToUnicode map and widths built and compressed
// once per process) without parsing a font at run time. Text outside the repertoire gets a per-document
// subset of the full font from fontkit (font-subset.ts, a lazy chunk). The font dictionaries are the ones
// pdf-lib's CustomFontEmbedder writes (Type0 / CIDFontType2, Identity-H, FontFile2).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { CustomFontEmbedder, type PDFContext, type PDFDocument, PDFFont, PDFHexString, type PDFRef, PDFString } from 'pdf-lib';
import type { Font } from 'pdf-lib/cjs/types/fontkit';
import { BOLD, defaultFontDir, extendedFileName, loadFonts, REGULAR, subsetFileName, type FontFiles } from './fonts';
import { inExtended, REPERTOIRE, uncoveredCodePoints, type SubsetFontData } from './repertoire';

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

/** A ToUnicode CMap (glyph id → character) so text can be searched and copied. */
function toUnicodeCmap(glyphIds: ReadonlyArray<[number, number]>): string {
  const byGlyph = new Map<number, number>();
  for (const [point, id] of glyphIds) if (!byGlyph.has(id)) byGlyph.set(id, point);
  const entries = [...byGlyph.entries()].sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map(([id, point]) => `<${hex4(id)}> <${hex4(point)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * pdf-lib's font embedder over a ready subset (PDFFont accepts only its own embedder classes, so this extends
 * one, with a stand-in for the fontkit font it never touches); text is encoded through the fixed glyph mapping.
 */
class SubsetFontEmbedder extends CustomFontEmbedder {
  private readonly glyphIds: Map<number, number>;
  private readonly program: Uint8Array;
  private readonly deflatedProgram: Uint8Array;
  private readonly deflatedCmap: Uint8Array;

  constructor(
    private readonly data: SubsetFontData,
    readonly subsetName: string,
  ) {
    super({ unitsPerEm: 1000, postscriptName: data.postscriptName } as Font, new Uint8Array(0), subsetName);
    this.glyphIds = new Map(data.glyphIds);
    this.program = Buffer.from(data.program, 'base64');
    this.deflatedProgram = deflateSync(this.program);
    this.deflatedCmap = deflateSync(toUnicodeCmap(data.glyphIds));
  }

  override encodeText(text: string): PDFHexString {
    let hex = '';
    for (const char of text.normalize('NFC')) hex += hex4(this.glyphIds.get(char.codePointAt(0)!) ?? 0);
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const char of text.normalize('NFC')) width += this.data.advances[this.glyphIds.get(char.codePointAt(0)!) ?? 0]!;
    return (width * size) / 1000;
  }

  override heightOfFontAtSize(size: number, options: { descender?: boolean } = {}): number {
    let height = (this.data.ascent || this.data.bbox[3]) - (this.data.descent || this.data.bbox[1]);
    if (options.descender === false) height -= Math.abs(this.data.descent) || 0;
    return (height / 1000) * size;
  }

  override sizeOfFontAtHeight(height: number): number {
    return (1000 * height) / ((this.data.ascent || this.data.bbox[3]) - (this.data.descent || this.data.bbox[1]));
  }

  override embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const fontFile = context.register(context.stream(this.deflatedProgram, { Filter: 'FlateDecode', Length1: this.program.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: this.subsetName,
        Flags: this.data.flags,
        FontBBox: this.data.bbox,
        ItalicAngle: this.data.italicAngle,
        Ascent: this.data.ascent,
        Descent: this.data.descent,
        CapHeight: this.data.capHeight,
        XHeight: this.data.xHeight,
        StemV: 0,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        CIDToGIDMap: 'Identity',
        BaseFont: this.subsetName,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, this.data.advances],
      }),
    );
    const toUnicode = context.register(context.stream(this.deflatedCmap, { Filter: 'FlateDecode' }));
    const font = context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: this.subsetName,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    });
    if (!ref) return Promise.resolve(context.register(font));
    context.assign(ref, font);
    return Promise.resolve(ref);
  }
}

/**
 * "ABCDEF+DejaVuSans": PDF names a font subset with a six-letter tag (ISO 32000-1, 9.6.4) so readers and
 * tools (pdffonts) know it is one; derived from a key so the same document renders the same.
 */
export function subsetName(fontName: string, key: string): string {
  const digest = createHash('sha256').update(`${fontName}\n${key}`).digest();
  const tag = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
  return `${tag}+${fontName}`;
}

type Loaded = Promise<SubsetFontEmbedder>;
const fromBuild = new Map<string, Loaded>();
const fromFontkit = new WeakMap<Uint8Array, Loaded>();

function cached<K>(
  cache: { get(key: K): Loaded | undefined; set(key: K, value: Loaded): unknown; delete(key: K): unknown },
  key: K,
  make: () => Promise<SubsetFontData>,
  name: string,
): Loaded {
  let embedder = cache.get(key);
  if (!embedder) {
    embedder = make().then((data) => new SubsetFontEmbedder(data, name));
    embedder.catch(() => cache.delete(key));
    cache.set(key, embedder);
  }
  return embedder;
}

async function fontkitSubset(ttf: Uint8Array, codePoints: readonly number[]): Promise<SubsetFontData> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { subsetFont } = require('./font-subset') as typeof import('./font-subset');
  return subsetFont(ttf, codePoints);
}

/** The two fonts of a document (regular, bold), for the text it will print. */
export async function documentFonts(
  document: PDFDocument,
  options: { fonts?: FontFiles; fontDir?: string },
  text: string,
  documentKey: string,
): Promise<[PDFFont, PDFFont]> {
  const extra = uncoveredCodePoints(text);
  const fontDir = options.fontDir ?? defaultFontDir();
  const embedders = await Promise.all(
    (
      [
        [REGULAR, 'regular', 'DejaVuSans'],
        [BOLD, 'bold', 'DejaVuSans-Bold'],
      ] as const
    ).map(([file, weight, fontName]) => {
      const ttf = () => (options.fonts ?? loadFonts(fontDir))[weight];
      const fromFile = (built: string, name: string) =>
        cached(fromBuild, built, async () => JSON.parse(readFileSync(built, 'utf8')) as SubsetFontData, name);
      if (extra.length) {
        // The build's wider subset when it covers the text (or when the full font is not shipped: the .vsix).
        const extended = path.join(fontDir, extendedFileName(file));
        const hasExtended = !options.fonts && existsSync(extended);
        if (hasExtended && (extra.every(inExtended) || !existsSync(path.join(fontDir, file))))
          return fromFile(extended, subsetName(fontName, 'extended'));
        return fontkitSubset(ttf(), [...REPERTOIRE, ...extra]).then(
          (data) => new SubsetFontEmbedder(data, subsetName(fontName, documentKey)),
        );
      }
      const name = subsetName(fontName, 'prepared');
      const built = path.join(fontDir, subsetFileName(file));
      if (!options.fonts && existsSync(built)) return fromFile(built, name);
      const bytes = ttf();
      return cached(fromFontkit, bytes, () => fontkitSubset(bytes, REPERTOIRE), name);
    }),
  );
  return embedders.map((embedder) => PDFFont.of(document.context.nextRef(), document, embedder)) as [PDFFont, PDFFont];
}

/** Writes the fonts' objects into their documents (pdf-lib embeds only the fonts it made itself). */
export async function embedDocumentFonts(fonts: readonly PDFFont[]): Promise<void> {
  for (const font of fonts) await font.embed();
}
