#!/usr/bin/env bash
# Apache Kafka 3.9.1 for the local stack:  kafka.sh up | down | status | env
# One KRaft node (broker and controller) on 127.0.0.1:59092, run straight from the
# Maven Central jars (cached in $PUJIANG_CACHE), data in $STACK_DIR/kafka/data.
# Clients connect with TLS (a certificate from the stack's own CA, tls/) and SASL
# SCRAM-SHA-512 as one of the platform's users (users/<name>.password): admin, the
# stack's super user, and one per service with the ACLs k8s/ declares for it.
set -euo pipefail
PART=kafka
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

KAFKA_VERSION=3.9.1
CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT"
KAFKA_LIBS="$PUJIANG_CACHE/kafka-$KAFKA_VERSION/libs"
KAFKA_DIR="$STACK_DIR/kafka"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOG="$KAFKA_DIR/kafka.log"        # log4j: everything the broker says
KAFKA_OUT="$KAFKA_DIR/kafka.out"        # the JVM's stdout/stderr: crashes before log4j is up
CONFIG="$KAFKA_DIR/server.properties"
PIDFILE="$KAFKA_DIR/kafka.pid"
CLUSTER_ID_FILE="$KAFKA_DIR/cluster-id"
TLS_DIR="$KAFKA_DIR/tls"
USERS_DIR="$KAFKA_DIR/users"
ADMIN_USER=admin
ADMIN_CLIENT_CONFIG="$KAFKA_DIR/admin-client.properties"

