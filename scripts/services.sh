#!/usr/bin/env bash
# Builds and runs the four services against the local stack (.stack/env):
#   services.sh up | down | status
# Logs and pids live in .stack/services/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
RUN_DIR="$STACK_DIR/services"
SERVICES=(traceability ledger ebl claims)
declare -A PORTS=([traceability]=3001 [ledger]=3002 [ebl]=3003 [claims]=3004)

start_one() {
  local name="$1" upper db_var
  upper="$(echo "$name" | tr '[:lower:]' '[:upper:]')"
  db_var="${upper}_DATABASE_URL"
  (
    set -a
    # shellcheck disable=SC1091
    source "$STACK_DIR/env"
    set +a
    export PORT="${PORTS[$name]}" HOST=127.0.0.1 DATABASE_URL="${!db_var}"
    export FABRIC_MSP_ID="$FABRIC_ORG1_MSP_ID" FABRIC_PEER_ENDPOINT="$FABRIC_ORG1_PEER_ENDPOINT"
    export FABRIC_PEER_HOST_ALIAS="$FABRIC_ORG1_PEER_HOST_ALIAS" FABRIC_TLS_CA_CERT="$FABRIC_ORG1_TLS_CA_CERT"
    export FABRIC_CLIENT_CERT="$FABRIC_ORG1_CLIENT_CERT" FABRIC_CLIENT_KEY="$FABRIC_ORG1_CLIENT_KEY"
    setsid nohup node "$ROOT/dist/services/$name/services/$name/src/main.js" \
      >>"$RUN_DIR/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/$name.pid"
  )
}

running() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

healthy() { curl -fsS -m 5 "http://127.0.0.1:${PORTS[$1]}/health" >/dev/null 2>&1; }

up() {
  [ -f "$STACK_DIR/env" ] || { echo "services: no $STACK_DIR/env; run npm run stack:up first" >&2; exit 1; }
  mkdir -p "$RUN_DIR"
  (cd "$ROOT" && for s in "${SERVICES[@]}"; do npx nest build "$s" >/dev/null; done)
  for s in "${SERVICES[@]}"; do running "$s" || start_one "$s"; done
  local failed=0
  for s in "${SERVICES[@]}"; do
    local waited=0
    until healthy "$s"; do
      if ! running "$s" || [ "$waited" -ge 60 ]; then
        echo "services: $s FAILED to become healthy; log: $RUN_DIR/$s.log" >&2
        failed=1
        break
      fi
      sleep 1; waited=$((waited + 1))
    done
  done
  status
  return "$failed"
}

down() {
  for s in "${SERVICES[@]}"; do
    if running "$s"; then
      kill -TERM "$(cat "$RUN_DIR/$s.pid")"
      for _ in $(seq 1 20); do running "$s" || break; sleep 0.5; done
      running "$s" && kill -KILL "$(cat "$RUN_DIR/$s.pid")"
    fi
    rm -f "$RUN_DIR/$s.pid"
  done
}

status() {
  local bad=0
  for s in "${SERVICES[@]}"; do
    local state="stopped"
    if running "$s"; then state="running"; healthy "$s" && state="healthy"; fi
    [ "$state" = healthy ] || bad=1
    printf '%-13s %-8s http://127.0.0.1:%s  log: %s\n' "$s" "$state" "${PORTS[$s]}" "$RUN_DIR/$s.log"
  done
  return "$bad"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
