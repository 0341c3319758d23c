// The request of the recorded trace (test/fixtures/bridge/create-new-company.jsonl): the demo shop's second
// order, a company with a NIP and a shipping cost, as the product sends it.
import path from 'node:path';
import type { CreateDocumentRequest } from '../../src/core/erp/bridge/contract';
import { documentRequest } from '../../src/core/erp/bridge/request';
import { sampleOrders } from '../../src/core/shops/demo/sample-orders';
import { TEST_NOW, TEST_TODAY } from './clock';
import { optimaSettings } from './optima-fixture';

export const TRACE_FILE = path.resolve(__dirname, '../fixtures/bridge/create-new-company.jsonl');

export function traceRequest(): CreateDocumentRequest {
  return documentRequest(sampleOrders(TEST_NOW)[1]!, 'RO', optimaSettings(), TEST_TODAY);
}
