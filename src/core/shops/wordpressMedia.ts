// WooCommerce has no endpoint for a file on an order: the PDF goes to the WordPress media library
// (POST /wp-json/wp/v2/media, a WordPress user with an Application Password; the ck/cs keys do not reach
// wp/v2) under an unguessable name, then the order links it: meta_data and an order note (private unless
// shop.woocommerce.salesDocumentNote says "customer", which also e-mails the customer).
import { randomBytes } from 'node:crypto';
import { t } from '../l10n';
import type { Settings } from '../settings/types.generated';
import type { SalesPdfUpload } from './connector';
import { SET_CREDENTIALS_COMMAND, ShopError } from './errors';
import { basicAuth, joinUrl, ShopHttp } from './http';

/** Order meta keys written (the integrator's own names; WooCommerce has none for this). */
export const WOO_META_DOCUMENT_NUMBER = '_optima_sync_document_number';
export const WOO_META_DOCUMENT_URL = '_optima_sync_document_url';

interface WpMedia { id: number; source_url: string }

/** "FS/3/2026" → "FS-3-2026-<32 random hex>.pdf": the media library's files are public, so the name is the lock. */
export function unguessableFileName(documentNumber: string): string {
  const readable = documentNumber.normalize('NFD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'document';
  return `${readable}-${randomBytes(16).toString('hex')}.pdf`;
}

export interface WooLinkTarget {
  http: ShopHttp;
  settings: Settings;
  /** The site address (without /wp-json/...). */
  site: string;
  /** Headers of the wc/v3 calls (consumer key and secret). */
  wcHeaders: Record<string, string>;
  wcUrl(path: string): string;
  wpUser: string;
  wpAppPassword: string;
}

function refused(error: unknown): never {
  // The shop's generic hint names the consumer keys; these calls use the WordPress credentials.
  if (error instanceof ShopError && error.kind === 'auth') {
    throw new ShopError(t('WordPress refused the user or Application Password for the PDF upload (HTTP {0} {1}). The user needs the right to upload files (e.g. Shop manager); create the password under Users → Profile → Application Passwords and set it with the command "{2}" (CLI: OPTIMA_SYNC_WP_USER, OPTIMA_SYNC_WP_APP_PASSWORD).', error.status ?? '', error.shopMessage ?? '', t(SET_CREDENTIALS_COMMAND)), 'auth', 'woocommerce', error.status, error.shopMessage);
  }
  throw error;
}

/** GET /wp-json/wp/v2/users/me with the Application Password: the user's name, or a clear refusal. */
export async function checkWordPressUser(http: ShopHttp, site: string, user: string, password: string): Promise<string> {
  const me = await http.json<{ name?: string; slug?: string }>({
    method: 'GET', url: joinUrl(site, 'wp-json/wp/v2/users/me'), headers: { Authorization: basicAuth(user, password), Accept: 'application/json' },
    idempotent: true, what: 'check the WordPress user for the PDF upload',
  }).catch(refused);
  return me.name ?? me.slug ?? user;
}

export async function uploadAndLink(target: WooLinkTarget, orderId: string, pdf: SalesPdfUpload): Promise<{ url: string; noteId?: number }> {
  const { http } = target;
  const fileName = unguessableFileName(pdf.documentNumber);
  // A second POST would store a second copy: not repeated automatically.
  const media = await http.json<WpMedia>({
    method: 'POST', url: joinUrl(target.site, 'wp-json/wp/v2/media'), idempotent: false,
    headers: {
      Authorization: basicAuth(target.wpUser, target.wpAppPassword), Accept: 'application/json',
      'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`,
    },
    body: pdf.bytes, what: 'upload the sales-document PDF', setting: 'the WordPress user and Application Password',
  }).catch(refused);
  const order = `orders/${encodeURIComponent(orderId)}`;
  await http.send({
    method: 'PUT', url: target.wcUrl(order), headers: { ...target.wcHeaders, 'Content-Type': 'application/json' }, idempotent: true,
    body: JSON.stringify({ meta_data: [{ key: WOO_META_DOCUMENT_NUMBER, value: pdf.documentNumber }, { key: WOO_META_DOCUMENT_URL, value: media.source_url }] }),
    what: 'link the sales-document PDF on the order',
  });
  const customerNote = target.settings.shop.woocommerce?.salesDocumentNote === 'customer';
  const note = await http.json<{ id?: number }>({
    method: 'POST', url: target.wcUrl(`${order}/notes`), headers: { ...target.wcHeaders, 'Content-Type': 'application/json' }, idempotent: false,
    body: JSON.stringify({ note: t('Sales document {0}: {1}', pdf.documentNumber, media.source_url), customer_note: customerNote }),
    what: 'add the order note with the sales-document link', setting: 'shop.woocommerce.salesDocumentNote',
  });
  return { url: media.source_url, noteId: note.id };
}
