// Renders a SalesDocumentModel as an A4 PDF with pdf-lib: header, seller and buyer, lines (wrapping long
// names, continuing on new pages with the table header repeated), VAT table per rate, totals, amount in
// words, page numbers. The printed labels are Polish: the document is a Polish sales document whatever the
// consultant's UI language. Fonts are embedded as subsets (see prepared-font.ts), so Polish characters render.
// A lazy chunk (chunk-pdf.js): loaded through ./index.ts on the first PDF.
import { PDFDocument } from 'pdf-lib';
import type { FontFiles } from './fonts';
import { formatMoneyPl, formatQuantityPl, formatVatRate } from './format';
import { drawKsef } from './ksef-block';
import { clean, CONTENT_WIDTH, GREY, Layout, MARGIN, PAGE_WIDTH, SHADE, type Column } from './layout';
import { documentFonts, embedDocumentFonts } from './prepared-font';
import type { BuyerBlock, SalesDocumentModel, SellerBlock } from './model';

export interface RenderOptions {
  /** Font files (default: DejaVu Sans from the bundle or the dejavu-fonts-ttf package). */
  fonts?: FontFiles;
  /** Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (when fonts is not given). */
  fontDir?: string;
  /** The PDF's producer/creator metadata. */
  producer?: string;
}

const TITLES: Record<SalesDocumentModel['kind'], string> = { FS: 'Faktura VAT', PA: 'Paragon' };
const DEFAULT_COPY_LABEL = 'Kopia wygenerowana z danych ERP';

const LINE_COLUMNS: Column[] = [
  { title: 'Lp.', width: 22, align: 'right' },
  { title: 'Nazwa', width: 161, align: 'left' },
  { title: 'Ilość', width: 38, align: 'right' },
  { title: 'J.m.', width: 30, align: 'center' },
  { title: 'Cena netto', width: 54, align: 'right' },
  { title: 'Cena brutto', width: 54, align: 'right' },
  { title: 'VAT', width: 30, align: 'right' },
  { title: 'Wartość netto', width: 61, align: 'right' },
  { title: 'Wartość brutto', width: 65, align: 'right' },
];

function partyLines(party: SellerBlock | BuyerBlock, isSeller: boolean): Array<{ text: string; bold?: boolean }> {
  const lines: Array<{ text: string; bold?: boolean }> = [];
  const buyer = party as BuyerBlock;
  if (!isSeller && buyer.company) {
    lines.push({ text: clean(buyer.company), bold: true });
    if (clean(buyer.name) && clean(buyer.name) !== clean(buyer.company)) lines.push({ text: clean(buyer.name) });
  } else {
    lines.push({ text: clean(party.name), bold: true });
  }
  if (clean(party.street)) lines.push({ text: clean(party.street) });
  const cityLine = clean(`${party.postcode} ${party.city}`);
  if (cityLine) lines.push({ text: party.country && party.country !== 'PL' ? `${cityLine}, ${party.country}` : cityLine });
  if (clean(party.taxId)) lines.push({ text: `NIP: ${clean(party.taxId)}` });
  if (isSeller && clean((party as SellerBlock).bankAccount)) lines.push({ text: `Nr konta: ${clean((party as SellerBlock).bankAccount)}` });
  return lines;
}

function drawParties(layout: Layout, model: SalesDocumentModel): void {
  const columnWidth = (CONTENT_WIDTH - 20) / 2;
  const blocks: Array<{ title: string; x: number; lines: Array<{ text: string; bold?: boolean }> }> = [
    { title: 'Sprzedawca', x: MARGIN, lines: partyLines(model.seller, true) },
    { title: 'Nabywca', x: MARGIN + columnWidth + 20, lines: partyLines(model.buyer, false) },
  ];
  let lowest = layout.y;
  for (const block of blocks) {
    let y = layout.y;
    layout.text(block.title, block.x, y, 8, { color: GREY });
    y -= 13;
    for (const line of block.lines) {
      for (const part of layout.wrap(line.text, 9.5, columnWidth, line.bold ? layout.bold : layout.regular)) {
        layout.text(part, block.x, y, 9.5, { font: line.bold ? layout.bold : layout.regular });
        y -= 12;
      }
    }
    lowest = Math.min(lowest, y);
  }
  layout.y = lowest - 6;
  if (model.recipient) {
    layout.text('Odbiorca (adres dostawy)', MARGIN, layout.y, 8, { color: GREY });
    layout.y -= 12;
    const recipient = partyLines({ ...model.recipient, taxId: undefined }, false)
      .map((l) => l.text)
      .join(', ');
    for (const part of layout.wrap(recipient, 9, CONTENT_WIDTH)) {
      layout.text(part, MARGIN, layout.y, 9);
      layout.y -= 11;
    }
    layout.y -= 6;
  }
}

