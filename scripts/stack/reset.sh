#!/usr/bin/env bash
# npm run stack:reset — stops everything and wipes .stack/ (ledger, databases,
# topics); download and build caches are kept, so the next up is still quick.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PART=stack
# shellcheck source=lib.sh
source "$HERE/lib.sh"
echo "[stack] wiping $STACK_DIR: all local ledger, database and Kafka data goes"
bash "$HERE/down.sh" || true
rm -rf "$STACK_DIR"
