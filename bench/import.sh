#!/usr/bin/env bash
# Times a history import of 100,000 rows (API.md "History import") against the running system.
#
#   bench/import.sh [--rows N]
#
# Needs the system started by ./run.sh (same B112_API_URL and .data/ signing key). Writes a year of N calls (default
# 100,000, emergencies 0.8 % as in Bengkulu's 2024, each with its ticket's step times) with the seed tool's --csv, posts it
# to POST /api/v1/imports as a supervisor, polls GET /api/v1/imports/{id} until it is done, and prints the time from the
# POST to done, the server's own started_at → finished_at, the rows per second, the load average and the CPUs.
# The year is 2013 + N mod 10 so repeated runs against one database import new rows (the same file again imports 0).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
ROWS=100000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rows) ROWS="$2"; shift 2 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "usage: bench/import.sh [--rows N]" >&2; exit 2 ;;
    esac
done
[[ "$ROWS" =~ ^[1-9][0-9]{0,6}$ ]] || { echo "bench: --rows must be 1..9999999" >&2; exit 2; }

log() { printf 'bench: %s\n' "$*" >&2; }
API_URL="${B112_API_URL:-http://127.0.0.1:5112}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/b112-import-XXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT

YEAR=$((2013 + $(date +%s) % 10))
EMERGENCIES=$((ROWS * 8 / 1000))
log "writing $ROWS rows ($EMERGENCIES emergencies) of $YEAR"
"$ROOT/run.sh" seed --year "$YEAR" --calls "$ROWS" --emergencies "$EMERGENCIES" --seed "$$" --csv "$WORK/year.csv"
TOKEN="$("$ROOT/run.sh" token supervisor)"
log "$(du -h "$WORK/year.csv" | cut -f1) file; posting it to $API_URL"

started_ns=$(date +%s%N)
curl -sS --fail-with-body -o "$WORK/started.json" -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
    --data-binary "@$WORK/year.csv" "$API_URL/api/v1/imports"
id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/started.json")"
while :; do
    curl -sS --fail-with-body -o "$WORK/import.json" -H "Authorization: Bearer $TOKEN" "$API_URL/api/v1/imports/$id"
    status="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$WORK/import.json")"
    [[ "$status" == running ]] || break
    sleep 0.2
done
elapsed_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))

python3 - "$WORK/import.json" "$elapsed_ms" <<'PY'
import json, sys, datetime, os
i = json.load(open(sys.argv[1]))
elapsed = int(sys.argv[2]) / 1000
parse = lambda t: datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
server = (parse(i["finished_at"]) - parse(i["started_at"])).total_seconds() if i["finished_at"] else float("nan")
load = open("/proc/loadavg").read().split()[:3]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"import bench: {i['rows']} rows {i['status']} in {elapsed:.1f} s from POST to done (server {server:.1f} s), "
      f"{i['rows'] / elapsed:.0f} rows/s; imported {i['imported']}, already present {i['already_present']}, "
      f"refused {i['refused']}; load average {' '.join(load)}; {os.cpu_count()} CPUs ({cpu})")
PY
