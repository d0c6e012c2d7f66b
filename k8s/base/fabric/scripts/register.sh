#!/bin/sh
# Job: registers this organisation's identities with its CA, as the CA's bootstrap admin.
# Identities: NODE_PREFIX-0..NODE_COUNT-1 of NODE_TYPE (and a -tls twin for each orderer,
# whose certificate the channel Job looks up), `admin`, and the CLIENTS (services), each
# NAME[:ROLE] with its own secret and, given a ROLE, the certificate attribute
# pujiang.role=ROLE that the chaincode checks (docs/decisions/0015).
# Registering an identity that exists is not an error, so the Job can run again.
#   env: CA_URL CA_CERT CA_ADMIN CA_ADMIN_PASSWORD NODE_TYPE NODE_COUNT [CLIENTS]
#   files: /var/run/enrollment/{node,admin[,client-NAME…]} the enrolment secrets
. /scripts/lib.sh

ca_enroll "$CA_ADMIN" "$CA_ADMIN_PASSWORD" "$FABRIC_CA_CLIENT_HOME/msp"

register() { # NAME TYPE SECRET_FILE [ATTRIBUTES]
  if out="$(fabric-ca-client register --id.name "$1" --id.type "$2" ${4:+--id.attrs "$4"} \
    --id.secret "$(cat "/var/run/enrollment/$3")" --tls.certfiles "$CA_CERT" -u "$CA_URL" 2>&1)"; then
    log "registered $1 ($2)"
  elif echo "$out" | grep -q 'is already registered'; then
    log "$1 is already registered"
    # An identity registered before it was given attributes gets them now; its
    # next enrolment (each pod start) puts them in its certificate.
    [ -z "${4:-}" ] || fabric-ca-client identity modify "$1" --attrs "$4" \
      --tls.certfiles "$CA_CERT" -u "$CA_URL" >/dev/null || exit 1
  else
    echo "$out" >&2
    exit 1
  fi
}

i=0
while [ "$i" -lt "$NODE_COUNT" ]; do
  register "$NODE_TYPE-$i" "$NODE_TYPE" node
  [ "$NODE_TYPE" = orderer ] && register "$NODE_TYPE-$i-tls" "$NODE_TYPE" node
  i=$((i + 1))
done
register admin admin admin
for client in ${CLIENTS:-}; do
  name="${client%%:*}"
  role="${client#"$name"}"
  role="${role#:}"
  register "$name" client "client-$name" ${role:+"pujiang.role=$role:ecert"}
done
