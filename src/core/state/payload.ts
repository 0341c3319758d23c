// Order payloads (the normalized order as JSON) are most of the database's size, and the database is written
// whole on every save. They are stored deflated with a fixed dictionary of the words every order repeats
// (keys, Polish address and shop words), which makes a typical order 3–4× smaller.
// Format: one version byte, then the raw deflate stream. Never change dictionary 1: add a version.
// Version 2 is the summary an order keeps once it is settled and old (see summarizeSettledOrders): what the
// Orders view and the CLI show, without the lines and addresses that only templates need.
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

const FULL = 1;
const SUMMARY = 2;

function encode(version: number, value: unknown): Uint8Array {
  const deflated = deflateRawSync(JSON.stringify(value), { dictionary: DICTIONARY_1 });
  const bytes = new Uint8Array(deflated.length + 1);
  bytes[0] = version;
  bytes.set(deflated, 1);
  return bytes;
}

export function encodeOrder(order: ShopOrder): Uint8Array {
  return encode(FULL, order);
}

/** The summary of an order: what the Orders view and the CLI show (who, what total, which status, when). */
export function encodeOrderSummary(order: ShopOrder): Uint8Array {
  const { platform, id, number, createdAt, status, statusName, currency, totalGross, buyer } = order;
  return encode(SUMMARY, {
    platform,
    id,
    number,
    createdAt,
    status,
    statusName,
    currency,
    totalGross,
    buyer: { name: buyer.name, email: buyer.email },
  });
}

export interface DecodedOrder {
  order: ShopOrder;
  /** False for a summary: the lines and addresses are no longer kept. */
  detailsKept: boolean;
}

/** Decodes a stored payload: plain JSON text (schema v1 rows), a full order or a summary. */
export function decodeOrder(value: unknown): DecodedOrder {
  if (typeof value === 'string') return { order: JSON.parse(value) as ShopOrder, detailsKept: true };
  if (value instanceof Uint8Array && (value[0] === FULL || value[0] === SUMMARY)) {
    const decoded = JSON.parse(inflateRawSync(value.subarray(1), { dictionary: DICTIONARY_1 }).toString('utf8')) as ShopOrder;
    if (value[0] === FULL) return { order: decoded, detailsKept: true };
    const address = { name: decoded.buyer.name, street: '', postcode: '', city: '', country: '' };
    return {
      order: { ...decoded, updatedAt: decoded.createdAt, lines: [], billingAddress: address, shippingAddress: address },
      detailsKept: false,
    };
  }
  throw new Error('Unknown order payload format');
}
