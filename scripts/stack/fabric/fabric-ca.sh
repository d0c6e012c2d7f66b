# One Fabric CA per peer organisation (the regulator's too), and the identities that need what
# cryptogen cannot issue: certificate attributes, checked by the chaincode.
# Sourced by fabric.sh after network.sh, never run.
# shellcheck shell=bash

CA_DIR="$FABRIC_DIR/ca"
declare -A CA_PORT=([1]=7054 [2]=8054 [3]=11054)
# The peers' operations ports are 9444-9446.
declare -A CA_OPERATIONS=([1]=9454 [2]=9455 [3]=9456)
# Every identity the CAs enrol, one per line (org, enrolment id, --id.attrs,
# env key or -): written by scripts/stack/ca-identities.ts from the role names
# in libs/contracts, which the chaincode checks.
IDENTITIES_FILE="$CA_DIR/identities.tsv"

# enrolled_msp ORG NAME — where an identity the CA enrolled keeps its MSP folder.
enrolled_msp() { echo "$(org_dir "$1")/users/$2/msp"; }

# secret_in FILE — the random secret kept in FILE, made on first use.
secret_in() {
  [ -s "$1" ] || (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$1")
  cat "$1"
}

# The CA signs with cryptogen's organisation CA key, so what it issues is valid
# under the MSPs already in the channel's genesis block. TLS is off: the server
# listens on 127.0.0.1 only, and what crosses loopback is a secret made for this
# machine and certificates that are public anyway (production CAs run TLS).
start_ca() {
  local org="$1" port="${CA_PORT[$1]}" label db ca pw home
  label="$(org_label "$org")"
  home="$CA_DIR/$label"
  db="fabric_ca_$label"
  pid_running "$PIDS/ca.$label.pid" && return 0
  port_open 127.0.0.1 "$port" && { echo "port $port is already taken"; return 1; }
  [ -s "$PG_PASSWORD_FILE" ] || { echo "no PostgreSQL password in $PG_PASSWORD_FILE: start postgres first"; return 1; }
  ca="$(org_dir "$org")/ca"
  pw="$(cat "$PG_PASSWORD_FILE")"
  mkdir -p "$home" && chmod 700 "$home"
  (
    export FABRIC_CA_SERVER_HOME="$home"
    export FABRIC_CA_SERVER_ADDRESS=127.0.0.1 FABRIC_CA_SERVER_PORT="$port"
    export FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS="127.0.0.1:${CA_OPERATIONS[$org]}"
    export FABRIC_CA_SERVER_CA_CERTFILE="$ca/ca.$(org_domain "$org")-cert.pem"
    export FABRIC_CA_SERVER_CA_KEYFILE="$ca/priv_sk"
    export FABRIC_CA_SERVER_DB_TYPE=postgres
    # In the environment, not argv, where ps would show the password.
    export FABRIC_CA_SERVER_DB_DATASOURCE="host=127.0.0.1 port=$PG_PORT user=pujiang password=$pw dbname=$db sslmode=disable"
    if [ ! -f "$home/fabric-ca-server-config.yaml" ]; then
      # A new home is a new CA: a registry an earlier one left in the database
      # (stack:reset fabric keeps PostgreSQL) holds secrets nobody has any more.
      PGPASSWORD="$pw" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U pujiang \
        -d "$db" -qX -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public' \
        >"$home/init.log" 2>&1 || return 1
      # The bootstrap secret goes to init alone, whose output stays in this 700
      # home: start logs its whole configuration, which would show it.
      FABRIC_CA_SERVER_BOOT="admin:$(secret_in "$home/admin.secret")" \
        "$FABRIC_CA_BIN/fabric-ca-server" init >>"$home/init.log" 2>&1 || return 1
    fi
    start_bg "ca.$label" "$LOGS/ca.$label.log" "$PIDS/ca.$label.pid" "$FABRIC_CA_BIN/fabric-ca-server" start
  )
}

# ca_client ORG ARGS… — fabric-ca-client against the org's CA, its own files in the CA's home.
ca_client() {
  local org="$1"; shift
  FABRIC_CA_CLIENT_HOME="$CA_DIR/$(org_label "$org")/client" "$FABRIC_CA_BIN/fabric-ca-client" "$@"
}

# enrol ORG NAME SECRET MSPDIR — secrets travel in the environment, not argv.
enrol() {
  FABRIC_CA_CLIENT_URL="http://${2/@/%40}:$3@127.0.0.1:${CA_PORT[$1]}" \
    ca_client "$1" enroll --mspdir "$4" --csr.names 'C=US,ST=California,L=San Francisco'
}

# enrol_identity ORG NAME ATTRS — registers and enrols one identity once, as a
# client (node OU `client`) carrying its role attributes, with a secret of its
# own; its MSP folder appears whole, with the key named as cryptogen names
# keys, or not at all.
enrol_identity() {
  local org="$1" name="$2" attrs="$3" home msp secret out
  home="$CA_DIR/$(org_label "$org")"
  msp="$(enrolled_msp "$org" "$name")"
  [ -f "$msp/signcerts/cert.pem" ] && return 0
  local admin="$home/client/admin"
  if [ ! -f "$admin/signcerts/cert.pem" ]; then
    enrol "$org" admin "$(cat "$home/admin.secret")" "$admin" >>"$home/client.log" 2>&1 || return 1
  fi
  secret="$(secret_in "$home/$(echo "${name%@*}" | tr '[:upper:]' '[:lower:]').secret")"
  # Its output repeats the secret: kept out of every log.
  if ! out="$(FABRIC_CA_CLIENT_ID_SECRET="$secret" ca_client "$org" register --mspdir "$admin" \
    -u "http://127.0.0.1:${CA_PORT[$org]}" --id.name "$name" --id.type client \
    --id.attrs "$attrs" 2>&1)"; then
    [[ "$out" == *"already registered"* ]] || { echo "$out" | grep -v '^Password' >>"$home/client.log"; return 1; }
  fi
  rm -rf "$msp.partial"
  enrol "$org" "$name" "$secret" "$msp.partial" >>"$home/client.log" 2>&1 || return 1
  mv "$msp.partial"/keystore/*_sk "$msp.partial/keystore/priv_sk"
  mv "$msp.partial" "$msp"
  log "$name enrolled at ca.$(org_label "$org") with $attrs"
}

ca_up() {
  run_installer install-ca.sh install-ca.log ||
    fail "could not install the Fabric CA binaries ($(install_failure install-ca.log)); log: $LOGS/install-ca.log"
  local org label
  for org in "${ORGS[@]}"; do
    label="$(org_label "$org")"
    start_ca "$org" || fail "ca.$label did not start; logs: $LOGS/ca.$label.log, $CA_DIR/$label/init.log"
  done
  if ! (cd "$REPO_ROOT" && npx --no-install ts-node --transpile-only scripts/stack/ca-identities.ts) \
    >"$IDENTITIES_FILE.partial" 2>>"$LOGS/ca-identities.log"; then
    fail "could not list the identities to enrol; log: $LOGS/ca-identities.log"
  fi
  mv "$IDENTITIES_FILE.partial" "$IDENTITIES_FILE"
  for org in "${ORGS[@]}"; do
    label="$(org_label "$org")"
    wait_for "ca.$label healthy" 60 healthz "127.0.0.1:${CA_OPERATIONS[$org]}" ||
      fail "ca.$label unhealthy; log: $LOGS/ca.$label.log"
  done
  local name attrs key
  while IFS=$'\t' read -r org name attrs key; do
    enrol_identity "$org" "$name" "$attrs" || fail "$name could not be enrolled; log: $CA_DIR/$(org_label "$org")/client.log"
  done <"$IDENTITIES_FILE"
}

# ca_env ORG — FABRIC_ORG<n>_<KEY>_CERT/KEY (FABRIC_REGULATOR_<KEY>_…) of the
# services' identities, for .stack/env.
ca_env() {
  local org name attrs key msp
  while IFS=$'\t' read -r org name attrs key; do
    [ "$org" = "$1" ] && [ "$key" != - ] || continue
    msp="$(enrolled_msp "$org" "$name")"
    echo "$(org_env "$org")_${key}_CERT=$msp/signcerts/cert.pem"
    echo "$(org_env "$org")_${key}_KEY=$msp/keystore/priv_sk"
  done <"$IDENTITIES_FILE"
}
