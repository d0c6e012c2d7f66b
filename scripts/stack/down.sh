#!/usr/bin/env bash
# npm run stack:down [part…] — stops the services and the stack (state is kept).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  parts=(fabric kafka postgres)
  bash "$HERE/../services.sh" down
fi
for part in "${parts[@]}"; do
  case "$part" in
    fabric) [ -f "$HERE/fabric/fabric.sh" ] && bash "$HERE/fabric/fabric.sh" down ;;
    kafka) bash "$HERE/kafka.sh" down ;;
    postgres) bash "$HERE/postgres.sh" down ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
