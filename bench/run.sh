#!/usr/bin/env bash
# Benchmarks of Bengkulu112 on this machine; prints one table (bench/README.md explains every figure).
#
#   bench/run.sh                 the full run (about 15 minutes on 2 cores: 100,000 deadline tickets over 10 minutes)
#   bench/run.sh --quick         a few minutes: 10 s loads, 2,000 deadline tickets over 60 s
#   bench/run.sh --only feeds    live feeds alone: call intake and CPU with and without 1,000 open SSE feeds
#   bench/run.sh --only growth   costs that grow: intake, ticket commands and reports at 10,000 .. 1,000,000 stored calls
#   bench/run.sh --help          every option
#
# Starts its own PostgreSQL (fresh, under .data/bench, on a free port; fsync on unless --fsync-off), silos and one API
# node on free ports, so it never meets a ./run.sh or a test run on the same machine, and stops them at the end.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
BENCH="$ROOT/bench"
DATA="$ROOT/.data/bench"
LOGS="$DATA/logs"
SILO_DLL="$ROOT/src/Silo/bin/Release/net10.0/Bengkulu112.Silo.dll"
API_DLL="$ROOT/src/Api/bin/Release/net10.0/Bengkulu112.Api.dll"
DRIVER_DLL="$BENCH/Bengkulu112.Bench/bin/Release/net10.0/Bengkulu112.Bench.dll"
export DOTNET_NOLOGO=1

DURATION=30          # seconds of each load: intake (wrk), pgbench, lifecycles
CONNECTIONS=32       # wrk connections and pgbench clients
WORKERS=16           # lifecycle workers
DEADLINE_COUNT=100000
DEADLINE_SPREAD=600  # seconds over which the acknowledge deadlines fall
DEADLINE_ACK=60      # seconds from escalation to the acknowledge deadline
DEADLINE_WORKERS=32
FEEDS=1000           # live feeds held open on the API node by the feeds part
FEEDS_IDLE=10        # seconds over which the feeds part measures idle CPU
GROWTH_LEVELS="10000,100000,1000000" # stored calls at which the growth part measures (a tenth of them opened tickets)
WARM_UP=20           # seconds of full load before the first intake and lifecycle measurements (tiered JIT)
GROWTH_DURATION=10   # seconds of each of the growth part's loads (intake, lifecycles) per level
SILOS=1
COHOST=1
DASHBOARD=true
FSYNC=on
BUILD=1
KEEP=0
ONLY="intake,one-number,withheld,lifecycle,reports,deadlines"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat <<'USAGE'
usage: bench/run.sh [--quick] [--duration S] [--connections C] [--workers W] [--deadline-count N]
                    [--deadline-spread S] [--deadline-ack S] [--silos N] [--separate-api] [--no-dashboard] [--fsync-off]
                    [--warm-up S] [--no-build] [--keep]
                    [--only LIST] [--feeds N] [--growth-levels LIST]
  --quick              10 s loads, 2,000 deadline tickets over 60 s (a few minutes in all)
  --duration S         seconds of the intake, pgbench and lifecycle loads (default 30)
  --connections C      concurrent wrk connections and pgbench clients (default 32)
  --workers W          concurrent lifecycle workers (default 16)
  --deadline-count N   escalated tickets left unacknowledged (default 100000); also the memory figure's ticket count
  --deadline-spread S  seconds over which their acknowledge deadlines fall (default 600)
  --deadline-ack S     acknowledge deadline set for the benchmark's category, in seconds (default 60)
  --silos N            silos (default 1); the first hosts the API, as ./run.sh runs one machine
  --separate-api       the API as a process of its own in front of the silos (./run.sh --api 1), to compare
  --no-dashboard       silos and API node with the admin dashboard off (Orleans__Dashboard=false; default: on, as deployed)
  --fsync-off          PostgreSQL without fsync/synchronous_commit (intake and pgbench both; say so when quoting)
  --warm-up S          seconds of full load before the intake and lifecycle measurements (default 20)
  --no-build           use the existing Release build
  --keep               leave .data/bench (PostgreSQL data and logs) in place afterwards
  --only LIST          run only these, comma-separated: intake, one-number, withheld, lifecycle, reports, deadlines,
                       feeds, growth (default: all but feeds and growth; deadlines also gives the memory figure)
  --feeds N            live feeds the feeds part holds open on the API node (default 1000)
  --growth-levels LIST stored calls at which the growth part measures, ascending (default 10000,100000,1000000)
USAGE
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) DURATION=10; DEADLINE_COUNT=2000; DEADLINE_SPREAD=60; DEADLINE_ACK=30; GROWTH_DURATION=5 ;;
        --duration) DURATION="$2"; shift ;;
        --warm-up) WARM_UP="$2"; shift ;;
        --connections) CONNECTIONS="$2"; shift ;;
        --workers) WORKERS="$2"; shift ;;
        --deadline-count) DEADLINE_COUNT="$2"; shift ;;
        --deadline-spread) DEADLINE_SPREAD="$2"; shift ;;
        --deadline-ack) DEADLINE_ACK="$2"; shift ;;
        --silos) SILOS="$2"; shift ;;
        --separate-api) COHOST=0 ;;
        --no-dashboard) DASHBOARD=false ;;
        --fsync-off) FSYNC=off ;;
        --no-build) BUILD=0 ;;
        --keep) KEEP=1 ;;
        --only) ONLY="$2"; shift ;;
        --feeds) FEEDS="$2"; shift ;;
        --growth-levels) GROWTH_LEVELS="$2"; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

# ---------------------------------------------------------------------------------------------------------------------
# Tools

ensure_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing wrk (Debian package)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2 ||
            { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2; } ||
            die "could not install wrk"
    else
        die "wrk is not installed: run 'sudo apt-get install wrk' (Debian/Ubuntu) and start again"
    fi
}

