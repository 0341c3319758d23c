// The fonts subset at build time (font-subset.ts writes them, the renderer embeds them without fontkit):
// Polish text still reads back, the same as from a subset made in memory, and only the subset is embedded.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultFontDir, grossPricedContent, renderSalesDocumentPdf, type SalesDocumentModel } from '../../../src/core/erp/pdf/index';
import { writeSubsetFonts } from '../../../src/core/erp/pdf/font-subset';
import { BOLD, REGULAR, subsetFileName } from '../../../src/core/erp/pdf/fonts';
import { REPERTOIRE, uncoveredCodePoints } from '../../../src/core/erp/pdf/repertoire';
import { embeddedFonts, parsePdf } from '../../support/pdf-text';
import { SAMPLE_LINES } from '../../support/orders';

function invoice(overrides: Partial<SalesDocumentModel> = {}): SalesDocumentModel {
  return {
    kind: 'FS',
    number: 'FS/7/2026',
    issueDate: '2026-11-28',
    saleDate: '2026-11-28',
    place: 'Łódź',
    paymentMethod: 'Przelew',
    currency: 'PLN',
    seller: { name: 'Sklep Demo Sp. z o.o.', taxId: '5260250274', street: 'ul. Przykładowa 1', postcode: '00-001', city: 'Warszawa' },
    buyer: {
      name: 'Łukasz Wójcik',
      company: 'Zażółć gęślą jaźń Sp. z o.o.',
      taxId: '7010002137',
      street: 'ul. Świętokrzyska 12/4',
      postcode: '31-042',
      city: 'Kraków',
    },
    ...grossPricedContent([SAMPLE_LINES.mug, SAMPLE_LINES.book], 'PLN'),
    ...overrides,
  };
}

function builtFontDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-fonts-'));
  for (const file of [REGULAR, BOLD]) copyFileSync(path.join(defaultFontDir(), file), path.join(dir, file));
  return dir;
}

describe('Sales-document PDF fonts subset at build time', () => {
  it('writes a small subset of each font with every Polish letter of the repertoire', async () => {
    const dir = builtFontDir();
    await writeSubsetFonts(dir, [REGULAR, BOLD]);
    for (const file of [REGULAR, BOLD]) {
      const data = JSON.parse(readFileSync(path.join(dir, subsetFileName(file)), 'utf8')) as {
        glyphIds: Array<[number, number]>;
        program: string;
      };
      const mapped = new Set(data.glyphIds.map(([point]) => point));
      for (const letter of 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–') assert.ok(mapped.has(letter.codePointAt(0)!), `${file} has ${letter}`);
      assert.ok(Buffer.from(data.program, 'base64').length < statSync(path.join(dir, file)).size / 5, 'a subset, not the whole font');
    }
    assert.deepEqual(uncoveredCodePoints('Zażółć gęślą jaźń – „cytat” 1 234,56 zł'), []);
    assert.ok(REPERTOIRE.length < 250);
  });

  it('renders Polish text from the prebuilt subset, reading back like the in-memory one', async () => {
    const dir = builtFontDir();
    await writeSubsetFonts(dir, [REGULAR, BOLD]);
    const prebuilt = await renderSalesDocumentPdf(invoice(), { fontDir: dir });
    const inMemory = await renderSalesDocumentPdf(invoice());
    const text = (await parsePdf(prebuilt)).text;
    for (const expected of ['Faktura VAT nr FS/7/2026', 'Zażółć gęślą jaźń Sp. z o.o.', 'ul. Świętokrzyska 12/4', 'Łukasz Wójcik'])
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    assert.equal(text, (await parsePdf(inMemory)).text);
    const fonts = await embeddedFonts(prebuilt);
    assert.equal(fonts.length, 2);
    assert.ok(
      fonts.every((font) => /^[A-Z]{6}\+DejaVuSans/.test(font.name) && font.embedded),
      JSON.stringify(fonts),
    );
  });

  it('still prints a character outside the subset (a per-document subset of the full font)', async () => {
    const dir = builtFontDir();
    await writeSubsetFonts(dir, [REGULAR, BOLD]);
    const bytes = await renderSalesDocumentPdf(
      invoice({ buyer: { name: 'Иван Петров', street: 'ul. Żurawia 6/12', postcode: '00-503', city: 'Warszawa' } }),
      { fontDir: dir },
    );
    assert.ok((await parsePdf(bytes)).text.includes('Иван Петров'));
  });

  it('prints Cyrillic and Greek from the wider build-time subset when the full fonts are not shipped (the .vsix)', async () => {
    const dir = builtFontDir();
    await writeSubsetFonts(dir, [REGULAR, BOLD]);
    for (const file of [REGULAR, BOLD]) rmSync(path.join(dir, file));
    const bytes = await renderSalesDocumentPdf(
      invoice({
        buyer: { name: 'Иван Петров', company: 'Ωμέγα Trading', street: 'ul. Żurawia 6/12', postcode: '00-503', city: 'Warszawa' },
      }),
      { fontDir: dir },
    );
    const text = (await parsePdf(bytes)).text;
    for (const expected of ['Иван Петров', 'Ωμέγα Trading', 'ul. Żurawia 6/12'])
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
  });
});
