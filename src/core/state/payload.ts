// Order payloads (the normalized order as JSON) are most of the database's size, and the database is written
// whole on every save. They are stored deflated with a fixed dictionary of the words every order repeats
// (keys, Polish address and shop words), which makes a typical order 3–4× smaller.
// Format: one version byte, then the raw deflate stream. Never change dictionary 1: add a version.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ShopOrder } from '../model/order';

const DICTIONARY_1 = Buffer.from(
  '{"platform":"prestashop","id":"","number":"","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z",' +
  '"status":"","statusName":"Płatność zaakceptowana","currency":"PLN","paymentMethod":"Przelewy24","shippingMethod":"InPost Paczkomaty",' +
  '"buyer":{"name":"","company":"","taxId":"","email":"@gmail.com","phone":"+48 "},' +
  '"billingAddress":{"name":"","company":"Sp. z o.o.","street":"ul. ","postcode":"","city":"Warszawa","country":"PL","phone":"+48 "},' +
  '"shippingAddress":{"name":"","street":"ul. ","postcode":"","city":"","country":"PL","phone":""},' +
  '"lines":[{"name":"","sku":"","ean":"590","quantity":1,"unit":"szt.","unitGross":,"unitNet":,"vatRate":23,"isShipping":false},' +
  '{"name":"Dostawa","quantity":1,"unit":"szt.","unitGross":,"vatRate":23,"isShipping":true}],' +
  '"totalGross":,"wantsInvoice":false,"customerNote":"","woocommerce","baselinker","apilo","sellasist","demo"}',
);

export function encodeOrder(order: ShopOrder): Uint8Array {
  const deflated = deflateRawSync(JSON.stringify(order), { dictionary: DICTIONARY_1 });
  const bytes = new Uint8Array(deflated.length + 1);
  bytes[0] = 1;
  bytes.set(deflated, 1);
  return bytes;
}

/** Decodes a stored payload: plain JSON text (schema v1 rows) or a versioned deflated blob. */
export function decodeOrder(value: unknown): ShopOrder {
  if (typeof value === 'string') return JSON.parse(value) as ShopOrder;
  if (value instanceof Uint8Array && value[0] === 1) {
    return JSON.parse(inflateRawSync(value.subarray(1), { dictionary: DICTIONARY_1 }).toString('utf8')) as ShopOrder;
  }
  throw new Error('Unknown order payload format');
}
