#!/usr/bin/env bash
# Finds or builds the Fabric v3.1.5 binaries and prints two lines for eval:
#   FABRIC_BIN=<dir with peer, orderer, configtxgen, cryptogen, osnadmin>
#   FABRIC_SAMPLECONFIG=<dir with core.yaml and orderer.yaml>
# Operators with a Fabric release set FABRIC_BIN_DIR (and FABRIC_CFG_DIR, by
# default $FABRIC_BIN_DIR/../config, as a release unpacks). Otherwise the
# binaries are built once with `go install` at the pinned commit and cached.
set -euo pipefail
PART=fabric
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# v3.1.5. The module path has no /v3 suffix, so the tag cannot be used: pin its commit.
FABRIC_COMMIT=86c1172bec37e6590c6b1ae6f847833df48d65fc
TOOLS=(peer orderer configtxgen cryptogen osnadmin)

has_tools() { for t in "${TOOLS[@]}"; do [ -x "$1/$t" ] || return 1; done; }

if [ -n "${FABRIC_BIN_DIR:-}" ]; then
  has_tools "$FABRIC_BIN_DIR" || { echo "FABRIC_BIN_DIR=$FABRIC_BIN_DIR lacks one of: ${TOOLS[*]}" >&2; exit 1; }
  cfg="${FABRIC_CFG_DIR:-$FABRIC_BIN_DIR/../config}"
  [ -f "$cfg/core.yaml" ] && [ -f "$cfg/orderer.yaml" ] ||
    { echo "no core.yaml/orderer.yaml in $cfg (set FABRIC_CFG_DIR)" >&2; exit 1; }
  echo "FABRIC_BIN=$(cd "$FABRIC_BIN_DIR" && pwd)"
  echo "FABRIC_SAMPLECONFIG=$(cd "$cfg" && pwd)"
  exit 0
fi

bin="$PUJIANG_CACHE/fabric/${FABRIC_COMMIT:0:12}/bin"
if ! has_tools "$bin"; then
  command -v go >/dev/null || { echo "go not found: Go builds the Fabric binaries" >&2; exit 1; }
  mkdir -p "$bin"
  cmd=(go install)
  for t in "${TOOLS[@]}"; do cmd+=("github.com/hyperledger/fabric/cmd/$t@$FABRIC_COMMIT"); done
  echo "[fabric] building Fabric v3.1.5 binaries (first time only): ${cmd[*]}" >&2
  # cgo is only needed for the optional PKCS#11 build tag.
  if ! output="$(CGO_ENABLED=0 GOBIN="$bin" GONOSUMDB=github.com/hyperledger/fabric "${cmd[@]}" 2>&1)"; then
    echo "[fabric] go install failed: CGO_ENABLED=0 GOBIN=$bin ${cmd[*]}" >&2
    echo "$output" | head -5 >&2
    exit 1
  fi
fi
module_dir="$(go list -m -mod=mod -f '{{.Dir}}' "github.com/hyperledger/fabric@$FABRIC_COMMIT" 2>/dev/null || true)"
[ -f "$module_dir/sampleconfig/core.yaml" ] || { echo "Fabric's sampleconfig not found in the module cache" >&2; exit 1; }
echo "FABRIC_BIN=$bin"
echo "FABRIC_SAMPLECONFIG=$module_dir/sampleconfig"
