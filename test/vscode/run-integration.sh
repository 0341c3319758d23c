#!/usr/bin/env bash
# npm run test:vscode: installs the VS Code test environment (idempotent, fast when ready), builds, and runs
# every test/integration/suite/*.test.ts inside a real VS Code. Extra arguments go to run-tests.ts, e.g.
#   npm run test:vscode -- --files foundation --grep "schema error"
# OPTIMA_PRODUCTION_BUILD=1 builds the extension as it ships (minified, no source maps): npm run bench does, so
# that the figures it reads (activation, the settings form) are the product's.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
bash test/vscode/setup-env.sh
if [ "${OPTIMA_PRODUCTION_BUILD:-}" = 1 ]; then flock /tmp/build.lock node esbuild.mjs --production; else flock /tmp/build.lock node esbuild.mjs; fi
exec npx tsx test/vscode/run-tests.ts "$@"
