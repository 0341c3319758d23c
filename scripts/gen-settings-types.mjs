// Generates from schemas/settings.schema.json, so neither is a second hand-written copy:
// - src/core/settings/types.generated.ts, the TypeScript types. Properties with a default are required in the
//   generated type, because ajv (useDefaults) fills them in before any code reads the settings.
// - schemas/settings.editor.schema.json, what VS Code's JSON editor gets (contributes.jsonValidation): the
//   properties, descriptions, defaults and value suggestions for completion and hovers, without the
//   validation keywords. The extension reports every problem itself, in the user's words and at most once;
//   VS Code's JSON language features would report each one a second time.
// - webview/settings-form/settings-meta.generated.ts, what the settings form knows of the schema without
//   bundling it: the `SettingsPath` union of every setting's path (a field of a renamed key breaks tsc), and
//   each setting's default, enum values and bounds.
// Usage: node scripts/gen-settings-types.mjs [--check]
import { compile } from 'json-schema-to-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const schemaPath = path.join(root, 'schemas/settings.schema.json');
const outPath = path.join(root, 'src/core/settings/types.generated.ts');
const editorSchemaPath = path.join(root, 'schemas/settings.editor.schema.json');
const formMetaPath = path.join(root, 'webview/settings-form/settings-meta.generated.ts');

/** Keys the JSON editor uses for completion and hovers; everything else validates and is left out. */
const EDITOR_KEYS = new Set([
  '$schema',
  'title',
  'description',
  'markdownDescription',
  'properties',
  'definitions',
  '$ref',
  'items',
  'default',
  'examples',
]);

/** One value suggestion per enum or const value, with its description (what `enum` gave, without validating). */
function suggestions(node) {
  const values = node.enum ?? ('const' in node ? [node.const] : node.type === 'boolean' ? [true, false] : undefined);
  if (!values) return undefined;
  return values.map((value, i) => ({
    label: JSON.stringify(value),
    ...(node.markdownEnumDescriptions?.[i] ? { markdownDescription: node.markdownEnumDescriptions[i] } : {}),
    body: value,
  }));
}

function editorSchema(node) {
  if (Array.isArray(node)) return node.map(editorSchema);
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'definitions')
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, editorSchema(v)]));
    else if (EDITOR_KEYS.has(key)) copy[key] = editorSchema(value);
    // A map of named entries (the templates): its entries' shape, for completion inside them.
    else if (key === 'additionalProperties' && typeof value === 'object') copy[key] = editorSchema(value);
  }
  const values = suggestions(node);
  if (values) copy.defaultSnippets = values;
  return copy;
}

function transform(node) {
  if (Array.isArray(node)) return node.map(transform);
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    // Conditionals and messages matter for validation, not for the shape of valid data.
    if (['allOf', 'if', 'then', 'else', 'oneOf', 'errorMessage', 'markdownEnumDescriptions', 'examples', 'not'].includes(key)) continue;
    copy[key] = transform(value);
  }
  if (copy.markdownDescription) {
    copy.description = copy.markdownDescription;
    delete copy.markdownDescription;
  }
  if (copy.properties) {
    const required = new Set(copy.required ?? []);
    for (const [name, prop] of Object.entries(node.properties)) {
      const target = prop.$ref ? resolve(prop.$ref) : prop;
      if ('default' in prop || (target && 'default' in target)) required.add(name);
      // A $ref to an object with keywords beside it (a default, a description) would become a second, identical
      // interface: the referenced definition alone names it, once (required-ness was read from the siblings above).
      if (prop.$ref && target?.type === 'object' && Object.keys(prop).length > 1) copy.properties[name] = { $ref: prop.$ref };
    }
    copy.required = [...required];
  }
  return copy;
}
/** A node with its $ref resolved and the properties its conditional branches add merged in. */
function settingNode(node) {
  const resolved = node.$ref
    ? { ...settingNode(resolve(node.$ref)), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) }
    : node;
  const branches = [
    ...(resolved.allOf ?? []),
    ...(resolved.anyOf ?? []),
    ...(resolved.oneOf ?? []),
    resolved.if,
    resolved.then,
    resolved.else,
  ].filter((b) => b && typeof b === 'object');
  const properties = { ...(resolved.properties ?? {}) };
  for (const branch of branches.map(settingNode)) {
    for (const [name, child] of Object.entries(branch.properties ?? {})) properties[name] ??= child;
  }
  return { ...resolved, properties };
}

