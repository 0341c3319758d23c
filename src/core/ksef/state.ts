// What the product knows about a sales document in KSeF (Krajowy System e-Faktur), and the KOD I verification
// link printed on the copy a buyer gets outside KSeF (the Ministry's KSeF 2.0 documentation, "Kody weryfikujące
// QR"): https://qr.ksef.mf.gov.pl/invoice/{seller NIP}/{issue date P_1 as DD-MM-YYYY}/{SHA-256 of the invoice
// file, Base64URL without padding}, with qr-test / qr-demo hosts for the test and demo environments.
import { nipOfKsefNumber } from './number';

/**
 * outside: never goes to KSeF (a receipt, an FS flagged "do not send to KSeF", KSeF off when it was issued);
 * pending: sent or to be sent, no number yet; accepted: KSeF gave it its number; rejected: KSeF refused it.
 */
export type KsefStatus = 'outside' | 'pending' | 'accepted' | 'rejected';

export interface KsefState {
  status: KsefStatus;
  /** The 35-character KSeF number (accepted). */
  number?: string;
  /** When KSeF accepted it (ISO instant). */
  acceptedAt?: string;
  /** Why KSeF (or the ERP sending it) refused it, as the ERP says. */
  reason?: string;
  /**
   * SHA-256 of the FA(3) XML file exactly as sent to KSeF, Base64URL without padding. Known only where the
   * product can read those bytes (the sandbox ERP writes them itself); without it no KOD I can be printed.
   */
  fa3Sha256?: string;
}

export type KsefEnvironment = 'production' | 'test' | 'demo';

export const KSEF_QR_HOSTS: Record<KsefEnvironment, string> = {
  production: 'https://qr.ksef.mf.gov.pl',
  test: 'https://qr-test.ksef.mf.gov.pl',
  demo: 'https://qr-demo.ksef.mf.gov.pl',
};

/** A SHA-256 digest as KSeF's links carry it: Base64URL without padding. */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The KOD I link of an invoice: the seller's NIP (from its KSeF number when it has one, else the given one),
 * its issue date (YYYY-MM-DD, printed DD-MM-YYYY) and the hash of its FA(3) file. Undefined without the hash.
 */
export function ksefVerificationUrl(
  environment: KsefEnvironment,
  state: Pick<KsefState, 'number' | 'fa3Sha256'>,
  issueDate: string,
  sellerNip: string,
): string | undefined {
  if (!state.fa3Sha256) return undefined;
  const nip = (state.number ? nipOfKsefNumber(state.number) : undefined) ?? sellerNip.replace(/\D/g, '');
  const [year, month, day] = issueDate.slice(0, 10).split('-');
  if (!/^\d{10}$/.test(nip) || !year || !month || !day) return undefined;
  return `${KSEF_QR_HOSTS[environment]}/invoice/${nip}/${day}-${month}-${year}/${state.fa3Sha256}`;
}
