// One description per platform of how to run its fake and what its documented contract looks like, so
// the same behavioural tests run against every connector.
import type { SecretName } from '../../../src/core/secrets';
import type { Settings } from '../../../src/core/settings/types.generated';
import type { FakeOptions, FakeShop, FakeRequest } from '../../fakes/common/server';
import type { FixtureOrder, NeutralStatus } from '../../fakes/common/orders';
import {
  APILO_AUTHORIZATION_CODE,
  APILO_CLIENT_ID,
  APILO_CLIENT_SECRET,
  APILO_STATUS_IDS,
  APILO_STATUSES,
  startFakeApilo,
  toApiloOrder,
} from '../../fakes/apilo/server';
import {
  BASELINKER_SERIES_ID,
  BASELINKER_STATUS_IDS,
  BASELINKER_STATUSES,
  BASELINKER_TOKEN,
  startFakeBaseLinker,
  toBaseLinkerOrder,
} from '../../fakes/baselinker/server';
import { PRESTASHOP_KEY, PRESTASHOP_STATE_IDS, PRESTASHOP_STATES, startFakePrestaShop } from '../../fakes/prestashop/server';
import {
  SELLASIST_API_KEY,
  SELLASIST_STATUS_IDS,
  SELLASIST_STATUSES,
  startFakeSellAsist,
  toSellAsistOrder,
} from '../../fakes/sellasist/server';
import {
  startFakeWooCommerce,
  WOO_CONSUMER_KEY,
  WOO_CONSUMER_SECRET,
  WOO_STATUS_SLUGS,
  WOO_STATUSES,
  WP_APP_PASSWORD,
  WP_USER,
} from '../../fakes/woocommerce/server';

export interface PlatformCase {
  platform: Exclude<Settings['shop']['platform'], 'demo'>;
  start(options: FakeOptions): Promise<FakeShop<unknown>>;
  secrets(): Partial<Record<SecretName, string>>;
  /** Credentials that the fake rejects, and the words the error must use to name them. */
  wrongSecrets(): Partial<Record<SecretName, string>>;
  credentialWords: RegExp;
  /** Every secret value whose appearance in a log would be a leak. */
  secretValues(): string[];
  statusId(status: NeutralStatus): string;
  statusNames: Array<{ id: string; name: string }>;
  shopOrderId(order: FixtureOrder): string;
  /** The documented status-change request, checked byte for byte. */
  expectStatusRequest(request: FakeRequest, orderId: string, status: string): void;
  shop?: Partial<Settings['shop']>;
  canUpload: boolean;
  /** The API's own page size when it cannot be chosen (BaseLinker: 100). */
  fixedPageSize?: number;
  /** Whether a status change moves the order's change time (the incremental cursor then sees it again). */
  cursorFollowsChanges: boolean;
}

import assert from 'node:assert/strict';