command -v pgbench >/dev/null 2>&1 || die "pgbench is not installed (Debian: apt-get install postgresql-15 or postgresql-client-15)"
command -v curl >/dev/null 2>&1 || die "curl is not installed"
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed (install the .NET 10 SDK)"
ensure_wrk

# ---------------------------------------------------------------------------------------------------------------------
# Processes

PIDS=()
PG_STARTED=0
cleanup() {
    local status=$? pid waited=0
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((waited < 60)); do sleep 1; waited=$((waited + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if ((PG_STARTED)); then bash "$ROOT/scripts/postgres.sh" stop "$DATA/postgres" >/dev/null 2>&1 || true; fi
    if ((status != 0)) && [[ -d "$LOGS" ]]; then
        log "failed (exit status $status): logs kept in $LOGS"
    elif ((!KEEP)); then
        rm -rf -- "$DATA"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port from a range no other script of the project uses, free now.
free_port() {
    local port=$(($1 + RANDOM % 500))
    while port_in_use "$port"; do port=$((port + 1)); done
    echo "$port"
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

if ((BUILD)); then
    log "building (Release)"
    dotnet build Bengkulu112.sln -c Release -nologo -v q >&2 || die "the build failed"
fi

rm -rf -- "$DATA"
mkdir -p -- "$LOGS"
PG_PORT="$(free_port 46000)"
log "starting a fresh PostgreSQL on 127.0.0.1:$PG_PORT (fsync $FSYNC)"
pg_env=()
[[ "$FSYNC" == off ]] && pg_env=(PG_FAST=1)
CONNECTION="$(env "${pg_env[@]}" bash "$ROOT/scripts/postgres.sh" start "$DATA/postgres" "$PG_PORT")" || die "PostgreSQL did not start"
PG_STARTED=1
export ConnectionStrings__Postgres="$CONNECTION"
export PGPASSWORD
PGPASSWORD="$(cat "$DATA/postgres.password")"
psql_q() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bengkulu112 -d bengkulu112 -c "$1"; }

head -c 64 /dev/urandom | base64 -w 0 >"$DATA/jwt-signing.key"
export Auth__SigningKeyFile="$DATA/jwt-signing.key"
# Benchmark traffic comes from one token: lift the per-token limit (POST /calls is never limited anyway).
export RateLimits__Burst=1000000 RateLimits__PermitsPerMinute=60000000
# Likewise the feeds part opens all its feeds with that one token: the per-person feed limit is lifted to the per-node
# one (raised too when more feeds are asked than it allows).
FEEDS_PER_NODE=$((FEEDS > 2000 ? FEEDS + 100 : 2000))
export Feeds__MaxFeedsPerNode="$FEEDS_PER_NODE" Feeds__MaxFeedsPerPerson="$FEEDS_PER_NODE"
export Orleans__Dashboard="$DASHBOARD"
# Mutual TLS between the processes, as ./run.sh and deployments run them.
dotnet "$SILO_DLL" tls-certs "$DATA/tls" >/dev/null
export Orleans__Tls__CertificateFile="$DATA/tls/tls.crt" Orleans__Tls__KeyFile="$DATA/tls/tls.key" Orleans__Tls__CaFile="$DATA/tls/ca.crt"

STARTED_AT=$SECONDS
SILO_PIDS=()
for ((i = COHOST; i < SILOS; i++)); do
    silo_port="$(free_port 47000)"
    gateway_port="$(free_port 48000)"
    (cd -- "${SILO_DLL%/*}" && Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" \
        exec dotnet "$SILO_DLL") >"$LOGS/silo-$i.log" 2>&1 </dev/null &
    SILO_PIDS+=("$!")
    PIDS+=("$!")
done
API_PORT="$(free_port 49000)"
API="http://127.0.0.1:$API_PORT"
api_env=()
((COHOST)) && api_env=(Orleans__HostSilo=true Orleans__SiloPort="$(free_port 47000)" Orleans__GatewayPort="$(free_port 48000)")
(cd -- "${API_DLL%/*}" && exec env "${api_env[@]}" ASPNETCORE_URLS="$API" ASPNETCORE_ENVIRONMENT=Production dotnet "$API_DLL") \
    >"$LOGS/api.log" 2>&1 </dev/null &
API_PID=$!
PIDS=("$API_PID" "${PIDS[@]}")
log "waiting for $SILOS silo(s) and the API on $API"
for ((i = 0; i < 180; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$API/health/ready")" == 200 ]] && break
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOGS"/*.log >&2; die "a process exited during start-up"; }; done
    sleep 1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$API/health/ready")" == 200 ]] || die "the API was not ready after 180 s"

token() { dotnet "$API_DLL" token "$@"; }
export B112_BENCH_TOKEN
B112_BENCH_TOKEN="$(token supervisor)"
ADMIN_TOKEN="$(token admin)"
driver() { dotnet "$DRIVER_DLL" "$@" --url "$API"; }
# "key=value" lines of the driver, as shell variables with a prefix.
value() { sed -n "s/^$2=//p" <<<"$1"; }

# The dashboard's grain-call profiler runs from a silo's start until nobody has viewed the dashboard for a minute:
# measure the steady state of a deployment whose dashboard nobody is watching.
if [[ "$DASHBOARD" == true ]] && ((SECONDS - STARTED_AT < 65)); then
    log "waiting $((65 - (SECONDS - STARTED_AT))) s for the dashboard's profiler to idle"
    sleep $((65 - (SECONDS - STARTED_AT)))
fi

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

selected() { [[ ",$ONLY," == *",$1,"* ]]; }
LIFECYCLE=""

# CPU time (clock ticks) used so far by the API, the silos and PostgreSQL (postmaster and its backends), as
# "api silos postgres": CPU per call stays comparable when other work on the machine makes throughput and latency swing,
# and the split shows which process to look at. Co-hosted, "api" is the process that is the API and the first silo.
cpu_ticks() {
    local postmaster pid api=0 silos=0 pg=0
    ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
    postmaster="$(head -n 1 "$DATA/postgres/postmaster.pid")"
    api="$(ticks_of "$API_PID")"
    for pid in "${SILO_PIDS[@]}"; do silos=$((silos + $(ticks_of "$pid"))); done
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do pg=$((pg + $(ticks_of "$pid"))); done
    echo "$api $silos $pg"
}

# cpu_per BEFORE AFTER N UNIT: the CPU between two cpu_ticks readings divided by N, in all and per process, as
# "1.23 ms per UNIT (API …, silos …, PostgreSQL …)".
cpu_per() {
    local cpu
    cpu="$(awk -v before="$1" -v after="$2" -v n="$3" -v unit="$4" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        split(before, b, " "); split(after, a, " "); n = n > 0 ? n : 1
        api = (a[1] - b[1]) * 1000 / hz / n; silos = (a[2] - b[2]) * 1000 / hz / n; pg = (a[3] - b[3]) * 1000 / hz / n
        printf "%.2f ms per %s (API %.2f, silos %.2f, PostgreSQL %.2f)", api + silos + pg, unit, api, silos, pg }')"
    ((COHOST == 0)) || cpu="${cpu/(API /(API and silo 0 }"
    ((COHOST == 0)) || cpu="${cpu/, silos /, other silos }"
    echo "$cpu"
}

# One wrk load of POST /calls with bench/intake.lua for the caller kind $1 (spread, one, withheld): sets INTAKE to
# "N req/s, p50 …, p99 …, non-2xx …, socket errors …; CPU …" and INTAKE_LAST_RPS to N.
# The runtime's tiered JIT recompiles the hot paths in a process's first seconds under load, on a background thread
# that took about a third of the node's CPU: CPU per call fell by half over the first 15-20 s of full load on 2 cores.
# The figures are those of a node that has been serving for a while. warm_up_intake [S] (default WARM_UP).
warm_up_intake() {
    log "warming up the intake path (${1:-$WARM_UP} s at full load)"
    wrk -t 2 -c "$CONNECTIONS" -d "${1:-$WARM_UP}s" -s "$BENCH/intake.lua" "$API" >/dev/null
}

# measure_intake NAME: an intake load spread over many numbers, its wrk output kept as wrk-NAME.txt.
measure_intake() { intake_load spread "$1"; }

intake_load() {
    local out before after rps p50 p99 non2xx socket cpu
    # wrk prints latencies as 812.00us, 3.21ms or 1.02s: in milliseconds.
    to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }
    before="$(cpu_ticks)"
    out="$(B112_BENCH_CALLER="$1" wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s --latency -s "$BENCH/intake.lua" "$API")"
    after="$(cpu_ticks)"
    printf '%s\n' "$out" >"$LOGS/wrk-${2:-$1}.txt"
    cpu="$(cpu_per "$before" "$after" "$(awk '/requests in/ { print $1 }' <<<"$out")" call)"
    rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
    p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
    socket="$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")"
    INTAKE_LAST_RPS="$rps" INTAKE_RPS="$rps" INTAKE_P50="$p50" INTAKE_P99="$p99" INTAKE_CPU="$cpu"
    INTAKE_NON2XX="${non2xx:-0}" INTAKE_SOCKET_ERRORS="${socket:-0}"
    INTAKE="$rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx ${non2xx:-0}, socket errors ${socket:-0}; CPU $cpu"
}

