# The local Fabric network's layout, shared by fabric.sh and deploy-chaincode.sh; sourced.
# shellcheck shell=bash
PART=fabric
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

FABRIC_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FABRIC_DIR="$STACK_DIR/fabric"
CRYPTO="$FABRIC_DIR/crypto"
CHANNEL=pujiang
CHAINCODE=pujiang
CHAINCODE_ADDRESS=127.0.0.1:9999
GENESIS_BLOCK="$FABRIC_DIR/config/$CHANNEL.block"
LOGS="$FABRIC_DIR/logs"
PIDS="$FABRIC_DIR/pids"

ORDERER_ORG="$CRYPTO/ordererOrganizations/orderer.pujiang.test"
ORDERER_NODE="$ORDERER_ORG/orderers/orderer.orderer.pujiang.test"
ORDERER_CA="$ORDERER_NODE/tls/ca.crt"
ORDERER_ADDRESS=127.0.0.1:7050
ORDERER_ADMIN=127.0.0.1:7053
ORDERER_OPERATIONS=127.0.0.1:8443

# The peer organisations by index: 1 and 2 trade (Org1MSP, Org2MSP); 3 is the
# regulator (RegulatorMSP), a member with read rights only (decision 0035).
ORGS=(1 2 3)
declare -A PEER_PORT=([1]=7051 [2]=9051 [3]=11051)
declare -A PEER_OPERATIONS=([1]=9444 [2]=9445 [3]=9446)

# org_label ORG — org1, org2, regulator: names its domain, peer, CA and logs.
org_label() { if [ "$1" = 3 ]; then echo regulator; else echo "org$1"; fi; }
org_msp() { if [ "$1" = 3 ]; then echo RegulatorMSP; else echo "Org$1MSP"; fi; }
# org_env ORG — the prefix of its keys in .stack/env: FABRIC_ORG1_, FABRIC_ORG2_, FABRIC_REGULATOR_.
org_env() { if [ "$1" = 3 ]; then echo FABRIC_REGULATOR; else echo "FABRIC_ORG$1"; fi; }
org_domain() { echo "$(org_label "$1").pujiang.test"; }
peer_name() { echo "peer0.$(org_label "$1")"; }
org_dir() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")"; }
peer_dir() { echo "$(org_dir "$1")/peers/peer0.$(org_domain "$1")"; }
peer_tls_ca() { echo "$(peer_dir "$1")/tls/ca.crt"; }

# run_installer SCRIPT LOGNAME [QUIET] — evals the KEY=value lines an
# installer prints (it builds the binaries the first time) and, unless QUIET is
# set, shows the route it took.
run_installer() {
  mkdir -p "$LOGS"
  local out
  if ! out="$(bash "$FABRIC_HERE/$1" 2>"$LOGS/$2")"; then
    cat "$LOGS/$2" >&2
    return 1
  fi
  [ -n "${3:-}" ] || grep '^\[fabric\] route:' "$LOGS/$2" || true
  eval "$out"
}

# The line of an installer's log that says why it failed.
install_failure() {
  grep -m1 -E 'forbidden|403|not available|SHA-256|no such file' "$LOGS/$1" || tail -1 "$LOGS/$1"
}

# Loads FABRIC_BIN and FABRIC_SAMPLECONFIG, showing the route once per
# command: deploy-chaincode.sh, run by fabric.sh, inherits the flag.
load_fabric_tools() {
  run_installer install.sh install.log "${FABRIC_ROUTE_SHOWN:-}" || return 1
  export FABRIC_BIN FABRIC_SAMPLECONFIG FABRIC_ROUTE_SHOWN=1
}

# Runs a peer CLI command as an organisation's admin against its peer.
as_org_admin() {
  local org="$1"; shift
  FABRIC_CFG_PATH="$FABRIC_DIR/peers/$(org_label "$org")/cfg" \
  CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
  CORE_PEER_MSPCONFIGPATH="$(org_dir "$org")/users/Admin@$(org_domain "$org")/msp" \
  CORE_PEER_ADDRESS="127.0.0.1:${PEER_PORT[$org]}" \
  CORE_PEER_TLS_ENABLED=true \
  CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$org")" \
    "$FABRIC_BIN/peer" "$@"
}

# can_endorse ORG — the org's peer gateway can plan and collect endorsements for
# the chaincode (discovery sees both trading organisations): what a submit will
# need. For the regulator, which never submits: its own peer runs the chaincode
# for its queries.
can_endorse() {
  (set -a; source "$FABRIC_DIR/env"; set +a; cd "$REPO_ROOT" && node "$FABRIC_HERE/ping.js" "$1")
}

ordererTLS=(-o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA")
