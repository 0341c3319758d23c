// The characters the fonts are subset to at build time: ASCII, Polish letters, the common German, Czech,
// Slovak and French ones, and typographic punctuation. Kept small on purpose: each glyph adds to every PDF.
// Text outside it (a Cyrillic name, say) gets a per-document subset of the full font (font-subset.ts).

export const REPERTOIRE: readonly number[] = (() => {
  const points = new Set<number>();
  for (let c = 0x20; c <= 0x7e; c++) points.add(c);
  for (const c of '\u00a0ĄąĆćĘęŁłŃńÓóŚśŹźŻżÄäÖöÜüßÉéÈèÁáÍíÚúÝýČčŘřŠšŽžĚěŇňŮůĎďŤť–—‘’‚“”„…•€§°×·«»') points.add(c.codePointAt(0)!);
  return [...points].sort((a, b) => a - b);
})();
const COVERED = new Set(REPERTOIRE);

/**
 * A wider set, also subset at build time, embedded whole (about 90 kB per font) by a document with text
 * outside REPERTOIRE: all Latin, Greek and Cyrillic letters, punctuation, currency and letter-like signs. It
 * lets the .vsix ship without the full fonts and fontkit; with those present (CLI from npm, unbundled runs)
 * rarer scripts still get a per-document subset of the full font.
 */
const EXTENDED_RANGES: ReadonlyArray<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x2b0, 0x2ff],
  [0x370, 0x52f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x215f],
];
export const EXTENDED: readonly number[] = EXTENDED_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i),
);

export function inExtended(point: number): boolean {
  return EXTENDED_RANGES.some(([from, to]) => point >= from && point <= to);
}

/** The code points of the text (NFC) outside the repertoire, control characters aside. */
export function uncoveredCodePoints(text: string): number[] {
  const missing = new Set<number>();
  for (const char of text.normalize('NFC')) {
    const point = char.codePointAt(0)!;
    if (point >= 0x20 && !COVERED.has(point)) missing.add(point);
  }
  return [...missing];
}

/** What the build writes beside each font (`<font>.subset.json`) and what the PDF renderer embeds. */
export interface SubsetFontData {
  postscriptName: string;
  /** Font descriptor values, already in 1/1000 em (as pdf-lib computes them for a full font). */
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  flags: number;
  /** The subset TrueType program, base64. */
  program: string;
  /** [code point, glyph id in the subset]. */
  glyphIds: Array<[number, number]>;
  /** Advance width per subset glyph id, 1/1000 em. */
  advances: number[];
}