# ---------------------------------------------------------------------------------------------------------------------
# 1. Call intake (wrk) and the machine's durable-write limit (pgbench)

if selected intake; then

    warm_up_intake
    log "1. call intake: wrk, $CONNECTIONS connections, ${DURATION} s"
    intake_load spread
    INTAKE_SPREAD="$INTAKE"
    INTAKE_RPS="$INTAKE_LAST_RPS"

    log "1. pgbench: one single-row INSERT per transaction, $CONNECTIONS clients, ${DURATION} s, same server"
    psql_q "CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, caller text NOT NULL, at timestamptz NOT NULL DEFAULT now())"
    printf '%s\n' "INSERT INTO bench_insert (caller) VALUES ('0812' || (random() * 99999999)::bigint);" >"$DATA/insert.sql"
    PGBENCH_OUT="$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U bengkulu112 -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$DATA/insert.sql" bengkulu112 2>&1)" ||
        { printf '%s\n' "$PGBENCH_OUT" | tail -n 20 >&2; die "pgbench failed"; }
    printf '%s\n' "$PGBENCH_OUT" >"$LOGS/pgbench.txt"
    PGBENCH_TPS="$(awk '/^tps = / { printf "%.0f", $3; exit }' <<<"$PGBENCH_OUT")"
    PGBENCH_LAT="$(awk '/^latency average = / { print $4; exit }' <<<"$PGBENCH_OUT")"
    RATIO="$(awk -v a="$INTAKE_RPS" -v b="$PGBENCH_TPS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 1b. Call intake from one number (one caller grain: its queued calls share commits), and without a number

if selected one-number; then
    log "1b. call intake, every call from one number: wrk, $CONNECTIONS connections, ${DURATION} s"
    intake_load one
    INTAKE_ONE="$INTAKE"
    ONE_STORED="$(psql_q "SELECT count(*) FROM calls WHERE caller_number = '+6281299990000'")"
    ONE_COUNTED="$(psql_q "SELECT coalesce((SELECT (state->>'total_calls')::bigint FROM callers WHERE number = '+6281299990000'), 0)")"
fi
if selected withheld; then
    log "1b. call intake, every call without a number: wrk, $CONNECTIONS connections, ${DURATION} s"
    intake_load withheld
    INTAKE_WITHHELD="$INTAKE"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 2. Full ticket lifecycle

