// Loads the sql.js (SQLite compiled to WebAssembly) module once per process, on first use: its JavaScript is a lazy
// chunk (build/chunks.mjs), so activating the extension does not load it. The .wasm file sits next to the bundle
// in dist/ (esbuild copies it there); under tsx (tests, bench) it is found in node_modules.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SqlJsStatic } from 'sql.js';

let cached: Promise<SqlJsStatic> | undefined;

/** Where sql-wasm.wasm is: next to this bundle (dist/, or a test's own bundle), or the installed sql.js package. */
export function locateSqlWasm(): string {
  const bundled = path.join(__dirname, 'sql-wasm.wasm');
  if (existsSync(bundled)) return bundled;
  // A variable, so that bundlers leave this lookup to run time (it is the unbundled case).
  const installed = 'sql.js/dist/sql-wasm.wasm';
  return require.resolve(installed);
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!cached) {
    const wasm = locateSqlWasm();
    cached = import('sql.js').then(({ default: initSqlJs }) => initSqlJs({ locateFile: () => wasm }));
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}
