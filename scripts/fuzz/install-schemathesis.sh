#!/usr/bin/env bash
# Installs Schemathesis from PyPI into the project's tool cache (a venv), once
# per requirements.txt. Prints the path of its `st` command.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${PUJIANG_CACHE:-$HOME/.cache/pujiang}/tools/schemathesis-venv"
STAMP="$VENV/.requirements-hash"
hash="$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/st" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$hash" ]; then
  command -v python3 >/dev/null || { echo "install-schemathesis: python3 is required" >&2; exit 1; }
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2 || {
    echo "install-schemathesis: python3 cannot make a venv (on Debian: apt-get install python3-venv)" >&2
    exit 1
  }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" >&2
  echo "$hash" > "$STAMP"
fi
echo "$VENV/bin/st"