if selected lifecycle; then

    # As for intake, a warm-up at full load first (warm_up_intake says why).
    log "2. ticket lifecycles: warming up"
    driver lifecycle --workers "$WORKERS" --duration "$WARM_UP" >/dev/null
    log "2. ticket lifecycles: $WORKERS workers, ${DURATION} s"
    lifecycle_before="$(cpu_ticks)"
    LIFECYCLE="$(driver lifecycle --workers "$WORKERS" --duration "$DURATION")"
    lifecycle_after="$(cpu_ticks)"
    printf '%s\n' "$LIFECYCLE" >"$LOGS/lifecycle.txt"
    LIFECYCLE_CPU="$(cpu_per "$lifecycle_before" "$lifecycle_after" "$(value "$LIFECYCLE" lifecycles)" lifecycle)"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 6. Live feeds: the API node with $FEEDS open SSE feeds against the same node without them. Every feed of a node reads
# its events from one in-memory hub per change table, fed by a single reader of that table, so the feeds should add
# next to no PostgreSQL work and little CPU, and leave call intake as it was.

# Reads of the change tables so far (sequential + index scans, from PostgreSQL's statistics), as "ticket_events alerts".
change_table_reads() {
    psql_q "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)) FILTER (WHERE relname = 'ticket_events'), 0) || ' ' ||
                   coalesce(sum(seq_scan + coalesce(idx_scan, 0)) FILTER (WHERE relname = 'alerts'), 0)
            FROM pg_stat_user_tables WHERE relname IN ('ticket_events', 'alerts')"
}

# Samples pg_stat_activity every 100 ms for $1 seconds from one session of its own; prints "sessions ticket_events
# alerts": the most client sessions of the database seen at once, and how many distinct statements (session and start
# time) were seen reading each change table. A node's hub reads each table about once per poll interval; a poller per
# feed would show up here as hundreds.
sample_sessions() {
    psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bengkulu112 -d bengkulu112 <<SQL
CREATE TEMP TABLE seen_reads (pid int, started timestamptz, tbl text, PRIMARY KEY (pid, started, tbl));
CREATE FUNCTION pg_temp.sample_sessions(seconds float8) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
    most int := 0;
    sessions int;
    since timestamptz := clock_timestamp();
    until timestamptz := clock_timestamp() + make_interval(secs => seconds);
BEGIN
    WHILE clock_timestamp() < until LOOP
        PERFORM pg_stat_clear_snapshot();
        SELECT count(*) INTO sessions FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid();
        most := greatest(most, sessions);
        INSERT INTO seen_reads
        SELECT a.pid, a.query_start, t.tbl
        FROM pg_stat_activity a
        JOIN (VALUES ('ticket_events'), ('alerts')) AS t(tbl) ON a.query ILIKE '%FROM ' || t.tbl || '%'
        WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.query_start >= since
        ON CONFLICT DO NOTHING;
        PERFORM pg_sleep(0.1);
    END LOOP;
    RETURN concat_ws(' ', most,
        (SELECT count(*) FROM seen_reads WHERE tbl = 'ticket_events'),
        (SELECT count(*) FROM seen_reads WHERE tbl = 'alerts'));
END
\$\$;
SELECT pg_temp.sample_sessions($1);
SQL
}

# One side of the comparison: idle CPU for $FEEDS_IDLE s, then an intake load, with PostgreSQL's sessions sampled and
# the change tables' reads counted throughout. Sets FEEDS_<side>_IDLE_CPU, _READS, _SESSIONS, _P99, _P50, _RPS, _CPU.
measure_feeds_side() {
    local side="$1" ticks_before ticks_after reads_before reads_after started sampler_out
    sampler_out="$LOGS/sessions-$side.txt"
    sample_sessions $((FEEDS_IDLE + DURATION + 2)) >"$sampler_out" &
    local sampler=$!
    reads_before="$(change_table_reads)"
    started=$SECONDS
    ticks_before="$(cpu_ticks)"
    sleep "$FEEDS_IDLE"
    ticks_after="$(cpu_ticks)"
    printf -v "FEEDS_${side}_IDLE_CPU" '%s' "$(awk -v before="$ticks_before" -v after="$ticks_after" -v hz="$(getconf CLK_TCK)" -v s="$FEEDS_IDLE" 'BEGIN {
        split(before, b, " "); split(after, a, " ")
        printf "API %.0f, silos %.0f, PostgreSQL %.0f", (a[1] - b[1]) * 1000 / hz / s, (a[2] - b[2]) * 1000 / hz / s, (a[3] - b[3]) * 1000 / hz / s }')"
    measure_intake "feeds-$side"
    reads_after="$(change_table_reads)"
    wait "$sampler"
    printf -v "FEEDS_${side}_READS" '%s' "$(awk -v before="$reads_before" -v after="$reads_after" -v s=$((SECONDS - started)) 'BEGIN {
        split(before, b, " "); split(after, a, " ")
        printf "ticket_events %.1f/s, alerts %.1f/s", (a[1] - b[1]) / s, (a[2] - b[2]) / s }')"
    printf -v "FEEDS_${side}_SESSIONS" '%s' "$(awk -v s=$((SECONDS - started)) '{ printf "at most %d client sessions; reads seen in pg_stat_activity: ticket_events %.1f/s, alerts %.1f/s", $1, $2 / s, $3 / s }' "$sampler_out")"
    printf -v "FEEDS_${side}_P50" '%s' "$INTAKE_P50"
    printf -v "FEEDS_${side}_P99" '%s' "$INTAKE_P99"
    printf -v "FEEDS_${side}_RPS" '%s' "$INTAKE_RPS"
    printf -v "FEEDS_${side}_CPU" '%s' "$INTAKE_CPU"
    printf -v "FEEDS_${side}_FAILED" '%s' "$((INTAKE_NON2XX + INTAKE_SOCKET_ERRORS))"
}

