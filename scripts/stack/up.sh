#!/usr/bin/env bash
# npm run stack:up [part…] — starts the local stack (parts: postgres kafka fabric;
# default all), waits until each part is healthy, prints a summary and writes
# $STACK_DIR/env for the services and tests.
# The parts are independent: each is tried even if an earlier one failed.
# Exit status 0 only if every requested part is healthy.
set -euo pipefail
PART=stack
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

part_script() {
  case "$1" in
    postgres) echo "$HERE/postgres.sh" ;;
    kafka) echo "$HERE/kafka.sh" ;;
    fabric) echo "$HERE/fabric/fabric.sh" ;;
  esac
}
part_listens() {
  case "$1" in
    postgres) echo "127.0.0.1:$PG_PORT" ;;
    kafka) echo "127.0.0.1:$KAFKA_PORT" ;;
    fabric) echo "127.0.0.1:7050 (orderer), :7051 :9051 :11051 (peers), :7054 :8054 :11054 (CAs)" ;;
  esac
}
part_log() {
  case "$1" in
    postgres) echo "$STACK_DIR/postgres/postgres.log" ;;
    kafka) echo "$STACK_DIR/kafka/kafka.log" ;;
    fabric) echo "$STACK_DIR/fabric/logs/" ;;
  esac
}

# Requested parts, in start order whatever order they were named in.
for arg in "$@"; do
  [[ " ${STACK_PARTS[*]} " == *" $arg "* ]] || { echo "usage: $0 [${STACK_PARTS[*]}]… (unknown part: $arg)" >&2; exit 2; }
done
parts=()
for part in "${STACK_PARTS[@]}"; do
  if [ $# -eq 0 ] || [[ " $* " == *" $part "* ]]; then parts+=("$part"); fi
done

stack_lock
declare -A took
for part in "${parts[@]}"; do
  started=$SECONDS
  # A state left by an earlier run must not pass for this run's result.
  mark_state "$part" starting
  script="$(part_script "$part")"
  if [ ! -f "$script" ]; then
    mark_state "$part" "failed: ${script#"$REPO_ROOT"/} not found"
  else
    rc=0
    bash "$script" up || rc=$?
    # A part that died before recording why (set -e, a signal) is failed all the same.
    if [ "$rc" -ne 0 ] && [[ "$(cat "$STACK_DIR/$part/state")" != failed* ]]; then
      mark_state "$part" "failed: ${script#"$REPO_ROOT"/} up exited with status $rc"
    fi
  fi
  [ "$(cat "$STACK_DIR/$part/state")" = starting ] && mark_state "$part" "failed: no state recorded"
  took[$part]=$((SECONDS - started))
done

# The environment the services and tests read: bash KEY=value lines. Written whole
# (it holds the database password, so 600), whichever parts were started this time.
{
  echo "STACK_DIR=$STACK_DIR"
  bash "$HERE/postgres.sh" env
  bash "$HERE/kafka.sh" env
  if [ -f "$STACK_DIR/fabric/env" ]; then
    cat "$STACK_DIR/fabric/env"
    # eBL platforms' keys and directories name Fabric users, so they follow Fabric.
    (set -a; source "$STACK_DIR/fabric/env"; set +a; cd "$REPO_ROOT" &&
      npx --no-install ts-node --transpile-only scripts/stack/dev-parties.ts)
  fi
} > "$STACK_DIR/env.partial"
chmod 600 "$STACK_DIR/env.partial"
mv -f "$STACK_DIR/env.partial" "$STACK_DIR/env"

echo
printf '%-9s %-8s %-44s %6s  %s\n' PART STATE LISTENS TIME LOG
failures=()
for part in "${parts[@]}"; do
  state="$(cat "$STACK_DIR/$part/state")"
  if [ "$state" = healthy ]; then
    shown=healthy
  else
    shown=FAILED
    reason="${state#failed: }"
    # Fabric's reasons already name the precise log; the others get their part's log.
    [[ "$reason" == *"log:"* || "$reason" == *"logs:"* ]] || reason="$reason; log: $(part_log "$part")"
    failures+=("$part: FAILED — $reason")
  fi
  printf '%-9s %-8s %-44s %5ss  %s\n' "$part" "$shown" "$(part_listens "$part")" "${took[$part]}" "$(part_log "$part")"
done
echo "environment for the services and tests: $STACK_DIR/env"

if [ ${#failures[@]} -gt 0 ]; then
  echo >&2
  printf '%s\n' "${failures[@]}" >&2
  exit 1
fi
