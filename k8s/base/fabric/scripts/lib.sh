# Shared by the Fabric scripts; sourced. Works in the fabric-ca and fabric-tools images (sh).
# shellcheck shell=sh
set -eu

export FABRIC_CA_CLIENT_HOME="${FABRIC_CA_CLIENT_HOME:-/tmp/fabric-ca-client}"

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# Lays an enrolled MSP out with fixed file names and Node OUs, as peers and orderers expect.
#   normalise_msp DIR
normalise_msp() {
  dir="$1"
  for key in "$dir"/keystore/*_sk; do [ -f "$key" ] && mv "$key" "$dir/keystore/key.pem"; done
  for ca in "$dir"/cacerts/*.pem; do [ "$ca" = "$dir/cacerts/ca.pem" ] || mv "$ca" "$dir/cacerts/ca.pem"; done
  write_node_ous "$dir" cacerts/ca.pem
}

# An MSP made of CA certificates only: how an organisation appears in a channel configuration.
#   org_msp CA_CERT DIR
org_msp() {
  mkdir -p "$2/cacerts" "$2/tlscacerts"
  cp "$1" "$2/cacerts/ca.pem"
  cp "$1" "$2/tlscacerts/ca.pem"
  write_node_ous "$2" cacerts/ca.pem
}

write_node_ous() {
  cat >"$1/config.yaml" <<YAML
NodeOUs:
  Enable: true
  ClientOUIdentifier: { Certificate: $2, OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { Certificate: $2, OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { Certificate: $2, OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { Certificate: $2, OrganizationalUnitIdentifier: orderer }
YAML
}

# fabric-ca-client against this organisation's CA. CA_URL is https://host:port.
ca_enroll() { # ID SECRET DIR [extra flags]
  id="$1" secret="$2" dir="$3"
  shift 3
  fabric-ca-client enroll -u "https://$id:$secret@${CA_URL#https://}" --tls.certfiles "$CA_CERT" \
    -M "$dir" "$@"
}
