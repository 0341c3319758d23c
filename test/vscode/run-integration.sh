#!/usr/bin/env bash
# npm run test:vscode: installs the VS Code test environment (idempotent, fast when ready), builds, and runs
# every test/integration/suite/*.test.ts inside a real VS Code. Extra arguments go to run-tests.ts, e.g.
#   npm run test:vscode -- --files foundation --grep "schema error"
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
bash test/vscode/setup-env.sh
flock /tmp/build.lock node esbuild.mjs
exec npx tsx test/vscode/run-tests.ts "$@"