/** Every setting (object or value) with its path; `string` stands for a map's entry name (the templates). */
function settingEntries(node, at = [], out = []) {
  const current = settingNode(node);
  for (const [name, child] of Object.entries(current.properties)) {
    const resolved = settingNode(child);
    const childPath = [...at, name];
    out.push({ path: childPath, node: resolved });
    settingEntries(resolved, childPath, out);
  }
  if (current.additionalProperties && typeof current.additionalProperties === 'object') {
    const childPath = [...at, null];
    out.push({ path: childPath, node: settingNode(current.additionalProperties) });
    settingEntries(current.additionalProperties, childPath, out);
  }
  return out;
}

function formMeta(root) {
  const entries = settingEntries(root).filter(({ path: p }) => !['$schema', 'version'].includes(p[0]));
  const tuple = (p) => `[${p.map((segment) => (segment === null ? 'string' : `'${segment}'`)).join(', ')}]`;
  const fixed = entries.filter(({ path: p }) => !p.includes(null));
  const pointer = (p) => `'/${p.join('/')}'`;
  const isValue = (node) =>
    Object.keys(node.properties).length === 0 && !(node.additionalProperties && typeof node.additionalProperties === 'object');
  const defaults = fixed
    .filter(({ node }) => isValue(node) && 'default' in node)
    .map(({ path: p, node }) => `  ${pointer(p)}: ${JSON.stringify(node.default)},`);
  const enums = fixed
    .filter(({ node }) => Array.isArray(node.enum))
    .map(({ path: p, node }) => `  ${pointer(p)}: [${node.enum.map((v) => JSON.stringify(v)).join(', ')}],`);
  const bounds = fixed
    .filter(({ node }) => 'minimum' in node || 'maximum' in node)
    .map(
      ({ path: p, node }) =>
        `  ${pointer(p)}: { ${[
          ['minimum', node.minimum],
          ['maximum', node.maximum],
        ]
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} },`,
    );
  return `${banner}
import type { JsonValue } from '../../src/protocol/settings-form';

/** The path of every setting (objects too); \`string\` is the name of a template. */
export type SettingsPath =
${entries.map(({ path: p }) => `  | ${tuple(p)}`).join('\n')};

/** The schema's default of each value setting, by JSON pointer: what the form shows while the key is absent. */
export const SETTING_DEFAULTS: Readonly<Record<string, JsonValue>> = {
${defaults.join('\n')}
};

/** The values a setting may take, by JSON pointer. */
export const SETTING_ENUMS = {
${enums.join('\n')}
} as const;

/** The bounds of each number setting, by JSON pointer. */
export const SETTING_BOUNDS: Readonly<Record<string, { minimum?: number; maximum?: number }>> = {
${bounds.join('\n')}
};
`;
}

let schema;
function resolve(ref) {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((n, k) => n?.[k], schema);
}
schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const prepared = transform(schema);
prepared.title = 'Settings';
const banner = '/* Generated by scripts/gen-settings-types.mjs from schemas/settings.schema.json. Do not edit. */';
const ts = await compile(prepared, 'Settings', {
  bannerComment: banner,
  additionalProperties: false,
  declareExternallyReferenced: true,
  unreachableDefinitions: false,
  style: { singleQuote: true, printWidth: 120 },
});
const editor =
  JSON.stringify({ ...editorSchema(schema), $id: 'https://optima-order-sync.invalid/schemas/settings.editor.schema.json' }, null, 2) + '\n';
const outputs = [
  [outPath, ts],
  [editorSchemaPath, editor],
  [formMetaPath, formMeta(schema)],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => path.relative(root, file));
  if (stale.length) {
    console.error(`${stale.join(', ')} out of date: run npm run gen:types`);
    process.exit(1);
  }
} else {
  for (const [file, text] of outputs) writeFileSync(file, text);
}
