// npm run size [-- --json] [-- --vsix]: builds the production bundles into a temp folder (dist is left alone)
// and lists each Node bundle and lazy chunk with its size and largest parts; --vsix also packages the
// extension (production build into dist, then vsce) and reports the .vsix size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHUNKS } from '../build/chunks.mjs';

export const GOALS = { activationBundle: 1_000_000, vsix: 2_500_000 };

function largestParts(meta, count) {
  const byPart = new Map();
  for (const [file, input] of Object.entries(meta.outputs[Object.keys(meta.outputs)[0]].inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const part = match ? match[1] : file.split('/').slice(0, 3).join('/');
    byPart.set(part, (byPart.get(part) ?? 0) + input.bytesInOutput);
  }
  return [...byPart].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Sizes of a production build made in `keep` (left there for the caller) or in a temp folder removed after. */
export function measureBundles(keep) {
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'optima-size-'));
  try {
    execFileSync('node', ['esbuild.mjs', '--production', '--outdir', dir, '--metafile', path.join(dir, 'meta.json')], { stdio: 'inherit' });
    const metafiles = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    return Object.entries(metafiles).map(([file, meta]) => {
      const chunk = CHUNKS.find((c) => `${c.name}.js` === file);
      const bytes = readFileSync(path.join(dir, file));
      return {
        file,
        bytes: bytes.length,
        gzip: gzipSync(bytes).length,
        loaded: chunk ? `on first use: ${chunk.why}` : file === 'extension.js' ? 'at activation' : 'CLI start',
        parts: largestParts(meta, 4),
      };
    });
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

export function packageVsix() {
  execFileSync('npm', ['run', '--silent', 'package'], { stdio: 'ignore' });
  return statSync('optima-order-sync.vsix').size;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundles = measureBundles();
  const vsix = process.argv.includes('--vsix') ? packageVsix() : undefined;
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ bundles, vsix })}\n`);
  } else {
    const rows = bundles.map((b) => [
      `dist/${b.file}`,
      kb(b.bytes),
      kb(b.gzip),
      b.loaded,
      b.parts.map(([part, bytes]) => `${part} ${kb(bytes)}`).join(', '),
    ]);
    process.stdout.write(
      `| file | size | gzip | loaded | largest parts |\n| --- | ---: | ---: | --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`,
    );
    const activation = bundles.find((b) => b.file === 'extension.js').bytes;
    process.stdout.write(
      `\nactivation bundle dist/extension.js: ${activation.toLocaleString('en-US')} bytes (goal < ${GOALS.activationBundle.toLocaleString('en-US')}: ${activation < GOALS.activationBundle ? 'met' : 'NOT met'})\n`,
    );
    if (vsix !== undefined)
      process.stdout.write(
        `optima-order-sync.vsix: ${vsix.toLocaleString('en-US')} bytes (goal < ${GOALS.vsix.toLocaleString('en-US')}: ${vsix < GOALS.vsix ? 'met' : 'NOT met'})\n`,
      );
  }
}
