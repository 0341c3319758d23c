// The KSeF number of an invoice (the Ministry of Finance's KSeF 2.0 documentation, "Numer KSeF – struktura i
// walidacja"): 35 characters, `NNNNNNNNNN-YYYYMMDD-XXXXXXXXXXXX-CC` — the seller's NIP, the day KSeF accepted the
// invoice, 12 upper-case hex digits of KSeF's own, and a CRC-8 of the first 32 characters (polynomial 0x07,
// initial value 0x00, no reflection, no final XOR) as 2 upper-case hex digits. The documentation's example
// 5265877635-20250826-0100001AF629-AF is the test vector.

const KSEF_NUMBER = /^(\d{10})-(\d{4})(\d{2})(\d{2})-([0-9A-F]{12})-([0-9A-F]{2})$/;

/** CRC-8 (poly 0x07, init 0x00) over the bytes of an ASCII text. */
export function crc8(text: string): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) & 0xff;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

/** Whether the text is a well-formed KSeF number whose check digits match. */
export function isValidKsefNumber(value: string): boolean {
  const match = KSEF_NUMBER.exec(value);
  if (!match) return false;
  const [, , year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return false;
  return hex2(crc8(value.slice(0, 32))) === value.slice(33);
}

/** The seller's NIP a KSeF number begins with (undefined for anything else). */
export function nipOfKsefNumber(value: string): string | undefined {
  return KSEF_NUMBER.exec(value)?.[1];
}

/**
 * A KSeF number as KSeF forms it: the seller's 10-digit NIP, the acceptance day (YYYY-MM-DD) and a 12-digit
 * technical part (hex). The sandbox ERP makes its numbers here; a real one comes from KSeF through Optima.
 */
export function formatKsefNumber(sellerNip: string, acceptedOn: string, technical: string): string {
  const nip = sellerNip.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(nip)) throw new Error(`A KSeF number needs the seller's 10-digit NIP, not "${sellerNip}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(acceptedOn)) throw new Error(`Not a calendar date: ${acceptedOn}`);
  const part = technical.toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(part)) throw new Error(`The technical part of a KSeF number has 12 hex digits, not "${technical}"`);
  const data = `${nip}-${acceptedOn.replace(/-/g, '')}-${part}`;
  return `${data}-${hex2(crc8(data))}`;
}