function drawHeader(layout: Layout, model: SalesDocumentModel): void {
  const top = layout.y;
  // The left column (title, label) stops short of the dates on the right.
  const leftWidth = CONTENT_WIDTH - 205;
  let left = top - 16;
  for (const part of layout.wrap(`${TITLES[model.kind]} nr ${clean(model.number)}`, 16, leftWidth, layout.bold)) {
    layout.text(part, MARGIN, left, 16, { font: layout.bold });
    left -= 19;
  }
  if (model.copyFromErpLabel) {
    const label = typeof model.copyFromErpLabel === 'string' ? clean(model.copyFromErpLabel) : DEFAULT_COPY_LABEL;
    left += 3;
    for (const part of layout.wrap(label, 9, leftWidth)) {
      layout.text(part, MARGIN, left, 9, { color: GREY });
      left -= 11;
    }
  }
  const facts: Array<[string, string]> = [];
  if (clean(model.place)) facts.push(['Miejsce wystawienia:', clean(model.place)]);
  facts.push(['Data wystawienia:', model.issueDate], ['Data sprzedaży:', model.saleDate]);
  let y = top - 8;
  for (const [label, value] of facts) {
    layout.text(label, PAGE_WIDTH - MARGIN - 190, y, 9, { color: GREY });
    layout.text(value, PAGE_WIDTH - MARGIN - 90, y, 9, { align: 'right', width: 90 });
    y -= 12;
  }
  layout.y = Math.min(top - 44, y - 8, left - 4);
  layout.rule(layout.y + 6);
  layout.y -= 10;
}

function drawTableHeader(layout: Layout, columns: Column[], x0: number): void {
  const height = 22;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  layout.page.drawRectangle({ x: x0, y: layout.y - height + 8, width, height, color: SHADE });
  let x = x0;
  for (const column of columns) {
    const words = layout.wrap(column.title, 7.5, column.width - 4, layout.bold);
    let y = words.length > 1 ? layout.y - 1 : layout.y - 5;
    for (const word of words) {
      layout.text(word, x + 2, y, 7.5, { font: layout.bold, align: column.align, width: column.width - 4 });
      y -= 9;
    }
    x += column.width;
  }
  layout.y -= height + 2;
}

function drawLines(layout: Layout, model: SalesDocumentModel): void {
  drawTableHeader(layout, LINE_COLUMNS, MARGIN);
  model.lines.forEach((line, index) => {
    const nameLines = layout.wrap(line.name, 8.5, LINE_COLUMNS[1]!.width - 4);
    const height = nameLines.length * 10.5 + 4;
    if (layout.ensure(height)) drawTableHeader(layout, LINE_COLUMNS, MARGIN);
    const cells = [
      String(index + 1),
      '',
      formatQuantityPl(line.quantity),
      clean(line.unit),
      formatMoneyPl(line.unitNet),
      formatMoneyPl(line.unitGross),
      formatVatRate(line.vatRate),
      formatMoneyPl(line.net),
      formatMoneyPl(line.gross),
    ];
    let x = MARGIN;
    LINE_COLUMNS.forEach((column, columnIndex) => {
      if (columnIndex === 1) {
        nameLines.forEach((part, i) => layout.text(part, x + 2, layout.y - i * 10.5, 8.5));
      } else {
        layout.text(cells[columnIndex]!, x + 2, layout.y, 8.5, { align: column.align, width: column.width - 4 });
      }
      x += column.width;
    });
    layout.y -= height;
    layout.rule(layout.y + 7);
  });
  layout.y -= 8;
}

