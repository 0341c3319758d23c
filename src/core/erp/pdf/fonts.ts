// The TrueType fonts embedded in sales-document PDFs: DejaVu Sans (regular and bold), which has every Polish
// glyph (the standard 14 PDF fonts have none of ąćęłńóśźż). Free licence (Bitstream Vera derivative).
// The build also writes a subset of each (`<font>.subset.json`, see font-subset.ts) that the renderer embeds
// without parsing the font at run time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

export const REGULAR = 'DejaVuSans.ttf';
export const BOLD = 'DejaVuSans-Bold.ttf';

/**
 * The folder that holds the fonts: the given one; `fonts/` beside the bundle (esbuild copies them to
 * dist/fonts); else the dejavu-fonts-ttf package (tests and tsx runs).
 */
export function defaultFontDir(): string {
  const besideBundle = path.join(__dirname, 'fonts');
  if (existsSync(path.join(besideBundle, subsetFileName(REGULAR))) || existsSync(path.join(besideBundle, REGULAR))) return besideBundle;
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

export function subsetFileName(fontFile: string): string {
  return fontFile.replace(/\.ttf$/i, '.subset.json');
}

export function extendedFileName(fontFile: string): string {
  return fontFile.replace(/\.ttf$/i, '.extended.json');
}
