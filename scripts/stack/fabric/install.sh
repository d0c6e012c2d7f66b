#!/usr/bin/env bash
# Finds or builds the Fabric v3.1.5 binaries and prints two lines for eval:
#   FABRIC_BIN=<dir with peer, orderer, configtxgen, cryptogen, osnadmin>
#   FABRIC_SAMPLECONFIG=<dir with core.yaml and orderer.yaml>
# Routes, tried in this order, each announced in one line on stderr:
#   1. FABRIC_BIN_DIR: a Fabric release's bin/ (FABRIC_CFG_DIR, by default
#      $FABRIC_BIN_DIR/../config, as a release unpacks);
#   2. a build cached by an earlier run (from the archive or from go install);
#   3. FABRIC_SOURCE_ARCHIVE: a `git archive` of v3.1.5 with Fabric's vendor/ tree,
#      checked against the SHA-256 pinned below and built with no network
#      (air-gapped sites, and machines whose Go proxy refuses github.com/hyperledger);
#   4. go install at the pinned commit (wherever the Go proxy serves Fabric).
# Fabric's source never enters this repository: the archive is the operator's.
set -euo pipefail
PART=fabric
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# v3.1.5. The module path has no /v3 suffix, so the tag cannot be used: pin its commit.
FABRIC_COMMIT=86c1172bec37e6590c6b1ae6f847833df48d65fc
# sha256 of `git archive` of that commit (vendor/ included), as shipped beside the
# project in shared/third_party/hyperledger-fabric. Another archive is refused.
FABRIC_ARCHIVE_SHA256=752c1b23c6e2f5133b1ddf6f54411b30b674499401002f30b63a9ba2f2842652
TOOLS=(peer orderer configtxgen cryptogen osnadmin configtxlator)

ARCHIVE_BUILD="$PUJIANG_CACHE/fabric/archive-${FABRIC_ARCHIVE_SHA256:0:16}"
GO_INSTALL_BUILD="$PUJIANG_CACHE/fabric/commit-${FABRIC_COMMIT:0:12}"

announce() { printf '[fabric] %s\n' "$*" >&2; }
has_tools() { for t in "${TOOLS[@]}"; do [ -x "$1/$t" ] || return 1; done; }
# A cached build is complete only once its stamp is written, after the last step.
complete() { [ -f "$1/.complete" ] && has_tools "$1/bin" && [ -f "$1/sampleconfig/core.yaml" ]; }
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

from_archive() {
  local archive="$FABRIC_SOURCE_ARCHIVE" actual work
  [ -f "$archive" ] || { echo "FABRIC_SOURCE_ARCHIVE=$archive: no such file" >&2; exit 1; }
  command -v go >/dev/null || { echo "go not found: Go builds the Fabric binaries" >&2; exit 1; }
  actual="$(sha256sum "$archive" | cut -d' ' -f1)"
  if [ "$actual" != "$FABRIC_ARCHIVE_SHA256" ]; then
    echo "FABRIC_SOURCE_ARCHIVE=$archive has SHA-256 $actual, but this project pins" \
      "$FABRIC_ARCHIVE_SHA256 (Fabric v3.1.5, commit $FABRIC_COMMIT): refusing to build it" >&2
    exit 1
  fi
  announce "route: building Fabric v3.1.5 from the source archive $archive (about a minute, once)"
  work="$ARCHIVE_BUILD.partial"
  rm -rf "$work" && mkdir -p "$work/src" "$work/bin"
  tar -xzf "$archive" -C "$work/src"
  # Vendored modules only: this build never touches the network.
  (cd "$work/src" && GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 \
    go build -trimpath -o "$work/bin/" "${TOOLS[@]/#/./cmd/}") >&2
  cp -r "$work/src/sampleconfig" "$work/sampleconfig"
  rm -rf "$work/src" "$ARCHIVE_BUILD"
  touch "$work/.complete"
  mv "$work" "$ARCHIVE_BUILD"
  emit "$ARCHIVE_BUILD/bin" "$ARCHIVE_BUILD/sampleconfig"
}

from_go_install() {
  local work cmd module_dir
  command -v go >/dev/null || { echo "go not found: Go builds the Fabric binaries" >&2; exit 1; }
  announce "route: go install github.com/hyperledger/fabric/cmd/…@$FABRIC_COMMIT (about a minute, once)"
  work="$GO_INSTALL_BUILD.partial"
  rm -rf "$work" && mkdir -p "$work/bin"
  cmd=(go install)
  for t in "${TOOLS[@]}"; do cmd+=("github.com/hyperledger/fabric/cmd/$t@$FABRIC_COMMIT"); done
  # cgo is only needed for the optional PKCS#11 build tag.
  if ! CGO_ENABLED=0 GOBIN="$work/bin" GONOSUMDB=github.com/hyperledger/fabric "${cmd[@]}" >&2; then
    echo "go install failed. Where the Go proxy refuses github.com/hyperledger modules, set" \
      "FABRIC_SOURCE_ARCHIVE to Fabric v3.1.5's source archive (see the README)" >&2
    exit 1
  fi
  module_dir="$(go list -m -mod=mod -f '{{.Dir}}' "github.com/hyperledger/fabric@$FABRIC_COMMIT")"
  cp -r "$module_dir/sampleconfig" "$work/sampleconfig" && chmod -R u+w "$work/sampleconfig"
  rm -rf "$GO_INSTALL_BUILD"
  touch "$work/.complete"
  mv "$work" "$GO_INSTALL_BUILD"
  emit "$GO_INSTALL_BUILD/bin" "$GO_INSTALL_BUILD/sampleconfig"
}

if [ -n "${FABRIC_BIN_DIR:-}" ]; then
  from_bin_dir
  exit 0
fi
for build in "$ARCHIVE_BUILD" "$GO_INSTALL_BUILD"; do
  if complete "$build"; then
    announce "route: cached build $build"
    emit "$build/bin" "$build/sampleconfig"
    exit 0
  fi
done
if [ -n "${FABRIC_SOURCE_ARCHIVE:-}" ]; then
  from_archive
else
  from_go_install
fi
