#!/usr/bin/env bash
# npm run stack:reset [part…] — stops the stack and deletes its state: all of
# $STACK_DIR, or only the named parts' folders. Download and build caches
# ($PUJIANG_CACHE, ~/.m2, Go's) are kept, so the next up is still quick.
set -euo pipefail
PART=stack
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for arg in "$@"; do
  [[ " ${STACK_PARTS[*]} " == *" $arg "* ]] || { echo "usage: $0 [${STACK_PARTS[*]}]… (unknown part: $arg)" >&2; exit 2; }
done
# rm -rf of a mistyped STACK_DIR must not take a home or the repository with it.
case "$(cd "$STACK_DIR" 2>/dev/null && pwd -P || echo "$STACK_DIR")" in
  / | "$HOME" | "$REPO_ROOT" | /root | /home | /tmp | /work) echo "[stack] refusing to wipe STACK_DIR=$STACK_DIR" >&2; exit 2 ;;
esac
[ -d "$STACK_DIR" ] || { echo "[stack] nothing to reset: $STACK_DIR does not exist"; exit 0; }

stack_lock
if [ $# -eq 0 ]; then
  echo "[stack] WARNING: wiping $STACK_DIR — every local database, Kafka topic and ledger block goes"
  bash "$HERE/down.sh" || true
  rm -rf "$STACK_DIR"
else
  echo "[stack] WARNING: wiping the state of: $* (in $STACK_DIR)"
  bash "$HERE/down.sh" "$@" || true
  for part in "$@"; do rm -rf "${STACK_DIR:?}/$part"; done
  rm -f "$STACK_DIR/env"   # stale now; the next up writes it again
fi
