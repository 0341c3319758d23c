// Builds every bundle: the extension host, the CLI, the webviews and the in-VS Code test suites.
// Usage: node esbuild.mjs [--production] [--watch] [--outdir DIR] [--metafile FILE]
// The extension and CLI bundles keep heavy parts out in lazy chunks (build/chunks.mjs), loaded on first use.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkSharedSources, chunkEntries, lazyChunksPlugin } from './build/chunks.mjs';
import { withoutTestKeysPlugin } from './build/no-test-keys.mjs';
import { watchReporter } from './build/watch-report.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const argument = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
// --outdir: the Node bundles and chunks elsewhere (npm run size builds into a temp folder, leaving dist alone).
const outdir = argument('--outdir') ?? 'dist';
const metafileOut = argument('--metafile');
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = {
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  metafile: true,
  alias: { pako: './build/pako-zlib.cjs' },
};

const webviewEntries = existsSync('webview')
  ? readdirSync('webview')
      .filter((d) => existsSync(path.join('webview', d, 'main.ts')))
      .map((d) => ({ in: `webview/${d}/main.ts`, out: d }))
  : [];

function walk(dir) {
  return existsSync(dir)
    ? readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]))
    : [];
}
const integrationEntries = walk('test/integration').filter((f) => f.endsWith('.ts'));

const nodeBuilds = [
  {
    ...common,
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: `${outdir}/extension.js`,
    external: ['vscode'],
    plugins: [lazyChunksPlugin(), withoutTestKeysPlugin()],
  },
  {
    ...common,
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${outdir}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
    external: ['winax'],
    plugins: [lazyChunksPlugin(), withoutTestKeysPlugin()],
  },
  // The Optima bridge's COM worker, a child process of `optima-sync bridge`: the only code that loads winax
  // (Windows COM, an optional dependency that is never bundled; the extension host never loads this file).
  {
    ...common,
    ...node,
    entryPoints: ['src/bridge/worker/main.ts'],
    outfile: `${outdir}/bridge-worker.js`,
    external: ['winax'],
    plugins: [lazyChunksPlugin(), withoutTestKeysPlugin()],
  },
  ...chunkEntries().map((chunk) => ({
    ...common,
    ...node,
    entryPoints: [chunk.file],
    outfile: `${outdir}/${chunk.name}.js`,
    plugins: [lazyChunksPlugin(chunk.file), withoutTestKeysPlugin()],
  })),
];
const builds = [
  ...nodeBuilds,
  ...(outdir !== 'dist'
    ? []
    : webviewEntries.length
      ? [
          {
            ...common,
            entryPoints: webviewEntries,
            outdir: 'dist/webview',
            platform: 'browser',
            format: 'iife',
            target: 'es2022',
            minify: true,
            loader: { '.css': 'text' },
          },
        ]
      : []),
  ...(outdir === 'dist' && integrationEntries.length
    ? [
        {
          ...common,
          minify: false,
          entryPoints: integrationEntries,
          outdir: 'dist/test/integration',
          outbase: 'test/integration',
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          external: ['vscode', 'mocha'],
          mainFields: ['module', 'main'],
        },
      ]
    : []),
];

const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

function copyAssets() {
  mkdirSync(outdir, { recursive: true });
  cpSync('node_modules/sql.js/dist/sql-wasm.wasm', `${outdir}/sql-wasm.wasm`);
  mkdirSync(`${outdir}/fonts`, { recursive: true });
  for (const font of FONTS) cpSync(`node_modules/dejavu-fonts-ttf/ttf/${font}`, `${outdir}/fonts/${font}`);
}

copyAssets();
if (watch) {
  // Quiet esbuild: the reporter prints every problem once, in the problem matcher's format.
  const reporter = watchReporter();
  for (const options of builds) {
    const context = await esbuild.context({ ...options, logLevel: 'silent', plugins: [...(options.plugins ?? []), reporter.plugin()] });
    await context.watch();
  }
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const metafiles = Object.fromEntries(nodeBuilds.map((options, i) => [path.basename(options.outfile), results[i].metafile]));
  checkSharedSources(metafiles);
  // Fonts subset at build time by the shipped fontkit chunk itself, so a PDF needs no font parsing at run time.
  await createRequire(import.meta.url)(path.resolve(outdir, 'chunk-fontkit.js')).writeSubsetFonts(`${outdir}/fonts`, FONTS);
  if (metafileOut) writeFileSync(metafileOut, JSON.stringify(metafiles));
}
