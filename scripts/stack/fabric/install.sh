#!/usr/bin/env bash
# Finds or builds the Fabric v3.1.5 binaries and prints two lines for eval:
#   FABRIC_BIN=<dir with peer, orderer, configtxgen, cryptogen, osnadmin>
#   FABRIC_SAMPLECONFIG=<dir with core.yaml and orderer.yaml>
# Routes, tried in this order, each announced in one line on stderr:
#   1. FABRIC_BIN_DIR: a Fabric release's bin/ (FABRIC_CFG_DIR, by default
#      $FABRIC_BIN_DIR/../config, as a release unpacks);
#   2. a build cached by an earlier run (from the archive or from go install);
#   3. FABRIC_SOURCE_ARCHIVE: a `git archive` of v3.1.5 with Fabric's vendor/ tree,
#      checked against the SHA-256 pinned below and built with no network;
#   4. go install at the pinned commit (wherever the Go proxy serves Fabric).
# Routes 2 to 4 are go-build.sh's, shared with the Fabric CA (install-ca.sh).
# Fabric's source never enters this repository: the archive is the operator's.
set -euo pipefail
PART=fabric
HERE="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"
# shellcheck source=go-build.sh
source "$HERE/go-build.sh"

# v3.1.5. The module path has no /v3 suffix, so the tag cannot be used: pin its commit.
FABRIC_COMMIT=86c1172bec37e6590c6b1ae6f847833df48d65fc
# sha256 of `git archive` of that commit (vendor/ included), as shipped beside the
# project in shared/third_party/hyperledger-fabric. Another archive is refused.
FABRIC_ARCHIVE_SHA256=752c1b23c6e2f5133b1ddf6f54411b30b674499401002f30b63a9ba2f2842652
TOOLS=(peer orderer configtxgen cryptogen osnadmin configtxlator)

emit() {
  echo "FABRIC_BIN=$1"
  echo "FABRIC_SAMPLECONFIG=$2"
}

from_bin_dir() {
  local cfg="${FABRIC_CFG_DIR:-$FABRIC_BIN_DIR/../config}"
  # configtxlator is not needed from a release: the stack never calls it.
  for t in peer orderer configtxgen cryptogen osnadmin; do
    [ -x "$FABRIC_BIN_DIR/$t" ] || { echo "FABRIC_BIN_DIR=$FABRIC_BIN_DIR lacks $t" >&2; exit 1; }
  done
  [ -f "$cfg/core.yaml" ] && [ -f "$cfg/orderer.yaml" ] ||
    { echo "no core.yaml/orderer.yaml in $cfg (set FABRIC_CFG_DIR)" >&2; exit 1; }
  announce "route: FABRIC_BIN_DIR=$FABRIC_BIN_DIR"
  emit "$(cd "$FABRIC_BIN_DIR" && pwd)" "$(cd "$cfg" && pwd)"
}

if [ -n "${FABRIC_BIN_DIR:-}" ]; then
  from_bin_dir
  exit 0
fi
build="$(pinned_build fabric github.com/hyperledger/fabric "$FABRIC_COMMIT" "$FABRIC_ARCHIVE_SHA256" \
  "${FABRIC_SOURCE_ARCHIVE:-}" sampleconfig "${TOOLS[@]/#/cmd/}")"
emit "$build/bin" "$build/sampleconfig"
