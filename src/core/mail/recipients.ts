// Who a message really goes to. Test mode is decided here and applied by the mailer's send — the one place
// mail leaves the program — so the dry-run plan and the real send can never disagree.
import { t } from '../l10n';
import type { Settings } from '../settings/types.generated';
import { MailConfigurationError } from './transport';

export type EmailSettings = Settings['email'];

// A bare address, or "Name <address>"; nothing that could end a header line.
const ADDRESS = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;
const MAILBOX = /^([^<>\r\n]*)<([^<>\s]+)>$/;

export class InvalidAddressError extends Error {}

/** The bare address of "addr" or "Name <addr>"; throws InvalidAddressError for anything else (CR/LF included). */
export function parseAddress(value: string): string {
  if (typeof value !== 'string' || /[\r\n]/.test(value) || value.includes(String.fromCharCode(0))) {
    throw new InvalidAddressError(t('Not a valid e-mail address (it contains a line break): {0}', JSON.stringify(String(value))));
  }
  const trimmed = value.trim();
  const mailbox = MAILBOX.exec(trimmed);
  const address = mailbox ? mailbox[2]!.trim() : trimmed;
  if (!ADDRESS.test(address)) throw new InvalidAddressError(t('Not a valid e-mail address: {0}', JSON.stringify(trimmed)));
  return address;
}

export interface PlannedRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
  /** True in test mode: every recipient was replaced by the test recipient. */
  redirected: boolean;
  /** "[TEST → jan@example.com] " in test mode. */
  subjectPrefix?: string;
  /** The recipients the message was meant for (validated bare addresses). */
  original: { to: string[]; cc: string[]; bcc: string[] };
}

/** The test-mode rewrite: in test mode To, Cc and Bcc all become the test recipient; the original is kept aside. */
export function plannedRecipients(email: EmailSettings, to: string, cc: string[] = [], bcc: string[] = []): PlannedRecipients {
  const original = { to: [parseAddress(to)], cc: cc.map(parseAddress), bcc: bcc.map(parseAddress) };
  if (!email.testMode.enabled) return { ...original, redirected: false, original };
  const recipient = email.testMode.recipient?.trim();
  if (!recipient) {
    throw new MailConfigurationError(t('Test mode is on but no test recipient is set (email.testMode.recipient). Nothing was sent.'));
  }
  let testAddress: string;
  try {
    testAddress = parseAddress(recipient);
  } catch (error) {
    throw new MailConfigurationError(t('The test recipient (email.testMode.recipient) is not valid: {0}', (error as Error).message));
  }
  return {
    to: [testAddress],
    cc: [],
    bcc: [],
    redirected: true,
    subjectPrefix: `[TEST → ${original.to.join(', ')}] `,
    original,
  };
}
