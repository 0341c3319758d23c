// The TrueType fonts embedded in sales-document PDFs: DejaVu Sans (regular and bold), which has every Polish
// glyph (the standard 14 PDF fonts have none of ąćęłńóśźż). Free licence (Bitstream Vera derivative).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Fontkit } from 'pdf-lib/cjs/types/fontkit';

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

/**
 * The folder that holds the fonts: the given one; `fonts/` beside the bundle (esbuild copies them to
 * dist/fonts); else the dejavu-fonts-ttf package (tests and tsx runs).
 */
export function defaultFontDir(): string {
  const besideBundle = path.join(__dirname, 'fonts');
  if (existsSync(path.join(besideBundle, REGULAR))) return besideBundle;
  return path.dirname(require.resolve(`dejavu-fonts-ttf/ttf/${REGULAR}`));
}

const loaded = new Map<string, FontFiles>();

/** Reads the font files once per folder. */
export function loadFonts(fontDir: string = defaultFontDir()): FontFiles {
  let files = loaded.get(fontDir);
  if (!files) {
    files = { regular: readFileSync(path.join(fontDir, REGULAR)), bold: readFileSync(path.join(fontDir, BOLD)) };
    loaded.set(fontDir, files);
  }
  return files;
}

type ParsedFont = ReturnType<Fontkit['create']>;

/**
 * Two speed-ups over plain fontkit, measured to take render time from ~40 ms to a few ms per document:
 * - each font file is parsed once (a 700 kB parse per embed otherwise); every document still makes its own
 *   subset of the shared, read-only parsed font;
 * - layout is a plain character → glyph mapping without OpenType shaping (kerning, ligatures): Latin and
 *   Polish text in NFC needs no shaping, and pdf-lib places glyphs at their advance widths anyway.
 */
const parsed = new WeakMap<Uint8Array, ParsedFont>();
export const cachingFontkit: Fontkit = {
  create(buffer, postscriptName) {
    if (postscriptName) return (fontkit as Fontkit).create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (!font) {
      const base = (fontkit as Fontkit).create(buffer);
      const unshaped = Object.create(base) as ParsedFont;
      unshaped.layout = (text: string) => ({ glyphs: base.glyphsForString(text.normalize('NFC')) }) as ReturnType<ParsedFont['layout']>;
      font = unshaped;
      parsed.set(buffer, font);
    }
    return font;
  },
};
