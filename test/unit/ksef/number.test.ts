import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { crc8, formatKsefNumber, isValidKsefNumber, nipOfKsefNumber } from '../../../src/core/ksef/number';
import { base64Url, ksefVerificationUrl } from '../../../src/core/ksef/state';

describe('KSeF number and KOD I link', () => {
  // The Ministry's documentation's example number ("Numer KSeF – struktura i walidacja").
  const DOCUMENTED = '5265877635-20250826-0100001AF629-AF';

  it('checks the documented example with CRC-8 (polynomial 0x07, initial 0x00) over its first 32 characters', () => {
    assert.equal(crc8(DOCUMENTED.slice(0, 32)), 0xaf);
    assert.ok(isValidKsefNumber(DOCUMENTED));
    assert.equal(nipOfKsefNumber(DOCUMENTED), '5265877635');
  });

  it('refuses a number with a wrong check, a lower-case or short technical part, or a date that does not exist', () => {
    assert.equal(isValidKsefNumber('5265877635-20250826-0100001AF629-AE'), false);
    assert.equal(isValidKsefNumber('5265877635-20250826-0100001af629-AF'), false);
    assert.equal(isValidKsefNumber('5265877635-20250826-0100001AF62-AF'), false);
    const impossible = formatKsefNumber('5265877635', '2025-02-28', '0100001AF629').replace('20250228', '20250231');
    assert.equal(isValidKsefNumber(impossible), false);
  });

  it('forms numbers as KSeF does: the same parts give the documented number back', () => {
    assert.equal(formatKsefNumber('526-587-76-35', '2025-08-26', '0100001af629'), DOCUMENTED);
    assert.throws(() => formatKsefNumber('123', '2025-08-26', '0100001AF629'), /10-digit NIP/);
  });

  it('builds KOD I as documented: host of the environment / NIP / DD-MM-YYYY / SHA-256 in Base64URL without padding', () => {
    const hash = base64Url(createHash('sha256').update('<Faktura/>').digest());
    assert.doesNotMatch(hash, /[+/=]/);
    assert.equal(hash.length, 43);
    assert.equal(
      ksefVerificationUrl('test', { number: DOCUMENTED, fa3Sha256: hash }, '2026-02-01', '1111111111'),
      `https://qr-test.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}`,
      'the NIP of the KSeF number',
    );
    assert.equal(
      ksefVerificationUrl('production', { fa3Sha256: hash }, '2026-02-01', '111-111-11-11'),
      `https://qr.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/${hash}`,
    );
    assert.match(ksefVerificationUrl('demo', { fa3Sha256: hash }, '2026-02-01', '1111111111')!, /^https:\/\/qr-demo\.ksef\.mf\.gov\.pl\//);
    assert.equal(ksefVerificationUrl('production', { number: DOCUMENTED }, '2026-02-01', '1111111111'), undefined, 'no hash, no link');
  });
});
