#!/usr/bin/env bash
# npm run stack:down [part…] — stops the stack (default: all parts, and first the
# services that use it), in reverse start order. State is kept for the next up.
set -euo pipefail
PART=stack
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for arg in "$@"; do
  [[ " ${STACK_PARTS[*]} " == *" $arg "* ]] || { echo "usage: $0 [${STACK_PARTS[*]}]… (unknown part: $arg)" >&2; exit 2; }
done
parts=()
for ((i = ${#STACK_PARTS[@]} - 1; i >= 0; i--)); do
  part="${STACK_PARTS[$i]}"
  if [ $# -eq 0 ] || [[ " $* " == *" $part "* ]]; then parts+=("$part"); fi
done

stack_lock
rc=0
# The services would only log connection errors once the stack is gone.
if [ $# -eq 0 ] && [ -f "$REPO_ROOT/scripts/services.sh" ]; then
  bash "$REPO_ROOT/scripts/services.sh" down || rc=1
fi
for part in "${parts[@]}"; do
  case "$part" in
    fabric) if [ -f "$HERE/fabric/fabric.sh" ]; then bash "$HERE/fabric/fabric.sh" down || rc=1; fi ;;
    *) bash "$HERE/$part.sh" down || rc=1 ;;
  esac
done
exit "$rc"
