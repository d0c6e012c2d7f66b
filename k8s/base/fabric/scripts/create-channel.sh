#!/bin/sh
# Job of the orderer organisation, in two steps (two images):
#   create-channel.sh certificates   (fabric-ca) fetch each orderer's TLS certificate from
#                                    the CA, enrol the admin's TLS client certificate
#   create-channel.sh join           (fabric-tools) write configtx.yaml, make the genesis
#                                    block, and have every orderer join it with osnadmin
# Fabric v3 has no system channel: the channel exists once its orderers have joined.
#   env: CA_URL CA_CERT CA_ADMIN CA_ADMIN_PASSWORD ADMIN_SECRET CHANNEL ORDERER_COUNT
#        MSP_ID PEER_ORGS ("Org1MSP:pujiang-org1 ...") READ_ONLY_ORGS ("RegulatorMSP": members
#        that read only, docs/decisions/0035) ; WORK: shared emptyDir
. /scripts/lib.sh
WORK=/work
orderer_host() { echo "orderer-$1.orderer.$NAMESPACE.svc"; }
read_only() { case " ${READ_ONLY_ORGS:-} " in *" $1 "*) return 0 ;; esac; return 1; }
# AND('<msp>.<role>', ...) over the organisations that may write: a MAJORITY over every
# member would let a read-only one stand in for one of them.
writers_and() {
  for org in $PEER_ORGS; do
    msp="${org%%:*}"
    read_only "$msp" || printf "'%s.%s', " "$msp" "$1"
  done | sed "s/^/AND(/; s/, \$/)/"
}

certificates() {
  ca_enroll "$CA_ADMIN" "$CA_ADMIN_PASSWORD" "$FABRIC_CA_CLIENT_HOME/msp"
  i=0
  while [ "$i" -lt "$ORDERER_COUNT" ]; do
    dir="$WORK/orderer-$i"
    mkdir -p "$dir"
    fabric-ca-client certificate list --id "orderer-$i-tls" --notexpired --notrevoked \
      --store "$dir" --tls.certfiles "$CA_CERT" -u "$CA_URL" >/dev/null
    set -- "$dir"/*.pem
    [ "$#" -eq 1 ] && [ -f "$1" ] || { echo "orderer-$i-tls: expected one certificate, found $#" >&2; exit 1; }
    mv "$1" "$dir/tls.pem"
    i=$((i + 1))
  done
  ca_enroll admin "$ADMIN_SECRET" "$WORK/admin-tls" --enrollment.profile tls
  for key in "$WORK"/admin-tls/keystore/*_sk; do mv "$key" "$WORK/admin-tls/keystore/key.pem"; done
}

configtx() {
  org_msp "$CA_CERT" "$WORK/msp/$MSP_ID"
  cat <<YAML
Organizations:
  - &Orderer
    Name: $MSP_ID
    ID: $MSP_ID
    MSPDir: $WORK/msp/$MSP_ID
    Policies: $(policies "$MSP_ID" "OR('$MSP_ID.member')" "OR('$MSP_ID.member')")
    OrdererEndpoints:
YAML
  i=0
  while [ "$i" -lt "$ORDERER_COUNT" ]; do echo "      - $(orderer_host "$i"):7050"; i=$((i + 1)); done
  for org in $PEER_ORGS; do
    msp="${org%%:*}" ns="${org#*:}"
    org_msp "/var/run/fabric-cas/$ns.crt" "$WORK/msp/$msp"
    writers="OR('$msp.admin', '$msp.client')"
    # Its admin alone may send a transaction: its own approval of the chaincode definition.
    read_only "$msp" && writers="OR('$msp.admin')"
    cat <<YAML
  - &$msp
    Name: $msp
    ID: $msp
    MSPDir: $WORK/msp/$msp
    Policies: $(policies "$msp" "OR('$msp.admin', '$msp.peer', '$msp.client')" "$writers")
      Endorsement: { Type: Signature, Rule: "OR('$msp.peer')" }
    AnchorPeers:
      - { Host: peer-0.peer.$ns.svc, Port: 7051 }
YAML
  done
  cat <<YAML
Profiles:
  Channel:
    Policies: $(implicit)
    Capabilities: { V3_0: true }
    Orderer:
      OrdererType: etcdraft
      BatchTimeout: 250ms
      BatchSize: { MaxMessageCount: 500, AbsoluteMaxBytes: 10 MB, PreferredMaxBytes: 2 MB }
      Policies: $(implicit)
        BlockValidation: { Type: ImplicitMeta, Rule: ANY Writers }
      Capabilities: { V2_0: true }
      Organizations: [*Orderer]
      EtcdRaft:
        Consenters:
YAML
  i=0
  while [ "$i" -lt "$ORDERER_COUNT" ]; do
    cert="$WORK/orderer-$i/tls.pem"
    echo "          - { Host: $(orderer_host "$i"), Port: 7050, ClientTLSCert: $cert, ServerTLSCert: $cert }"
    i=$((i + 1))
  done
  cat <<YAML
    Application:
      Policies:
        Readers: { Type: ImplicitMeta, Rule: ANY Readers }
        Writers: { Type: ImplicitMeta, Rule: ANY Writers }
        Admins: { Type: Signature, Rule: "$(writers_and admin)" }
        LifecycleEndorsement: { Type: Signature, Rule: "$(writers_and peer)" }
        Endorsement: { Type: Signature, Rule: "$(writers_and peer)" }
      # A read-only member evaluates: a proposal needs Readers; a transaction, Writers.
      ACLs: { peer/Propose: /Channel/Application/Readers }
      Capabilities: { V2_5: true }
      Organizations: [$(for org in $PEER_ORGS; do printf '*%s, ' "${org%%:*}"; done | sed 's/, $//')]
YAML
}

policies() { # MSP READERS WRITERS
  cat <<YAML

      Readers: { Type: Signature, Rule: "$2" }
      Writers: { Type: Signature, Rule: "$3" }
      Admins: { Type: Signature, Rule: "OR('$1.admin')" }
YAML
}

implicit() {
  cat <<YAML

        Readers: { Type: ImplicitMeta, Rule: ANY Readers }
        Writers: { Type: ImplicitMeta, Rule: ANY Writers }
        Admins: { Type: ImplicitMeta, Rule: MAJORITY Admins }
YAML
}

osnadmin_on() { # ORDINAL ARGS...
  host="$(orderer_host "$1")"
  shift
  osnadmin channel "$@" -o "$host:7053" --ca-file "$CA_CERT" \
    --client-cert "$WORK/admin-tls/signcerts/cert.pem" --client-key "$WORK/admin-tls/keystore/key.pem"
}

join() {
  mkdir -p "$WORK/config"
  configtx >"$WORK/config/configtx.yaml"
  FABRIC_CFG_PATH="$WORK/config" configtxgen -profile Channel -channelID "$CHANNEL" \
    -outputBlock "$WORK/genesis.block"
  i=0
  while [ "$i" -lt "$ORDERER_COUNT" ]; do
    # osnadmin exits 0 on a 404 too: read the answer.
    if osnadmin_on "$i" list --channelID "$CHANNEL" | grep -q '^Status: 200'; then
      log "orderer-$i has joined $CHANNEL already"
    else
      log "orderer-$i joins $CHANNEL"
      osnadmin_on "$i" join --channelID "$CHANNEL" --config-block "$WORK/genesis.block"
    fi
    i=$((i + 1))
  done
}

"$1"
