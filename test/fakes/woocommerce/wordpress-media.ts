// The WordPress media library of the WooCommerce fake, as the REST API documents it (wp/v2/media, developer.wordpress.org
// /rest-api/reference/media/) and WP_REST_Attachments_Controller behaves:
// - POST /media: Basic auth with a WordPress user's Application Password only (the ck/cs keys are refused),
//   the file as the body, Content-Disposition filename required, the fields (status, title) in the query;
//   a taken name gets a numeric suffix (wp_unique_filename); the title defaults to the file name.
// - GET /media: status=inherit by default; any other status (private) needs a logged-in user with the right to
//   edit posts, else 400 rest_invalid_param "Status is forbidden."; ?search= matches the title (terms, "-term"
//   excludes); per_page ≤ 100, page, X-WP-Total / X-WP-TotalPages. Anonymous visitors see every "inherit"
//   attachment without a parent post: that is what made the uploads public.
// - GET /media/{id}: a private one is 401 rest_forbidden for visitors.
// - POST/PUT/PATCH /media/{id}: {"status","title"}; an attachment is only inherit or private (other statuses
//   become inherit, as wp_insert_post does).
// - DELETE /media/{id}: 501 rest_trash_not_supported without force=true; with it the file is gone too.
// - The file at source_url is served by the web server to anyone who has the address, private or not.
import { basicCredentials, type FakeRequest, type FakeResponse } from '../common/server';

export const WP_USER = 'konsultant';
/** WordPress shows Application Passwords in groups of four, spaces included; either form is accepted. */
export const WP_APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
const WP_USER_ID = 2;

export interface WpMedia {
  id: number;
  fileName: string;
  source_url: string;
  bytes: Buffer;
  mime_type: string;
  status: 'inherit' | 'private';
  title: string;
  author: number;
  date: string;
}

export const wpError = (status: number, code: string, message: string, data: Record<string, unknown> = {}): FakeResponse => ({
  status,
  body: { code, message, data: { status, ...data } },
});

/** The WordPress user of the request: logged in, anonymous, or refused (wrong password). */
export function wordpressUser(request: FakeRequest): 'user' | 'anonymous' | 'refused' {
  const credentials = basicCredentials(request.headers.authorization);
  if (!credentials) return 'anonymous';
  return credentials[0] === WP_USER && credentials[1].replace(/ /g, '') === WP_APP_PASSWORD.replace(/ /g, '') ? 'user' : 'refused';
}

export interface WordPressMedia {
  media: WpMedia[];
  /** The answer for a media route (wp/v2/media…, an uploaded file), or undefined for any other path. */
  handle(request: FakeRequest): FakeResponse | undefined;
}

