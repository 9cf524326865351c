#!/usr/bin/env bash
# Runs every test of the solution (the tests start their own throwaway PostgreSQL through scripts/postgres.sh).
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Opd".
# The last line printed is always "tests: N passed, N failed, N skipped"; the exit status is non-zero when dotnet test
# failed, a test failed, or no test ran.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
RESULTS="$ROOT/TestResults"

export DOTNET_NOLOGO=1

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: error: dotnet is not installed (install the .NET 10 SDK)" >&2; exit 1; }

rm -rf -- "$RESULTS"
mkdir -p -- "$RESULTS"

# The browser tests (tests/…/Board) drive Debian's Chromium headless. Installed here when missing and possible (root
# with apt-get: CI, a fresh machine); otherwise those tests fail and say what is missing — they never skip.
ensure_chromium() {
    local browser="${B112_CHROMIUM:-/usr/bin/chromium}" log="$RESULTS/chromium-install.log"
    [[ -x "$browser" ]] && return 0
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing chromium for the browser tests (apt-get; log: $log)" >&2
        {
            apt-get update -qq || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium
        } >"$log" 2>&1 || echo "test.sh: warning: installing chromium failed (see $log); the browser tests will fail" >&2
    else
        echo "test.sh: warning: $browser is missing and cannot be installed from here (needs root and apt-get):" \
            "run 'apt-get install -y chromium', or the browser tests will fail" >&2
    fi
}

ensure_chromium

# The OpenAPI linter (tools/openapi-lint: Spectral, pinned by its lock file), run by the contract tests against the
# document the API serves. Installed here with npm when missing; without it that test fails and says so.
ensure_openapi_linter() {
    local folder="$ROOT/tools/openapi-lint" log="$RESULTS/openapi-lint-install.log"
    [[ -x "$folder/node_modules/.bin/spectral" ]] && return 0
    if command -v npm >/dev/null 2>&1; then
        echo "test.sh: installing the OpenAPI linter (npm ci in tools/openapi-lint; log: $log)" >&2
        npm ci --prefix "$folder" --no-audit --no-fund >"$log" 2>&1 ||
            echo "test.sh: warning: installing the OpenAPI linter failed (see $log); the lint test will fail" >&2
    else
        echo "test.sh: warning: npm is missing: install Node.js and npm, or the OpenAPI lint test will fail" >&2
    fi
}

ensure_openapi_linter

# Stops the throwaway PostgreSQL servers of test processes that are gone (killed, or dumped by the hang guard) and
# removes their folders; servers of test runs still going on are left alone.
sweep_test_postgres() {
    local folder owner
    for folder in "${TMPDIR:-/tmp}"/b112-test-pg-*; do
        [[ -d "$folder" ]] || continue
        owner="$(cat -- "$folder/owner.pid" 2>/dev/null || true)"
        if [[ -n "$owner" ]] && kill -0 "$owner" 2>/dev/null; then
            continue
        fi
        bash "$ROOT/scripts/postgres.sh" stop "$folder/data" >/dev/null 2>&1 || true
        rm -rf -- "$folder"
    done
}

sweep_test_postgres
status=0
# The hang guard turns a deadlocked test into a failed run with a dump, instead of eating the CI budget.
# -m:1 runs the test projects one after the other: the fail-over scenario (tests/Bengkulu112.Failover: real silo, API
# and PostgreSQL processes killed under load) measures recovery times and must not share the CPUs with the other tests.
dotnet test Bengkulu112.sln -c Release -m:1 --logger "trx" --results-directory "$RESULTS" \
    --blame-hang-timeout 5m --blame-hang-dump-type none "$@" || status=$?
sweep_test_postgres
if [[ -s "$RESULTS/failover.txt" ]]; then
    echo "fail-over figures ($RESULTS/failover.txt):"
    sed 's/^/  /' "$RESULTS/failover.txt"
fi

# Sums the <Counters .../> attributes of every TRX file: passed; failed + error + timeout + aborted; notExecuted.
# Plain sed/awk (no python, no xmllint): the element is joined onto one line first, attributes may use ' or ".
sum_counters() {
    local -a files=()
    local file
    while IFS= read -r -d '' file; do
        files+=("$file")
    done < <(find "$RESULTS" -type f -name '*.trx' -print0)
    if [[ ${#files[@]} -eq 0 ]]; then
        echo "0 0 0 0"
        return 0
    fi
    for file in "${files[@]}"; do
        tr '\r\n\t' '   ' <"$file" |
            grep -oE '<([A-Za-z_][A-Za-z0-9_.-]*:)?Counters([[:space:]][^>]*)?/?>' || true
    done | awk '
        BEGIN { passed = 0; failed = 0; skipped = 0; files = 0 }
        {
            files++
            rest = $0
            while (match(rest, /[A-Za-z_][A-Za-z0-9_.:-]*[ ]*=[ ]*("[^"]*"|\047[^\047]*\047)/)) {
                pair = substr(rest, RSTART, RLENGTH)
                rest = substr(rest, RSTART + RLENGTH)
                eq = index(pair, "=")
                name = substr(pair, 1, eq - 1)
                gsub(/[ ]/, "", name)
                value = substr(pair, eq + 1)
                gsub(/^[ ]*["\047]|["\047]$/, "", value)
                if (value !~ /^[0-9]+$/) continue
                value += 0
                if (name == "passed") passed += value
                else if (name == "failed" || name == "error" || name == "timeout" || name == "aborted") failed += value
                else if (name == "notExecuted") skipped += value
            }
        }
        END { print passed, failed, skipped, files }'
}

read -r passed failed skipped counted <<<"$(sum_counters)"

if [[ "$counted" -eq 0 ]]; then
    echo "test.sh: no TRX results with counters were produced under $RESULTS" >&2
    ((status != 0)) || status=1
elif ((passed + failed == 0)); then
    echo "test.sh: no test ran" >&2
    ((status != 0)) || status=1
fi
if ((failed > 0)); then
    echo "test.sh: $failed test(s) failed (details: $RESULTS)" >&2
    ((status != 0)) || status=1
fi
if ((status != 0)); then
    echo "test.sh: FAILED (exit status $status)" >&2
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