if selected feeds; then

    warm_up_intake
    log "6. live feeds: without feeds (idle ${FEEDS_IDLE} s, then intake ${DURATION} s)"
    measure_feeds_side without

    log "6. live feeds: opening $FEEDS feeds on the API node"
    FEEDS_OUT="$LOGS/feeds.txt"
    driver feeds --count "$FEEDS" --duration $((FEEDS_IDLE + DURATION + 30)) >"$FEEDS_OUT" 2>"$LOGS/feeds.log" &
    FEEDS_DRIVER=$!
    for _ in $(seq 1 120); do
        grep -q '^open=' "$FEEDS_OUT" && break
        kill -0 "$FEEDS_DRIVER" 2>/dev/null || { tail -n 20 "$LOGS/feeds.log" >&2; die "the feeds driver exited"; }
        sleep 1
    done
    FEEDS_OPEN="$(value "$(cat "$FEEDS_OUT")" open)"
    [[ -n "$FEEDS_OPEN" ]] || die "the feeds did not open within 120 s"
    # Opening them read where each feed starts (one query each) on many pooled sessions at once; PostgreSQL's statistics
    # of those sessions reach the shared counters within 10 s of idle: measure after that.
    sleep 11
    log "6. live feeds: with $FEEDS_OPEN feeds open (idle ${FEEDS_IDLE} s, then intake ${DURATION} s)"
    measure_feeds_side with
    wait "$FEEDS_DRIVER" || die "the feeds driver failed (see $LOGS/feeds.log)"
    FEEDS_REFUSED="$(value "$(cat "$FEEDS_OUT")" refused)"
    FEEDS_DROPPED="$(value "$(cat "$FEEDS_OUT")" dropped)"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 7. Costs that grow: the same running system measured at each level of stored history (calls, a tenth of them with the
# ticket they opened), seeded between the levels straight into PostgreSQL by bench/growth-seed.sql as the live code
# writes them. What should grow is only what the work at hand reads: reports over a period with the calls in it.

# EXPLAIN (ANALYZE, BUFFERS) of one statement: "B buffers, R read, N rows, T ms": shared blocks hit + read of the whole
# plan, the rows and index entries its scans read (kept or filtered out, every loop), the rows it answers.
statement_cost() {
    psql_q "CREATE FUNCTION pg_temp.cost(q text) RETURNS text LANGUAGE plpgsql AS \$\$
            DECLARE plan jsonb;
            BEGIN
                EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ' || q INTO plan;
                RETURN format('%s buffers, %s read, %s rows, %s ms',
                    (plan -> 0 -> 'Plan' ->> 'Shared Hit Blocks')::bigint + (plan -> 0 -> 'Plan' ->> 'Shared Read Blocks')::bigint,
                    (SELECT coalesce(sum(((n ->> 'Actual Rows')::numeric + coalesce((n ->> 'Rows Removed by Filter')::numeric, 0)
                                          + coalesce((n ->> 'Rows Removed by Index Recheck')::numeric, 0))
                                         * (n ->> 'Actual Loops')::numeric), 0)
                     FROM jsonb_path_query(plan, 'strict \$.**?(@.\"Node Type\" like_regex \"Scan\$\")') AS n),
                    plan -> 0 -> 'Plan' ->> 'Actual Rows', round((plan -> 0 ->> 'Execution Time')::numeric, 2));
            END \$\$;
            SELECT pg_temp.cost(\$q\$$1\$q\$)"
}

# The statements run per ticket command, per activation, per list and at start-up whose cost could grow with closed
# history, with the parameters the code gives them ("name|sql"); their plans are kept in the logs.
GROWTH_STATEMENTS=(
    "OPD open list (OPD grain activation)|SELECT id, number, status, opd, supporting_opds, version, updated_at, next_deadline, category, priority FROM tickets WHERE status = ANY('{escalated,acknowledged,on_scene,resolved}') AND (opd = 'damkar' OR 'damkar' = ANY(supporting_opds))"
    "GET /tickets?status=escalated,acknowledged,on_scene (supervisor)|SELECT id, number, category, priority, status, opd, supporting_opds, description, address, created_at, updated_at, next_deadline, version FROM tickets WHERE true AND status = ANY('{escalated,acknowledged,on_scene}') ORDER BY created_at DESC, id DESC LIMIT 51"
    "GET /tickets?status=escalated,acknowledged,on_scene (OPD damkar)|SELECT id, number, category, priority, status, opd, supporting_opds, description, address, created_at, updated_at, next_deadline, version FROM tickets WHERE true AND (opd = 'damkar' OR 'damkar' = ANY(supporting_opds)) AND status = ANY('{escalated,acknowledged,on_scene}') ORDER BY created_at DESC, id DESC LIMIT 51"
    "GET /tickets (supervisor, first page)|SELECT id, number, category, priority, status, opd, supporting_opds, description, address, created_at, updated_at, next_deadline, version FROM tickets WHERE true ORDER BY created_at DESC, id DESC LIMIT 51"
    "GET /tickets/suggestions?category=fire (classify screen)|SELECT id FROM tickets WHERE category = 'fire' AND status NOT IN ('closed', 'cancelled') AND created_at >= now() - interval '2 hours'"
    "silo start: tickets with a deadline pending|SELECT id FROM tickets WHERE next_deadline IS NOT NULL"
    "GET /alerts?status=open|SELECT id FROM alerts WHERE acknowledged_at IS NULL AND id < 9223372036854775807 ORDER BY id DESC LIMIT 51"
    "report of today: emergencies by category|SELECT t.category, count(*) FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.received_at >= TODAY AND c.received_at < TOMORROW AND c.classification = 'emergency' GROUP BY t.category"
    "report of today: call processing|SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_escalated_at - c.received_at)) FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.received_at >= TODAY AND c.received_at < TOMORROW AND c.classification = 'emergency' AND c.opened_ticket"
)

if selected growth; then

    IFS=',' read -r -a levels <<<"$GROWTH_LEVELS"
    saved_duration=$DURATION
    DURATION=$GROWTH_DURATION
    GROWTH_ROWS=()
    GROWTH_COSTS=()
    seeded=0
    today="$(TZ=Asia/Jakarta date +%F)"
    today_sql="'$today 00:00:00+07'::timestamptz"
    last_year=$(($(TZ=Asia/Jakarta date +%Y) - 1))
    # A report's time as the HTTP client sees it, median of five: $1 the query string.
    report_ms() {
        local times=() t
        for _ in 1 2 3 4 5; do
            t="$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/reports/summary$1")" ||
                die "GET /api/v1/reports/summary$1 failed"
            times+=("$t")
        done
        printf '%s\n' "${times[@]}" | sort -n | awk 'NR == 3 { printf "%.0f", $1 * 1000 }'
    }
    # Warm-up: the first level's figures would otherwise pay for JIT and the first activations of each grain type.
    warm_up_intake
    driver lifecycle --workers "$WORKERS" --duration "$WARM_UP" >/dev/null
    for level in "${levels[@]}"; do
        ((level > seeded)) || die "--growth-levels must ascend"
        log "7. growth: seeding stored calls $((seeded + 1)) .. $level"
        started=$SECONDS
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U bengkulu112 -d bengkulu112 \
            -v lo="$seeded" -v hi="$level" -f "$BENCH/growth-seed.sql" >"$LOGS/growth-seed-$level.txt" ||
            die "seeding failed (see $LOGS/growth-seed-$level.txt)"
        psql_q "VACUUM ANALYZE calls, tickets, ticket_timeline, ticket_events, alerts"
        log "7. growth: seeded in $((SECONDS - started)) s (with VACUUM ANALYZE)"
        if ((seeded == 0)); then
            # The seeded rows read back through the API as the grains read their own (a call, and a ticket of each status
            # with its timeline): rows the code could not read would make every figure below meaningless.
            for status in closed cancelled resolved on_scene acknowledged escalated; do
                id="$(psql_q "SELECT id FROM tickets WHERE status = '$status' AND description LIKE 'history %' LIMIT 1")"
                [[ -n "$id" ]] || continue
                got="$(curl -sf -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/tickets/$id")" ||
                    die "GET /api/v1/tickets/$id (a seeded $status ticket) failed"
                [[ "$got" == *"\"status\":\"$status\""* ]] || die "the seeded ticket $id reads back as: $got"
                curl -sf -o /dev/null -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/tickets/$id/timeline" ||
                    die "GET /api/v1/tickets/$id/timeline (a seeded $status ticket) failed"
                got="$(curl -sf -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/calls/$id")" ||
                    die "GET /api/v1/calls/$id (the call of a seeded ticket) failed"
                [[ "$got" == *"\"ticket_id\":\"$id\""* ]] || die "the seeded call $id reads back as: $got"
            done
            id="$(psql_q "SELECT id FROM calls WHERE classification = 'prank' AND call_taker LIKE 'bench-calltaker-%' LIMIT 1")"
            got="$(curl -sf -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/calls/$id")" || die "GET /api/v1/calls/$id (a seeded call) failed"
            [[ "$got" == *'"classification":"prank"'* ]] || die "the seeded call $id reads back as: $got"
        fi
        seeded=$level
        # The OPD grains re-read the tickets changed since their last read (the seeded ones, once): let that settle.
        sleep 5

        log "7. growth at $level stored calls: intake, ${DURATION} s"
        intake_load spread "growth-$level"
        g_intake="$INTAKE_RPS req/s, $INTAKE_P50 / $INTAKE_P99 ms"
        ((INTAKE_NON2XX + INTAKE_SOCKET_ERRORS == 0)) || g_intake+=" ($INTAKE_NON2XX non-2xx, $INTAKE_SOCKET_ERRORS socket errors)"
        g_cpu="$(sed 's/ ms per call.*//' <<<"$INTAKE_CPU")"
        log "7. growth at $level stored calls: lifecycles, $WORKERS workers, ${DURATION} s"
        g_life="$(driver lifecycle --workers "$WORKERS" --duration "$DURATION")"
        printf '%s\n' "$g_life" >"$LOGS/growth-lifecycle-$level.txt"
        g_commands=""
        for c in classify escalate acknowledge close; do
            g_commands+="$c $(printf '%.0f/%.0f' "$(value "$g_life" "${c}_p50_ms")" "$(value "$g_life" "${c}_p99_ms")"), "
        done
        log "7. growth at $level stored calls: reports"
        g_reports="$(report_ms "") / $(report_ms "?from=$last_year-01-01&to=$last_year-12-31") / $(report_ms "?from=$today&to=$today")"
        g_sizes="$(psql_q "SELECT string_agg(round(pg_total_relation_size(t) / 1048576.0)::text, ' / ' ORDER BY o)
                           FROM unnest(ARRAY['calls', 'tickets', 'ticket_timeline', 'ticket_events']) WITH ORDINALITY AS u(t, o)")"
        g_counts="$(psql_q "SELECT (SELECT count(*) FROM calls) || ' calls, ' || (SELECT count(*) FROM tickets) || ' tickets ('
                                   || (SELECT count(*) FROM tickets WHERE status NOT IN ('closed', 'cancelled')) || ' open)'")"
        rss=$(rss_kb "$API_PID")
        for pid in "${SILO_PIDS[@]}"; do rss=$((rss + $(rss_kb "$pid"))); done
        GROWTH_ROWS+=("| $level | $g_counts | $g_intake | $g_cpu | $(printf '%.1f' "$(value "$g_life" lifecycles_per_s)") | ${g_commands%, } | $g_reports | $g_sizes | $((rss / 1024)) | $(cut -d' ' -f1-3 /proc/loadavg) |")

        for statement in "${GROWTH_STATEMENTS[@]}"; do
            name="${statement%%|*}"
            sql="${statement#*|}"
            sql="${sql//TODAY/$today_sql}"
            sql="${sql//TOMORROW/$today_sql + interval \'1 day\'}"
            psql_q "EXPLAIN (ANALYZE, BUFFERS) $sql" >>"$LOGS/growth-plans-$level.txt" 2>&1 || true
            cost="$(statement_cost "$sql")" || die "EXPLAIN of \"$name\" failed"
            GROWTH_COSTS+=("$level|$name|$cost")
        done
    done
    DURATION=$saved_duration
