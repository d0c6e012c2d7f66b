#!/usr/bin/env bash
# npm run stack:status [part…] — one line per part: healthy, running (up but not
# answering) or stopped, where it listens, its log. Exit status 1 if any is not healthy.
set -uo pipefail
PART=stack
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for arg in "$@"; do
  [[ " ${STACK_PARTS[*]} " == *" $arg "* ]] || { echo "usage: $0 [${STACK_PARTS[*]}]… (unknown part: $arg)" >&2; exit 2; }
done
rc=0
for part in "${STACK_PARTS[@]}"; do
  [ $# -eq 0 ] || [[ " $* " == *" $part "* ]] || continue
  case "$part" in
    fabric)
      line() { printf '%-9s %-8s %-22s log: %s\n' fabric "$1" 127.0.0.1:7050 "$STACK_DIR/fabric/logs/"; }
      if [ ! -f "$HERE/fabric/fabric.sh" ]; then
        line absent; rc=1
      elif detail="$(bash "$HERE/fabric/fabric.sh" status 2>&1)"; then
        line healthy
      else
        # fabric.sh prints one line per node; show them when something is wrong.
        if grep -q healthy <<<"$detail"; then line running; else line stopped; fi
        while IFS= read -r l; do echo "  $l"; done <<<"$detail"
        rc=1
      fi
      ;;
    *) bash "$HERE/$part.sh" status || rc=1 ;;
  esac
done
exit "$rc"
