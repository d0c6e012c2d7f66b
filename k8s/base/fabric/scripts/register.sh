#!/bin/sh
# Job: registers this organisation's identities with its CA, as the CA's bootstrap admin.
# Identities: NODE_PREFIX-0..NODE_COUNT-1 of NODE_TYPE (and a -tls twin for each orderer,
# whose certificate the channel Job looks up), `admin`, and the CLIENTS (services).
# Registering an identity that exists is not an error, so the Job can run again.
#   env: CA_URL CA_CERT CA_ADMIN CA_ADMIN_PASSWORD NODE_TYPE NODE_COUNT [CLIENTS]
#   files: /var/run/enrollment/{node,admin[,client]} the enrolment secrets
. /scripts/lib.sh

ca_enroll "$CA_ADMIN" "$CA_ADMIN_PASSWORD" "$FABRIC_CA_CLIENT_HOME/msp"

register() { # NAME TYPE SECRET_FILE
  if out="$(fabric-ca-client register --id.name "$1" --id.type "$2" \
    --id.secret "$(cat "/var/run/enrollment/$3")" --tls.certfiles "$CA_CERT" -u "$CA_URL" 2>&1)"; then
    log "registered $1 ($2)"
  elif echo "$out" | grep -q 'is already registered'; then
    log "$1 is already registered"
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
for client in ${CLIENTS:-}; do register "$client" client client; done
