#!/usr/bin/env bash
# Starts the whole Bengkulu112 system locally: PostgreSQL (unless ConnectionStrings__Postgres is set), N silos, M APIs.
# Ctrl-C (or SIGTERM) stops the API nodes, then the silos, then the PostgreSQL this script started.
#
#   ./run.sh [--silos N] [--api M]   start everything (default: one process, a silo hosting the API; --api M: M
#                                    separate API nodes in front of N plain silos)
#   ./run.sh token ROLE [OPD] [--subject NAME]   print a JWT for a program of the local system
#   ./run.sh user add USERNAME --role ROLE [--opd CODE] [--name "Display Name"]   create an account (the first admin)
#   ./run.sh seed --year Y --calls N --emergencies N   fill the running system with a realistic year, through its import
#   ./run.sh --help
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

DATA="$ROOT/.data"
LOGS="$DATA/logs"
PG_DATA="$DATA/postgres"
PG_PORT="${B112_PG_PORT:-55432}"
SILO_PORT="${B112_SILO_PORT:-11111}"
GATEWAY_PORT="${B112_GATEWAY_PORT:-30000}"
KEY_FILE="$DATA/jwt-signing.key"
TLS_DIR="$DATA/tls"
API_URL="${B112_API_URL:-http://127.0.0.1:5112}"
SILO_DLL="$ROOT/src/Silo/bin/Release/net10.0/Bengkulu112.Silo.dll"
API_DLL="$ROOT/src/Api/bin/Release/net10.0/Bengkulu112.Api.dll"
SEED_DLL="$ROOT/tools/Seed/bin/Release/net10.0/Bengkulu112.Seed.dll"
READY_TIMEOUT=120
# Longer than the API's (30 s) and the silo's (45 s) own shutdown timeouts: they drain and deactivate, then exit.
STOP_TIMEOUT=60
ROLES=(calltaker opd supervisor admin)

export DOTNET_NOLOGO=1

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat <<'EOF'
usage: ./run.sh [--silos N] [--api M]
                                     start PostgreSQL (unless ConnectionStrings__Postgres is set) and N silos (default 1,
                                     ports 11111.., gateways 30000..), the first hosting the API on B112_API_URL (one
                                     process per machine); with --api M, M separate API nodes instead (the first on
                                     B112_API_URL, the others on the next ports: 5113, 5114..); Ctrl-C stops everything
       ./run.sh token ROLE [OPD] [--subject NAME]
                                     print a JWT for a program of the local system (subject NAME, default local-ROLE)
                                     ROLE: calltaker | opd | supervisor | admin (opd needs an OPD code, e.g. damkar)
       ./run.sh user add USERNAME --role ROLE [--opd CODE] [--name "Display Name"]
                                     create an account in the local system and print its one-time password (the first
                                     admin is made this way; works before the first start: it creates the schema)
       ./run.sh seed [--year 2024] [--calls 13746] [--emergencies 106] [--seed 112] [--csv FILE]
                                     import that many calls received in that year, with the emergencies' tickets and
                                     their step times, through the history import of the running API (B112_API_URL);
                                     the same options again import nothing new, another --seed adds another set;
                                     --csv FILE only writes the import file
       ./run.sh --help

environment:
  ConnectionStrings__Postgres   use this database instead of starting a local PostgreSQL
  B112_PG_PORT                  port of the local PostgreSQL (default 55432; data in .data/postgres)
  B112_SILO_PORT / B112_GATEWAY_PORT  first silo and gateway port (default 11111 / 30000; further silos count up)
  B112_API_URL                  where the (first) API node listens (default http://127.0.0.1:5112)
  ASPNETCORE_ENVIRONMENT        environment of the API (default Production)
EOF
}

