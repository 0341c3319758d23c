import assert from 'node:assert/strict';
import {
  grossPricedContent,
  renderSalesDocumentPdf,
  salesDocumentFileName,
  type SalesDocumentModel,
} from '../../../src/core/erp/pdf/index';
import { embeddedFonts, parsePdf } from '../../support/pdf-text';
import { SAMPLE_LINES } from '../../support/orders';

function invoice(overrides: Partial<SalesDocumentModel> = {}): SalesDocumentModel {
  const lines = [SAMPLE_LINES.mug, SAMPLE_LINES.printedBook, SAMPLE_LINES.book, SAMPLE_LINES.bread, SAMPLE_LINES.shipping];
  return {
    kind: 'FS',
    number: 'FS/3/2026',
    issueDate: '2026-11-28',
    saleDate: '2026-11-27',
    place: 'Warszawa',
    paymentMethod: 'Przelew bankowy',
    currency: 'PLN',
    seller: {
      name: 'Sklep Demo Sp. z o.o.',
      taxId: '5260250274',
      street: 'ul. Przykładowa 1',
      postcode: '00-001',
      city: 'Warszawa',
      bankAccount: '61 1090 1014 0000 0712 1981 2874',
    },
    buyer: {
      name: 'Łukasz Wójcik',
      company: 'Zażółć gęślą jaźń Sp. z o.o.',
      taxId: '7010002137',
      street: 'ul. Świętokrzyska 12/4',
      postcode: '31-042',
      city: 'Kraków',
      country: 'PL',
    },
    ...grossPricedContent(lines, 'PLN'),
    ...overrides,
  };
}

describe('Sales-document PDF', () => {
  it('renders a PDF that reads back with number, parties, every line, VAT table, totals and Polish text', async () => {
    const bytes = await renderSalesDocumentPdf(invoice({ reference: 'Zamówienie #10001' }));
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-');
    const pdf = await parsePdf(bytes);
    assert.equal(pdf.numPages, 1);
    const text = pdf.text;
    for (const expected of [
      'Faktura VAT nr FS/3/2026',
      'Data wystawienia:',
      '2026-11-28',
      'Data sprzedaży:',
      '2026-11-27',
      'Sprzedawca',
      'Sklep Demo Sp. z o.o.',
      'NIP: 5260250274',
      'Nr konta: 61 1090 1014 0000 0712 1981 2874',
      'Nabywca',
      'Zażółć gęślą jaźń Sp. z o.o.',
      'Łukasz Wójcik',
      'ul. Świętokrzyska 12/4',
      '31-042 Kraków',
      'NIP: 7010002137',
      'Sposób płatności: Przelew bankowy',
      'Zamówienie #10001',
    ])
      assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
    // Every line with quantity, unit, unit net/gross, rate and values.
    for (const row of [
      'Kubek ceramiczny „Żółw” 330 ml 2 szt. 32,51 39,99 23% 65,02 79,98',
      'E-book „Quo vadis” 1 szt. 27,69 29,90 8% 27,69 29,90',
      'wydanie ilustrowane',
      '52,29 54,90 5% 52,29 54,90',
      'Chleb żytni na zakwasie 3 szt. 12,99 12,99 0% 38,97 38,97',
      'Dostawa kurierem DPD 1 usł. 13,81 16,99 23% 13,81 16,99',
    ])
      assert.ok(text.includes(row), `missing line "${row}" in:\n${text}`);
    // VAT table per rate and totals (hand-computed in vat.test.ts).
    for (const row of [
      '23% 78,84 18,13 96,97',
      '8% 27,69 2,21 29,90',
      '5% 52,29 2,61 54,90',
      '0% 38,97 0,00 38,97',
      'Razem 197,79 22,95 220,74',
    ]) {
      assert.ok(text.includes(row), `missing VAT row "${row}" in:\n${text}`);
    }
    assert.ok(text.includes('Do zapłaty: 220,74 PLN'));
    assert.ok(text.includes('Słownie: dwieście dwadzieścia złotych siedemdziesiąt cztery grosze'));
  });

  it('embeds DejaVu Sans subsets (no standard-14 font) so Polish glyphs render', async () => {
    const fonts = await embeddedFonts(await renderSalesDocumentPdf(invoice()));
    assert.equal(fonts.length, 2);
    for (const font of fonts) {
      assert.ok(font.embedded, `${font.name} is not embedded`);
      assert.match(font.name, /^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    }
  });

  it('continues a long document on further pages with every line and page numbers', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => ({
      name: `Pozycja ${i + 1}: ręcznik łazienkowy`,
      quantity: 1,
      unit: 'szt.',
      unitGross: 1000 + i,
      vatRate: 23,
    }));
    const pdf = await parsePdf(await renderSalesDocumentPdf(invoice({ ...grossPricedContent(lines, 'PLN') })));
    assert.ok(pdf.numPages >= 2, `expected several pages, got ${pdf.numPages}`);
    for (let i = 1; i <= 90; i++) assert.ok(pdf.text.includes(`Pozycja ${i}: ręcznik łazienkowy`), `line ${i} missing`);
    assert.ok(pdf.pages[0]!.includes(`Strona 1 z ${pdf.numPages}`));
    assert.ok(pdf.pages[pdf.numPages - 1]!.includes('Do zapłaty:'));
    // The table header is repeated on the next page.
    assert.ok(pdf.pages[1]!.includes('Nazwa'));
  });

  it('prints a receipt title, the copy label, and no amount in words for another currency', async () => {
    const content = grossPricedContent([SAMPLE_LINES.mug], 'EUR');
    assert.equal(content.amountInWords, undefined);
    const pdf = await parsePdf(
      await renderSalesDocumentPdf(
        invoice({ kind: 'PA', number: 'PA/12/2026', currency: 'EUR', ...content, amountInWords: undefined, copyFromErpLabel: true }),
      ),
    );
    assert.ok(pdf.text.includes('Paragon nr PA/12/2026'));
    assert.ok(pdf.text.includes('Kopia wygenerowana z danych ERP'));
    assert.ok(pdf.text.includes('Do zapłaty: 79,98 EUR'));
    assert.ok(!pdf.text.includes('Słownie'));
  });

  it('renders characters beyond the prepared repertoire (a Cyrillic or Greek name) with a subset of the full font', async () => {
    const bytes = await renderSalesDocumentPdf(
      invoice({
        buyer: { name: 'Иван Петров', company: 'Ωμέγα Trading', street: 'ul. Żurawia 6/12', postcode: '00-503', city: 'Warszawa' },
      }),
    );
    const pdf = await parsePdf(bytes);
    assert.ok(pdf.text.includes('Иван Петров'), pdf.text);
    assert.ok(pdf.text.includes('Ωμέγα Trading'));
    assert.ok(pdf.text.includes('ul. Żurawia 6/12'));
    const fonts = await embeddedFonts(bytes);
    assert.deepEqual(
      fonts.map((f) => f.embedded),
      [true, true],
    );
  });

  it('names the file after the number', () => {
    assert.equal(salesDocumentFileName('FS/3/2026'), 'FS_3_2026.pdf');
    assert.equal(salesDocumentFileName('PA/12/11/2026'), 'PA_12_11_2026.pdf');
  });
});
