// Reads a PDF back with pdf.js (Mozilla's PDF renderer, legacy build for Node): page count, the text of each
// page (the text a reader would select and copy).
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

export interface ParsedPdf {
  numPages: number;
  /** Text per page, items joined by spaces in reading order. */
  pages: string[];
  text: string;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | undefined;

export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is TextItem => 'str' in item);
      pages.push(
        items
          .map((item) => item.str)
          .join(' ')
          .replace(/\s+/g, ' '),
      );
    }
    return { numPages: document.numPages, pages, text: pages.join('\n') };
  } finally {
    await document.destroy();
  }
}

export interface EmbeddedFont {
  /** BaseFont, e.g. "QNQNRW+DejaVuSans" (a six-letter tag + "+" marks a subset). */
  name: string;
  /** The font program is inside the PDF (FontFile/FontFile2/FontFile3 in its descriptor). */
  embedded: boolean;
}

/** The fonts of a PDF as its own dictionaries declare them (what pdffonts reports). */
export async function embeddedFonts(bytes: Uint8Array): Promise<EmbeddedFont[]> {
  const { PDFDocument, PDFDict, PDFName } = await import('pdf-lib');
  const document = await PDFDocument.load(bytes);
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = object.get(PDFName.of('FontName'));
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => object.has(PDFName.of(key)));
    fonts.push({ name: name instanceof PDFName ? name.decodeText() : String(name), embedded });
  }
  return fonts;
}
