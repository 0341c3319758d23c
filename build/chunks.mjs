// Lazy chunks: heavy parts that most sessions never use, built as their own CommonJS files beside the bundles
// (dist/<name>.js) and loaded on first use. Sources load them with a plain `import()` (or `require()` where the
// caller is synchronous); the plugin below turns exactly those calls into a require of the chunk file, so
// unbundled runs (tests, tsx) load the same modules directly. A static import of a chunk entry fails the build,
// except for a chunk marked `stub`: a package whose exports are only called, never read at load time
// (nodemailer's createTransport), is replaced in the bundle by a stub whose getters load the chunk on first use.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** name → entry (a source file, or a package name), with the reason it is not in the activation bundle. */
export const CHUNKS = [
  { name: 'chunk-mssql', entry: 'mssql', why: 'SQL Server client (mssql, Tedious, Azure identity): only with erp.adapter "optima"' },
  { name: 'chunk-pdf', entry: 'src/core/erp/pdf/render.ts', why: 'sales-document PDF renderer (pdf-lib): only when a PDF is made' },
  { name: 'chunk-fontkit', entry: 'src/core/erp/pdf/font-subset.ts', why: 'fontkit: only for characters outside the fonts subset at build time' },
  { name: 'chunk-templates', entry: 'src/core/mail/engine.ts', why: 'LiquidJS and html-to-text: only when a template is rendered or checked' },
  { name: 'chunk-sqljs', entry: 'sql.js', why: 'sql.js (SQLite in WebAssembly): when a state, archive or sandbox database is first opened' },
  { name: 'chunk-validation', entry: 'src/core/validation-engine.ts', why: 'Ajv and its formats: on the first validation of a settings file or a webview message' },
  { name: 'chunk-mail', entry: 'nodemailer', stub: true, why: 'nodemailer (the SMTP client and its transports): only when an e-mail is sent or SMTP is tested' },
  { name: 'chunk-l10n', entry: 'src/core/l10n-bundles.ts', why: 'the core\'s Polish texts for the CLI (VS Code translates through its own bundle)' },
];

/**
 * Source files a chunk may share with the bundle that loads it (each gets its own copy): only stateless ones.
 * Anything else (l10n, caches the bundle also fills) would silently split into two instances.
 */
export const SHARED_OK = ['src/core/mail/format.ts', 'src/core/erp/pdf/format.ts', 'src/core/erp/pdf/fonts.ts', 'src/core/erp/pdf/model.ts', 'src/core/model/money.ts'];

function resolveEntry(entry) {
  return entry.startsWith('src/') ? path.resolve(entry) : require.resolve(entry);
}

/** The stub of a `stub` chunk: a getter per export of the package, each loading the chunk on first use. */
function stubSource(chunk) {
  const names = Object.keys(require(chunk.entry)).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  return [
    `let loaded; const load = () => (loaded ??= require('./${chunk.name}.js'));`,
    `module.exports = { ${names.map((name) => `get ${name}() { return load().${name}; }`).join(', ')} };`,
  ].join('\n');
}

export function chunkEntries() {
  return CHUNKS.map((chunk) => ({ ...chunk, file: resolveEntry(chunk.entry) }));
}

/** The esbuild plugin; `own` is the entry file of the chunk being built (it bundles itself). */
export function lazyChunksPlugin(own) {
  const chunks = chunkEntries();
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));
  // A stub chunk is a package, matched by its name: an import resolves it to its ESM build, a require to its CJS one.
  const stubs = new Map(chunks.filter((chunk) => chunk.stub).map((chunk) => [chunk.entry, chunk]));
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        // The stub's own require of its chunk file, beside the bundle at run time.
        if (args.namespace === 'lazy-chunk-stub') return { path: args.path, external: true };
        if (args.pluginData === 'lazy-chunks' || args.kind === 'entry-point' || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const stub = stubs.get(args.path);
        if (stub && own !== stub.file && args.kind === 'import-statement') return { path: stub.name, namespace: 'lazy-chunk-stub' };
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-chunks' });
        const chunk = byFile.get(resolved.path);
        if (!chunk || resolved.path === own) return undefined;
        const name = chunk.name;
        if (args.kind !== 'dynamic-import' && args.kind !== 'require-call') {
          return { errors: [{ text: `${args.path} is the lazy chunk ${name}: load it with import() or require(), not a static import (${path.relative('.', args.importer)})` }] };
        }
        return { path: `./${name}.js`, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-chunk-stub' }, (args) => ({ contents: stubSource(chunks.find((chunk) => chunk.name === args.path)), loader: 'js', resolveDir: process.cwd() }));
    },
  };
}

/** Fails when a chunk bundles a source file of the app (other than SHARED_OK) that a main bundle also has. */
export function checkSharedSources(metafiles) {
  const sources = (meta) => new Set(Object.keys(meta.inputs).filter((file) => file.startsWith('src/')));
  const chunkNames = new Set(CHUNKS.map((chunk) => `${chunk.name}.js`));
  const mains = Object.entries(metafiles).filter(([name]) => !chunkNames.has(name));
  const problems = [];
  for (const [name, meta] of Object.entries(metafiles)) {
    if (!chunkNames.has(name)) continue;
    for (const file of sources(meta)) {
      if (SHARED_OK.includes(file)) continue;
      const also = mains.filter(([, main]) => file in main.inputs).map(([main]) => main);
      if (also.length) problems.push(`${name} and ${also.join(', ')} both bundle ${file}`);
    }
  }
  if (problems.length) throw new Error(`Lazy chunks must not duplicate stateful app modules:\n  ${problems.join('\n  ')}`);
}
