// Where credentials may travel unencrypted: only to this machine (loopback), or where the consultant said so
// explicitly. One policy for the SMTP login, the shop's keys and the ERP bridge's token.

/** localhost, 127.0.0.0/8 or ::1: a password in clear there never crosses a network. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name.startsWith('127.');
  return name === '::1' || name === '::ffff:127.0.0.1';
}

/**
 * How a URL that carries credentials stands: `encrypted` (https), `loopback` (plain http to this machine),
 * `allowed` (plain http elsewhere, allowed explicitly: warn), `refused` (plain http elsewhere), `invalid`.
 */
export type CredentialUrlVerdict = 'encrypted' | 'loopback' | 'allowed' | 'refused' | 'invalid';

export function credentialUrlVerdict(url: string, allowInsecureHttp: boolean): CredentialUrlVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol === 'https:') return 'encrypted';
  if (parsed.protocol !== 'http:') return 'invalid';
  if (isLoopbackHost(parsed.hostname)) return 'loopback';
  return allowInsecureHttp ? 'allowed' : 'refused';
}
