// The contract of schemas/optima-bridge.openapi.yaml as the tests check it: for an operation and a status,
// the answer must be one the file documents, and its body must match the documented schema (JSON Schema
// 2020-12, as OpenAPI 3.1 writes it), headers included (Retry-After on 503).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { load } from 'js-yaml';

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const OPENAPI_FILE = path.resolve(__dirname, '../../schemas/optima-bridge.openapi.yaml');
export const openapi = load(readFileSync(OPENAPI_FILE, 'utf8')) as Node;

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'bridge', components: openapi.components }, 'bridge');

function resolve(node: Node): Node {
  return typeof node.$ref === 'string'
    ? resolve(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((at: Node, key: string) => at[key], openapi),
      )
    : node;
}

export function operation(operationId: string): { path: string; method: string; node: Node } {
  for (const [route, item] of Object.entries(openapi.paths as Node)) {
    for (const [method, node] of Object.entries(item as Node))
      if ((node as Node).operationId === operationId) return { path: route, method, node: node as Node };
  }
  throw new Error(`No operation ${operationId} in the OpenAPI file`);
}

/** Every operation id of the file (a suite checks it covered them all). */
export function operationIds(): string[] {
  return Object.values(openapi.paths as Node).flatMap((item) =>
    Object.values(item as Node).map((node) => (node as Node).operationId as string),
  );
}

function refs(schema: Node): Node {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"bridge#/components/')) as Node;
}

export function expectAnswer(operationId: string, answer: { status: number; body: unknown; headers?: Headers }): void {
  const documented = operation(operationId).node.responses as Node;
  assert.ok(
    String(answer.status) in documented,
    `${operationId}: HTTP ${answer.status} is not in the contract (${Object.keys(documented).join(', ')}): ${JSON.stringify(answer.body)}`,
  );
  const response = resolve(documented[String(answer.status)] as Node);
  const content = response.content as Node | undefined;
  const json = content?.['application/json'] as Node | undefined;
  if (json) {
    const validate = ajv.compile(refs(json.schema as Node));
    assert.ok(
      validate(answer.body),
      `${operationId} ${answer.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(answer.body)}`,
    );
  }
  for (const [name, header] of Object.entries((response.headers ?? {}) as Node)) {
    if ((header as Node).required) assert.ok(answer.headers?.get(name), `${operationId} ${answer.status}: header ${name} is required`);
  }
}

/** Validates a request body against the contract (the product's requests). */
export function expectRequest(operationId: string, body: unknown): void {
  const schema = (operation(operationId).node.requestBody as Node).content['application/json'].schema as Node;
  const validate = ajv.compile(refs(schema));
  assert.ok(validate(body), `${operationId} request: ${ajv.errorsText(validate.errors)}`);
}