fi

# ---------------------------------------------------------------------------------------------------------------------
# 5. Reports: the one-year summary at ten times Bengkulu's volume (bench/reports.sh, on a PostgreSQL of its own), and the
# route itself over this run's database

if selected reports; then

    log "5. reports: one year at ten times Bengkulu's volume (bench/reports.sh)"
    REPORTS_OUT="$(bash "$BENCH/reports.sh" 2>"$LOGS/reports.log")" || { tail -n 20 "$LOGS/reports.log" >&2; die "bench/reports.sh failed"; }
    printf '%s\n' "$REPORTS_OUT" >"$LOGS/reports.txt"
    REPORT_YEAR="$(sed -n 's/^reports bench: .* in \([0-9.]*\) ms (median of \([0-9]*\) runs.*/\1 ms (median of \2)/p' <<<"$REPORTS_OUT")"
    [[ -n "$REPORT_YEAR" ]] || die "bench/reports.sh printed no timing"
    times=()
    for _ in 1 2 3 4 5; do
        times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $B112_BENCH_TOKEN" "$API/api/v1/reports/summary")") ||
            die "GET /api/v1/reports/summary failed"
    done
    REPORT_ROUTE="$(printf '%s\n' "${times[@]}" | sort -n | awk 'NR == 3 { printf "%.0f ms", $1 * 1000 }') median of 5"
    REPORT_ROUTE+=" over this run's $(psql_q "SELECT count(*) FROM calls") calls"
