#!/usr/bin/env bash
# A local, private PostgreSQL cluster for Bengkulu112 (development and tests).
#
#   scripts/postgres.sh start  DATA_DIR PORT   creates the cluster on first use, starts it, prints the connection string
#   scripts/postgres.sh stop   DATA_DIR        stops it (harmless when it is not running)
#   scripts/postgres.sh status DATA_DIR        prints "running on port N" or "not running" (exit 0 / 3)
#   scripts/postgres.sh api-login DATA_DIR PORT  creates the API's login once (role bengkulu112_api: it may read and
#                                              write rows but never change the schema; the silos grant it) and prints
#                                              its connection string; the cluster must be running
#
# The server listens on 127.0.0.1:PORT only (no Unix socket), superuser and database are both "bengkulu112", and the
# superuser's password is generated once into DATA_DIR/../postgres.password (mode 600).
# The only thing printed on stdout by "start" is the Npgsql connection string; everything else goes to stderr.
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin) holds initdb, pg_ctl and pg_isready; psql must be on PATH.
# PG_FAST=1 turns off fsync, synchronous_commit and full_page_writes (throwaway clusters of the tests).
# PG_MAX_CONNECTIONS (default 300) sizes the server for the pools of every silo and API node using it.
# Run as root, the server runs as the "postgres" user (PostgreSQL refuses to run as root).
set -euo pipefail

readonly DB_NAME=bengkulu112
readonly DB_USER=bengkulu112
readonly PG_OS_USER=postgres
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    local code="${1:-2}"
    cat >&2 <<'EOF'
usage: scripts/postgres.sh start DATA_DIR PORT
       scripts/postgres.sh stop DATA_DIR
       scripts/postgres.sh status DATA_DIR
       scripts/postgres.sh api-login DATA_DIR PORT
EOF
    exit "$code"
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a PostgreSQL server binary as the user that owns the cluster: "postgres" when we are root, else ourselves.
as_pg() {
    if is_root; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

# Sets DATA_DIR (absolute), PARENT_DIR and PASSWORD_FILE from the DATA_DIR argument; creates the parent folder.
resolve_paths() {
    local arg="$1" parent base
    [[ -n "$arg" ]] || usage
    arg="${arg%/}"
    [[ -n "$arg" ]] || die "DATA_DIR must not be /"
    base="$(basename -- "$arg")"
    parent="$(dirname -- "$arg")"
    case "$base" in . | ..) die "DATA_DIR must name a folder, not '$arg'" ;; esac
    if [[ "${2:-}" == create ]]; then
        mkdir -p -- "$parent" || die "cannot create $parent"
    fi
    if [[ -d "$parent" ]]; then
        PARENT_DIR="$(cd -- "$parent" && pwd -P)"
    else
        PARENT_DIR="$parent"
    fi
    DATA_DIR="$PARENT_DIR/$base"
    PASSWORD_FILE="$PARENT_DIR/postgres.password"
}

check_binaries() {
    local tool
    for tool in initdb pg_ctl pg_isready; do
        [[ -x "$PG_BIN/$tool" ]] ||
            die "$PG_BIN/$tool not found: install the PostgreSQL 15 server (Debian: apt-get install postgresql-15) or set PG_BIN"
    done
    command -v psql >/dev/null 2>&1 || die "psql is not on PATH (Debian: apt-get install postgresql-client-15)"
    if is_root; then
        command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is needed to run PostgreSQL as the $PG_OS_USER user"
        id -u "$PG_OS_USER" >/dev/null 2>&1 ||
            die "running as root, but there is no '$PG_OS_USER' user to run the server as (installing postgresql-15 creates it)"
    fi
}

# As root, the postgres user must be able to traverse every folder down to the cluster folder.
check_traversable() {
    is_root || return 0
    runuser -u "$PG_OS_USER" -- test -x "$PARENT_DIR" && return 0
    local dir="" part
    local -a parts
    IFS=/ read -r -a parts <<<"${PARENT_DIR#/}"
    for part in "${parts[@]}"; do
        dir="$dir/$part"
        if ! runuser -u "$PG_OS_USER" -- test -x "$dir"; then
            die "the '$PG_OS_USER' user cannot traverse $dir (it lacks o+x), so the server cannot reach $DATA_DIR; run 'chmod o+x $dir' or put the data folder elsewhere"
        fi
    done
    die "the '$PG_OS_USER' user cannot traverse to $PARENT_DIR (a parent folder lacks o+x); run 'chmod o+x' on it or put the data folder elsewhere"
}

