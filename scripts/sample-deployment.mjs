// The deployment the "Run Extension" launch configuration opens (.vscode/launch.json): `.sample-deployment/`,
// made once by the demo (settings, templates, a state with orders, the sandbox ERP's documents) and then left
// as the developer changes it. `--fresh` makes it anew. Needs dist/cli.js (the watch task builds it first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, '.sample-deployment');
if (existsSync(path.join(dir, 'optima-sync.json')) && !process.argv.includes('--fresh')) {
  console.log(`Sample deployment: ${dir} (kept; --fresh makes it anew)`);
} else {
  const demo = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'demo', '--dir', dir], { stdio: 'inherit' });
  process.exit(demo.status ?? 1);
}
