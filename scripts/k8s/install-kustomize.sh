#!/usr/bin/env bash
# Installs kustomize (renders k8s/ offline in the unit tests) from the Go module proxy
# into the project's tool cache, once. Prints nothing when it is already there.
set -euo pipefail
VERSION=v5.7.1
BIN_DIR="${PUJIANG_TOOLS_BIN:-$HOME/.cache/pujiang/tools/bin}"
if [ -x "$BIN_DIR/kustomize" ] && "$BIN_DIR/kustomize" version 2>/dev/null | grep -q "$VERSION"; then
  exit 0
fi
command -v go >/dev/null || { echo "install-kustomize: go is required" >&2; exit 1; }
echo "install-kustomize: building kustomize $VERSION into $BIN_DIR"
GOBIN="$BIN_DIR" go install "sigs.k8s.io/kustomize/kustomize/v5@$VERSION"
