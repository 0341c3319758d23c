// Builds every bundle: the extension host, the CLI, the webviews and the in-VS Code test suites.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: !production, minify: production, sourcesContent: false, logLevel: 'warning', legalComments: 'none' };

const webviewEntries = existsSync('webview')
  ? readdirSync('webview').filter((d) => existsSync(path.join('webview', d, 'main.ts'))).map((d) => ({ in: `webview/${d}/main.ts`, out: d }))
  : [];

function walk(dir) {
  return existsSync(dir) ? readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)])) : [];
}
const integrationEntries = walk('test/integration').filter((f) => f.endsWith('.ts'));

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    mainFields: ['module', 'main'],
  },
  ...(webviewEntries.length
    ? [{ ...common, entryPoints: webviewEntries, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022', minify: true, loader: { '.css': 'text' } }]
    : []),
  ...(integrationEntries.length
    ? [{ ...common, minify: false, entryPoints: integrationEntries, outdir: 'dist/test/integration', outbase: 'test/integration', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], mainFields: ['module', 'main'] }]
    : []),
];

function copyAssets() {
  mkdirSync('dist', { recursive: true });
  cpSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
  mkdirSync('dist/fonts', { recursive: true });
  for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) cpSync(`node_modules/dejavu-fonts-ttf/ttf/${font}`, `dist/fonts/${font}`);
}

copyAssets();
if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
  console.log('[watch] build started');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
