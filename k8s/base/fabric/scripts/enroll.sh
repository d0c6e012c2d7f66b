#!/bin/sh
# initContainer of peers, orderers and services: enrols ENROLL_ID with the organisation's
# CA into OUT/msp (signing identity) and, when TLS_HOSTS is set, OUT/tls (server
# certificate for those host names, issued to TLS_ID). What a previous start enrolled
# on the node's volume is kept: a node's identity does not change on restart.
#   env: CA_URL CA_CERT ENROLL_ID ENROLL_SECRET OUT [TLS_ID] [TLS_HOSTS]
. /scripts/lib.sh

if [ ! -f "$OUT/msp/signcerts/cert.pem" ]; then
  log "enrolling $ENROLL_ID"
  ca_enroll "$ENROLL_ID" "$ENROLL_SECRET" "$OUT/msp"
  normalise_msp "$OUT/msp"
fi

if [ -n "${TLS_HOSTS:-}" ] && [ ! -f "$OUT/tls/signcerts/cert.pem" ]; then
  log "enrolling the TLS certificate of ${TLS_ID:-$ENROLL_ID} for $TLS_HOSTS"
  ca_enroll "${TLS_ID:-$ENROLL_ID}" "$ENROLL_SECRET" "$OUT/tls" --enrollment.profile tls \
    --csr.hosts "$TLS_HOSTS"
  for key in "$OUT"/tls/keystore/*_sk; do mv "$key" "$OUT/tls/keystore/key.pem"; done
fi
