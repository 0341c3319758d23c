// Amounts in words in Polish, as printed on invoices ("słownie"): "sto dwadzieścia trzy złote 45/100" style
// with full words for the grosze too, and the plural forms Polish grammar requires
// (1 złoty, 2–4 złote except 12–14, 5+ złotych; likewise grosz/grosze/groszy, tysiąc/tysiące/tysięcy…).
import type { Grosze } from '../model/money';

const UNITS = ['', 'jeden', 'dwa', 'trzy', 'cztery', 'pięć', 'sześć', 'siedem', 'osiem', 'dziewięć'];
const TEENS = [
  'dziesięć',
  'jedenaście',
  'dwanaście',
  'trzynaście',
  'czternaście',
  'piętnaście',
  'szesnaście',
  'siedemnaście',
  'osiemnaście',
  'dziewiętnaście',
];
const TENS = [
  '',
  '',
  'dwadzieścia',
  'trzydzieści',
  'czterdzieści',
  'pięćdziesiąt',
  'sześćdziesiąt',
  'siedemdziesiąt',
  'osiemdziesiąt',
  'dziewięćdziesiąt',
];
const HUNDREDS = ['', 'sto', 'dwieście', 'trzysta', 'czterysta', 'pięćset', 'sześćset', 'siedemset', 'osiemset', 'dziewięćset'];

/** [singular, 2–4 form, 5+ form] for each power of a thousand. */
const SCALES: ReadonlyArray<readonly [string, string, string]> = [
  ['', '', ''],
  ['tysiąc', 'tysiące', 'tysięcy'],
  ['milion', 'miliony', 'milionów'],
  ['miliard', 'miliardy', 'miliardów'],
  ['bilion', 'biliony', 'bilionów'],
];

/** Picks the Polish plural form for a count: forms = [one, few (2–4), many]. */
export function pluralPl(count: number, forms: readonly [string, string, string]): string {
  const n = Math.abs(count);
  if (n === 1) return forms[0];
  const lastTwo = n % 100;
  const last = n % 10;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return forms[1];
  return forms[2];
}

function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) words.push(HUNDREDS[hundreds]!);
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else {
    if (rest >= 20) words.push(TENS[Math.floor(rest / 10)]!);
    if (rest % 10) words.push(UNITS[rest % 10]!);
  }
  return words;
}

/** A non-negative integer in Polish words ("zero", "dwa tysiące dwadzieścia sześć"). */
export function numberToWordsPl(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a non-negative integer: ${value}`);
  if (value === 0) return 'zero';
  const words: string[] = [];
  let rest = value;
  const groups: number[] = [];
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  if (groups.length > SCALES.length) throw new RangeError(`Number too large: ${value}`);
  for (let scale = groups.length - 1; scale >= 0; scale--) {
    const group = groups[scale]!;
    if (group === 0) continue;
    // "tysiąc", not "jeden tysiąc"; but "dwadzieścia jeden tysięcy".
    if (!(scale > 0 && group === 1)) words.push(...belowThousand(group));
    if (scale > 0) words.push(pluralPl(group, SCALES[scale]!));
  }
  return words.join(' ');
}

/** An amount in PLN in words: "sto dwadzieścia trzy złote czterdzieści pięć groszy". */
export function amountInWordsPl(amount: Grosze): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not an amount in grosze: ${amount}`);
  const minus = amount < 0 ? 'minus ' : '';
  const abs = Math.abs(amount);
  const zloty = Math.floor(abs / 100);
  const grosze = abs % 100;
  return (
    `${minus}${numberToWordsPl(zloty)} ${pluralPl(zloty, ['złoty', 'złote', 'złotych'])} ` +
    `${numberToWordsPl(grosze)} ${pluralPl(grosze, ['grosz', 'grosze', 'groszy'])}`
  );
}
