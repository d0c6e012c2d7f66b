#!/usr/bin/env bash
# Apache Kafka 3.9.1, single node in KRaft mode, from Maven Central jars:
#   kafka.sh up | down | status
set -euo pipefail
PART=kafka
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_VERSION=3.9.1
KAFKA_PORT=59092
KAFKA_LIBS="$PUJIANG_CACHE/kafka-$KAFKA_VERSION/libs"
KAFKA_DIR="$STACK_DIR/kafka"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
PIDFILE="$KAFKA_DIR/kafka.pid"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fetch_jars() {
  [ -d "$KAFKA_LIBS" ] && return 0
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central (cached in $KAFKA_LIBS)"
  mvn -q -f "$HERE/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS.partial" -DincludeScope=runtime
  mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
}

kafka_java() {
  java -Xms256m -Xmx512m -Dkafka.logs.file="$KAFKA_LOG" \
    -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" -cp "$KAFKA_LIBS/*" "$@"
}

format_storage() {
  mkdir -p "$KAFKA_DIR"
  sed "s#@DATA_DIR@#$KAFKA_DIR/data#" "$HERE/kafka/server.properties.template" > "$KAFKA_DIR/server.properties"
  [ -f "$KAFKA_DIR/data/meta.properties" ] && return 0
  [ -f "$KAFKA_DIR/cluster-id" ] || kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1 > "$KAFKA_DIR/cluster-id"
  kafka_java kafka.tools.StorageTool format -t "$(cat "$KAFKA_DIR/cluster-id")" \
    -c "$KAFKA_DIR/server.properties" >>"$KAFKA_LOG" 2>&1
}

answers_metadata() {
  (cd "$REPO_ROOT" && node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ clientId: "pujiang-stack", brokers: [process.argv[1]], logLevel: logLevel.NOTHING,
      retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
    admin.connect().then(() => admin.describeCluster()).then(() => admin.disconnect())
      .then(() => process.exit(0), () => process.exit(1));
  ' "127.0.0.1:$KAFKA_PORT")
}

up() {
  command -v java >/dev/null || fail "java not found (Java 17 runs Kafka)"
  fetch_jars || fail "could not fetch the Kafka jars with Maven"
  format_storage || fail "kafka-storage format failed; log: $KAFKA_LOG"
  if ! pid_running "$PIDFILE"; then
    port_open 127.0.0.1 "$KAFKA_PORT" && fail "port $KAFKA_PORT is already taken by another process"
    start_bg kafka "$KAFKA_LOG.out" "$PIDFILE" \
      java -Xms256m -Xmx512m -Dkafka.logs.file="$KAFKA_LOG" \
      -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties"
  fi
  wait_for "answers metadata" 90 answers_metadata || fail "no metadata answer within 90 s; log: $KAFKA_LOG"
  (cd "$REPO_ROOT" && KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" \
    npx --no-install ts-node --transpile-only -r tsconfig-paths/register scripts/stack/create-topics.ts) ||
    fail "topic creation failed"
  mark_state healthy
  log "listening on 127.0.0.1:$KAFKA_PORT"
}

down() {
  if pid_running "$PIDFILE"; then stop_pid "$PIDFILE"; log "stopped"; fi
  rm -f "$KAFKA_DIR/state"
}

status() {
  if answers_metadata; then
    echo "kafka     healthy  127.0.0.1:$KAFKA_PORT  log: $KAFKA_LOG"
  else
    echo "kafka     down     127.0.0.1:$KAFKA_PORT  log: $KAFKA_LOG"
    return 1
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) printf 'KAFKA_BROKERS=127.0.0.1:%s\n' "$KAFKA_PORT" ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
