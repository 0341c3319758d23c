// Polish number formats for printed documents: "1 234,56", quantities "2" / "1,5", rates "23%".
import type { Grosze } from '../../model/money';

/** "1 234,56" (a space groups thousands, a comma separates grosze). */
export function formatMoneyPl(grosze: Grosze): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** "2", "1,5", "0,125" (up to three decimals, no trailing zeros). */
export function formatQuantityPl(quantity: number): string {
  return String(Number(quantity.toFixed(3))).replace('.', ',');
}

export function formatVatRate(rate: number | string): string {
  return typeof rate === 'number' ? `${rate}%` : rate;
}
