#!/usr/bin/env bash
# Times the SQL of GET /api/v1/reports/summary for one year at ten times Bengkulu's volume.
#
#   bench/reports.sh [--runs N] [--explain]
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh, fast settings) in a temporary folder, creates the `tickets` and
# `calls` tables with the project's own migrations (0003, 0006, then 0009 and 0018 over the data), generates three years (2023-2025) of 137,460 calls and
# 1,060 tickets each with generate_series (ten times the 13,746 calls / 106 emergencies of 2024; pranks the majority,
# evening peak, a few repeat pranksters; tickets routed by category with step times from escalation), then runs the
# report's statements for 2024 in WIB, read from src/Api/Queries/ReportQueries.cs so they are the API's own, and
# prints the median time of N runs (default 5). --explain also prints EXPLAIN ANALYZE of each statement.
# Needs what ./test.sh needs: the PostgreSQL 15 server binaries (PG_BIN) and psql, plus python3.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
RUNS=5
EXPLAIN=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --explain) EXPLAIN=1; shift ;;
        -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "usage: bench/reports.sh [--runs N] [--explain]" >&2; exit 2 ;;
    esac
done
[[ "$RUNS" =~ ^[1-9][0-9]?$ ]] || { echo "bench: --runs must be 1..99" >&2; exit 2; }

log() { printf 'bench: %s\n' "$*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/b112-bench-XXXXXX")"
chmod 755 "$WORK" # the server runs as the postgres user when this runs as root
cleanup() {
    bash "$ROOT/scripts/postgres.sh" stop "$WORK/data" >/dev/null 2>&1 || true
    rm -rf -- "$WORK"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log "starting a throwaway PostgreSQL on 127.0.0.1:$PORT"
PG_FAST=1 bash "$ROOT/scripts/postgres.sh" start "$WORK/data" "$PORT" >/dev/null
export PGPASSWORD
PGPASSWORD="$(cat "$WORK/postgres.password")"
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U bengkulu112 -d bengkulu112 "$@"; }

sql -f "$ROOT/src/Silo/Migrations/0003_tickets.sql" -f "$ROOT/src/Silo/Migrations/0006_calls.sql"

log "generating 3 years x (137,460 calls, 1,060 tickets)"
started=$SECONDS
sql <<'SQL'
DO $$ BEGIN PERFORM setseed(0.112); END $$;

-- Tickets: categories weighted to fires and snakes, routed as the default routing does; escalated a minute after
-- creation; acknowledged after 10 s .. 4 min (a slow tail), on scene 5 .. 40 min later, resolved 30 min .. 6 h later;
-- a breach when the acknowledgement took longer than 2 minutes.
CREATE TEMP TABLE gen_tickets AS
SELECT gen_random_uuid() AS id, y, n,
       make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Jakarta') + random() * interval '365 days' AS created_at,
       (ARRAY['fire','fire','fire','animal','animal','animal','fallen_tree','accident','wasp_nest','ambulance',
              'public_order','traffic','disaster','blood','public_works'])[1 + floor(random() * 15)::int] AS category,
       10 + 230 * power(random(), 3) AS ack_s, 300 + 2100 * random() AS on_scene_s, 1800 + 19800 * random() AS resolve_s,
       random() AS progress
FROM generate_series(2023, 2025) AS y, generate_series(1, 1060) AS n;

INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description, address,
                     created_at, updated_at, next_deadline, published_version)
SELECT id, 'BKL-' || y || '-' || lpad(n::text, 6, '0'), 6,
       jsonb_build_object(
           'escalated_at', created_at + interval '1 minute',
           'acknowledged_at', CASE WHEN progress > 0.03 THEN created_at + interval '1 minute' + ack_s * interval '1 second' END,
           'on_scene_at', CASE WHEN progress > 0.08 THEN created_at + interval '1 minute' + (ack_s + on_scene_s) * interval '1 second' END,
           'resolved_at', CASE WHEN progress > 0.15 THEN created_at + interval '1 minute' + (ack_s + on_scene_s + resolve_s) * interval '1 second' END,
           'breaches', CASE WHEN ack_s > 120 OR progress <= 0.03
                            THEN jsonb_build_array(jsonb_build_object('deadline', 'acknowledge', 'breached_at', created_at + interval '3 minutes'))
                            ELSE '[]'::jsonb END),
       CASE WHEN progress > 0.25 THEN 'closed' WHEN progress > 0.15 THEN 'resolved' WHEN progress > 0.08 THEN 'on_scene'
            WHEN progress > 0.03 THEN 'acknowledged' ELSE 'escalated' END,
       category,
       CASE WHEN category IN ('fire', 'accident', 'ambulance', 'disaster', 'blood') THEN 'P1'
            WHEN category IN ('animal', 'fallen_tree', 'public_order') THEN 'P2' ELSE 'P3' END,
       CASE category WHEN 'fire' THEN 'damkar' WHEN 'animal' THEN 'damkar' WHEN 'wasp_nest' THEN 'damkar'
                     WHEN 'fallen_tree' THEN 'bpbd' WHEN 'disaster' THEN 'bpbd' WHEN 'accident' THEN 'polresta'
                     WHEN 'ambulance' THEN 'dinkes' WHEN 'traffic' THEN 'dishub' WHEN 'public_order' THEN 'satpolpp'
                     WHEN 'blood' THEN 'pmi' ELSE 'pupr' END,
       '{}', 'generated for the report benchmark', 'Jl. Suprapto', created_at, created_at, NULL, 6
