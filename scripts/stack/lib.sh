# Helpers shared by the stack scripts; sourced, never run.
# A script sets PART (postgres, kafka, fabric, stack) before it logs.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$REPO_ROOT/.stack}"
PUJIANG_CACHE="${PUJIANG_CACHE:-$HOME/.cache/pujiang}"
export REPO_ROOT STACK_DIR PUJIANG_CACHE
# The stack's Node helpers and the chaincode process run on the pinned Node.
# shellcheck source=../node-env.sh
source "$REPO_ROOT/scripts/node-env.sh"
PART="${PART:-stack}"

# The parts, in start order, and the fixed ports (overridable only to run a
# second stack beside the first one, as the stack scripts' own tests do).
# shellcheck disable=SC2034  # used by the scripts that source this file
{
  STACK_PARTS=(postgres kafka fabric)
  PG_PORT="${PUJIANG_PG_PORT:-55432}"
  KAFKA_PORT="${PUJIANG_KAFKA_PORT:-59092}"
  KAFKA_CONTROLLER_PORT="${PUJIANG_KAFKA_CONTROLLER_PORT:-59093}"
  # PostgreSQL serves the services and the Fabric CAs: role pujiang, this password.
  PG_BIN=/usr/lib/postgresql/15/bin
  PG_PASSWORD_FILE="$STACK_DIR/postgres/password"
}

log() { printf '[%s] %s\n' "$PART" "$*"; }

# mark_state [PART] healthy|"failed: reason" — $STACK_DIR/<part>/state is what
# up.sh, status.sh and scripts/test.sh read. Written whole, never half.
mark_state() {
  local part="$PART"
  if [ $# -ge 2 ]; then part="$1"; shift; fi
  mkdir -p "$STACK_DIR/$part"
  printf '%s\n' "$1" > "$STACK_DIR/$part/state.tmp"
  mv -f "$STACK_DIR/$part/state.tmp" "$STACK_DIR/$part/state"
}

# fail REASON — the part is recorded as failed and the script stops.
fail() {
  printf '[%s] FAILED: %s\n' "$PART" "$*" >&2
  mark_state "failed: $*"
  exit 1
}

# port_open HOST PORT — true if something accepts TCP connections there.
# shellcheck disable=SC2016  # $0/$1 expand in the inner shell
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# who_listens PORT — "pid 123 (java)" for error messages, or "another process".
who_listens() {
  local who
  who="$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 |
    sed -E 's/users:\(\("([^"]*)",pid=([0-9]*)/pid \2 (\1)/')"
  echo "${who:-another process}"
}

# wait_for DESCRIPTION TIMEOUT_S COMMAND... — polls COMMAND until it succeeds.
# With WAIT_PIDFILE set it gives up as soon as that process is gone (status 2):
# no point waiting 90 s for a server that died in the first second.
wait_for() {
  local what="$1" timeout="$2" start=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ -n "${WAIT_PIDFILE:-}" ] && ! pid_running "$WAIT_PIDFILE"; then
      log "$what: the process exited"
      return 2
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      log "$what: gave up after ${timeout}s"
      return 1
    fi
    sleep 0.5
  done
  log "$what: ok ($((SECONDS - start))s)"
}

# start_bg NAME LOGFILE PIDFILE COMMAND... — runs COMMAND in its own session so
# it outlives this script and its terminal. The pid written is COMMAND's own
# (the wrapper shell execs into it), so stop_pid signals the right process.
start_bg() {
  local name="$1" logfile="$2" pidfile="$3"; shift 3
  mkdir -p "$(dirname "$logfile")" "$(dirname "$pidfile")"
  rm -f "$pidfile"
  # shellcheck disable=SC2016  # $$, $0 and $@ belong to the inner shell
  # 9>&-: a daemon must not inherit (and so hold forever) the stack lock.
  setsid nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  local _
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
  log "$name started (pid $(cat "$pidfile" 2>/dev/null || echo '?')), output: $logfile"
}

# pid_running PIDFILE [PATTERN] — the pid is alive (and, given PATTERN, its
# command line contains it: a stale pidfile after a reboot may name a stranger).
pid_running() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null || return 1
  [ -z "${2:-}" ] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# stop_pid PIDFILE [TIMEOUT_S] — TERM, wait for a clean stop, then KILL.
stop_pid() {
  local pidfile="$1" timeout="${2:-30}" pid _
  if ! pid_running "$pidfile"; then rm -f "$pidfile"; return 0; fi
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((timeout * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored TERM for ${timeout}s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
}

# stack_lock — one up/down/reset at a time per STACK_DIR (two at once would
# race on initdb, storage format and pidfiles). Child scripts inherit the lock;
# daemons must not: start them with 9>&- (start_bg does).
stack_lock() {
  [ -n "${PUJIANG_STACK_LOCKED:-}" ] && return 0
  mkdir -p "$STACK_DIR"
  exec 9>"$STACK_DIR/.lock"
  if ! flock -n 9; then
    log "another stack command is running on $STACK_DIR; waiting (up to 15 min)"
    flock -w 900 9 || { log "still locked: giving up"; exit 1; }
  fi
  export PUJIANG_STACK_LOCKED=1
}
