// Money is kept in integer grosze (1/100 PLN or of the order's currency), never in floats.
export type Grosze = number;

/** Parses a decimal amount as the shops send it ("135.30", 135.3, "61.500000") into grosze, rounding half up. */
export function toGrosze(value: string | number | null | undefined): Grosze {
  if (value === null || value === undefined || value === '') return 0;
  const text = typeof value === 'number' ? value.toFixed(6) : String(value).trim().replace(',', '.');
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`Not an amount: ${JSON.stringify(value)}`);
  const [, sign, whole = '', fraction = ''] = match;
  const digits = (fraction + '000').slice(0, 3);
  let grosze = Number(whole || '0') * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) grosze += 1;
  return sign ? -grosze : grosze;
}

/** "1234.5" style decimal string of an amount in grosze (for APIs). */
export function groszeToDecimal(grosze: Grosze): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Multiplies a unit price by a (possibly fractional) quantity, rounding half up to the grosz. */
export function multiply(unit: Grosze, quantity: number): Grosze {
  return Math.round(unit * quantity + Number.EPSILON * Math.sign(unit * quantity));
}