function drawVatTable(layout: Layout, model: SalesDocumentModel): void {
  const columns: Column[] = [
    { title: 'Stawka VAT', width: 60, align: 'right' },
    { title: 'Wartość netto', width: 75, align: 'right' },
    { title: 'Kwota VAT', width: 70, align: 'right' },
    { title: 'Wartość brutto', width: 75, align: 'right' },
  ];
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const x0 = PAGE_WIDTH - MARGIN - width;
  layout.ensure(24 + (model.vatTable.length + 1) * 13 + 90);
  layout.text('Podsumowanie VAT', x0, layout.y, 8, { color: GREY });
  layout.y -= 12;
  drawTableHeader(layout, columns, x0);
  const rows = [
    ...model.vatTable.map((row) => ({
      cells: [formatVatRate(row.vatRate), formatMoneyPl(row.net), formatMoneyPl(row.vat), formatMoneyPl(row.gross)],
      bold: false,
    })),
    { cells: ['Razem', formatMoneyPl(model.totals.net), formatMoneyPl(model.totals.vat), formatMoneyPl(model.totals.gross)], bold: true },
  ];
  for (const row of rows) {
    let x = x0;
    columns.forEach((column, i) => {
      layout.text(row.cells[i]!, x + 2, layout.y, 8.5, {
        align: column.align,
        width: column.width - 4,
        font: row.bold ? layout.bold : layout.regular,
      });
      x += column.width;
    });
    layout.y -= 13;
  }
  layout.rule(layout.y + 20, x0, width);
  layout.y -= 8;
}

function drawTotals(layout: Layout, model: SalesDocumentModel): void {
  layout.ensure(80);
  layout.text(`Do zapłaty: ${formatMoneyPl(model.totals.gross)} ${clean(model.currency)}`, MARGIN, layout.y, 12, { font: layout.bold });
  layout.y -= 16;
  if (model.amountInWords) {
    for (const part of layout.wrap(`Słownie: ${model.amountInWords}`, 9, CONTENT_WIDTH)) {
      layout.text(part, MARGIN, layout.y, 9);
      layout.y -= 12;
    }
  }
  layout.y -= 4;
  const payment = [`Sposób płatności: ${clean(model.paymentMethod) || '—'}`];
  if (model.paymentDue) payment.push(`Termin płatności: ${model.paymentDue}`);
  layout.text(payment.join('     '), MARGIN, layout.y, 9);
  layout.y -= 12;
  if (clean(model.reference)) {
    layout.text(clean(model.reference), MARGIN, layout.y, 9, { color: GREY });
    layout.y -= 12;
  }
}

function drawFooters(layout: Layout, model: SalesDocumentModel): void {
  const total = layout.pages.length;
  layout.pages.forEach((page, index) => {
    layout.page = page;
    layout.rule(MARGIN + 12);
    layout.text(`${TITLES[model.kind]} nr ${clean(model.number)}`, MARGIN, MARGIN, 7.5, { color: GREY });
    layout.text(`Strona ${index + 1} z ${total}`, MARGIN, MARGIN, 7.5, { color: GREY, align: 'right', width: CONTENT_WIDTH });
  });
}

/** The sales document as PDF bytes. */
export async function renderSalesDocumentPdf(model: SalesDocumentModel, options: RenderOptions = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const [regular, bold] = await documentFonts(document, options, JSON.stringify(model), model.number);
  const title = `${TITLES[model.kind]} ${clean(model.number)}`;
  document.setTitle(title, { showInWindowTitleBar: true });
  document.setSubject(title);
  document.setAuthor(clean(model.seller.name));
  document.setLanguage('pl-PL');
  document.setProducer(options.producer ?? 'Optima Order Sync');
  document.setCreator(options.producer ?? 'Optima Order Sync');
  // Fixed dates: the same document renders to the same bytes (handy for tests and caches).
  const issued = new Date(`${model.issueDate}T12:00:00Z`);
  if (!Number.isNaN(issued.getTime())) {
    document.setCreationDate(issued);
    document.setModificationDate(issued);
  }

  const layout = new Layout(document, regular, bold);
  drawHeader(layout, model);
  drawParties(layout, model);
  drawLines(layout, model);
  drawVatTable(layout, model);
  drawTotals(layout, model);
  drawKsef(layout, model);
  drawFooters(layout, model);
  await embedDocumentFonts([regular, bold]);
  return document.save({ useObjectStreams: true, objectsPerTick: Infinity });
}
