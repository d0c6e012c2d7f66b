#!/usr/bin/env bash
# npm run stack:status — one line per part; exit status 1 if any is down.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rc=0
bash "$HERE/postgres.sh" status || rc=1
bash "$HERE/kafka.sh" status || rc=1
bash "$HERE/fabric/fabric.sh" status || rc=1
exit "$rc"
