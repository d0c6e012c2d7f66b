#!/usr/bin/env bash
# Deploys the project's chaincode (chaincode/) as a service, through the full
# lifecycle: package (type ccaas), install on every peer, approve by every
# organisation (the regulator's approval lets its peer run the chaincode for its
# queries; the channel's lifecycle policy does not count it), commit. Idempotent, and it upgrades: when the built chaincode
# changed, the new package is committed with the next sequence, on the running
# network. Used by `fabric.sh up` and `npm run chaincode:upgrade`.
set -euo pipefail
# shellcheck source=network.sh
source "$(dirname "${BASH_SOURCE[0]}")/network.sh"
load_fabric_tools || fail "Fabric binaries unavailable; log: $LOGS/install.log"

CC_SRC="$REPO_ROOT/chaincode"
PKG_DIR="$FABRIC_DIR/chaincode"
LIFECYCLE_LOG="$LOGS/chaincode-lifecycle.log"
mkdir -p "$PKG_DIR" "$LOGS" "$PIDS"
exec 3>>"$LIFECYCLE_LOG"

(cd "$CC_SRC" && npm run --silent build) >&3 2>&1 || fail "chaincode build failed; log: $LIFECYCLE_LOG"

# The label names the content: same build, same package id, nothing to do.
# The collections config is part of the definition: a change to it alone is a new version too.
content_hash="$(cd "$CC_SRC" && find dist -type f -name '*.js' | sort | xargs cat package.json package-lock.json collections_config.json | sha256sum | cut -c1-12)"
LABEL="${CHAINCODE}_$content_hash"
PKG="$PKG_DIR/$LABEL.tar.gz"

if [ ! -f "$PKG" ]; then
  work="$(mktemp -d)"
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$CHAINCODE_ADDRESS" > "$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$LABEL" > "$work/metadata.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  tar -C "$work" -czf "$PKG" metadata.json code.tar.gz
  rm -rf "$work"
fi
PACKAGE_ID="$(as_org_admin 1 lifecycle chaincode calculatepackageid "$PKG")"

for org in "${ORGS[@]}"; do
  if ! as_org_admin "$org" lifecycle chaincode queryinstalled --output json 2>&3 | grep -q "\"$PACKAGE_ID\""; then
    log "installing $LABEL on $(peer_name "$org")"
    as_org_admin "$org" lifecycle chaincode install "$PKG" >&3 2>&1 || fail "install on $(peer_name "$org") failed; log: $LIFECYCLE_LOG"
  fi
done

committed="$(as_org_admin 1 lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" --output json 2>/dev/null || echo '{}')"
committed_version="$(node -e 'const c=JSON.parse(process.argv[1]); process.stdout.write(c.version ?? "")' "$committed")"
committed_sequence="$(node -e 'const c=JSON.parse(process.argv[1]); process.stdout.write(String(c.sequence ?? 0))' "$committed")"

restart_server() {
  if pid_running "$PIDS/chaincode.pid" && [ "$(cat "$PKG_DIR/running-id" 2>/dev/null)" = "$PACKAGE_ID" ]; then
    return 0
  fi
  stop_pid "$PIDS/chaincode.pid"
  (
    cd "$CC_SRC"
    export CORE_CHAINCODE_ID="$PACKAGE_ID" CORE_CHAINCODE_ADDRESS="$CHAINCODE_ADDRESS"
    start_bg chaincode "$LOGS/chaincode.log" "$PIDS/chaincode.pid" \
      node node_modules/.bin/fabric-chaincode-node server
  )
  echo "$PACKAGE_ID" > "$PKG_DIR/running-id"
}

if [ "$committed_version" = "$content_hash" ]; then
  restart_server
  log "chaincode $CHAINCODE is current: $LABEL, sequence $committed_sequence"
  exit 0
fi

SEQUENCE=$((committed_sequence + 1))
definition=(-C "$CHANNEL" -n "$CHAINCODE" -v "$content_hash" --sequence "$SEQUENCE")
[ -f "$CC_SRC/collections_config.json" ] && definition+=(--collections-config "$CC_SRC/collections_config.json")

# ordered CMD… — a lifecycle transaction, sent again while the orderer has no Raft
# leader yet: a restarted orderer reports its channel active before the election, and
# an upgrade right after a restart would otherwise fail with SERVICE_UNAVAILABLE.
ordered() {
  local start=$SECONDS out
  until out="$("$@" 2>&1)"; do
    echo "$out" >&3
    [[ "$out" == *"no Raft leader"* ]] && [ $((SECONDS - start)) -lt 60 ] || return 1
    sleep 1
  done
  echo "$out" >&3
}

log "defining $CHAINCODE version $content_hash, sequence $SEQUENCE"
for org in "${ORGS[@]}"; do
  # An approval left by an interrupted run is not repeated (Fabric refuses an identical one).
  if ! as_org_admin "$org" lifecycle chaincode checkcommitreadiness "${definition[@]}" --output json 2>&3 |
    grep -q "\"$(org_msp "$org")\": *true"; then
    ordered as_org_admin "$org" lifecycle chaincode approveformyorg "${ordererTLS[@]}" "${definition[@]}" \
      --package-id "$PACKAGE_ID" || fail "approval by $(org_msp "$org") failed; log: $LIFECYCLE_LOG"
  fi
done
ordered as_org_admin 1 lifecycle chaincode commit "${ordererTLS[@]}" "${definition[@]}" \
  --peerAddresses "127.0.0.1:${PEER_PORT[1]}" --tlsRootCertFiles "$(peer_tls_ca 1)" \
  --peerAddresses "127.0.0.1:${PEER_PORT[2]}" --tlsRootCertFiles "$(peer_tls_ca 2)" ||
  fail "commit failed; log: $LIFECYCLE_LOG"
restart_server
log "chaincode $CHAINCODE committed: $LABEL, sequence $SEQUENCE"
# Done only when a submit would work again: the peers launch the new package
# on their next call, through the restarted server.
for org in "${ORGS[@]}"; do
  wait_for "$(peer_name "$org") endorses with sequence $SEQUENCE" 90 can_endorse "$org" ||
    fail "$(peer_name "$org") cannot endorse after the upgrade ($(can_endorse "$org" 2>&1 | tail -1)); log: $LOGS/chaincode.log"
done
