#!/usr/bin/env bash
# Finds or builds the Fabric CA v1.5.21 binaries and prints one line for eval:
#   FABRIC_CA_BIN=<dir with fabric-ca-server and fabric-ca-client>
# Routes, tried in this order, each announced in one line on stderr:
#   1. FABRIC_CA_BIN_DIR: a Fabric CA release's bin/ (Fabric's install script
#      unpacks it beside peer, so FABRIC_BIN_DIR serves when it holds them);
#   2. a build cached by an earlier run (from the archive or from go install);
#   3. FABRIC_CA_SOURCE_ARCHIVE: a `git archive` of v1.5.21 with its vendor/ tree,
#      checked against the SHA-256 pinned below and built with no network;
#   4. go install at the pinned commit (wherever the Go proxy serves Fabric CA).
# Built without cgo, the servers cannot use SQLite: they keep their registry in
# PostgreSQL, as production does.
set -euo pipefail
PART=fabric
HERE="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=../lib.sh
source "$HERE/../lib.sh"
# shellcheck source=go-build.sh
source "$HERE/go-build.sh"

# v1.5.21, pinned by commit like Fabric: a tag can be moved, a commit cannot.
FABRIC_CA_COMMIT=f355456a72323ae2a4a250fdecb8744a8c041150
# sha256 of `git archive` of that commit (vendor/ included), as shipped beside the
# project in shared/third_party/hyperledger-fabric-ca. Another archive is refused.
FABRIC_CA_ARCHIVE_SHA256=0292b37eb51602b0488fbbd57e2918d7cfeb1b6a571418cd945ed6bf329c0d4f
TOOLS=(fabric-ca-server fabric-ca-client)

bin_dir="${FABRIC_CA_BIN_DIR:-}"
if [ -z "$bin_dir" ] && [ -n "${FABRIC_BIN_DIR:-}" ] && [ -x "$FABRIC_BIN_DIR/fabric-ca-server" ]; then
  bin_dir="$FABRIC_BIN_DIR"
fi
if [ -n "$bin_dir" ]; then
  for t in "${TOOLS[@]}"; do
    [ -x "$bin_dir/$t" ] || { echo "FABRIC_CA_BIN_DIR=$bin_dir lacks $t" >&2; exit 1; }
  done
  announce "route: FABRIC_CA_BIN_DIR=$bin_dir"
  echo "FABRIC_CA_BIN=$(cd "$bin_dir" && pwd)"
  exit 0
fi
build="$(pinned_build fabric-ca github.com/hyperledger/fabric-ca "$FABRIC_CA_COMMIT" \
  "$FABRIC_CA_ARCHIVE_SHA256" "${FABRIC_CA_SOURCE_ARCHIVE:-}" "" "${TOOLS[@]/#/cmd/}")"
echo "FABRIC_CA_BIN=$build/bin"
