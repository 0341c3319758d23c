// Every setting of schemas/settings.schema.json is reachable in the form: the schema is walked (through
// $refs, conditionals and the templates map) and each setting must have its row in the rendered form.
// A new schema property without a field fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTING_BOUNDS, SETTING_DEFAULTS, SETTING_ENUMS } from '../../../../webview/settings-form/settings-meta.generated';
import { FakeHost } from './fake-host';

type Schema = { [key: string]: unknown };
const schema = JSON.parse(readFileSync('schemas/settings.schema.json', 'utf8')) as Schema;

/** Not edited in a form: the schema link for other editors, and the format version (always 1). */
const NOT_FORM_SETTINGS = new Set(['$schema', 'version']);

function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((n, key) => (n as Schema)[key], schema) as Schema;
  return { ...resolve(target), ...Object.fromEntries(Object.entries(node).filter(([key]) => key !== '$ref')) };
}

/** The branches that may add properties: allOf, anyOf, oneOf, if/then/else. */
function branches(node: Schema): Schema[] {
  const list = ['allOf', 'anyOf', 'oneOf'].flatMap((key) => (Array.isArray(node[key]) ? (node[key] as Schema[]) : []));
  for (const key of ['if', 'then', 'else']) if (node[key] && typeof node[key] === 'object') list.push(node[key] as Schema);
  return list.map(resolve);
}

/** Dotted paths of every setting (a leaf: not an object with properties); `*` for a map's entries. */
function settingPaths(node: Schema, path: string[] = []): Map<string, Schema> {
  const found = new Map<string, Schema>();
  const visit = (current: Schema, at: string[]) => {
    const properties = (current.properties ?? {}) as Record<string, Schema>;
    const entries =
      current.additionalProperties && typeof current.additionalProperties === 'object'
        ? (current.additionalProperties as Schema)
        : undefined;
    for (const [name, child] of Object.entries(properties)) {
      const resolved = resolve(child);
      const childPath = [...at, name];
      const isObject =
        resolved.properties !== undefined ||
        (resolved.additionalProperties !== undefined && typeof resolved.additionalProperties === 'object');
      if (isObject) visit(resolved, childPath);
      else found.set(childPath.join('.'), resolved);
      for (const branch of branches(resolved)) if (branch.properties) visit(branch, childPath);
    }
    if (entries) visit(resolve(entries), [...at, '*']);
    for (const branch of branches(current)) if (branch.properties) visit(branch, at);
  };
  visit(resolve(node), path);
  // Conditional branches only restate properties of their objects (e.g. "enabled": false): keep the leaves.
  for (const key of [...found.keys()]) if ([...found.keys()].some((other) => other.startsWith(`${key}.`))) found.delete(key);
  return found;
}

describe('settings form: every setting of the schema has a field', () => {
  let host: FakeHost;
  afterEach(() => host?.close());

  const settings = settingPaths(schema);

  it('walks the whole schema (through $refs, conditionals and the templates map)', () => {
    for (const path of [
      'shop.woocommerce.salesDocumentNote',
      'erp.optima.match.attributeCode',
      'alerts.noSuccessHours',
      'templates.*.bodyFile',
      'afterRealization.sendEmail.attachSalesPdf',
    ]) {
      assert.ok(settings.has(path), path);
    }
    assert.ok(settings.size > 60, `found ${settings.size}`);
  });

  it('renders a row for each one', async () => {
    host = new FakeHost().start();
    await host.settle();
    const keys = Array.from(host.root.querySelectorAll<HTMLElement>('[data-key]')).map((row) => row.dataset.key!);
    const pattern = (path: string) => new RegExp(`^${path.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`);
    const missing = [...settings.keys()].filter((path) => !NOT_FORM_SETTINGS.has(path) && !keys.some((key) => pattern(path).test(key)));
    assert.deepEqual(missing, [], 'settings of the schema without a field in the form');
  });

  it("the defaults the form shows for absent keys are the schema's", () => {
    const withDefaults = [...settings].filter(([, node]) => 'default' in node && !NOT_FORM_SETTINGS.has(''));
    for (const [path, node] of withDefaults) {
      if (path.includes('*')) continue;
      const pointer = `/${path.replace(/\./g, '/')}`;
      assert.deepEqual(SETTING_DEFAULTS[pointer], node.default, pointer);
    }
    for (const pointer of Object.keys(SETTING_DEFAULTS)) {
      assert.ok(settings.has(pointer.slice(1).replace(/\//g, '.')), `${pointer} is a setting of the schema`);
    }
  });

  it("the enum values and number bounds the form knows are the schema's", () => {
    // Each setting as its object declares it (conditional branches only narrow it).
    const declared = (path: string) =>
      path
        .split('.')
        .reduce<Schema | undefined>(
          (node, key) => (node ? resolve(((node.properties ?? {}) as Record<string, Schema>)[key] ?? {}) : undefined),
          resolve(schema),
        );
    for (const [pointer, values] of Object.entries(SETTING_ENUMS))
      assert.deepEqual(values, declared(pointer.slice(1).replace(/\//g, '.'))?.enum, pointer);
    for (const path of settings.keys()) {
      if (path.includes('*')) continue;
      const node = declared(path)!;
      const pointer = `/${path.replace(/\./g, '/')}`;
      if (node.enum) assert.ok(pointer in SETTING_ENUMS, `${pointer} has its enum`);
      const bounds = { ...('minimum' in node ? { minimum: node.minimum } : {}), ...('maximum' in node ? { maximum: node.maximum } : {}) };
      assert.deepEqual(SETTING_BOUNDS[pointer] ?? {}, bounds, pointer);
    }
  });

  it("each dropdown offers exactly the values the schema's enum allows", async () => {
    host = new FakeHost().start();
    await host.settle();
    for (const [pointer, values] of Object.entries(SETTING_ENUMS)) {
      const control = host.root.querySelector<HTMLElement>(`#field-${pointer.slice(1).replace(/\//g, '-')}`);
      assert.ok(control?.dataset.options, `${pointer} is a dropdown`);
      const offered = (JSON.parse(control.dataset.options) as Array<{ value: string }>).map((o) => o.value).filter((v) => v !== '');
      assert.deepEqual([...offered].sort(), [...values].sort(), pointer);
    }
  });
});
