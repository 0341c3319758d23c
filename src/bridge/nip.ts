// Polish tax ids (NIP): the digits a contractor card is found by, and the checksum Optima's card also checks.

/** Digits only: spaces and dashes dropped, a "PL" prefix dropped; undefined for an empty one. */
export function normalizeNip(taxId: string | null | undefined): string | undefined {
  const compact = (taxId ?? '').replace(/[\s-]/g, '').toUpperCase();
  if (!compact) return undefined;
  return compact.startsWith('PL') ? compact.slice(2) : compact;
}

/** Ten digits whose weighted sum (6 5 7 2 3 4 5 6 7) modulo 11 is the last digit. */
export function isValidNip(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(nip[index]), 0);
  return sum % 11 === Number(nip[9]);
}
