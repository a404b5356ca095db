#!/usr/bin/env bash
# Installs everything Relief Lab needs on a fresh Debian machine: system packages
# (Chromium for the end-to-end tests; Jupyter's nbconvert and nbclient to run the
# notebooks headless; pandas to read the experiment tables back), the npm dependencies from the lock file (Deno among them),
# and the registration of Deno's Jupyter kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
python3 -c 'import nbclient' >/dev/null 2>&1 || need+=(python3-nbclient)
# pandas reads the experiments' per-run tables in their test (Debian's python3-pandas is in /usr/bin/python3).
/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1 || need+=(python3-pandas)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
# Deno ships its binary in an npm package; this registers it as the notebooks' kernel
# (in ~/.local/share/jupyter/kernels/deno, pointing at this checkout's binary).
node_modules/.bin/deno jupyter --install --force >/dev/null 2>&1 || node_modules/.bin/deno jupyter --install --force
