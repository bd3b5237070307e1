#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests and the bench.
#
#   eval "$(scripts/postgres-for-tests.sh start)"   # prints KNOBS_TEST_POSTGRES_URL=...
#   scripts/postgres-for-tests.sh stop              # stops it and removes its files
#   scripts/postgres-for-tests.sh status
#
# The cluster lives in a temporary directory owned by the `postgres` user (initdb refuses
# to run as root), listens on 127.0.0.1 only, trusts every local connection (tests only!)
# and has one database, knobs_test. Port: $KNOBS_TEST_POSTGRES_PORT, default 54329.
# fsync is off unless KNOBS_TEST_POSTGRES_DURABLE=1.
# Installs PostgreSQL with apt-get when initdb/pg_ctl are missing.
set -euo pipefail

PORT="${KNOBS_TEST_POSTGRES_PORT:-54329}"
STATE_FILE="${TMPDIR:-/tmp}/knobs-postgres-for-tests-${PORT}"
DATABASE=knobs_test

log() { echo "postgres-for-tests: $*" >&2; }

# The directory holding initdb, pg_ctl and createdb: Debian's versioned one (newest first),
# else wherever PATH has them (a symlinked pg_ctl alone is not enough).
find_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) $(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)"); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/createdb" ]; then
      echo "$dir"
      return
    fi
  done
}

ensure_installed() {
  BIN_DIR="$(find_bin_dir)"
  if [ -z "$BIN_DIR" ]; then
    log "initdb/pg_ctl not found: installing postgresql with apt-get"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    else
      sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    BIN_DIR="$(find_bin_dir)"
  fi
  if [ -z "$BIN_DIR" ]; then
    log "cannot find initdb and pg_ctl even after installing postgresql"
    exit 1
  fi
}

# Runs a command as the cluster's owner: the postgres user when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  ensure_installed
  if [ -f "$STATE_FILE" ]; then
    DATA_DIR="$(cat "$STATE_FILE")"
    if [ -d "$DATA_DIR/data" ] && as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR/data" status >/dev/null 2>&1; then
      log "already running (data in $DATA_DIR)"
      echo "KNOBS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:${PORT}/${DATABASE}"
      echo "export KNOBS_TEST_POSTGRES_URL"
      return
    fi
    as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DATA_DIR" "$STATE_FILE"
  fi
  if port_in_use "$PORT"; then
    log "port $PORT is taken by another server: set KNOBS_TEST_POSTGRES_PORT to a free port"
    exit 1
  fi
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/knobs-pg-XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DATA_DIR"; fi
  chmod 700 "$DATA_DIR"
  echo "$DATA_DIR" >"$STATE_FILE"
  # A half-made cluster is stopped and removed rather than left holding the port.
  trap 'log "start failed; see $DATA_DIR/server.log before it goes"; tail -20 "$DATA_DIR/server.log" >&2 2>/dev/null || true; stop' ERR
  as_owner "$BIN_DIR/initdb" -D "$DATA_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-instructions >/dev/null
  # Test tuning: no fsync (a crash loses only a throwaway cluster), room for many pools.
  # KNOBS_TEST_POSTGRES_DURABLE=1 keeps PostgreSQL's durable defaults (for bench figures).
  local tuning="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${KNOBS_TEST_POSTGRES_DURABLE:-}" = "1" ]; then tuning=""; fi
  as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR/data" -l "$DATA_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA_DIR -c max_connections=300 $tuning" \
    start >/dev/null
  as_owner "$BIN_DIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DATABASE"
  trap - ERR
  log "running on 127.0.0.1:$PORT (data in $DATA_DIR)"
  echo "KNOBS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:${PORT}/${DATABASE}"
  echo "export KNOBS_TEST_POSTGRES_URL"
}

stop() {
  if [ ! -f "$STATE_FILE" ]; then
    log "not running (no $STATE_FILE)"
    return
  fi
  DATA_DIR="$(cat "$STATE_FILE")"
  BIN_DIR="$(find_bin_dir)"
  if [ -n "$BIN_DIR" ] && [ -d "$DATA_DIR/data" ]; then
    as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DATA_DIR" "$STATE_FILE"
  log "stopped"
}

status() {
  if [ -f "$STATE_FILE" ] && [ -n "$(find_bin_dir)" ] && as_owner "$(find_bin_dir)/pg_ctl" -D "$(cat "$STATE_FILE")/data" status >/dev/null 2>&1; then
    echo "running on 127.0.0.1:$PORT (data in $(cat "$STATE_FILE"))"
  else
    echo "not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