FROM gen_tickets;

-- The emergency call that opened each ticket (the call grain gives the ticket the call's id).
INSERT INTO calls (id, caller_number, received_at, channel, classification, classified_at, ticket_id, opened_ticket, call_taker)
SELECT id, '+62813' || lpad(floor(random() * 1e8)::bigint::text, 8, '0'), created_at - interval '2 minutes', 'voice',
       'emergency', created_at, id, true, 'bench-calltaker'
FROM gen_tickets;

-- The other 136,400 calls a year: every day, more in the evening (the hour skews late), classified mostly as pranks;
-- a third of the pranks come from 200 repeat numbers, the first ones most often.
INSERT INTO calls (id, caller_number, received_at, channel, classification, classified_at, ticket_id, opened_ticket, call_taker)
SELECT gen_random_uuid(),
       CASE WHEN c = 'prank' AND random() < 0.35
            THEN '+62812000' || lpad(floor(200 * power(random(), 3))::int::text, 5, '0')
            ELSE '+62812' || lpad(floor(random() * 1e8)::bigint::text, 8, '0') END,
       at, CASE WHEN random() < 0.9 THEN 'voice' WHEN random() < 0.5 THEN 'sms' ELSE 'app' END,
       c, at + interval '3 minutes', NULL, false, 'bench-calltaker-' || (n % 12)
FROM (
    SELECT n, make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Jakarta') + floor(random() * 365) * interval '1 day'
              + 24 * sqrt(random()) * interval '1 hour' AS at,
           (ARRAY['prank','prank','prank','prank','prank','prank','silent','silent','abandoned','wrong_number',
                  'non_emergency'])[1 + floor(random() * 11)::int] AS c
    FROM generate_series(2023, 2025) AS y, generate_series(1, 136400) AS n
) AS g;

VACUUM ANALYZE calls;
VACUUM ANALYZE tickets;
SQL
# The step-time columns reports read (0009 fills them from the tickets' JSON, as it does for an existing database), and
# the index of emergencies by received time (0018).
sql -f "$ROOT/src/Silo/Migrations/0009_history_and_reports.sql" -f "$ROOT/src/Silo/Migrations/0018_history_bounded_reads.sql"
sql -c "VACUUM ANALYZE tickets"
log "generated in $((SECONDS - started)) s: $(sql -At -c "SELECT count(*) FROM calls") calls, $(sql -At -c "SELECT count(*) FROM tickets") tickets"

# The report's statements, as the API runs them, for 2024 in WIB ($1 = from, $2 = to, $3 = the report time zone).
FROM_TS="'2024-01-01 00:00:00+07'::timestamptz"
TO_TS="'2025-01-01 00:00:00+07'::timestamptz"
python3 - "$ROOT/src/Api/Queries/ReportQueries.cs" "$FROM_TS" "$TO_TS" >"$WORK/report.sql" <<'PY'
import re, sys
source = open(sys.argv[1], encoding="utf-8").read()
statements = re.findall(r'private const string \w+Sql = """(.*?)""";', source, re.S)
if len(statements) != 7:
    sys.exit("bench: expected the 7 statements of ReportQueries, found %d" % len(statements))
for s in statements:
    print(s.strip().replace("$1", sys.argv[2]).replace("$2", sys.argv[3]).replace("$3", "'Asia/Jakarta'") + ";")
PY

if [[ $EXPLAIN -eq 1 ]]; then
    sed 's/^SELECT/EXPLAIN (ANALYZE, BUFFERS) SELECT/; s/^WITH/EXPLAIN (ANALYZE, BUFFERS) WITH/' "$WORK/report.sql" | sql
fi

log "the 2024 report: $(sql -At -c "SELECT count(*) FROM calls WHERE received_at >= $FROM_TS AND received_at < $TO_TS") calls, $(sql -At -c "SELECT count(*) FROM tickets WHERE created_at >= $FROM_TS AND created_at < $TO_TS") tickets"
times=()
for ((i = 0; i <= RUNS; i++)); do
    # One psql session per run, as the API runs the seven statements in one round trip; run 0 warms the cache.
    ms="$( { printf '\\timing on\n'; cat "$WORK/report.sql"; } | sql -o /dev/null 2>&1 |
        awk '/^Time:/ { total += $2 } END { printf "%.1f", total }')"
    ((i == 0)) || times+=("$ms")
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "reports bench: one-year summary (2024, ten times Bengkulu's volume) in ${median} ms (median of $RUNS runs: ${times[*]} ms)"
