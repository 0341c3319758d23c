// Checks a POST /v1/documents body before it reaches Optima: the fields the mapping reads, with their types
// (schemas/optima-bridge.openapi.yaml, CreateDocumentRequest). A bad one is a 422 INVALID_REQUEST naming the field.
import type { CreateDocumentRequest } from '../core/erp/bridge/contract';
import { refused } from './errors';

type Json = Record<string, unknown>;

function fail(field: string, what: string): never {
  throw refused('INVALID_REQUEST', `${field} ${what}`, { field });
}

function object(value: unknown, field: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object');
  return value as Json;
}

function text(parent: Json, key: string, field: string, options: { optional?: boolean; nonEmpty?: boolean } = {}): void {
  const value = parent[key];
  if (value === undefined && options.optional) return;
  if (typeof value !== 'string') fail(`${field}.${key}`, 'must be a string');
  if (options.nonEmpty && value.trim() === '') fail(`${field}.${key}`, 'must not be empty');
}

function amount(parent: Json, key: string, field: string): void {
  const value = parent[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${field}.${key}`, 'must be a non-negative number');
}

function rate(parent: Json, key: string, field: string): void {
  const value = parent[key];
  if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100))
    fail(`${field}.${key}`, 'must be a whole percentage or null');
}

function address(value: unknown, field: string): void {
  const parsed = object(value, field);
  for (const key of ['street', 'postcode', 'city', 'country']) text(parsed, key, field);
}

export function parseCreateRequest(body: unknown): CreateDocumentRequest {
  const request = object(body, 'body');
  if (!['RO', 'PF', 'FS', 'PA'].includes(request.kind as string)) fail('kind', 'must be RO, PF, FS or PA');
  text(request, 'externalId', 'body', { nonEmpty: true });
  if (typeof request.issueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(request.issueDate))
    fail('issueDate', 'must be a date YYYY-MM-DD');
  if (typeof request.buffer !== 'boolean') fail('buffer', 'must be true or false');
  if (request.priceMode !== 'gross' && request.priceMode !== 'net') fail('priceMode', 'must be gross or net');
  text(request, 'currency', 'body', { optional: true });
  const customer = object(request.customer, 'customer');
  if (customer.taxId !== null && typeof customer.taxId !== 'string') fail('customer.taxId', 'must be a string or null');
  for (const key of ['name', 'email', 'phone']) text(customer, key, 'customer');
  text(customer, 'company', 'customer', { optional: true });
  address(customer.address, 'customer.address');
  if (request.delivery !== null) {
    const delivery = object(request.delivery, 'delivery');
    text(delivery, 'name', 'delivery');
    text(delivery, 'phone', 'delivery');
    address(delivery.address, 'delivery.address');
  }
  text(object(request.payment, 'payment'), 'method', 'payment', { nonEmpty: true });
  if (!Array.isArray(request.lines) || request.lines.length === 0) fail('lines', 'must list at least one line');
  request.lines.forEach((value, index) => {
    const line = object(value, `lines[${index}]`);
    text(line, 'sku', `lines[${index}]`);
    text(line, 'name', `lines[${index}]`);
    if (typeof line.quantity !== 'number' || !(line.quantity > 0)) fail(`lines[${index}].quantity`, 'must be a positive number');
    amount(line, 'unitPriceGross', `lines[${index}]`);
    rate(line, 'vatRate', `lines[${index}]`);
  });
  if (request.shipping !== null) {
    const shipping = object(request.shipping, 'shipping');
    text(shipping, 'name', 'shipping');
    amount(shipping, 'priceGross', 'shipping');
    rate(shipping, 'vatRate', 'shipping');
  }
  text(request, 'notes', 'body');
  if (request.options !== undefined) {
    const options = object(request.options, 'options');
    for (const key of ['definition', 'series', 'shippingItem']) text(options, key, 'options', { optional: true });
    if (options.oneOffBuyer !== undefined && !['never', 'consumers', 'always'].includes(options.oneOffBuyer as string))
      fail('options.oneOffBuyer', 'must be never, consumers or always');
  }
  return request as unknown as CreateDocumentRequest;
}
