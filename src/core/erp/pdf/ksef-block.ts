// The KSeF block of the PDF copy, under the totals. With the KOD I link (the hash of the FA(3) file is known):
// the QR code (ISO/IEC 18004, error correction M, 2 pt per module: about 29 mm across, readable in print and by
// a phone), the KSeF number printed under it ("OFFLINE" while there is none, as the Ministry's documentation
// says for an invoice waiting for its number) and the link as text. With the number alone (a real Optima,
// whose FA(3) file the product cannot read): the number.
import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFOperator } from 'pdf-lib';
import { create } from 'qrcode/lib/core/qrcode';
import { CONTENT_WIDTH, GREY, MARGIN, type Layout } from './layout';
import type { SalesDocumentModel } from './model';

const MODULE = 2;
const QUIET_ZONE = 4;

/**
 * The QR code's dark modules as filled rectangles, one per horizontal run (not per module), with its top left
 * corner at (x, top): plain content-stream operators, which cost far less than an SVG path pdf-lib would parse.
 */
function qrOperators(url: string, x: number, top: number): { operators: PDFOperator[]; size: number } {
  const { modules } = create(url, { errorCorrectionLevel: 'M' });
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      operators.push(rectangle(x + start * MODULE, top - (row + 1) * MODULE, (column - start) * MODULE, MODULE));
    }
  }
  operators.push(fill(), popGraphicsState());
  return { operators, size: modules.size };
}

/** Text at the largest size up to `size` that fits the width (a link has no space to wrap at). */
function fitted(layout: Layout, text: string, size: number, width: number): number {
  const natural = layout.width(text, size);
  return natural <= width ? size : size * (width / natural);
}

export function drawKsef(layout: Layout, model: SalesDocumentModel): void {
  const ksef = model.ksef;
  if (!ksef || (!ksef.number && !ksef.verificationUrl)) return;
  const title = 'Faktura w Krajowym Systemie e-Faktur (KSeF)';
  if (!ksef.verificationUrl) {
    layout.ensure(40);
    layout.y -= 6;
    layout.text(title, MARGIN, layout.y, 9, { font: layout.bold });
    layout.y -= 13;
    layout.text(`Numer KSeF: ${ksef.number}`, MARGIN, layout.y, 9);
    layout.y -= 14;
    return;
  }
  const label = ksef.number ?? 'OFFLINE';
  // Version 6 (41 modules) holds the link at error correction M: room for it, before it is drawn.
  layout.ensure(41 * MODULE + 2 * QUIET_ZONE * MODULE + 34);
  layout.y -= QUIET_ZONE * MODULE;
  const top = layout.y;
  const { operators, size } = qrOperators(ksef.verificationUrl, MARGIN + QUIET_ZONE * MODULE, top);
  layout.page.pushOperators(...operators);
  const side = size * MODULE;
  const textX = MARGIN + side + 2 * QUIET_ZONE * MODULE + 6;
  const textWidth = CONTENT_WIDTH - (textX - MARGIN);
  let y = top - 9;
  layout.text(title, textX, y, 9.5, { font: layout.bold });
  y -= 14;
  if (ksef.number) {
    layout.text(`Numer KSeF: ${ksef.number}`, textX, y, 9);
    y -= 13;
  }
  layout.text('Zeskanuj kod QR lub otwórz link, aby sprawdzić fakturę w KSeF:', textX, y, 8, { color: GREY });
  y -= 11;
  layout.text(ksef.verificationUrl, textX, y, fitted(layout, ksef.verificationUrl, 7.5, textWidth));
  const under = top - side - 9;
  layout.text(label, MARGIN + QUIET_ZONE * MODULE, under, fitted(layout, label, 6.5, side + 2 * QUIET_ZONE * MODULE + 60), {
    font: layout.bold,
  });
  layout.y = Math.min(under, y) - QUIET_ZONE * MODULE - 4;
}
