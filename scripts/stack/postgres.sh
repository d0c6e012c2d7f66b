#!/usr/bin/env bash
# PostgreSQL 15 for the local stack:  postgres.sh up | down | status | env
# A cluster of its own in $STACK_DIR/postgres (Debian's server binaries, apt-installed
# if missing), on 127.0.0.1:55432 only, with role pujiang and one database per service.
set -euo pipefail
PART=postgres
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DIR="$STACK_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
# ledger_partner and the *_partner databases serve Org2's instances of a service;
# fabric_ca_org1/2 and fabric_ca_regulator are the registries of the organisations' Fabric CAs.
DATABASES=(traceability ebl claims ledger vessels ebl_partner claims_partner ledger_partner vessels_partner supervision fabric_ca_org1 fabric_ca_org2 fabric_ca_regulator)

# postgres refuses to run as root; the cluster belongs to the postgres OS user.
# cd /: that user may not be allowed into the caller's working directory.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
psql_admin() { as_postgres "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }
server_running() { [ -f "$PG_DATA/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
last_error() { grep -E 'FATAL|PANIC|ERROR' "$PG_LOG" 2>/dev/null | tail -1 | cut -c1-200; }

install_server() {
  [ -x "$PG_BIN/postgres" ] && return 0
  log "PostgreSQL 15 is not installed: apt-get install postgresql-15"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
  # The package may create Debian's own cluster (15/main, port 5432); ours is separate.
}

# Every directory above the cluster must let the postgres user through (x bit only).
ensure_traversable() {
  local dir="$1"
  while [ "$dir" != / ]; do
    if ! runuser -u postgres -- test -x "$dir"; then
      chmod o+x "$dir"
      log "chmod o+x $dir (so the postgres user can reach its cluster)"
    fi
    dir="$(dirname "$dir")"
  done
}

init_cluster() {
  mkdir -p "$PG_DIR"
  chown postgres: "$PG_DIR"
  chmod 700 "$PG_DIR"
  ensure_traversable "$PG_DIR"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initdb $PG_DATA (first start only)"
    # Into a side directory first: an interrupted initdb leaves nothing half made.
    rm -rf "$PG_DATA.partial"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA.partial" -U postgres -E UTF8 --locale=C.UTF-8 \
      --data-checksums --auth-local=peer --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 ||
      return 1
    mv "$PG_DATA.partial" "$PG_DATA"
  fi
  # Our settings live in their own file; a cluster made before that gets the include too.
  grep -qxF "include = 'pujiang.conf'" "$PG_DATA/postgresql.conf" ||
    echo "include = 'pujiang.conf'" >> "$PG_DATA/postgresql.conf"
  # Rewritten at every up, so a change here applies at the next start.
  cat > "$PG_DATA/pujiang.conf" <<CONF
# Written by scripts/stack/postgres.sh; edit that script, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 200
shared_buffers = 256MB
work_mem = 8MB
maintenance_work_mem = 64MB
effective_cache_size = 1GB
# Durable as in production: the services promise that an accepted event is kept.
fsync = on
synchronous_commit = on
full_page_writes = on
# Where statements spend their time, for bench:capture's profile (issue 23);
# the module needs a restart to load, so a running server gets it at its next start.
shared_preload_libraries = 'pg_stat_statements'
track_io_timing = on
track_wal_io_timing = on
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
CONF
  chown postgres: "$PG_DATA/pujiang.conf"
}

ensure_role_and_databases() {
  if [ ! -s "$PG_PASSWORD_FILE" ]; then
    # Hex: safe inside a connection URL as it is.
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$PG_PASSWORD_FILE")
  fi
  chmod 600 "$PG_PASSWORD_FILE"
  # The password is set at every up, so the file and the role cannot drift apart.
  # It goes in on stdin, not argv, where ps would show it.
  { printf '\\set pw %s\n' "$(cat "$PG_PASSWORD_FILE")"; cat <<'SQL'; } | psql_admin >/dev/null || return 1
SELECT 'CREATE ROLE pujiang LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pujiang') \gexec
ALTER ROLE pujiang PASSWORD :'pw';
SQL
  local db
  for db in "${DATABASES[@]}"; do
    psql_admin -v db="$db" >/dev/null <<'SQL' || return 1
SELECT format('CREATE DATABASE %I OWNER pujiang', :'db')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  done
  # The benches' profile reads it there (bench/support/pg-profile.ts).
  as_postgres "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d traceability -qAtX \
    -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null || return 1
}

accepting() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }

healthy() {
  accepting && [ -s "$PG_PASSWORD_FILE" ] && [ "$(PGPASSWORD="$(cat "$PG_PASSWORD_FILE")" PGCONNECT_TIMEOUT=3 \
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U pujiang -d "${DATABASES[0]}" -qAtX -c 'select 1' 2>/dev/null)" = 1 ]
}

up() {
  install_server || fail "apt-get install postgresql-15 failed"
  init_cluster || fail "initdb failed: $(tail -1 "$PG_DIR/initdb.log" 2>/dev/null)"
  if server_running; then
    log "already running"
  else
    if port_open 127.0.0.1 "$PG_PORT"; then
      fail "port $PG_PORT is taken by $(who_listens "$PG_PORT")"
    fi
    # 9>&-: the server must not inherit the stack lock.
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 9>&- ||
      fail "the server did not start: $(last_error)"
    log "server started (port $PG_PORT)"
  fi
  wait_for "accepting connections" 60 accepting || fail "no connections accepted within 60s: $(last_error)"
  ensure_role_and_databases || fail "could not create role pujiang or the databases: $(last_error)"
  healthy || fail "pujiang cannot run 'select 1': $(last_error)"
  mark_state healthy
  log "healthy on 127.0.0.1:$PG_PORT, databases: ${DATABASES[*]}"
}

down() {
  if server_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null ||
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null
    log "stopped"
  fi
  rm -f "$PG_DIR/state"
}

status() {
  local state=stopped
  if server_running; then state=running; healthy && state=healthy; fi
  printf '%-9s %-8s %-22s log: %s\n' postgres "$state" "127.0.0.1:$PG_PORT" "$PG_LOG"
  [ "$state" = healthy ]
}

# The lines up.sh puts into $STACK_DIR/env.
env_lines() {
  [ -s "$PG_PASSWORD_FILE" ] || return 0
  local pw db
  pw="$(cat "$PG_PASSWORD_FILE")"
  printf 'PGHOST=127.0.0.1\nPGPORT=%s\nPGUSER=pujiang\nPGPASSWORD=%s\n' "$PG_PORT" "$pw"
  for db in "${DATABASES[@]}"; do
    printf '%s_DATABASE_URL=postgres://pujiang:%s@127.0.0.1:%s/%s\n' "${db^^}" "$pw" "$PG_PORT" "$db"
  done
}

case "${1:-}" in
  up) stack_lock; up ;;
  down) stack_lock; down ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
