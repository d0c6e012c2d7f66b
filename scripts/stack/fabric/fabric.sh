#!/usr/bin/env bash
# Hyperledger Fabric v3.1 for the local stack, no Docker: one Raft orderer,
# peer0 of Org1, Org2 and the regulator (read rights only), TLS everywhere, channel `pujiang`, the project's
# chaincode running as a service, and a Fabric CA per peer organisation.
#   fabric.sh up | down | status
set -euo pipefail
# shellcheck source=network.sh
source "$(dirname "${BASH_SOURCE[0]}")/network.sh"
# shellcheck source=fabric-ca.sh
source "$FABRIC_HERE/fabric-ca.sh"

generate_network() {
  if [ ! -d "$CRYPTO" ]; then
    log "generating crypto material"
    "$FABRIC_BIN/cryptogen" generate --config="$FABRIC_HERE/config/crypto-config.yaml" \
      --output="$CRYPTO.partial" >"$LOGS/cryptogen.log" 2>&1
    mv "$CRYPTO.partial" "$CRYPTO"
  fi
  if [ ! -f "$GENESIS_BLOCK" ]; then
    log "creating the genesis block of channel $CHANNEL"
    mkdir -p "$FABRIC_DIR/config"
    sed "s#@CRYPTO@#$CRYPTO#g" "$FABRIC_HERE/config/configtx.yaml" > "$FABRIC_DIR/config/configtx.yaml"
    FABRIC_CFG_PATH="$FABRIC_DIR/config" "$FABRIC_BIN/configtxgen" -profile PujiangChannel \
      -channelID "$CHANNEL" -outputBlock "$GENESIS_BLOCK" >"$LOGS/configtxgen.log" 2>&1
  fi
  # Regenerated each time: cheap, and it follows the Fabric version in use.
  node "$FABRIC_HERE/configure-node.js" orderer "$FABRIC_SAMPLECONFIG" "$FABRIC_DIR/orderer/cfg"
  for org in "${ORGS[@]}"; do
    node "$FABRIC_HERE/configure-node.js" peer "$FABRIC_SAMPLECONFIG" \
      "$FABRIC_DIR/peers/$(org_label "$org")/cfg" "$FABRIC_HERE/ccaas-builder"
  done
}

start_orderer() {
  pid_running "$PIDS/orderer.pid" && return 0
  port_open 127.0.0.1 7050 && { echo "port 7050 is already taken"; return 1; }
  local tls="$ORDERER_NODE/tls" data="$FABRIC_DIR/orderer/data"
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$FABRIC_DIR/orderer/cfg"
    export FABRIC_LOGGING_SPEC=INFO
    export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 ORDERER_GENERAL_LISTENPORT=7050
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP ORDERER_GENERAL_LOCALMSPDIR="$ORDERER_NODE/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true
    export ORDERER_GENERAL_TLS_CERTIFICATE="$tls/server.crt" ORDERER_GENERAL_TLS_PRIVATEKEY="$tls/server.key"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$tls/ca.crt]"
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$tls/server.key"
    export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$tls/ca.crt]"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true
    export ORDERER_ADMIN_LISTENADDRESS="$ORDERER_ADMIN" ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_CERTIFICATE="$tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$tls/server.key"
    export ORDERER_ADMIN_TLS_ROOTCAS="[$tls/ca.crt]" ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$tls/ca.crt]"
    export ORDERER_OPERATIONS_LISTENADDRESS="$ORDERER_OPERATIONS"
    export ORDERER_FILELEDGER_LOCATION="$data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$data/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$data/etcdraft/snapshot"
    start_bg orderer "$LOGS/orderer.log" "$PIDS/orderer.pid" "$FABRIC_BIN/orderer"
  )
}

