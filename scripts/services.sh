#!/usr/bin/env bash
# Builds and runs the six services against the local stack (.stack/env):
#   services.sh up | down | status
# Logs and pids live in .stack/services/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=node-env.sh
source "$ROOT/scripts/node-env.sh"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
RUN_DIR="$STACK_DIR/services"
# ebl-partner is a second eBL platform (PJB, on Org2) running the ebl service,
# so documents can move between platforms over PINT on one machine.
# claims-partner is a second insurer (on Org2) running the claims service, so a
# duplicate claim across insurers can be tried by hand.
# ledger-partner anchors Org2's events: each organisation anchors its own, as
# its own anchoring identity.
# vessels-partner signs for Org2's vessel parties (its class society, owner and
# manager), vessels for Org1's (its flag state, owner and manager).
# supervision is the regulator's service: one for the platform, no partner.
SERVICES=(traceability ledger ebl claims vessels ebl-partner claims-partner ledger-partner vessels-partner supervision)
declare -A PORTS=([traceability]=3001 [ledger]=3002 [ebl]=3003 [claims]=3004 [ebl-partner]=3005 [claims-partner]=3006 [ledger-partner]=3007 [vessels]=3008 [vessels-partner]=3009 [supervision]=3010)
declare -A APPS=([traceability]=traceability [ledger]=ledger [ebl]=ebl [claims]=claims [vessels]=vessels [ebl-partner]=ebl [claims-partner]=claims [ledger-partner]=ledger [vessels-partner]=vessels [supervision]=supervision)

