#!/usr/bin/env bash
# Apache Kafka 3.9.1 for the local stack:  kafka.sh up | down | status | env
# One KRaft node (broker and controller) on 127.0.0.1:59092, run straight from the
# Maven Central jars (cached in $PUJIANG_CACHE), data in $STACK_DIR/kafka/data.
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

render_config() {
  sed -e "s#@DATA_DIR@#$KAFKA_DATA#" -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
    "$HERE/kafka/server.properties.template" > "$CONFIG"
}

# KRaft needs its storage formatted, once, with the cluster id kept beside it.
format_storage() {
  if [ -f "$KAFKA_DATA/meta.properties" ]; then
    [ -s "$CLUSTER_ID_FILE" ] || sed -n 's/^cluster.id=//p' "$KAFKA_DATA/meta.properties" > "$CLUSTER_ID_FILE"
    return 0
  fi
  if [ ! -s "$CLUSTER_ID_FILE" ]; then
    storage_tool random-uuid 2>>"$KAFKA_OUT" | tail -1 > "$CLUSTER_ID_FILE"
  fi
  [ -s "$CLUSTER_ID_FILE" ] || { WHY="StorageTool random-uuid gave no cluster id (see $KAFKA_OUT)"; return 1; }
  log "formatting $KAFKA_DATA (cluster id $(cat "$CLUSTER_ID_FILE"), first start only)"
  storage_tool format -t "$(cat "$CLUSTER_ID_FILE")" -c "$CONFIG" \
    >>"$KAFKA_OUT" 2>&1 || { WHY="$(tail -1 "$KAFKA_OUT")"; return 1; }
}

# Healthy = the broker answers a metadata request (kafkajs, as the services use).
answers_metadata() {
  (cd "$REPO_ROOT" && timeout 15 node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ clientId: "pujiang-stack-health", brokers: [process.argv[1]],
      logLevel: logLevel.NOTHING, connectionTimeout: 2000, requestTimeout: 5000, retry: { retries: 0 } }).admin();
    admin.connect()
      .then(() => admin.describeCluster())
      .then((c) => { if (!c.brokers.length) throw new Error("no brokers"); return admin.disconnect(); })
      .then(() => process.exit(0), () => process.exit(1));
  ' "127.0.0.1:$KAFKA_PORT")
}

create_topics() {
  local script="$REPO_ROOT/scripts/stack/create-topics.ts"
  [ -f "$script" ] || { log "no scripts/stack/create-topics.ts: no topics created"; return 0; }
  if (cd "$REPO_ROOT" && KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" timeout 180 \
      npx --no-install ts-node --transpile-only -r tsconfig-paths/register scripts/stack/create-topics.ts) \
      >"$KAFKA_DIR/create-topics.log" 2>&1; then
    # npm's own warnings about the machine's npmrc are noise here; the file keeps them.
    grep -v '^npm warn' "$KAFKA_DIR/create-topics.log" | sed 's/^\[kafka\] //; s/^/[kafka] /' || true
  else
    cat "$KAFKA_DIR/create-topics.log" >&2
    return 1
  fi
}

up() {
  mkdir -p "$KAFKA_DIR"
  command -v java >/dev/null || fail "java not found (Kafka needs Java 17)"
  node -e 'require.resolve("kafkajs")' 2>/dev/null || (cd "$REPO_ROOT" && node -e 'require.resolve("kafkajs")') ||
    fail "kafkajs is not installed in $REPO_ROOT/node_modules (run npm ci): it checks the broker's health"
  fetch_jars || fail "could not fetch the Kafka jars with Maven: $WHY (log: $KAFKA_DIR/maven.log)"
  render_config
  local log_lines
  log_lines="$( (wc -l < "$KAFKA_LOG") 2>/dev/null || echo 0)"
  format_storage || fail "storage format failed: $WHY"
  if broker_running; then
    log "already running (pid $(cat "$PIDFILE"))"
  else
    local port
    for port in "$KAFKA_PORT" "$CONTROLLER_PORT"; do
      if port_open 127.0.0.1 "$port"; then fail "port $port is taken by $(who_listens "$port")"; fi
    done
    start_bg kafka "$KAFKA_OUT" "$PIDFILE" java -Xms256m -Xmx512m "${JAVA_FLAGS[@]}" kafka.Kafka "$CONFIG"
  fi
  local rc=0
  WAIT_PIDFILE="$PIDFILE" wait_for "answers metadata on 127.0.0.1:$KAFKA_PORT" 90 answers_metadata || rc=$?
  case "$rc" in
    0) ;;
    2) fail "the broker exited during start-up: $(last_error "$log_lines")" ;;
    *) fail "no metadata answer within 90s: $(last_error "$log_lines")" ;;
  esac
  create_topics || fail "topic creation failed (log: $KAFKA_DIR/create-topics.log)"
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
  env) printf 'KAFKA_BROKERS=127.0.0.1:%s\n' "$KAFKA_PORT" ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