start_peer() {
  local org="$1" port="${PEER_PORT[$1]}" name label
  name="$(peer_name "$org")"
  label="$(org_label "$org")"
  pid_running "$PIDS/$name.pid" && return 0
  port_open 127.0.0.1 "$port" && { echo "port $port is already taken"; return 1; }
  local node tls data="$FABRIC_DIR/peers/$label/data"
  node="$(peer_dir "$org")"
  tls="$node/tls"
  mkdir -p "$data"
  (
    export FABRIC_CFG_PATH="$FABRIC_DIR/peers/$label/cfg"
    export FABRIC_LOGGING_SPEC=INFO
    export CORE_PEER_ID="peer0.$(org_domain "$org")"
    export CORE_PEER_LISTENADDRESS="127.0.0.1:$port" CORE_PEER_ADDRESS="127.0.0.1:$port"
    export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))"
    export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$((port + 1))"
    export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port" CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port"
    export CORE_PEER_LOCALMSPID="$(org_msp "$org")" CORE_PEER_MSPCONFIGPATH="$node/msp"
    export CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$data" CORE_LEDGER_SNAPSHOTS_ROOTDIR="$data/snapshots"
    export CORE_LEDGER_STATE_STATEDATABASE=goleveldb
    export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${PEER_OPERATIONS[$org]}"
    # /metrics on the operations port: tests count the proposals a service sends.
    export CORE_METRICS_PROVIDER=prometheus
    export CORE_VM_ENDPOINT=""
    start_bg "$name" "$LOGS/$name.log" "$PIDS/$name.pid" "$FABRIC_BIN/peer" node start
  )
}

healthz() { curl -fsS -m 3 "http://$1/healthz" >/dev/null; }

orderer_admin() {
  "$FABRIC_BIN/osnadmin" channel "$@" -o "$ORDERER_ADMIN" --ca-file "$ORDERER_CA" \
    --client-cert "$ORDERER_ORG/users/Admin@orderer.pujiang.test/tls/client.crt" \
    --client-key "$ORDERER_ORG/users/Admin@orderer.pujiang.test/tls/client.key"
}

# osnadmin exits 0 even on a 404, so read its answer.
channel_known() { orderer_admin list --channelID "$CHANNEL" 2>/dev/null | grep -q '^Status: 200'; }
channel_active() { orderer_admin list --channelID "$CHANNEL" 2>/dev/null | grep -q '"status": *"active"'; }

join_channel() {
  if ! channel_known; then
    log "orderer joins channel $CHANNEL"
    orderer_admin join --channelID "$CHANNEL" --config-block "$GENESIS_BLOCK" >>"$LOGS/channel.log" 2>&1
  fi
  wait_for "raft leader for $CHANNEL" 60 channel_active || return 1
  for org in "${ORGS[@]}"; do
    # Its operations port answers before its peer port listens: a join sent in between is refused.
    wait_for "$(peer_name "$org") listens" 30 port_open 127.0.0.1 "${PEER_PORT[$org]}" || return 1
    if ! as_org_admin "$org" channel getinfo -c "$CHANNEL" >/dev/null 2>&1; then
      log "$(peer_name "$org") joins channel $CHANNEL"
      # A peer just restarted may not answer getinfo yet although it has the
      # channel: its "already exists" refusal means joined.
      as_org_admin "$org" channel join -b "$GENESIS_BLOCK" >>"$LOGS/channel.log" 2>&1 ||
        tail -1 "$LOGS/channel.log" | grep -q 'already exists' || return 1
    fi
  done
}

write_env() {
  {
    echo "FABRIC_CHANNEL=$CHANNEL"
    echo "FABRIC_CHAINCODE=$CHAINCODE"
    for org in "${ORGS[@]}"; do
      local user="User1@$(org_domain "$org")" users key
      users="$(org_dir "$org")/users"
      key="$(org_env "$org")"
      echo "${key}_MSP_ID=$(org_msp "$org")"
      echo "${key}_PEER_ENDPOINT=127.0.0.1:${PEER_PORT[$org]}"
      echo "${key}_PEER_HOST_ALIAS=peer0.$(org_domain "$org")"
      echo "${key}_OPERATIONS=127.0.0.1:${PEER_OPERATIONS[$org]}"
      echo "${key}_TLS_CA_CERT=$(peer_tls_ca "$org")"
      echo "${key}_CLIENT_CERT=$users/$user/msp/signcerts/$user-cert.pem"
      echo "${key}_CLIENT_KEY=$users/$user/msp/keystore/priv_sk"
      echo "${key}_USERS_DIR=$users"
      # The services' own identities, each with the role the chaincode checks:
      # PLATFORM (eBL), INSURER (claims), ANCHORER (ledger); the regulator's
      # INSPECTOR (role regulator: reads only).
      ca_env "$org"
    done
  } > "$FABRIC_DIR/env"
}