usage_error() {
    [[ $# -eq 0 ]] || log "$*"
    usage >&2
    exit 2
}

require() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is not installed ($2)"
}

# Creates the JWT signing key once: 64 random bytes, base64, mode 600. Exports its absolute path.
ensure_signing_key() {
    mkdir -p -- "$DATA"
    if [[ ! -s "$KEY_FILE" ]]; then
        local tmp
        tmp="$(umask 077 && mktemp "$DATA/.jwt-signing.key.XXXXXX")"
        head -c 64 /dev/urandom | base64 -w 0 >"$tmp"
        printf '\n' >>"$tmp"
        chmod 600 "$tmp"
        mv -f -- "$tmp" "$KEY_FILE"
        log "generated the token signing key $KEY_FILE"
    fi
    export Auth__SigningKeyFile="$KEY_FILE"
}

# Creates the local cluster CA and node certificate once (mutual TLS between silos and API nodes; the silo program
# makes them, so no openssl is needed). Exports their paths unless the environment names other files or turns TLS off.
# Call after build.
ensure_cluster_tls() {
    if [[ "${Orleans__Tls__Disabled:-}" == true || -n "${Orleans__Tls__CertificateFile:-}" ]]; then
        return 0
    fi
    if [[ ! -s "$TLS_DIR/tls.key" || ! -s "$TLS_DIR/tls.crt" || ! -s "$TLS_DIR/ca.crt" ]]; then
        (umask 077 && dotnet "$SILO_DLL" tls-certs "$TLS_DIR" >/dev/null) || die "creating the cluster TLS certificates failed"
        log "generated the cluster TLS certificates in $TLS_DIR (valid one year; delete the folder to renew)"
    fi
    export Orleans__Tls__CertificateFile="$TLS_DIR/tls.crt" Orleans__Tls__KeyFile="$TLS_DIR/tls.key" \
        Orleans__Tls__CaFile="$TLS_DIR/ca.crt"
}

build() {
    log "building (dotnet build Bengkulu112.sln -c Release)"
    dotnet build Bengkulu112.sln -c Release -nologo -v q || die "the build failed"
}

# ---------------------------------------------------------------------------------------------------------------------
# ./run.sh token ROLE [OPD] [--subject NAME]

TOKEN_USAGE="usage: ./run.sh token ROLE [OPD] [--subject NAME]   (ROLE: ${ROLES[*]}; OPD only, and always, with role opd)"

token_usage_error() {
    [[ $# -eq 0 ]] || log "$*"
    echo "$TOKEN_USAGE" >&2
    exit 2
}

cmd_token() {
    [[ $# -ge 1 ]] || token_usage_error "missing ROLE"
    if [[ "$1" == -h || "$1" == --help ]]; then
        echo "$TOKEN_USAGE"
        exit 0
    fi
    local -a positional=()
    local subject=""
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --subject)
                [[ $# -ge 2 && -n "$2" ]] || token_usage_error "--subject needs a name"
                subject="$2"
                shift 2
                ;;
            --subject=*)
                subject="${1#--subject=}"
                [[ -n "$subject" ]] || token_usage_error "--subject needs a name"
                shift
                ;;
            *) positional+=("$1"); shift ;;
        esac
    done
    local role="${positional[0]:-}" known=0 r
    for r in "${ROLES[@]}"; do
        [[ "$role" == "$r" ]] && known=1
    done
    [[ $known -eq 1 ]] || token_usage_error "unknown role '$role'"
    if [[ "$role" == opd ]]; then
        [[ ${#positional[@]} -eq 2 && -n "${positional[1]}" ]] || token_usage_error "role opd needs exactly one OPD code, e.g. ./run.sh token opd damkar"
    else
        [[ ${#positional[@]} -eq 1 ]] || token_usage_error "only role opd takes an OPD code"
    fi
    require dotnet "install the .NET 10 SDK"
    ensure_signing_key
    if [[ ! -f "$API_DLL" ]]; then
        # Only the token goes to stdout.
        build >&2
    fi
    if [[ -n "$subject" ]]; then
        exec dotnet "$API_DLL" token "${positional[@]}" --subject "$subject"
    fi
    exec dotnet "$API_DLL" token "${positional[@]}"
}

# ---------------------------------------------------------------------------------------------------------------------
# ./run.sh user add USERNAME --role ROLE [--opd CODE] [--name "Display Name"]: an account straight in PostgreSQL. Works on
# a clean clone: builds, starts the local PostgreSQL when needed (and stops it again), applies the migrations.

USER_USAGE='usage: ./run.sh user add USERNAME --role ROLE [--opd CODE] [--name "Display Name"]'

cmd_user() {
    if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
        echo "$USER_USAGE"
        exit 0
    fi
    if [[ "${1:-}" != add || $# -lt 2 ]]; then
        log "only 'user add USERNAME ...' is known"
        echo "$USER_USAGE" >&2
        exit 2
    fi
    require dotnet "install the .NET 10 SDK"
    if [[ ! -f "$API_DLL" || ! -f "$SILO_DLL" ]]; then
        build >&2
    fi
    if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
        if ! scripts/postgres.sh status "$PG_DATA" >/dev/null 2>&1; then
            # Started for this command only: stopped again when it ends.
            trap 'scripts/postgres.sh stop "$PG_DATA" || log "stopping PostgreSQL failed"' EXIT
        fi
        local connection
        connection="$(scripts/postgres.sh start "$PG_DATA" "$PG_PORT")" || die "PostgreSQL did not start"
        export ConnectionStrings__Postgres="$connection"
    fi
    log "bringing the database schema up to date"
    (cd -- "${SILO_DLL%/*}" && dotnet "$SILO_DLL" migrate) >&2 || die "the migrations failed"
    local code=0
    (cd -- "${API_DLL%/*}" && dotnet "$API_DLL" user "$@") || code=$?
    return "$code"
}

# Prints how to create the first admin when the running system has no active admin account.
hint_first_admin() {
    local code=0
    (cd -- "${API_DLL%/*}" && dotnet "$API_DLL" user check-admin) >/dev/null 2>&1 || code=$?
    if [[ $code -eq 3 ]]; then
        cat <<'EOF'
No admin account yet. Create the first one (it prints a one-time password; choose your own at the first sign-in):
  ./run.sh user add admin --role admin --name "Your Name"

EOF
    fi
}

# ---------------------------------------------------------------------------------------------------------------------
# ./run.sh seed [options]: a small .NET program (tools/Seed) driving the running API with locally minted tokens.

cmd_seed() {
    if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
        echo "usage: ./run.sh seed [--year 2024] [--calls 13746] [--emergencies 106] [--seed 112] [--csv FILE]"
        exit 0
    fi
    require dotnet "install the .NET 10 SDK"
    ensure_signing_key
    if [[ ! -f "$SEED_DLL" ]]; then
        build >&2
    fi
    B112_API_URL="$API_URL" exec dotnet "$SEED_DLL" "$@"
}

# ---------------------------------------------------------------------------------------------------------------------
# ./run.sh [--silos N] [--api M]

PG_STARTED=0
API_CONNECTION=""
API_PIDS=()
API_URLS=()
API_PROBES=()
API_LOGS=()
SILO_PIDS=()
CLEANED=0
STOPPING=0
FORCE=0

# True when something accepts TCP connections on HOST:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Sends SIGTERM to the given processes, waits up to STOP_TIMEOUT seconds, then SIGKILLs what is left, and reaps them.
stop_processes() {
    local name="$1" pid alive waited=0
    shift
    local -a pids=()
    for pid in "$@"; do
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
    done
    if [[ ${#pids[@]} -gt 0 ]]; then
        log "stopping $name"
        kill -TERM "${pids[@]}" 2>/dev/null || true
        while :; do
            alive=0
            for pid in "${pids[@]}"; do
                kill -0 "$pid" 2>/dev/null && alive=1
            done
            [[ $alive -eq 1 ]] || break
            if [[ $FORCE -eq 1 ]] || ((waited >= STOP_TIMEOUT * 5)); then
                log "$name did not stop in time: killing"
                kill -KILL "${pids[@]}" 2>/dev/null || true
                break
            fi
            sleep 0.2
            waited=$((waited + 1))
        done
    fi
    for pid in "$@"; do
        if [[ -n "$pid" ]]; then
            wait "$pid" 2>/dev/null || true
        fi
    done
}

cleanup() {
    [[ $CLEANED -eq 0 ]] || return 0
    CLEANED=1
    STOPPING=1
    stop_processes "the API" "${API_PIDS[@]}"
    stop_processes "the silos" "${SILO_PIDS[@]}"
    if [[ $PG_STARTED -eq 1 ]]; then
        scripts/postgres.sh stop "$PG_DATA" || log "stopping PostgreSQL failed"
    fi
}

on_signal() {
    local signal="$1" code="$2"
    if [[ $STOPPING -eq 1 ]]; then
        # A second Ctrl-C while stopping: stop waiting for a graceful shutdown.
        FORCE=1
        return 0
    fi
    log "received SIG$signal: shutting down"
    cleanup
    exit "$code"
}

# Prints the last lines of a log file to stderr.
show_log_tail() {
    log "the end of $1:"
    tail -n 40 -- "$1" >&2 2>/dev/null || true
}

# Sets DIED_NAME and DIED_LOG when a child is gone.
find_dead_child() {
    local i
    for i in "${!API_PIDS[@]}"; do
        if ! kill -0 "${API_PIDS[$i]}" 2>/dev/null; then
            DIED_NAME="$(api_name "$i")"
            DIED_LOG="${API_LOGS[$i]}"
            return 0
        fi
    done
    for i in "${!SILO_PIDS[@]}"; do
        if ! kill -0 "${SILO_PIDS[$i]}" 2>/dev/null; then
            DIED_NAME="silo $i"
            DIED_LOG="$LOGS/silo-$i.log"
            return 0
        fi
    done
    return 1
}

# "the API" with one node, "API node I" with several.
api_name() {
    if [[ ${#API_URLS[@]} -le 1 ]]; then echo "the API"; else echo "API node $1"; fi
}

# host and port of an ASP.NET Core URL; wildcard hosts are probed on 127.0.0.1. API_LISTEN_HOST keeps the host as written.
parse_api_url() {
    local url="${API_URL%%;*}" rest hostport
    API_SCHEME="${url%%://*}"
    rest="${url#*://}"
    hostport="${rest%%/*}"
    if [[ "$hostport" =~ ^(\[.*\]):([0-9]+)$ ]] || [[ "$hostport" =~ ^([^:]*):([0-9]+)$ ]]; then
        API_LISTEN_HOST="${BASH_REMATCH[1]}"
        API_PORT="${BASH_REMATCH[2]}"
    else
        API_LISTEN_HOST="$hostport"
        if [[ "$API_SCHEME" == https ]]; then API_PORT=443; else API_PORT=80; fi
    fi
    API_HOST="${API_LISTEN_HOST#[}"
    API_HOST="${API_HOST%]}"
    case "$API_HOST" in
        '' | '*' | + | 0.0.0.0 | :: | localhost) API_HOST=127.0.0.1 ;;
    esac
}

# Fills API_URLS, API_PROBES and API_LOGS for COUNT nodes: the first listens on B112_API_URL as given, node I on the
# same scheme and host at the port I above it.
plan_api_nodes() {
    local count="$1" i port probe_host="$API_HOST"
    [[ "$probe_host" != *:* ]] || probe_host="[$probe_host]"
    for ((i = 0; i < count; i++)); do
        port=$((API_PORT + i))
        if ((i == 0)); then
            API_URLS+=("$API_URL")
            API_LOGS+=("$LOGS/api.log")
        else
            API_URLS+=("$API_SCHEME://$API_LISTEN_HOST:$port")
            API_LOGS+=("$LOGS/api-$i.log")
        fi
        API_PROBES+=("$API_SCHEME://$probe_host:$port")
    done
}

# True when GET PROBE/health/ready answers 200 (curl, or plain bash for http when curl is missing).
is_ready() {
    local probe="$1" host="$2" port="$3"
    if command -v curl >/dev/null 2>&1; then
        [[ "$(curl -ks -o /dev/null --max-time 2 -w '%{http_code}' "$probe/health/ready" 2>/dev/null || true)" == 200 ]]
        return
    fi
    (
        exec 3<>"/dev/tcp/$host/$port" || exit 1
        printf 'GET /health/ready HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$host" "$port" >&3
        IFS=' ' read -r -t 2 _ code _ <&3 || exit 1
        [[ "$code" == 200 ]]
    ) 2>/dev/null
}

cmd_run() {
    local silos=1 apis=""
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -h | --help) usage; exit 0 ;;
            --silos)
                [[ $# -ge 2 ]] || usage_error "--silos needs a number"
                silos="$2"
                shift 2
                ;;
            --silos=*) silos="${1#--silos=}"; shift ;;
            --api)
                [[ $# -ge 2 ]] || usage_error "--api needs a number"
                apis="$2"
                shift 2
                ;;
            --api=*) apis="${1#--api=}"; shift ;;
            *) usage_error "unknown option: $1" ;;
        esac
    done
    [[ "$silos" =~ ^[1-9][0-9]?$ ]] || usage_error "--silos must be a number from 1 to 99, not '$silos'"
    # Without --api the first silo hosts the API: on one machine one process does the work of two without a socket
    # between them (docs/benchmarks.md). --api M puts M API nodes in front of the silos instead (scale-out).
    local cohost=0
    if [[ -z "$apis" ]]; then
        cohost=1
        apis=1
    fi
    [[ "$apis" =~ ^[1-9][0-9]?$ ]] || usage_error "--api must be a number from 1 to 99, not '$apis'"

    require dotnet "install the .NET 10 SDK"
    parse_api_url
    if ((apis > 1)) && [[ "$API_URL" == *\;* ]]; then
        usage_error "--api $apis needs B112_API_URL to be a single URL (the other nodes take the ports after it), not '$API_URL'"
    fi
    ((API_PORT + apis - 1 <= 65535)) || usage_error "--api $apis: the ports from $API_PORT on run past 65535"
    plan_api_nodes "$apis"
    if ! command -v curl >/dev/null 2>&1 && [[ "$API_SCHEME" != http ]]; then
        die "curl is not installed (apt-get install curl); it is needed to probe $API_URL"
    fi

    # Refuse to start next to something that already holds our ports (e.g. another ./run.sh).
    local i
    for ((i = 0; i < apis; i++)); do
        port_in_use "$API_HOST" $((API_PORT + i)) &&
            die "$API_HOST:$((API_PORT + i)) ($(api_name "$i")) is already in use; stop the other process or set B112_API_URL"
    done
    for ((i = 0; i < silos; i++)); do
        port_in_use 127.0.0.1 $((SILO_PORT + i)) && die "port $((SILO_PORT + i)) (silo $i) is already in use"
        port_in_use 127.0.0.1 $((GATEWAY_PORT + i)) && die "port $((GATEWAY_PORT + i)) (gateway of silo $i) is already in use"
    done

    ensure_signing_key
    build
    ensure_cluster_tls

    trap 'on_signal INT 130' INT
    trap 'on_signal TERM 143' TERM
    trap cleanup EXIT

    if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
        if ! scripts/postgres.sh status "$PG_DATA" >/dev/null 2>&1; then
            PG_STARTED=1
        else
            log "PostgreSQL in $PG_DATA is already running: using it (it will be left running)"
        fi
        local connection
        connection="$(scripts/postgres.sh start "$PG_DATA" "$PG_PORT")" || die "PostgreSQL did not start"
        export ConnectionStrings__Postgres="$connection"
        # The API nodes use a login that can read and write rows but not change the schema (the silos migrate).
        API_CONNECTION="$(scripts/postgres.sh api-login "$PG_DATA" "$PG_PORT")" || die "creating the API's database login failed"
        PG_DESCRIPTION="127.0.0.1:$PG_PORT (data: $PG_DATA, password: $DATA/postgres.password)"
    else
        log "ConnectionStrings__Postgres is set: using that database, starting no PostgreSQL"
        PG_DESCRIPTION="from ConnectionStrings__Postgres (not started by run.sh)"
    fi

    mkdir -p -- "$LOGS"
    for ((i = cohost; i < silos; i++)); do
        log "starting silo $i (silo port $((SILO_PORT + i)), gateway $((GATEWAY_PORT + i)), log: $LOGS/silo-$i.log)"
        # Each process runs in its output folder (its content root, where appsettings*.json are).
        (cd -- "${SILO_DLL%/*}" && Orleans__SiloPort=$((SILO_PORT + i)) Orleans__GatewayPort=$((GATEWAY_PORT + i)) \
            exec dotnet "$SILO_DLL") >"$LOGS/silo-$i.log" 2>&1 </dev/null &
        SILO_PIDS+=("$!")
    done
    if ((cohost)); then
        # Silo 0 with the API inside: it migrates the schema like any silo, so it keeps the owner's login.
        log "starting silo 0 hosting the API on ${API_URLS[0]} (silo port $SILO_PORT, gateway $GATEWAY_PORT, log: ${API_LOGS[0]})"
        (cd -- "${API_DLL%/*}" && ASPNETCORE_URLS="${API_URLS[0]}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
            Orleans__HostSilo=true Orleans__SiloPort=$SILO_PORT Orleans__GatewayPort=$GATEWAY_PORT \
            exec dotnet "$API_DLL") >"${API_LOGS[0]}" 2>&1 </dev/null &
        API_PIDS+=("$!")
    else
        for i in "${!API_URLS[@]}"; do
            log "starting $(api_name "$i") on ${API_URLS[$i]} (log: ${API_LOGS[$i]})"
            (cd -- "${API_DLL%/*}" && ASPNETCORE_URLS="${API_URLS[$i]}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
                ConnectionStrings__Postgres="${API_CONNECTION:-$ConnectionStrings__Postgres}" \
                exec dotnet "$API_DLL") >"${API_LOGS[$i]}" 2>&1 </dev/null &
            API_PIDS+=("$!")
        done
    fi

    local started=$SECONDS
    for i in "${!API_URLS[@]}"; do
        log "waiting for ${API_PROBES[$i]}/health/ready (up to ${READY_TIMEOUT} s)"
        while :; do
            if find_dead_child; then
                log "$DIED_NAME exited during start-up"
                show_log_tail "$DIED_LOG"
                exit 1
            fi
            if is_ready "${API_PROBES[$i]}" "$API_HOST" $((API_PORT + i)); then
                break
            fi
            if ((SECONDS - started >= READY_TIMEOUT)); then
                log "$(api_name "$i") was not ready after ${READY_TIMEOUT} s"
                show_log_tail "${API_LOGS[$i]}"
                local j
                for ((j = cohost; j < silos; j++)); do show_log_tail "$LOGS/silo-$j.log"; done
                exit 1
            fi
            sleep 1 &
            wait $! || true
        done
    done

    local silo_logs=", silo-0.log"
    ((silos == 1)) || silo_logs=", silo-0.log ... silo-$((silos - 1)).log"
    local base="${API_URL%%;*}" running="$silos silo(s)" api_logs=api.log more_apis=""
    if ((cohost)); then
        running="one process: silo 0 hosting the API"
        ((silos == 1)) || running="$silos silos, the first hosting the API"
        api_logs="api.log (silo 0 and the API)"
        silo_logs=""
        ((silos == 1)) || silo_logs=", silo-1.log"
        ((silos <= 2)) || silo_logs=", silo-1.log ... silo-$((silos - 1)).log"
    fi
    base="${base%/}"
    if ((apis > 1)); then
        running="$silos silo(s), $apis API nodes"
        api_logs="api.log, api-1.log"
        ((apis == 2)) || api_logs="api.log, api-1.log ... api-$((apis - 1)).log"
        more_apis="  other APIs:  ${API_URLS[*]:1}"$'\n'
    fi
    cat <<EOF

Bengkulu112 is running ($running); Ctrl-C stops everything.
  API:         $base
${more_apis}  board:       $base/   (sign in with an account: ./run.sh user add USERNAME --role ROLE)
  API docs:    $base/docs
  OpenAPI:     $base/openapi/v1.json
  health:      $base/health/ready
  PostgreSQL:  $PG_DESCRIPTION
  logs:        $LOGS/ ($api_logs$silo_logs)
  a token:     ./run.sh token supervisor [--subject NAME]   for programs (roles: calltaker, opd OPD, supervisor, admin)
               TOKEN=\$(./run.sh token supervisor); curl -H "Authorization: Bearer \$TOKEN" $base/api/v1/opds

EOF

    hint_first_admin

    # Runs until a signal arrives (the trap stops everything) or a child exits.
    while :; do
        wait -n || true
        if find_dead_child; then
            log "$DIED_NAME exited: shutting everything down"
            show_log_tail "$DIED_LOG"
            exit 1
        fi
    done
}

case "${1:-}" in
    token) shift; cmd_token "$@" ;;
    user) shift; cmd_user "$@" ;;
    seed) shift; cmd_seed "$@" ;;
    *) cmd_run "$@" ;;
esac
