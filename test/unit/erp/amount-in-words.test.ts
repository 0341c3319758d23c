import assert from 'node:assert/strict';
import { amountInWordsPl, numberToWordsPl, pluralPl } from '../../../src/core/erp/amount-in-words';

describe('Amounts in words (Polish)', () => {
  it('writes numbers with the right hundreds, teens and tens', () => {
    assert.equal(numberToWordsPl(0), 'zero');
    assert.equal(numberToWordsPl(11), 'jedenaście');
    assert.equal(numberToWordsPl(215), 'dwieście piętnaście');
    assert.equal(numberToWordsPl(1000), 'tysiąc');
    assert.equal(numberToWordsPl(2026), 'dwa tysiące dwadzieścia sześć');
    assert.equal(numberToWordsPl(12_000), 'dwanaście tysięcy');
    assert.equal(numberToWordsPl(21_000), 'dwadzieścia jeden tysięcy');
    assert.equal(numberToWordsPl(1_000_001), 'milion jeden');
    assert.equal(numberToWordsPl(3_504_000_017), 'trzy miliardy pięćset cztery miliony siedemnaście');
  });

  it('chooses złoty/złote/złotych and grosz/grosze/groszy by Polish plural rules', () => {
    assert.equal(amountInWordsPl(100), 'jeden złoty zero groszy');
    assert.equal(amountInWordsPl(201), 'dwa złote jeden grosz');
    assert.equal(amountInWordsPl(1202), 'dwanaście złotych dwa grosze');
    assert.equal(amountInWordsPl(2205), 'dwadzieścia dwa złote pięć groszy');
    assert.equal(amountInWordsPl(11214), 'sto dwanaście złotych czternaście groszy');
    assert.equal(amountInWordsPl(22074), 'dwieście dwadzieścia złotych siedemdziesiąt cztery grosze');
    assert.equal(amountInWordsPl(0), 'zero złotych zero groszy');
    assert.equal(amountInWordsPl(-150), 'minus jeden złoty pięćdziesiąt groszy');
  });

  it('picks plural forms for any count', () => {
    const forms = ['grosz', 'grosze', 'groszy'] as const;
    assert.deepEqual(
      [1, 2, 4, 5, 12, 14, 22, 24, 25, 101, 102, 112, 122].map((n) => pluralPl(n, forms)),
      ['grosz', 'grosze', 'grosze', 'groszy', 'groszy', 'groszy', 'grosze', 'grosze', 'groszy', 'groszy', 'grosze', 'groszy', 'grosze'],
    );
  });
});