start_one() {
  local name="$1" upper db_var org=1
  upper="$(echo "$name" | tr '[:lower:]-' '[:upper:]_')"
  db_var="${upper}_DATABASE_URL"
  case "$name" in *-partner) org=2 ;; esac
  (
    set -a
    # shellcheck disable=SC1091
    source "$STACK_DIR/env"
    set +a
    export PORT="${PORTS[$name]}" HOST=127.0.0.1 DATABASE_URL="${!db_var}"
    # Each service is its own Kafka user (k8s/base/platform/kafka-users.yaml), with
    # only its ACLs; a partner instance is the same service, so the same user.
    local kafka_user kafka_password
    kafka_user="KAFKA_$(echo "${APPS[$name]}" | tr '[:lower:]' '[:upper:]')_USERNAME"
    kafka_password="KAFKA_$(echo "${APPS[$name]}" | tr '[:lower:]' '[:upper:]')_PASSWORD_FILE"
    export KAFKA_SASL_USERNAME="${!kafka_user}" KAFKA_SASL_PASSWORD_FILE="${!kafka_password}"
    local msp="FABRIC_ORG${org}_MSP_ID" peer="FABRIC_ORG${org}_PEER_ENDPOINT"
    local alias="FABRIC_ORG${org}_PEER_HOST_ALIAS" tls="FABRIC_ORG${org}_TLS_CA_CERT"
    local cert="FABRIC_ORG${org}_CLIENT_CERT" key="FABRIC_ORG${org}_CLIENT_KEY"
    export FABRIC_MSP_ID="${!msp}" FABRIC_PEER_ENDPOINT="${!peer}"
    export FABRIC_PEER_HOST_ALIAS="${!alias}" FABRIC_TLS_CA_CERT="${!tls}"
    export FABRIC_CLIENT_CERT="${!cert}" FABRIC_CLIENT_KEY="${!key}"
    if [ "${APPS[$name]}" = ebl ]; then
      # An eBL platform signs its PINT steps as its organisation's platform operator
      # (pujiang.role=platform, docs/decisions/0015).
      local code=PJA; [ "$org" = 2 ] && code=PJB
      local dir="EBL_${code}_DIRECTORY_FILE" signing="EBL_${code}_SIGNING_KEY_FILE"
      local operator_cert="FABRIC_ORG${org}_PLATFORM_CERT" operator_key="FABRIC_ORG${org}_PLATFORM_KEY"
      export EBL_PLATFORM_CODE="$code" EBL_DIRECTORY_FILE="${!dir}" EBL_SIGNING_KEY_FILE="${!signing}"
      export EBL_PUBLIC_URL="http://127.0.0.1:${PORTS[$name]}"
      export FABRIC_CLIENT_CERT="${!operator_cert}" FABRIC_CLIENT_KEY="${!operator_key}"
    fi
    if [ "${APPS[$name]}" = traceability ]; then
      # Which organisation describes which GS1 company prefixes' products and places
      # (docs/decisions/0021): the local parties' prefixes.
      export MASTER_DATA_COMPANY_PREFIXES="${MASTER_DATA_COMPANY_PREFIXES:-Org1MSP:952012|4012345,Org2MSP:0614141}"
    fi
    if [ "${APPS[$name]}" = ledger ]; then
      # Only the organisation's anchoring identity may anchor (docs/decisions/0013).
      local anchorer_cert="FABRIC_ORG${org}_ANCHORER_CERT" anchorer_key="FABRIC_ORG${org}_ANCHORER_KEY"
      export FABRIC_CLIENT_CERT="${!anchorer_cert}" FABRIC_CLIENT_KEY="${!anchorer_key}"
      # Evidence bundles read records as the requester from its organisation's services.
      local claims_service=claims; [ "$org" = 2 ] && claims_service=claims-partner
      export CLAIMS_URL="http://127.0.0.1:${PORTS[$claims_service]}" TRACEABILITY_URL="http://127.0.0.1:${PORTS[traceability]}"
    fi
    if [ "${APPS[$name]}" = claims ]; then
      # Insurer steps are signed by the organisation's insurer identity (pujiang.role=insurer).
      local directory="CLAIMS_ORG${org}_DIRECTORY_FILE"
      local insurer_cert="FABRIC_ORG${org}_INSURER_CERT" insurer_key="FABRIC_ORG${org}_INSURER_KEY"
      export CLAIMS_DIRECTORY_FILE="${!directory}" TRACEABILITY_URL="http://127.0.0.1:${PORTS[traceability]}"
      export FABRIC_CLIENT_CERT="${!insurer_cert}" FABRIC_CLIENT_KEY="${!insurer_key}"
    fi
    if [ "${APPS[$name]}" = vessels ]; then
      # Each change is signed by the caller's own party (its certificate carries its
      # role); voyage events and reads by the service's own platform identity (decision 0033).
      local vessels_directory="VESSELS_ORG${org}_DIRECTORY_FILE"
      local vessels_cert="FABRIC_ORG${org}_VESSELS_CERT" vessels_key="FABRIC_ORG${org}_VESSELS_KEY"
      export VESSELS_DIRECTORY_FILE="${!vessels_directory}"
      export FABRIC_CLIENT_CERT="${!vessels_cert}" FABRIC_CLIENT_KEY="${!vessels_key}"
    fi
    if [ "${APPS[$name]}" = supervision ]; then
      # The regulator reads the ledger as its inspector, through its own peer (decision 0035).
      export FABRIC_MSP_ID="$FABRIC_REGULATOR_MSP_ID" FABRIC_PEER_ENDPOINT="$FABRIC_REGULATOR_PEER_ENDPOINT"
      export FABRIC_PEER_HOST_ALIAS="$FABRIC_REGULATOR_PEER_HOST_ALIAS" FABRIC_TLS_CA_CERT="$FABRIC_REGULATOR_TLS_CA_CERT"
      export FABRIC_CLIENT_CERT="$FABRIC_REGULATOR_INSPECTOR_CERT" FABRIC_CLIENT_KEY="$FABRIC_REGULATOR_INSPECTOR_KEY"
      # The local parties' chilled products (dev fixtures): kept between 0 and 5 °C.
      export SUPERVISION_COLD_CHAIN_RANGES="${SUPERVISION_COLD_CHAIN_RANGES:-09520123456788=0..5}"
    fi
    # The service's Node flags, as in the image (scripts/k8s/node-flags, decision 0045).
    local flags=()
    read -ra flags <<< "$(sed -n "s/^${APPS[$name]} //p" "$ROOT/scripts/k8s/node-flags")"
    setsid nohup node "${flags[@]}" "$ROOT/dist/services/${APPS[$name]}/services/${APPS[$name]}/src/main.js" \
      >>"$RUN_DIR/$name.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/$name.pid"
  )
}

running() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

healthy() { curl -fsS -m 5 "http://127.0.0.1:${PORTS[$1]}/health" >/dev/null 2>&1; }

up() {
  [ -f "$STACK_DIR/env" ] || { echo "services: no $STACK_DIR/env; run npm run stack:up first" >&2; exit 1; }
  mkdir -p "$RUN_DIR"
  (cd "$ROOT" && for app in traceability ledger ebl claims vessels supervision; do npx nest build "$app" >/dev/null; done)
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
    printf '%-14s %-8s http://127.0.0.1:%s  log: %s\n' "$s" "$state" "${PORTS[$s]}" "$RUN_DIR/$s.log"
  done
  return "$bad"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
