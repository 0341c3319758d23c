// Font subsetting with fontkit, kept out of the PDF renderer's runtime path: the build runs it once over
// DejaVu Sans (writing `<font>.subset.json` beside the fonts), and the renderer loads it lazily only for a
// document with characters outside the build's repertoire, or when no prebuilt subset exists (unbundled runs).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { deriveFontFlags } from 'pdf-lib/cjs/core/embedders/FontFlags';
import type { Fontkit } from 'pdf-lib/cjs/types/fontkit';
import { extendedFileName, subsetFileName } from './fonts';
import { EXTENDED, REPERTOIRE, type SubsetFontData } from './repertoire';

/** The subset of a TrueType font covering the code points (those the font has), with the metrics to embed it. */
export async function subsetFont(ttf: Uint8Array, codePoints: readonly number[]): Promise<SubsetFontData> {
  const font = (fontkit as Fontkit).create(ttf);
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  const glyphIds: Array<[number, number]> = [];
  const advances: number[] = [font.getGlyph(0).advanceWidth * scale];
  for (const point of [...new Set(codePoints)].sort((a, b) => a - b)) {
    const glyph = font.glyphForCodePoint(point);
    if (!glyph || glyph.id === 0) continue;
    const id = subset.includeGlyph(glyph) as number;
    glyphIds.push([point, id]);
    advances[id] = glyph.advanceWidth * scale;
  }
  const chunks: Uint8Array[] = [];
  await new Promise<void>((resolve) => {
    const stream = subset.encodeStream();
    stream.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    stream.on('end', () => resolve());
  });
  const { minX, minY, maxX, maxY } = font.bbox;
  return {
    postscriptName: font.postscriptName || 'Font',
    bbox: [minX * scale, minY * scale, maxX * scale, maxY * scale],
    ascent: font.ascent * scale,
    descent: font.descent * scale,
    capHeight: (font.capHeight || font.ascent) * scale,
    xHeight: (font.xHeight || 0) * scale,
    italicAngle: font.italicAngle,
    flags: deriveFontFlags(font),
    program: Buffer.concat(chunks).toString('base64'),
    glyphIds,
    advances: Array.from(advances, (width) => width ?? 0),
  };
}

/** Build step: `<font>.subset.json` (the repertoire) and `<font>.extended.json` beside each font file. */
export async function writeSubsetFonts(fontDir: string, fontFiles: readonly string[]): Promise<void> {
  for (const file of fontFiles) {
    const ttf = readFileSync(path.join(fontDir, file));
    writeFileSync(path.join(fontDir, subsetFileName(file)), JSON.stringify(await subsetFont(ttf, REPERTOIRE)));
    writeFileSync(path.join(fontDir, extendedFileName(file)), JSON.stringify(await subsetFont(ttf, EXTENDED)));
  }
}
