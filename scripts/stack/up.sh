#!/usr/bin/env bash
# npm run stack:up [part…] — starts PostgreSQL, Kafka and Fabric (default: all),
# waits until each is healthy, prints where each listens, and writes
# .stack/env for the services and tests. Parts are independent: each one is
# tried even if an earlier one failed. Exit status 1 if any part failed.
set -euo pipefail
PART=stack
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(postgres kafka fabric)

part_script() {
  case "$1" in
    postgres) echo "$HERE/postgres.sh" ;;
    kafka) echo "$HERE/kafka.sh" ;;
    fabric) echo "$HERE/fabric/fabric.sh" ;;
    *) echo "unknown part: $1" >&2; return 1 ;;
  esac
}

mkdir -p "$STACK_DIR"
declare -A took
for part in "${parts[@]}"; do
  script="$(part_script "$part")"
  start=$SECONDS
  mkdir -p "$STACK_DIR/$part"
  # Each part records its own state; a crash before that is recorded here.
  if ! bash "$script" up; then
    grep -q '^failed' "$STACK_DIR/$part/state" 2>/dev/null ||
      echo "failed: $part up exited non-zero" > "$STACK_DIR/$part/state"
  fi
  took[$part]=$((SECONDS - start))
done

# The environment the services and tests read (bash KEY=value lines).
{
  echo "STACK_DIR=$STACK_DIR"
  [ "$(cat "$STACK_DIR/postgres/state" 2>/dev/null)" = healthy ] && bash "$HERE/postgres.sh" env
  bash "$HERE/kafka.sh" env
  [ -f "$STACK_DIR/fabric/env" ] && cat "$STACK_DIR/fabric/env"
} > "$STACK_DIR/env.partial"
mv "$STACK_DIR/env.partial" "$STACK_DIR/env"
chmod 600 "$STACK_DIR/env"

echo
printf '%-9s %-8s %-6s %s\n' PART STATE TIME DETAIL
failed=0
for part in "${parts[@]}"; do
  state="$(cat "$STACK_DIR/$part/state" 2>/dev/null || echo 'failed: no state written')"
  if [ "$state" = healthy ]; then
    case "$part" in
      postgres) detail="127.0.0.1:55432 (databases traceability, ledger, ebl, claims)" ;;
      kafka) detail="127.0.0.1:59092" ;;
      fabric) detail="orderer 127.0.0.1:7050 (admin 7053), peer0.org1 127.0.0.1:7051, peer0.org2 127.0.0.1:9051, chaincode 127.0.0.1:9999" ;;
    esac
    printf '%-9s %-8s %-6s %s\n' "$part" healthy "${took[$part]}s" "$detail"
  else
    failed=1
    printf '%-9s %-8s %-6s %s\n' "$part" FAILED "${took[$part]}s" "${state#failed: }; logs: $STACK_DIR/$part/"
  fi
done
echo "environment for the services: $STACK_DIR/env"
exit "$failed"
