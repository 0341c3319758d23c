// The page layout of the sales-document PDF: A4 with margins, a cursor moving down the page, text in the
// embedded fonts (aligned, word-wrapped), rules, and a new page when the next block would reach the footer.
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 40;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
export const FOOTER_HEIGHT = 30;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);
export const RULE = rgb(0.75, 0.75, 0.75);
export const SHADE = rgb(0.93, 0.93, 0.93);

export interface Column {
  title: string;
  width: number;
  align: 'left' | 'right' | 'center';
}

/** Printable single-line text: control characters and runs of white space become one space. */
export function clean(text: string | undefined): string {
  return (text ?? '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .normalize('NFC')
    .trim();
}

export class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly document: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.document.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Starts a new page when fewer than `height` points are left above the footer; true if it did. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + FOOTER_HEIGHT) return false;
    this.newPage();
    return true;
  }

  width(text: string, size: number, font: PDFFont = this.regular): number {
    return font.widthOfTextAtSize(text, size);
  }

  text(
    text: string,
    x: number,
    y: number,
    size: number,
    options: { font?: PDFFont; color?: ReturnType<typeof rgb>; align?: Column['align']; width?: number } = {},
  ): void {
    const font = options.font ?? this.regular;
    let left = x;
    if (options.align && options.align !== 'left' && options.width !== undefined) {
      const width = this.width(text, size, font);
      left = options.align === 'right' ? x + options.width - width : x + (options.width - width) / 2;
    }
    if (text) this.page.drawText(text, { x: left, y, size, font, color: options.color ?? BLACK });
  }

  /** Word-wraps text to a width; a word longer than the width is cut. */
  wrap(text: string, size: number, width: number, font: PDFFont = this.regular): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of clean(text).split(' ')) {
      const candidate = current ? `${current} ${word}` : word;
      if (this.width(candidate, size, font) <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      while (this.width(current, size, font) > width && current.length > 1) {
        let cut = current.length - 1;
        while (cut > 1 && this.width(current.slice(0, cut), size, font) > width) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    if (current || lines.length === 0) lines.push(current);
    return lines;
  }

  rule(y: number, x = MARGIN, width = CONTENT_WIDTH): void {
    this.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.5, color: RULE });
  }
}
