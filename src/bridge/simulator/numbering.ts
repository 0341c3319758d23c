// Numbering in the simulated company: per document definition, series and calendar year, SYMBOL/N/YYYY (and
// /SERIES when one is set), as Optima's default scheme looks (UNCONFIRMED: schemes are configurable in Optima).
import type { SimulatedCompany } from './company';

/** The definitions a realization numbers its sales document with. */
export const SALES_DEFINITIONS = { FS: 'FS', PA: 'PA' } as const;

export function nextNumber(
  company: SimulatedCompany,
  definitionId: number,
  symbol: string,
  date: string,
  series: string,
): { number: string; counter: number } {
  const year = date.slice(0, 4);
  const row = company.one(
    'SELECT MAX(TrN_NumerNr) AS last FROM CDN.TraNag WHERE TrN_DDfId = ? AND TrN_Seria = ? AND substr(TrN_DataDok, 1, 4) = ?',
    [definitionId, series, year],
  );
  const counter = Number(row?.last ?? 0) + 1;
  return { number: `${symbol}/${counter}/${year}${series ? `/${series}` : ''}`, counter };
}