export const PLATFORM_CASES: PlatformCase[] = [
  {
    platform: 'prestashop',
    start: (o) => startFakePrestaShop(o),
    secrets: () => ({ shopKey: PRESTASHOP_KEY }),
    wrongSecrets: () => ({ shopKey: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' }),
    credentialWords: /PrestaShop webservice key/,
    secretValues: () => [PRESTASHOP_KEY, Buffer.from(`${PRESTASHOP_KEY}:`).toString('base64')],
    statusId: (s) => String(PRESTASHOP_STATE_IDS[s]),
    statusNames: PRESTASHOP_STATES.map((s) => ({ id: String(s.id), name: s.name })),
    shopOrderId: (o) => String(o.id),
    expectStatusRequest: (request, orderId, status) => {
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/api/order_histories');
      assert.equal(request.query.has('sendemail'), false, 'no sendemail=1: the shop must not e-mail the customer');
      assert.equal(request.headers['content-type'], 'application/xml');
      assert.match(
        request.body.toString(),
        new RegExp(
          `<prestashop><order_history><id_order>${orderId}</id_order><id_order_state>${status}</id_order_state></order_history></prestashop>`,
        ),
      );
    },
    canUpload: false,
    cursorFollowsChanges: true,
  },
  {
    platform: 'woocommerce',
    start: (o) => startFakeWooCommerce(o),
    secrets: () => ({ shopKey: WOO_CONSUMER_KEY, shopSecret: WOO_CONSUMER_SECRET, wpUser: WP_USER, wpAppPassword: WP_APP_PASSWORD }),
    wrongSecrets: () => ({ shopKey: WOO_CONSUMER_KEY, shopSecret: 'cs_wrongwrongwrongwrongwrongwrongwrongwron' }),
    credentialWords: /WooCommerce consumer key and consumer secret/,
    secretValues: () => [
      WOO_CONSUMER_KEY,
      WOO_CONSUMER_SECRET,
      Buffer.from(`${WOO_CONSUMER_KEY}:${WOO_CONSUMER_SECRET}`).toString('base64'),
      WP_APP_PASSWORD,
      Buffer.from(`${WP_USER}:${WP_APP_PASSWORD}`).toString('base64'),
    ],
    statusId: (s) => WOO_STATUS_SLUGS[s],
    statusNames: WOO_STATUSES.map((s) => ({ id: s.slug, name: s.name })),
    shopOrderId: (o) => String(o.id),
    expectStatusRequest: (request, orderId, status) => {
      assert.equal(request.method, 'PUT');
      assert.equal(request.path, `/wp-json/wc/v3/orders/${orderId}`);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body.toString()), { status });
    },
    canUpload: true,
    cursorFollowsChanges: true,
  },
  {
    platform: 'baselinker',
    start: (o) => startFakeBaseLinker(o),
    secrets: () => ({ shopKey: BASELINKER_TOKEN }),
    wrongSecrets: () => ({ shopKey: '3001234-3004567-WRONGWRONGWRONG' }),
    credentialWords: /BaseLinker API token/,
    secretValues: () => [BASELINKER_TOKEN],
    statusId: (s) => String(BASELINKER_STATUS_IDS[s]),
    statusNames: BASELINKER_STATUSES.map((s) => ({ id: String(s.id), name: s.name })),
    shopOrderId: (o) => String(toBaseLinkerOrder(o).order_id),
    expectStatusRequest: (request, orderId, status) => {
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/connector.php');
      assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
      const form = new URLSearchParams(request.body.toString());
      assert.equal(form.get('method'), 'setOrderStatus');
      assert.deepEqual(JSON.parse(form.get('parameters')!), { order_id: Number(orderId), status_id: Number(status) });
    },
    shop: { baselinker: { invoiceSeriesId: BASELINKER_SERIES_ID } },
    canUpload: true,
    fixedPageSize: 100,
    cursorFollowsChanges: false,
  },
  {
    platform: 'apilo',
    start: (o) => startFakeApilo(o),
    secrets: () => ({
      shopKey: APILO_CLIENT_ID,
      shopSecret: APILO_CLIENT_SECRET,
      apiloTokens: JSON.stringify({ authorizationCode: APILO_AUTHORIZATION_CODE }),
    }),
    wrongSecrets: () => ({
      shopKey: APILO_CLIENT_ID,
      shopSecret: 'wrong-secret-wrong-secret',
      apiloTokens: JSON.stringify({ authorizationCode: APILO_AUTHORIZATION_CODE }),
    }),
    credentialWords: /Apilo client id, client secret/,
    secretValues: () => [
      APILO_CLIENT_SECRET,
      APILO_AUTHORIZATION_CODE,
      Buffer.from(`${APILO_CLIENT_ID}:${APILO_CLIENT_SECRET}`).toString('base64'),
    ],
    statusId: (s) => String(APILO_STATUS_IDS[s]),
    statusNames: APILO_STATUSES.map((s) => ({ id: String(s.id), name: s.name })),
    shopOrderId: (o) => toApiloOrder(o).id,
    expectStatusRequest: (request, orderId, status) => {
      assert.equal(request.method, 'PUT');
      assert.equal(request.path, `/rest/api/orders/${orderId}/status/`);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body.toString()), { status: Number(status) });
    },
    canUpload: true,
    cursorFollowsChanges: true,
  },
  {
    platform: 'sellasist',
    start: (o) => startFakeSellAsist(o),
    secrets: () => ({ shopKey: SELLASIST_API_KEY }),
    wrongSecrets: () => ({ shopKey: 'sa-wrong-wrong-wrong-wrong' }),
    credentialWords: /SellAsist API key/,
    secretValues: () => [SELLASIST_API_KEY],
    statusId: (s) => String(SELLASIST_STATUS_IDS[s]),
    statusNames: SELLASIST_STATUSES.map((s) => ({ id: String(s.id), name: s.name })),
    shopOrderId: (o) => String(toSellAsistOrder(o).id),
    expectStatusRequest: (request, orderId, status) => {
      assert.equal(request.method, 'PUT');
      assert.equal(request.path, `/api/v1/orders/${orderId}`);
      assert.equal(request.headers.apikey, SELLASIST_API_KEY);
      assert.deepEqual(JSON.parse(request.body.toString()), { status: Number(status) });
    },
    canUpload: false,
    cursorFollowsChanges: false,
  },
];
