// WooCommerce has no endpoint for a file on an order: the PDF goes to the WordPress media library
// (POST /wp-json/wp/v2/media, a WordPress user with an Application Password; the ck/cs keys do not reach
// wp/v2), then the order links it: meta_data and an order note (private unless
// shop.woocommerce.salesDocumentNote says "customer", which also e-mails the customer).
//
// Private and once: an attachment without a parent post is "inherit", which WordPress lists and searches for
// anyone (GET /wp/v2/media). The upload is made "private" (asked at the upload, checked, set right after when
// WordPress ignored it), so only logged-in staff can list it; the file itself is still served to whoever has
// its address, hence the unguessable name. Every step looks for the product's own earlier result first (the
// deterministic name, the note that names the file), so a retry after a failed later step stores nothing twice.
import { t } from '../l10n';
import type { Settings } from '../settings/types.generated';
import type { SalesPdfUpload } from './connector';
import { SET_CREDENTIALS_COMMAND, ShopError } from './errors';
import { basicAuth, joinUrl, type ShopHttp } from './http';
import { writeOnce } from './once';

/** Order meta keys written (the integrator's own names; WooCommerce has none for this). */
export const WOO_META_DOCUMENT_NUMBER = '_optima_sync_document_number';
export const WOO_META_DOCUMENT_URL = '_optima_sync_document_url';

interface WpMedia {
  id: number;
  source_url: string;
  status?: string;
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
  /** The deterministic, unguessable file name of this order's document (upload-name.ts). */
  fileName: string;
}

function refused(error: unknown): never {
  // The shop's generic hint names the consumer keys; these calls use the WordPress credentials.
  if (error instanceof ShopError && error.kind === 'auth') {
    throw new ShopError(
      t(
        'WordPress refused the user or Application Password for the PDF upload (HTTP {0} {1}). The user needs the right to upload files (e.g. Shop manager); create the password under Users → Profile → Application Passwords and set it with the command "{2}" (CLI: OPTIMA_SYNC_WP_USER, OPTIMA_SYNC_WP_APP_PASSWORD).',
        error.status ?? '',
        error.shopMessage ?? '',
        t(SET_CREDENTIALS_COMMAND),
      ),
      'auth',
      'woocommerce',
      error.status,
      error.shopMessage,
    );
  }
  throw error;
}

/** GET /wp-json/wp/v2/users/me with the Application Password: the user's name, or a clear refusal. */
export async function checkWordPressUser(http: ShopHttp, site: string, user: string, password: string): Promise<string> {
  const me = await http
    .json<{ name?: string; slug?: string }>({
      method: 'GET',
      url: joinUrl(site, 'wp-json/wp/v2/users/me'),
      headers: { Authorization: basicAuth(user, password), Accept: 'application/json' },
      idempotent: true,
      what: 'check the WordPress user for the PDF upload',
    })
    .catch(refused);
  return me.name ?? me.slug ?? user;
}

const stem = (fileName: string) => fileName.replace(/\.pdf$/i, '');

/** The product's own earlier upload of this document: a search by its name (private ones need the login). */
async function findUpload(target: WooLinkTarget, wp: Record<string, string>): Promise<WpMedia | undefined> {
  const url = new URL(joinUrl(target.site, 'wp-json/wp/v2/media'));
  // WordPress searches the title, which it takes from the file name (UNCONFIRMED for every version; the
  // upload also sets it explicitly). wp_unique_filename may have added "-1" to a name that was taken.
  for (const [key, value] of Object.entries({ search: stem(target.fileName), status: 'inherit,private', per_page: '100' }))
    url.searchParams.set(key, value);
  const found = await target.http
    .json<WpMedia[]>({
      method: 'GET',
      url: url.toString(),
      headers: wp,
      idempotent: true,
      what: 'look for the uploaded sales-document PDF',
    })
    .catch(refused);
  const ours = new RegExp(`/${stem(target.fileName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(-\\d+)?\\.pdf$`, 'i');
  return found.filter((media) => ours.test(new URL(media.source_url, target.site).pathname)).sort((a, b) => a.id - b.id)[0];
}

