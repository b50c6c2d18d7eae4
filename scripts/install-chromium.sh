#!/usr/bin/env bash
# Installs Debian's Chromium for the editor checks of the e2e suite (test/e2e/editor.js), once; later
# runs find it and do nothing. CI machines are bare Debian 12 without a browser, and test tools'
# own browser downloads cannot be reached here, so it comes from Debian's packages.
# Prints CHROMIUM_BIN=<path> on success; exits non-zero when it cannot be installed.
set -euo pipefail
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM_BIN" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "install-chromium.sh: $CHROMIUM_BIN is missing and this is neither root nor has sudo" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq >/dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$CHROMIUM_BIN" ] || { echo "install-chromium.sh: installed chromium, but $CHROMIUM_BIN is not there" >&2; exit 1; }
fi
echo "CHROMIUM_BIN=$CHROMIUM_BIN"
