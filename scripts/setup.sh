#!/usr/bin/env bash
# Installs everything Relief Lab needs on a fresh Debian machine: system packages
# (Chromium for the end-to-end tests) and the npm dependencies from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund
