import assert from 'node:assert/strict';
import { divideRoundHalfUp, lineValues, summarizeVat } from '../../../src/core/erp/vat';
import { SAMPLE_LINES } from '../../support/orders';

describe('VAT from gross prices', () => {
  it('matches a hand-computed invoice with 23, 8, 5 and 0 % to the grosz', () => {
    // By hand (VAT = gross × rate / (100 + rate), half up, per rate):
    //   23 %: 2 × 39,99 + 16,99 = 96,97 gross; 96,97 × 23/123 = 18,1326 → VAT 18,13; net 78,84
    //    8 %: 29,90 gross; 29,90 × 8/108 = 2,2148 → VAT 2,21; net 27,69
    //    5 %: 54,90 gross; 54,90 × 5/105 = 2,6143 → VAT 2,61; net 52,29
    //    0 %: 3 × 12,99 = 38,97 gross; VAT 0; net 38,97
    //   total: net 197,79 + VAT 22,95 = gross 220,74
    const summary = summarizeVat([
      SAMPLE_LINES.mug,
      SAMPLE_LINES.printedBook,
      SAMPLE_LINES.book,
      SAMPLE_LINES.bread,
      SAMPLE_LINES.shipping,
    ]);
    assert.deepEqual(summary.rows, [
      { vatRate: 23, net: 7884, vat: 1813, gross: 9697 },
      { vatRate: 8, net: 2769, vat: 221, gross: 2990 },
      { vatRate: 5, net: 5229, vat: 261, gross: 5490 },
      { vatRate: 0, net: 3897, vat: 0, gross: 3897 },
    ]);
    assert.equal(summary.totalNet, 19779);
    assert.equal(summary.totalVat, 2295);
    assert.equal(summary.totalGross, 22074);
    assert.equal(summary.totalNet + summary.totalVat, summary.totalGross);
  });

  it('computes VAT once per rate from the summed gross, not by adding rounded line VATs', () => {
    const line = { quantity: 1, unitGross: 100, vatRate: 23 };
    // Each line alone: 1,00 × 23/123 = 0,187 → 0,19; two lines would add up to 0,38.
    assert.equal(lineValues(line).vat, 19);
    // Per rate: 2,00 × 23/123 = 0,374 → 0,37.
    const summary = summarizeVat([line, line]);
    assert.deepEqual(summary.rows, [{ vatRate: 23, net: 163, vat: 37, gross: 200 }]);
  });

  it('rounds half up, for fractional quantities and in exact division', () => {
    assert.equal(lineValues({ quantity: 0.5, unitGross: 333, vatRate: 0 }).gross, 167); // 166,5 gr → 167
    assert.equal(lineValues({ quantity: 1.5, unitGross: 1, vatRate: 0 }).gross, 2); // 1,5 gr → 2
    assert.equal(divideRoundHalfUp(5, 2), 3);
    assert.equal(divideRoundHalfUp(-5, 2), -3);
    assert.equal(divideRoundHalfUp(4, 3), 1);
    assert.equal(divideRoundHalfUp(5, 3), 2);
  });

  it('gives the unit net price and treats a missing rate as 0 %', () => {
    assert.deepEqual(lineValues({ quantity: 2, unitGross: 3999, vatRate: 23 }), {
      vatRate: 23,
      unitNet: 3251,
      gross: 7998,
      vat: 1496,
      net: 6502,
    });
    assert.deepEqual(lineValues({ quantity: 1, unitGross: 1000, vatRate: null }), {
      vatRate: 0,
      unitNet: 1000,
      gross: 1000,
      vat: 0,
      net: 1000,
    });
    assert.throws(() => lineValues({ quantity: 1, unitGross: 1000, vatRate: 22.5 }), /Unsupported VAT rate/);
  });
});
