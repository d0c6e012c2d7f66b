#!/bin/sh
# Job of each peer organisation (fabric-tools): the chaincode lifecycle for the package
# in the chaincode image (copied to /work/package by an initContainer). Installs it on
# every peer, approves it for the organisation with the next sequence when its label is
# not the committed version, and, where COMMIT=true, commits once every organisation has
# approved. Idempotent: the same image changes nothing; a new image upgrades in place.
#   env: CHANNEL CHAINCODE PEER_COUNT ORDERER ORDERER_CA MSP_ID COMMIT
#        COMMIT_PEERS ("host:port=ca-file ...", one endorsing peer per organisation)
. /scripts/lib.sh

PACKAGE=/work/package/chaincode.tar.gz
LABEL="$(cat /work/package/label)"
orderer() { echo -o "$ORDERER" --tls --cafile "$ORDERER_CA"; }

PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid "$PACKAGE")"
i=0
while [ "$i" -lt "$PEER_COUNT" ]; do
  export CORE_PEER_ADDRESS="peer-$i.peer.$NAMESPACE.svc:7051"
  if peer lifecycle chaincode queryinstalled --output json | grep -q "\"$PACKAGE_ID\""; then
    log "peer-$i has $PACKAGE_ID"
  else
    log "installing $PACKAGE_ID on peer-$i"
    peer lifecycle chaincode install "$PACKAGE"
  fi
  i=$((i + 1))
done
export CORE_PEER_ADDRESS="peer-0.peer.$NAMESPACE.svc:7051"

committed="$(peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" --output json 2>/dev/null || echo '{}')"
field() { echo "$committed" | sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",]*\).*/\1/p" | head -1; }
current="$(field sequence)"
if [ "$(field version)" = "$LABEL" ]; then
  if peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CHAINCODE" --sequence "$current" >/dev/null 2>&1; then
    log "$CHAINCODE $LABEL is committed (sequence $current) and approved by $MSP_ID"
    exit 0
  fi
  # An organisation that joined later approves the definition in force.
  SEQUENCE="$current"
else
  SEQUENCE=$((${current:-0} + 1))
fi
set -- -C "$CHANNEL" -n "$CHAINCODE" -v "$LABEL" --sequence "$SEQUENCE"
# The insurers' private data collections travel with the package (Claims contract).
[ -f /work/package/collections_config.json ] && set -- "$@" --collections-config /work/package/collections_config.json

# An approval left by an earlier run is not repeated: Fabric refuses an identical one.
if peer lifecycle chaincode checkcommitreadiness "$@" --output json | grep -q "\"$MSP_ID\": *true"; then
  log "$MSP_ID has approved $LABEL, sequence $SEQUENCE"
else
  log "$MSP_ID approves $LABEL, sequence $SEQUENCE"
  # shellcheck disable=SC2046
  peer lifecycle chaincode approveformyorg $(orderer) "$@" --package-id "$PACKAGE_ID"
fi

[ "$COMMIT" = true ] && [ "$SEQUENCE" != "$current" ] || exit 0
# Commit waits for the other organisations' approvals; the Job's retries give them time.
if peer lifecycle chaincode checkcommitreadiness "$@" --output json | grep -q ': *false'; then
  echo "not every organisation has approved $LABEL yet; retrying later" >&2
  exit 1
fi
endorsers=""
for peer in $COMMIT_PEERS; do endorsers="$endorsers --peerAddresses ${peer%%=*} --tlsRootCertFiles ${peer#*=}"; done
log "committing $CHAINCODE $LABEL, sequence $SEQUENCE"
# shellcheck disable=SC2046,SC2086
peer lifecycle chaincode commit $(orderer) "$@" $endorsers
