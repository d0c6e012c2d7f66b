#!/usr/bin/env bash
# Installs the pinned Node (scripts/node-env.sh, into the tool cache) and the project's
# Node dependencies (root and chaincode), builds the chaincode and DCSA's Conformance
# Framework (from its source archive, cached). The stack scripts install PostgreSQL,
# Kafka and Fabric themselves.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need() { command -v "$1" >/dev/null || { echo "setup: $1 is required ($2)" >&2; exit 1; }; }
need npm "npm fetches the pinned Node and the dependencies"
need java "Java 17 runs Kafka"
need mvn "Maven fetches Kafka from Maven Central"
need go "Go builds Hyperledger Fabric"
need python3 "Python 3 runs Schemathesis (test/fuzz)"
# shellcheck source=node-env.sh
source "$ROOT/scripts/node-env.sh"
echo "setup: Node $(node --version) ($(command -v node)), npm $(npm --version)"

# npm ci is skipped when neither the lockfile nor the Node it runs on has changed since
# the last install (a native addon is built for one Node ABI).
install_if_stale() {
  local dir="$1" stamp="$1/node_modules/.pujiang-lock-hash" hash
  hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) node $(node --version)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    echo "$hash" > "$stamp"
  fi
}
install_if_stale "$ROOT"
install_if_stale "$ROOT/chaincode"
npm run --silent build --prefix chaincode
bash "$ROOT/scripts/k8s/install-kustomize.sh" # renders k8s/ in the unit tests
bash "$ROOT/scripts/fuzz/install-schemathesis.sh" >/dev/null # test/fuzz
# test/conformance: DCSA's Conformance Framework, built from DCSA_CONFORMANCE_SOURCE_ARCHIVE
# once and cached; without it that suite fails and says why, the rest still runs.
bash "$ROOT/scripts/conformance/install-dcsa-conformance.sh" >/dev/null ||
  echo "setup: DCSA's Conformance Framework is not built; test/conformance will fail (see above)" >&2
bash "$ROOT/scripts/browser/install-chromium.sh" >/dev/null # the consumer page's browser tests
echo "setup: dependencies installed, chaincode built"
