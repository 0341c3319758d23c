// VAT arithmetic of sales documents priced in gross (as shops price them): line values, the VAT table per
// rate and the totals, all in integer grosze.
//
// Method ("od brutto", art. 106e ust. 7-8 of the Polish VAT act, and Optima's "liczona od brutto"):
//   1. line gross = unit gross × quantity, rounded half up to the grosz;
//   2. per VAT rate: gross = sum of the line gross values at that rate;
//      VAT = gross × rate / (100 + rate), rounded half up; net = gross − VAT;
//   3. totals = sums over the rates.
// The VAT is computed once per rate from the summed gross (never summed from rounded line VATs), so the
// table may differ by a grosz from the sum of the per-line figures shown for information.
// "Half up" means half away from zero (0.5 gr → 1 gr, −0.5 gr → −1 gr), with exact integer arithmetic.
import { type Grosze, multiply } from '../model/money';

export interface GrossLine {
  quantity: number;
  unitGross: Grosze;
  /** Percent (23, 8, 5, 0); null (rate not given, or exempt) is treated as 0 %. */
  vatRate: number | null;
}

export interface LineValues {
  vatRate: number;
  /** Unit net price, for information: unit gross × 100 / (100 + rate), rounded half up. */
  unitNet: Grosze;
  gross: Grosze;
  /** Line VAT for information: gross × rate / (100 + rate), rounded half up. */
  vat: Grosze;
  net: Grosze;
}

export interface VatRow {
  vatRate: number;
  net: Grosze;
  vat: Grosze;
  gross: Grosze;
}

export interface VatSummary {
  lines: LineValues[];
  /** One row per rate present, highest rate first. */
  rows: VatRow[];
  totalNet: Grosze;
  totalVat: Grosze;
  totalGross: Grosze;
}

/** numerator / denominator (integers, denominator > 0), rounded half away from zero. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`Cannot divide ${numerator} by ${denominator} exactly`);
  }
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -magnitude : magnitude;
}

function normalizedRate(rate: number | null): number {
  if (rate === null) return 0;
  if (!Number.isInteger(rate) || rate < 0 || rate > 100) throw new RangeError(`Unsupported VAT rate: ${rate}`);
  return rate;
}

/** The VAT contained in a gross amount at a rate (half up). */
export function vatFromGross(gross: Grosze, rate: number): Grosze {
  return divideRoundHalfUp(gross * rate, 100 + rate);
}

/** The net part of a gross amount at a rate (gross − VAT). */
export function netFromGross(gross: Grosze, rate: number): Grosze {
  return gross - vatFromGross(gross, rate);
}

export function lineValues(line: GrossLine): LineValues {
  const vatRate = normalizedRate(line.vatRate);
  const gross = multiply(line.unitGross, line.quantity);
  const vat = vatFromGross(gross, vatRate);
  return { vatRate, unitNet: netFromGross(line.unitGross, vatRate), gross, vat, net: gross - vat };
}

/** Line values, the VAT table per rate and the totals of a document priced in gross. */
export function summarizeVat(lines: readonly GrossLine[]): VatSummary {
  const values = lines.map(lineValues);
  const grossByRate = new Map<number, Grosze>();
  for (const line of values) grossByRate.set(line.vatRate, (grossByRate.get(line.vatRate) ?? 0) + line.gross);
  const rows = [...grossByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRate, gross]) => {
      const vat = vatFromGross(gross, vatRate);
      return { vatRate, net: gross - vat, vat, gross };
    });
  return {
    lines: values,
    rows,
    totalNet: rows.reduce((sum, row) => sum + row.net, 0),
    totalVat: rows.reduce((sum, row) => sum + row.vat, 0),
    totalGross: rows.reduce((sum, row) => sum + row.gross, 0),
  };
}