async function upload(target: WooLinkTarget, wp: Record<string, string>, pdf: SalesPdfUpload): Promise<WpMedia> {
  const url = new URL(joinUrl(target.site, 'wp-json/wp/v2/media'));
  // The body is the file, so the attachment's fields go in the query (WP_REST_Request merges both).
  url.searchParams.set('status', 'private');
  url.searchParams.set('title', stem(target.fileName));
  return target.http
    .json<WpMedia>({
      method: 'POST',
      url: url.toString(),
      idempotent: false,
      headers: { ...wp, 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${target.fileName}"` },
      body: pdf.bytes,
      what: 'upload the sales-document PDF',
      setting: 'the WordPress user and Application Password',
    })
    .catch(refused);
}

/** POST /wp/v2/media/{id} {"status":"private"}: an update, the same however often it is sent. */
async function makePrivate(target: WooLinkTarget, wp: Record<string, string>, media: WpMedia): Promise<WpMedia> {
  return target.http
    .json<WpMedia>({
      method: 'POST',
      url: joinUrl(target.site, `wp-json/wp/v2/media/${media.id}`),
      idempotent: true,
      headers: { ...wp, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'private' }),
      what: 'make the uploaded sales-document PDF private',
      setting: 'the WordPress user and Application Password',
    })
    .catch(refused);
}

export async function uploadAndLink(
  target: WooLinkTarget,
  orderId: string,
  pdf: SalesPdfUpload,
): Promise<{ url: string; noteId?: number; reused: { file: boolean; note: boolean } }> {
  const { http } = target;
  const wp = { Authorization: basicAuth(target.wpUser, target.wpAppPassword), Accept: 'application/json' };
  const stored = await writeOnce({
    find: () => findUpload(target, wp),
    write: () => upload(target, wp, pdf),
    what: t('sales-document PDF in the media library'),
    platform: 'woocommerce',
  });
  const media = stored.value.status === 'private' ? stored.value : await makePrivate(target, wp, stored.value);
  const order = `orders/${encodeURIComponent(orderId)}`;
  await http.send({
    method: 'PUT',
    url: target.wcUrl(order),
    headers: { ...target.wcHeaders, 'Content-Type': 'application/json' },
    idempotent: true,
    body: JSON.stringify({
      meta_data: [
        { key: WOO_META_DOCUMENT_NUMBER, value: pdf.documentNumber },
        { key: WOO_META_DOCUMENT_URL, value: media.source_url },
      ],
    }),
    what: 'link the sales-document PDF on the order',
  });
  const customerNote = target.settings.shop.woocommerce?.salesDocumentNote === 'customer';
  const notesUrl = target.wcUrl(`${order}/notes`);
  // The note names the file, whose name is the product's own: that is the marker, whatever the language.
  const note = await writeOnce({
    find: async () =>
      (
        await http.json<Array<{ id?: number; note?: string }>>({
          method: 'GET',
          url: notesUrl,
          headers: target.wcHeaders,
          idempotent: true,
          what: 'look for the order note with the sales-document link',
        })
      ).find((existing) => existing.note?.includes(target.fileName) || existing.note?.includes(media.source_url)),
    write: () =>
      http.json<{ id?: number }>({
        method: 'POST',
        url: notesUrl,
        headers: { ...target.wcHeaders, 'Content-Type': 'application/json' },
        idempotent: false,
        body: JSON.stringify({ note: t('Sales document {0}: {1}', pdf.documentNumber, media.source_url), customer_note: customerNote }),
        what: 'add the order note with the sales-document link',
        setting: 'shop.woocommerce.salesDocumentNote',
      }),
    what: t('order note with the sales-document link'),
    platform: 'woocommerce',
  });
  return { url: media.source_url, noteId: note.value.id, reused: { file: stored.reused, note: note.reused } };
}