# Kafka's own start scripts use these JVM flags; the heap is set per command.
java_flags() {
  JAVA_FLAGS=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent
    -Djava.awt.headless=true -Dkafka.logs.file="$KAFKA_LOG"
    -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" -cp "$KAFKA_LIBS/*")
}
java_flags
storage_tool() { java -Xmx256m "${JAVA_FLAGS[@]}" kafka.tools.StorageTool "$@"; }

broker_running() { pid_running "$PIDFILE" "$CONFIG"; }

# The newest ERROR/FATAL line the broker wrote since $1 (a line count of kafka.log).
last_error() {
  { tail -n +"$((${1:-0} + 1))" "$KAFKA_LOG" 2>/dev/null; tail -n 20 "$KAFKA_OUT" 2>/dev/null; } |
    grep -E 'ERROR|FATAL|Exception|Error:' | tail -1 | cut -c1-240
}

# The helpers below return 1 with the reason in WHY.
WHY=""

fetch_jars() {
  [ -d "$KAFKA_LIBS" ] && return 0
  command -v mvn >/dev/null || { WHY="mvn not found"; return 1; }
  log "fetching the Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS (first time only)"
  rm -rf "$KAFKA_LIBS.partial"
  # Into a side directory first: an interrupted download is not mistaken for a cache.
  if ! mvn -B -q -f "$HERE/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_LIBS.partial" >"$KAFKA_DIR/maven.log" 2>&1; then
    WHY="$(grep -m1 'ERROR' "$KAFKA_DIR/maven.log" | cut -c1-240)"
    return 1
  fi
  mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
}

# The service users are the KafkaUser resources of k8s/ (one list for both).
service_users() {
  (cd "$REPO_ROOT" && npx --no-install ts-node --transpile-only scripts/stack/kafka-users.ts names)
}

SERVICE_USERS=()
load_users() {
  mapfile -t SERVICE_USERS < <(service_users)
  [ ${#SERVICE_USERS[@]} -gt 0 ] || { WHY="no Kafka users read from k8s/base/platform/kafka-users.yaml"; return 1; }
}

# A random password per user, made once, readable by this account only.
ensure_passwords() {
  local user
  mkdir -p "$USERS_DIR" && chmod 700 "$USERS_DIR"
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do
    [ -s "$USERS_DIR/$user.password" ] && continue
    (umask 077 && openssl rand -hex 32 > "$USERS_DIR/$user.password")
  done
}
password_of() { cat "$USERS_DIR/$1.password"; }

# The stack's own CA and the broker's certificate (127.0.0.1, localhost), made once.
# Kafka reads PEM directly: broker.pem is the PKCS#8 key followed by the chain.
ensure_tls() {
  [ -s "$TLS_DIR/broker.pem" ] && [ -s "$TLS_DIR/ca.crt" ] && return 0
  log "making the broker's TLS certificate (first start only)"
  rm -rf "$TLS_DIR" && mkdir -p "$TLS_DIR" && chmod 700 "$TLS_DIR"
  (
    cd "$TLS_DIR" && umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=Pujiang local Kafka CA" -keyout ca.key -out ca.crt \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
      -keyout broker.key -out broker.csr
    printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'extendedKeyUsage=serverAuth,clientAuth' \
      'keyUsage=critical,digitalSignature' > broker.ext
    openssl x509 -req -in broker.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
      -extfile broker.ext -out broker.crt
    cat broker.key broker.crt ca.crt > broker.pem
    rm -f broker.csr broker.ext
    chmod 644 ca.crt
  ) >"$KAFKA_DIR/tls.log" 2>&1 || { WHY="openssl failed (see $KAFKA_DIR/tls.log)"; return 1; }
}

# The config holds the admin password, so it is readable by this account only.
render_config() {
  local admin_password
  admin_password="$(password_of "$ADMIN_USER")"
  # The password reaches perl through the environment: in sed's argv, ps would show it.
  (umask 077 && sed -e "s#@DATA_DIR@#$KAFKA_DATA#" -e "s#@PORT@#$KAFKA_PORT#g" \
    -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@TLS_DIR@#$TLS_DIR#g" \
    -e "s#@ADMIN_USER@#$ADMIN_USER#g" "$HERE/kafka/server.properties.template" |
    KAFKA_ADMIN_PASSWORD="$admin_password" perl -pe 's/\@ADMIN_PASSWORD\@/$ENV{KAFKA_ADMIN_PASSWORD}/g' > "$CONFIG")
  # For kafka-configs, as admin.
  (umask 077 && cat > "$ADMIN_CLIENT_CONFIG" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$ADMIN_USER" password="$admin_password";
ssl.truststore.type=PEM
ssl.truststore.location=$TLS_DIR/ca.crt
PROPERTIES
  )
}

# KRaft needs its storage formatted, once, with the cluster id kept beside it.
format_storage() {
  # Storage formatted before the broker had users has no admin to register them with
  # (the controller listener does not take that request): it is formatted again, once.
  if [ -f "$KAFKA_DATA/meta.properties" ] && [ ! -f "$USERS_DIR/$ADMIN_USER.registered" ]; then
    broker_running && { WHY="the running broker predates Kafka's users: npm run stack:down first"; return 1; }
    log "the storage predates Kafka's users: formatting it again (topics are recreated empty)"
    rm -rf "$KAFKA_DATA"
  fi
  if [ -f "$KAFKA_DATA/meta.properties" ]; then
    [ -s "$CLUSTER_ID_FILE" ] || sed -n 's/^cluster.id=//p' "$KAFKA_DATA/meta.properties" > "$CLUSTER_ID_FILE"
    return 0
  fi
  if [ ! -s "$CLUSTER_ID_FILE" ]; then
    storage_tool random-uuid 2>>"$KAFKA_OUT" | tail -1 > "$CLUSTER_ID_FILE"
  fi
  [ -s "$CLUSTER_ID_FILE" ] || { WHY="StorageTool random-uuid gave no cluster id (see $KAFKA_OUT)"; return 1; }
  log "formatting $KAFKA_DATA (cluster id $(cat "$CLUSTER_ID_FILE"), first start only)"
  # Every user's SCRAM credentials go into the first metadata records: the broker
  # authenticates as admin to itself from its first second.
  local user scram=()
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(password_of "$user")]")
  done
  storage_tool format -t "$(cat "$CLUSTER_ID_FILE")" -c "$CONFIG" "${scram[@]}" \
    >>"$KAFKA_OUT" 2>&1 || { WHY="$(tail -1 "$KAFKA_OUT")"; return 1; }
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do touch "$USERS_DIR/$user.registered"; done
}

# A user added to k8s/ since the storage was formatted is registered by the admin.
has_unregistered_users() {
  local user
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do
    [ -f "$USERS_DIR/$user.registered" ] || return 0
  done
  return 1
}
register_new_users() {
  local user
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do
    [ -f "$USERS_DIR/$user.registered" ] && continue
    log "registering the Kafka user $user"
    java -Xmx256m "${JAVA_FLAGS[@]}" kafka.admin.ConfigCommand \
      --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$ADMIN_CLIENT_CONFIG" \
      --alter --entity-type users --entity-name "$user" \
      --add-config "SCRAM-SHA-512=[password=$(password_of "$user")]" >>"$KAFKA_OUT" 2>&1 ||
      { WHY="kafka-configs could not register $user: $(tail -1 "$KAFKA_OUT")"; return 1; }
    touch "$USERS_DIR/$user.registered"
  done
}

# Healthy = the broker answers a metadata request from the admin user over TLS
# (kafkajs, as the services use).
answers_metadata() {
  (cd "$REPO_ROOT" && timeout 15 node -e '
    const { readFileSync } = require("node:fs");
    const { Kafka, logLevel } = require("kafkajs");
    const [broker, ca, username, passwordFile] = process.argv.slice(1);
    const admin = new Kafka({ clientId: "pujiang-stack-health", brokers: [broker],
      ssl: { ca: [readFileSync(ca, "utf8")] },
      sasl: { mechanism: "scram-sha-512", username, password: readFileSync(passwordFile, "utf8").trim() },
      logLevel: logLevel.NOTHING, connectionTimeout: 2000, requestTimeout: 5000, retry: { retries: 0 } }).admin();
    admin.connect()
      .then(() => admin.describeCluster())
      .then((c) => { if (!c.brokers.length) throw new Error("no brokers"); return admin.disconnect(); })
      .then(() => process.exit(0), () => process.exit(1));
  ' "127.0.0.1:$KAFKA_PORT" "$TLS_DIR/ca.crt" "$ADMIN_USER" "$USERS_DIR/$ADMIN_USER.password")
}

# Topics (libs/contracts) and every service user's ACLs (k8s/), as the admin user,
# configured as a service is (MessagingConfig).
provision() {
  if (cd "$REPO_ROOT" && KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" KAFKA_TLS_CA_FILE="$TLS_DIR/ca.crt" \
      KAFKA_SASL_USERNAME="$ADMIN_USER" KAFKA_SASL_PASSWORD_FILE="$USERS_DIR/$ADMIN_USER.password" \
      timeout 180 npx --no-install ts-node --transpile-only -r tsconfig-paths/register \
      scripts/stack/kafka-provision.ts) >"$KAFKA_DIR/provision.log" 2>&1; then
    # npm's own warnings about the machine's npmrc are noise here; the file keeps them.
    grep -v '^npm warn' "$KAFKA_DIR/provision.log" | sed 's/^\[kafka\] //; s/^/[kafka] /' || true
  else
    cat "$KAFKA_DIR/provision.log" >&2
    return 1
  fi
}

# What the services and tests read (.stack/env): where the broker is, the CA to
# trust, and each user's name and password file. A service is given its own user
# (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE) by whoever starts it.
env_lines() {
  local user upper
  printf 'KAFKA_BROKERS=127.0.0.1:%s\n' "$KAFKA_PORT"
  printf 'KAFKA_TLS_CA_FILE=%s\n' "$TLS_DIR/ca.crt"
  printf 'KAFKA_SASL_MECHANISM=scram-sha-512\n'
  for user in "$ADMIN_USER" "${SERVICE_USERS[@]}"; do
    upper="$(echo "$user" | tr '[:lower:]' '[:upper:]')"
    printf 'KAFKA_%s_USERNAME=%s\nKAFKA_%s_PASSWORD_FILE=%s\n' "$upper" "$user" "$upper" "$USERS_DIR/$user.password"
  done
}

up() {
  mkdir -p "$KAFKA_DIR"
  command -v java >/dev/null || fail "java not found (Kafka needs Java 17)"
  node -e 'require.resolve("kafkajs")' 2>/dev/null || (cd "$REPO_ROOT" && node -e 'require.resolve("kafkajs")') ||
    fail "kafkajs is not installed in $REPO_ROOT/node_modules (run npm ci): it checks the broker's health"
  fetch_jars || fail "could not fetch the Kafka jars with Maven: $WHY (log: $KAFKA_DIR/maven.log)"
  command -v openssl >/dev/null || fail "openssl not found (it makes the broker's TLS certificate)"
  load_users || fail "$WHY"
  ensure_passwords
  ensure_tls || fail "TLS certificate: $WHY"
  render_config
  local log_lines
  log_lines="$( (wc -l < "$KAFKA_LOG") 2>/dev/null || echo 0)"
  format_storage || fail "storage format failed: $WHY"
  # The broker dials its own controller before it binds its client port, and that
  # port lies in the kernel's ephemeral range: now and then the dial itself takes it
  # ("Address already in use" with nobody listening). A fresh start picks another.
  local attempt rc
  for attempt in 1 2 3; do
    if broker_running; then
      log "already running (pid $(cat "$PIDFILE"))"
    else
      local port
      for port in "$KAFKA_PORT" "$CONTROLLER_PORT"; do
        if port_open 127.0.0.1 "$port"; then fail "port $port is taken by $(who_listens "$port")"; fi
      done
      start_bg kafka "$KAFKA_OUT" "$PIDFILE" java -Xms256m -Xmx512m "${JAVA_FLAGS[@]}" kafka.Kafka "$CONFIG"
    fi
    rc=0
    WAIT_PIDFILE="$PIDFILE" wait_for "answers metadata on 127.0.0.1:$KAFKA_PORT" 90 answers_metadata || rc=$?
    if [ "$rc" -eq 2 ] && [ "$attempt" -lt 3 ] &&
      tail -n +"$((log_lines + 1))" "$KAFKA_LOG" 2>/dev/null | grep -q "Address already in use"; then
      log "the broker lost its port to an outgoing connection during start-up; starting it again"
      log_lines="$( (wc -l < "$KAFKA_LOG") 2>/dev/null || echo 0)"
      sleep 2
      continue
    fi
    break
  done
  case "$rc" in
    0) ;;
    2) fail "the broker exited during start-up: $(last_error "$log_lines")" ;;
    *) fail "no metadata answer within 90s: $(last_error "$log_lines")" ;;
  esac
  if has_unregistered_users; then register_new_users || fail "$WHY"; fi
  provision || fail "topic and ACL provisioning failed (log: $KAFKA_DIR/provision.log)"
  mark_state healthy
  log "healthy on 127.0.0.1:$KAFKA_PORT"
}

down() {
  # A lost pidfile must not leave a broker behind: find it by its own config path.
  if [ -d "$KAFKA_DIR" ] && [ ! -s "$PIDFILE" ]; then
    pgrep -f -- "kafka.Kafka $CONFIG" | head -1 > "$PIDFILE" || rm -f "$PIDFILE"
  fi
  if broker_running; then
    stop_pid "$PIDFILE" 60   # controlled shutdown takes a few seconds
    log "stopped"
  fi
  rm -f "$PIDFILE" "$KAFKA_DIR/state"
}

status() {
  local state=stopped
  if broker_running; then state=running; answers_metadata && state=healthy; fi
  printf '%-9s %-8s %-22s log: %s\n' kafka "$state" "127.0.0.1:$KAFKA_PORT" "$KAFKA_LOG"
  [ "$state" = healthy ]
}

case "${1:-}" in
  up) stack_lock; up ;;
  down) stack_lock; down ;;
  status) status ;;
  env) load_users || { echo "[kafka] $WHY" >&2; exit 1; }; env_lines ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
