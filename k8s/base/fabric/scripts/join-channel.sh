#!/bin/sh
# Job of a peer organisation (fabric-tools): fetches the channel's genesis block from the
# ordering service and joins every peer of the organisation that has not joined yet.
#   env: CHANNEL PEER_COUNT ORDERER ORDERER_CA + admin peer CLI env (see peer_env)
. /scripts/lib.sh

peer_env() { # ORDINAL: talk to peer-N as the organisation's admin
  export CORE_PEER_ADDRESS="peer-$1.peer.$NAMESPACE.svc:7051"
}

peer channel fetch 0 /tmp/genesis.block -c "$CHANNEL" -o "$ORDERER" --tls --cafile "$ORDERER_CA"
i=0
while [ "$i" -lt "$PEER_COUNT" ]; do
  peer_env "$i"
  if peer channel getinfo -c "$CHANNEL" >/dev/null 2>&1; then
    log "peer-$i has joined $CHANNEL already"
  else
    log "peer-$i joins $CHANNEL"
    peer channel join -b /tmp/genesis.block
  fi
  i=$((i + 1))
done