is_initialized() { [[ -f "$DATA_DIR/PG_VERSION" ]]; }

is_running() {
    is_initialized || return 1
    as_pg "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

# The port of the running server, from the 4th line of postmaster.pid.
running_port() {
    sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null | tr -d '[:space:]'
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ensure_password() {
    if [[ -f "$PASSWORD_FILE" ]]; then
        [[ -s "$PASSWORD_FILE" ]] || die "$PASSWORD_FILE is empty"
        return 0
    fi
    is_initialized && die "the cluster in $DATA_DIR exists but its password file $PASSWORD_FILE is missing"
    local password tmp
    password="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    password="${password:0:32}"
    [[ ${#password} -ge 24 ]] || die "could not generate a password"
    tmp="$(umask 077 && mktemp "$PARENT_DIR/.postgres.password.XXXXXX")"
    printf '%s\n' "$password" >"$tmp"
    chmod 600 "$tmp"
    mv -f -- "$tmp" "$PASSWORD_FILE"
    log "generated the superuser password into $PASSWORD_FILE"
}

read_password() {
    local password
    IFS= read -r password <"$PASSWORD_FILE" || [[ -n "$password" ]] || die "cannot read $PASSWORD_FILE"
    printf '%s' "$password"
}

PWFILE_COPY=""
remove_pwfile_copy() {
    if [[ -n "$PWFILE_COPY" ]]; then
        rm -f -- "$PWFILE_COPY"
        PWFILE_COPY=""
    fi
}

initialize() {
    if [[ -e "$DATA_DIR" ]]; then
        [[ -d "$DATA_DIR" ]] || die "$DATA_DIR exists and is not a folder"
        [[ -z "$(ls -A -- "$DATA_DIR")" ]] ||
            die "$DATA_DIR is neither empty nor a PostgreSQL cluster (no PG_VERSION); remove it or choose another folder"
    else
        mkdir -m 700 -- "$DATA_DIR"
    fi
    chmod 700 "$DATA_DIR"
    if is_root; then
        chown "$PG_OS_USER:$PG_OS_USER" "$DATA_DIR"
    fi

    # initdb reads the password from a file the server user can read: a temporary copy, deleted right after.
    trap remove_pwfile_copy EXIT
    trap 'remove_pwfile_copy; exit 130' INT
    trap 'remove_pwfile_copy; exit 143' TERM
    PWFILE_COPY="$(umask 077 && mktemp "$PARENT_DIR/.initdb-pwfile.XXXXXX")"
    read_password >"$PWFILE_COPY"
    if is_root; then
        chown "$PG_OS_USER" "$PWFILE_COPY"
    fi

    local locale=C locales
    locales="$(locale -a 2>/dev/null || true)"
    if grep -qiE '^c\.utf-?8$' <<<"$locales"; then
        locale=C.UTF-8
    fi
    local -a extra=()
    if [[ "${PG_FAST:-}" == 1 ]]; then
        extra+=(--no-sync)
    fi
    log "creating the cluster in $DATA_DIR"
    local output
    if ! output="$(as_pg "$PG_BIN/initdb" -D "$DATA_DIR" --encoding=UTF8 --locale="$locale" --auth=scram-sha-256 \
        --username="$DB_USER" --pwfile="$PWFILE_COPY" --no-instructions "${extra[@]}" 2>&1)"; then
        printf '%s\n' "$output" >&2
        remove_pwfile_copy
        die "initdb failed"
    fi
    remove_pwfile_copy
    trap - EXIT INT TERM
}

start_server() {
    local port="$1" fast_opts=""
    if [[ "${PG_FAST:-}" == 1 ]]; then
        fast_opts=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    else
        fast_opts=" -c fsync=on"
    fi
    local log_file="$DATA_DIR/server.log"
    log "starting PostgreSQL on 127.0.0.1:$port (log: $log_file)"
    # pg_ctl hands -o to the server through a shell: '' is an empty value, i.e. no Unix socket at all.
    if ! as_pg "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$log_file" -w -t 120 -s \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c max_connections=${PG_MAX_CONNECTIONS:-300}$fast_opts" >&2; then
        log "the server did not start; the end of $log_file:"
        tail -n 25 -- "$log_file" >&2 2>/dev/null || true
        die "PostgreSQL did not start"
    fi
}

ensure_database() {
    local port="$1" exists i
    export PGPASSWORD
    PGPASSWORD="$(read_password)"
    export PGCONNECT_TIMEOUT=10
    unset PGSERVICE PGSERVICEFILE PGDATABASE PGUSER PGHOST PGHOSTADDR PGPORT PGOPTIONS PGSSLMODE
    for i in $(seq 1 30); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U "$DB_USER"; then
            break
        fi
        [[ $i -lt 30 ]] || die "PostgreSQL on 127.0.0.1:$port does not accept connections"
        sleep 1
    done
    exists="$(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ||
        die "cannot connect to PostgreSQL on 127.0.0.1:$port as $DB_USER (is $PASSWORD_FILE the password of this cluster?)"
    if [[ "$exists" != 1 ]]; then
        log "creating database $DB_NAME"
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
            -c "CREATE DATABASE $DB_NAME" >&2 || die "cannot create database $DB_NAME"
    fi
}

cmd_start() {
    [[ $# -eq 2 ]] || usage
    local port="$2"
    if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then
        die "PORT must be a TCP port number, not '$port'"
    fi
    port=$((10#$port))
    check_binaries
    resolve_paths "$1" create
    check_traversable
    # Never work from a folder the server user cannot enter (initdb needs its current folder).
    cd /

    if is_running; then
        local current
        current="$(running_port)"
        [[ "$current" == "$port" ]] ||
            die "the cluster in $DATA_DIR is already running on port ${current:-?}, not $port; stop it first"
        log "the cluster in $DATA_DIR is already running on port $port"
    else
        if port_in_use "$port"; then
            die "port $port on 127.0.0.1 is already in use by another process; choose another port"
        fi
        ensure_password
        if is_initialized; then
            if is_root && [[ "$(stat -c %U -- "$DATA_DIR")" != "$PG_OS_USER" ]]; then
                log "handing $DATA_DIR to the $PG_OS_USER user"
                chown -R "$PG_OS_USER:$PG_OS_USER" "$DATA_DIR"
            fi
        else
            initialize
        fi
        start_server "$port"
    fi
    ensure_database "$port"
    local password
    password="$(read_password)"
    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$port" "$DB_NAME" "$DB_USER" "$password"
}

readonly API_USER=bengkulu112_api

cmd_api_login() {
    [[ $# -eq 2 ]] || usage
    local port="$2" api_password_file password exists
    [[ "$port" =~ ^[0-9]{1,5}$ ]] || die "PORT must be a TCP port number, not '$port'"
    resolve_paths "$1"
    is_initialized || die "no cluster in $DATA_DIR"
    api_password_file="$PARENT_DIR/postgres-api.password"
    if [[ ! -s "$api_password_file" ]]; then
        password="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
        password="${password:0:32}"
        (umask 077 && printf '%s\n' "$password" >"$api_password_file")
    fi
    IFS= read -r password <"$api_password_file" || true
    [[ ${#password} -ge 24 ]] || die "cannot read the API login's password from $api_password_file"
    export PGPASSWORD PGCONNECT_TIMEOUT=10
    PGPASSWORD="$(read_password)"
    exists="$(psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
        -c "SELECT 1 FROM pg_roles WHERE rolname = '$API_USER'")" || die "cannot connect to PostgreSQL on 127.0.0.1:$port"
    # Not a superuser, creates nothing: the silos' migrations grant it row access to the application's tables.
    if [[ "$exists" != 1 ]]; then
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
            -c "CREATE ROLE $API_USER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password'" >&2 ||
            die "cannot create the role $API_USER"
        log "created the API login $API_USER"
    fi
    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$port" "$DB_NAME" "$API_USER" "$password"
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    resolve_paths "$1"
    if ! is_initialized; then
        log "no cluster in $DATA_DIR: nothing to stop"
        return 0
    fi
    check_binaries
    cd /
    if ! is_running; then
        log "the cluster in $DATA_DIR is not running"
        return 0
    fi
    log "stopping the cluster in $DATA_DIR"
    as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 120 -s >&2 ||
        { is_running && die "PostgreSQL in $DATA_DIR did not stop"; }
    return 0
}

cmd_status() {
    [[ $# -eq 1 ]] || usage
    resolve_paths "$1"
    if ! is_initialized; then
        echo "not running (no cluster in $DATA_DIR)"
        return 3
    fi
    check_binaries
    cd /
    if is_running; then
        echo "running on 127.0.0.1:$(running_port) (data: $DATA_DIR)"
        return 0
    fi
    echo "not running (data: $DATA_DIR)"
    return 3
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    api-login) cmd_api_login "$@" ;;
    -h | --help | help) usage 0 ;;
    *) usage ;;
esac