up() {
  mkdir -p "$LOGS" "$PIDS"
  load_fabric_tools || fail "could not install the Fabric binaries ($(install_failure install.log)); log: $LOGS/install.log"
  generate_network || fail "network generation failed; logs: $LOGS/"
  ca_up
  start_orderer || fail "the orderer did not start; log: $LOGS/orderer.log"
  local org name
  for org in "${ORGS[@]}"; do
    name="$(peer_name "$org")"
    start_peer "$org" || fail "$name did not start; log: $LOGS/$name.log"
  done
  wait_for "orderer healthy" 60 healthz "$ORDERER_OPERATIONS" || fail "orderer unhealthy; log: $LOGS/orderer.log"
  for org in "${ORGS[@]}"; do
    name="$(peer_name "$org")"
    wait_for "$name healthy" 60 healthz "127.0.0.1:${PEER_OPERATIONS[$org]}" ||
      fail "$name unhealthy; log: $LOGS/$name.log"
  done
  join_channel || fail "channel $CHANNEL could not be joined; log: $LOGS/channel.log"
  write_env
  bash "$FABRIC_HERE/deploy-chaincode.sh" || fail "chaincode deployment failed; log: $LOGS/chaincode-lifecycle.log"
  for org in "${ORGS[@]}"; do
    name="$(peer_name "$org")"
    wait_for "$name endorses for $CHAINCODE (discovery sees both trading organisations)" 90 can_endorse "$org" ||
      fail "$name cannot endorse ($(can_endorse "$org" 2>&1 | tail -1)); logs: $LOGS/"
  done
  mark_state healthy
  log "orderer 127.0.0.1:7050 (admin 7053), peer0.org1 127.0.0.1:7051, peer0.org2 127.0.0.1:9051, peer0.regulator 127.0.0.1:11051, chaincode 127.0.0.1:9999, ca.org1 127.0.0.1:7054, ca.org2 127.0.0.1:8054, ca.regulator 127.0.0.1:11054"
}

down() {
  for name in chaincode peer0.regulator peer0.org2 peer0.org1 orderer ca.regulator ca.org2 ca.org1; do
    if pid_running "$PIDS/$name.pid"; then stop_pid "$PIDS/$name.pid"; log "$name stopped"; fi
  done
  rm -f "$FABRIC_DIR/state"
}

# One line per node. A peer is healthy only once it can endorse for the
# chaincode; until then it is "starting" (it runs and answers, but a submit
# through it would fail to plan its endorsements).
status() {
  local rc=0 endorsed=0 line
  line() { printf '%-9s %-8s %-22s log: %s\n' "$1" "$2" "$3" "$4"; }
  if healthz "$ORDERER_OPERATIONS"; then line orderer healthy "$ORDERER_ADDRESS" "$LOGS/orderer.log"
  else line orderer down "$ORDERER_ADDRESS" "$LOGS/orderer.log"; rc=1; fi
  for org in "${ORGS[@]}"; do
    local name state=down
    name="$(peer_name "$org")"
    if healthz "127.0.0.1:${PEER_OPERATIONS[$org]}"; then
      state=starting
      [ -f "$FABRIC_DIR/env" ] && can_endorse "$org" >/dev/null 2>&1 && state=healthy
    fi
    if [ "$state" = healthy ]; then endorsed=1; else rc=1; fi
    line "$name" "$state" "127.0.0.1:${PEER_PORT[$org]}" "$LOGS/$name.log"
  done
  # An endorsement ran the chaincode, so it answers.
  if [ "$endorsed" = 1 ]; then line chaincode healthy "$CHAINCODE_ADDRESS" "$LOGS/chaincode.log"
  elif pid_running "$PIDS/chaincode.pid"; then line chaincode running "$CHAINCODE_ADDRESS" "$LOGS/chaincode.log"; rc=1
  else line chaincode down "$CHAINCODE_ADDRESS" "$LOGS/chaincode.log"; rc=1; fi
  for org in "${ORGS[@]}"; do
    local ca
    ca="ca.$(org_label "$org")"
    if healthz "127.0.0.1:${CA_OPERATIONS[$org]}"; then line "$ca" healthy "127.0.0.1:${CA_PORT[$org]}" "$LOGS/$ca.log"
    else line "$ca" down "127.0.0.1:${CA_PORT[$org]}" "$LOGS/$ca.log"; rc=1; fi
  done
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