fi

# ---------------------------------------------------------------------------------------------------------------------
# 3 and 4. Deadline lateness, and the memory of the silo(s) holding those tickets

if selected deadlines; then

    silo_rss_kb() {
        local total=0 pid
        ((COHOST == 0)) || total=$(rss_kb "$API_PID")
        for pid in "${SILO_PIDS[@]}"; do total=$((total + $(rss_kb "$pid"))); done
        echo "$total"
    }

    log "3. deadlines: $DEADLINE_COUNT tickets, acknowledge deadline ${DEADLINE_ACK} s, spread over ${DEADLINE_SPREAD} s"
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"priority\":\"P3\",\"primary_opd\":\"damkar\",\"supporting_opds\":[],\"deadlines\":{\"acknowledge\":\"PT${DEADLINE_ACK}S\",\"on_scene\":\"PT24H\",\"resolve\":\"PT72H\"}}" \
        "$API/api/v1/routing/wasp_nest" || die "could not set the routing of wasp_nest"
    RSS_BEFORE="$(silo_rss_kb)"
    DEADLINES="$(driver deadlines --workers "$DEADLINE_WORKERS" --count "$DEADLINE_COUNT" --spread "$DEADLINE_SPREAD" \
        --category wasp_nest --ids-file "$DATA/deadline-tickets.txt")"
    printf '%s\n' "$DEADLINES" >"$LOGS/deadlines.txt"
    ESCALATED="$(value "$DEADLINES" escalated)"
    DEADLINE_END=$SECONDS
    # Touch every ticket once more: all of them are active on a silo when RSS is read.
    driver activate --workers "$DEADLINE_WORKERS" --ids-file "$DATA/deadline-tickets.txt" >"$LOGS/activate.txt"
    RSS_AFTER="$(silo_rss_kb)"
    PER_TICKET="$(awk -v a="$RSS_AFTER" -v b="$RSS_BEFORE" -v n="$ESCALATED" 'BEGIN { if (n > 0) printf "%.1f", (a - b) * 1024 / n / 1024; else print "n/a" }')"

    # The acknowledge breaches of the benchmark's tickets (the only wasp_nest tickets of this fresh database).
    breaches="alerts a JOIN tickets t ON t.id = a.ticket_id
        WHERE t.category = 'wasp_nest' AND a.kind = 'sla.breached' AND a.deadline = 'acknowledge'"
    wait_s=$((DEADLINE_ACK + 5 - (SECONDS - DEADLINE_END)))
    ((wait_s > 0)) || wait_s=5
    log "3. waiting ${wait_s} s for the last acknowledge deadline"
    sleep "$wait_s"
    for _ in $(seq 1 60); do
        (($(psql_q "SELECT count(*) FROM $breaches") >= ESCALATED)) && break
        sleep 1
    done
    LATENESS="$(psql_q "
        WITH b AS (
            SELECT a.ticket_id, extract(epoch FROM a.raised_at - a.due_at) * 1000 AS late_ms
            FROM $breaches)
        SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY late_ms)::numeric, 1),
               round(percentile_cont(0.99) WITHIN GROUP (ORDER BY late_ms)::numeric, 1),
               round(max(late_ms)::numeric, 1),
               count(*) - count(DISTINCT ticket_id)
        FROM b")"
    IFS='|' read -r LATE_P50 LATE_P99 LATE_MAX DUPLICATED <<<"$LATENESS"
    ALERTED="$(psql_q "SELECT count(DISTINCT a.ticket_id) FROM $breaches")"
    EXPECTED="$(psql_q "SELECT count(*) FROM tickets WHERE category = 'wasp_nest' AND status = 'escalated'")"
    MISSING=$((EXPECTED - ALERTED))
fi

LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------------------------------------
# The table

lc() { value "$LIFECYCLE" "$1"; }
per_command=""
for c in record classify escalate acknowledge on_scene resolve close; do
    per_command+="${c} $(lc "${c}_p50_ms")/$(lc "${c}_p99_ms"), "
done
TOPOLOGY="$SILOS silo(s), 1 API node"
MAIN_TABLE=0
for part in intake one-number withheld lifecycle deadlines reports feeds; do selected "$part" && MAIN_TABLE=1; done
((COHOST == 0)) || TOPOLOGY="$SILOS silo(s), the first hosting the API (one process)"
cat <<TABLE