/** `ignoreUploadFields`: a site (a plugin, another version) that takes only the file at the upload: status and title stay default. */
export function wordpressMedia(site: () => string, stamp: () => string, options: { ignoreUploadFields?: boolean } = {}): WordPressMedia {
  const media: WpMedia[] = [];
  const render = (item: WpMedia) => ({
    id: item.id,
    date: item.date,
    date_gmt: item.date,
    slug: item.title.toLowerCase(),
    status: item.status,
    type: 'attachment',
    link: `${site()}/?attachment_id=${item.id}`,
    title: { rendered: item.title },
    author: item.author,
    media_type: 'file',
    mime_type: item.mime_type,
    source_url: item.source_url,
    post: null,
  });
  const refusedLogin = () => wpError(401, 'incorrect_password', 'The provided password is an invalid application password.');

  const upload = (request: FakeRequest): FakeResponse => {
    if (wordpressUser(request) !== 'user')
      return wpError(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
    if (!request.body.length) return wpError(400, 'rest_upload_no_data', 'No data supplied.');
    const name = /filename="?([^";]+)"?/.exec(String(request.headers['content-disposition'] ?? ''))?.[1];
    if (!name) return wpError(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.');
    if (!/\.pdf$/i.test(name) || !request.body.subarray(0, 5).equals(Buffer.from('%PDF-')))
      return wpError(500, 'rest_upload_sideload_error', 'Sorry, you are not allowed to upload this file type.');
    const status = (options.ignoreUploadFields ? undefined : request.query.get('status')) ?? 'inherit';
    if (status !== 'inherit' && status !== 'private')
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
        params: { status: 'status is not one of inherit, private, trash.' },
      });
    const taken = (candidate: string) => media.some((m) => m.fileName === candidate);
    let fileName = name.replace(/[^\w.-]+/g, '-');
    for (let n = 1; taken(fileName); n++) fileName = name.replace(/\.pdf$/i, `-${n}.pdf`);
    const item: WpMedia = {
      id: 600 + media.length + 1,
      fileName,
      source_url: `${site()}/wp-content/uploads/2026/11/${fileName}`,
      bytes: request.body,
      mime_type: 'application/pdf',
      status,
      title: (options.ignoreUploadFields ? undefined : request.query.get('title')) ?? fileName.replace(/\.pdf$/i, ''),
      author: WP_USER_ID,
      date: stamp(),
    };
    media.push(item);
    return { status: 201, body: render(item) };
  };

  const list = (request: FakeRequest): FakeResponse => {
    const user = wordpressUser(request);
    if (user === 'refused') return refusedLogin();
    const q = request.query;
    const statuses = (q.get('status') ?? 'inherit').split(',').map((s) => s.trim());
    if (statuses.some((s) => s !== 'inherit') && user !== 'user')
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', { params: { status: 'Status is forbidden.' } });
    const perPage = Number(q.get('per_page') ?? 10);
    if (!(perPage >= 1 && perPage <= 100)) return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    const terms = (q.get('search') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const rows = media
      .filter((m) => statuses.includes(m.status))
      .filter((m) =>
        terms.every((term) =>
          term.startsWith('-') ? !m.title.toLowerCase().includes(term.slice(1)) : m.title.toLowerCase().includes(term),
        ),
      )
      .filter((m) => !q.get('mime_type') || m.mime_type === q.get('mime_type'))
      .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
    const page = Number(q.get('page') ?? 1);
    return {
      status: 200,
      headers: { 'X-WP-Total': String(rows.length), 'X-WP-TotalPages': String(Math.ceil(rows.length / perPage)) },
      body: rows.slice((page - 1) * perPage, page * perPage).map(render),
    };
  };

  const one = (request: FakeRequest, id: number): FakeResponse => {
    const user = wordpressUser(request);
    if (user === 'refused') return refusedLogin();
    const item = media.find((m) => m.id === id);
    if (!item) return wpError(404, 'rest_post_invalid_id', 'Invalid post ID.');
    if (request.method === 'GET')
      return item.status === 'private' && user !== 'user'
        ? wpError(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.')
        : { status: 200, body: render(item) };
    if (user !== 'user')
      return wpError(
        401,
        request.method === 'DELETE' ? 'rest_cannot_delete' : 'rest_cannot_edit',
        'Sorry, you are not allowed to edit this post.',
      );
    if (request.method === 'DELETE') {
      if (request.query.get('force') !== 'true')
        return wpError(501, 'rest_trash_not_supported', "The post does not support trashing. Set 'force=true' to delete.");
      media.splice(media.indexOf(item), 1);
      return { status: 200, body: { deleted: true, previous: render(item) } };
    }
    const body = JSON.parse(request.body.toString('utf8') || '{}') as { status?: string; title?: string };
    if (body.status !== undefined) item.status = body.status === 'private' ? 'private' : 'inherit';
    if (body.title !== undefined) item.title = body.title;
    return { status: 200, body: render(item) };
  };

  return {
    media,
    handle(request) {
      const route = request.path.replace(/\/+$/, '');
      if (route === '/wp-json/wp/v2/media')
        return request.method === 'POST' ? upload(request) : request.method === 'GET' ? list(request) : undefined;
      const id = /^\/wp-json\/wp\/v2\/media\/(\d+)$/.exec(route)?.[1];
      if (id && ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return one(request, Number(id));
      if (request.method === 'GET' && request.path.startsWith('/wp-content/uploads/')) {
        const item = media.find((m) => new URL(m.source_url).pathname === request.path);
        return item
          ? { status: 200, headers: { 'Content-Type': item.mime_type }, body: item.bytes }
          : { status: 404, body: '<html>Not Found</html>' };
      }
      return undefined;
    },
  };
}