Bengkulu112 benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/^model name/ { $1 = $2 = $3 = ""; sub(/^ +/, ""); print; exit }' /proc/cpuinfo)
load average (1/5/15 min) at start: $LOAD_START, at end: $LOAD_END; PostgreSQL fsync $FSYNC; $TOPOLOGY; dashboard $([[ "$DASHBOARD" == true ]] && echo "on (not viewed)" || echo off)
TABLE
((MAIN_TABLE == 0)) || cat <<TABLE

| # | benchmark | figure | target |
|---|---|---|---|
TABLE
if selected intake; then
    cat <<TABLE
| 1 | call intake, POST /api/v1/calls, $CONNECTIONS connections, ${DURATION} s | $INTAKE_SPREAD | p99 < 50 ms |
| 1 | pgbench, one single-row INSERT per transaction, $CONNECTIONS clients, ${DURATION} s, same server | $PGBENCH_TPS tx/s, latency avg $PGBENCH_LAT ms | |
| 1 | **intake ÷ pgbench** | **$RATIO** | ≥ 0.5 |
TABLE
fi
if selected one-number; then
    cat <<TABLE
| 1b | call intake, every call from one number, $CONNECTIONS connections, ${DURATION} s | $INTAKE_ONE; stored $ONE_STORED, counted by the caller $ONE_COUNTED | ≥ 1000 req/s, p99 < 50 ms |
TABLE
fi
if selected withheld; then
    cat <<TABLE
| 1b | call intake, every call without a number (withheld), $CONNECTIONS connections, ${DURATION} s | $INTAKE_WITHHELD | |
TABLE
fi
if selected lifecycle; then
    cat <<TABLE
| 2 | ticket lifecycles (record, classify emergency, escalate, acknowledge, on-scene, resolve, close), $WORKERS workers, ${DURATION} s | $(printf '%.1f' "$(lc lifecycles_per_s)") lifecycles/s ($(lc lifecycles) done, $(lc failures) failed) | |
| 2 | p50/p99 per command, ms | ${per_command%, } | |
| 2 | CPU per lifecycle (seven commands) | $LIFECYCLE_CPU | |
TABLE
fi
if selected deadlines; then
    cat <<TABLE
| 3 | deadline lateness, $ESCALATED tickets (of $DEADLINE_COUNT asked) escalated over $(printf '%.0f' "$(value "$DEADLINES" spread_s)") s, acknowledge deadline ${DEADLINE_ACK} s | raised_at − due_at: p50 $LATE_P50 ms, p99 $LATE_P99 ms, max $LATE_MAX ms; missing $MISSING, duplicated $DUPLICATED | p99 < 1000 ms, 0/0 |
| 4 | memory: silo RSS with $ESCALATED active escalated tickets | $((RSS_BEFORE / 1024)) → $((RSS_AFTER / 1024)) MiB: $PER_TICKET KiB per ticket | |
TABLE
fi
if selected reports; then
    cat <<TABLE
| 5 | reports: the one-year summary's SQL (2024, 137,460 calls and 1,060 tickets: ten times Bengkulu's year, in three years of data) | $REPORT_YEAR | |
| 5 | GET /api/v1/reports/summary (default period) | $REPORT_ROUTE | |
TABLE
fi
if selected feeds; then
    cat <<TABLE
| 6 | live feeds: call intake without / with $FEEDS_OPEN SSE feeds open on the API node ($FEEDS_REFUSED refused, $FEEDS_DROPPED ended early), $CONNECTIONS connections, ${DURATION} s | p50 $FEEDS_without_P50 / $FEEDS_with_P50 ms, p99 $FEEDS_without_P99 / $FEEDS_with_P99 ms, $FEEDS_without_RPS / $FEEDS_with_RPS req/s, failed $FEEDS_without_FAILED / $FEEDS_with_FAILED | p99 unchanged |
| 6 | CPU per call without / with the feeds | $FEEDS_without_CPU / $FEEDS_with_CPU | |
| 6 | idle CPU, ms per second, without / with the feeds | $FEEDS_without_IDLE_CPU / $FEEDS_with_IDLE_CPU | little |
| 6 | PostgreSQL without the feeds | $FEEDS_without_SESSIONS; table reads (statistics) $FEEDS_without_READS | |
| 6 | PostgreSQL with the feeds | $FEEDS_with_SESSIONS; table reads (statistics) $FEEDS_with_READS | one reader per change table per node |
TABLE
fi
if selected growth; then
    cat <<TABLE

Costs that grow (part 7): the same running system at each level of stored history; ${GROWTH_DURATION} s loads per level.
Intake: wrk, $CONNECTIONS connections, callers drawn from the numbers the history holds. Commands: $WORKERS lifecycle
workers, p50/p99 ms. Reports: GET /api/v1/reports/summary, median of 5, for the default period (this year so far) /
the previous year (most of the history) / today (none of it). Sizes: calls / tickets / ticket_timeline / ticket_events.

| stored calls (seeded) | in the database | intake req/s, p50 / p99 ms | intake CPU per call, ms | lifecycles/s | commands p50/p99 ms | reports ms: default / last year / today | MiB | silo RSS MiB | load average after |
|---|---|---|---|---|---|---|---|---|---|
TABLE
    printf '%s\n' "${GROWTH_ROWS[@]}"
    printf '\nStatements whose cost must not grow with closed history (EXPLAIN ANALYZE: shared buffers of the plan, rows and\nindex entries its scans read, rows answered, execution time):\n\n'
    header="| statement |"; rule="|---|"
    for level in "${levels[@]}"; do header+=" $level |"; rule+="---|"; done
    printf '%s\n%s\n' "$header" "$rule"
    for statement in "${GROWTH_STATEMENTS[@]}"; do
        name="${statement%%|*}"
        row="| $name |"
        for level in "${levels[@]}"; do
            for cost in "${GROWTH_COSTS[@]}"; do
                [[ "$cost" == "$level|$name|"* ]] && row+=" ${cost##*|} |"
            done
        done
        printf '%s\n' "$row"
    done
fi
