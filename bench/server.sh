#!/usr/bin/env bash
# bench/server.sh [SECONDS] - sst-emu and DynamoDB Local side by side.
#
# Same load generator (wrk, 2 threads, 8 connections, bench/wrk/*.lua),
# same machine, same run: PutItem, GetItem and Query (100-item pages)
# throughput and p99 latency, start-up time to the first answered request
# and idle RSS (bench/startup, median of 9 runs), and RSS after the load.
# A bare libmicrohttpd server that answers a fixed 200 (bench/ceiling) runs the GetItem load too: wrk and
# the server share this machine's cores, and that is the ceiling.
#
# Run it as `./dev bench-server [SECONDS]` (it builds what it needs and
# starts DynamoDB Local with tests/ddb-local). Prints a markdown table.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SST_BUILD_DIR:-$top/build}
dur=${1:-10}
export SST_WRK_DIR="$top/bench/wrk"

if [ -z "${SST_DDB_LOCAL_ENDPOINT:-}" ] && [ -z "${SST_DDB_LOCAL_SKIP:-}" ]; then
    exec "$top/tests/ddb-local" exec "$0" "$@"
fi
command -v wrk >/dev/null || { echo "bench/server.sh: wrk not found" >&2; exit 2; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 40000 ))
        ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && { echo "$p"; return; }
    done
}

answers() { # URL: does ListTables answer 200?
    curl -s -o /dev/null -w '%{http_code}' -m 1 -X POST "$1/" \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
        -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20260101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=sstlocal/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        -d '{}' 2>/dev/null | grep -q 200
}

rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# wrk URL SCRIPT -> "requests/s p99_ms non2xx"
load() {
    local out rps p99 bad
    out=$(wrk -t2 -c8 -d"${dur}s" --latency -s "$top/bench/wrk/$2" "$1" 2>&1)
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                 if (u == "us") v /= 1000; else if (u == "s") v *= 1000;
                 printf "%.2f", v }' <<<"$out")
    bad=$(awk '/Non-2xx/ { print $5 }' <<<"$out")
    echo "${rps:-0} ${p99:-0} ${bad:-0}"
}

# --- sst-emu: start-up to the first answered request, idle RSS ---------
# bench/startup forks the server and polls it itself (a curl process per
# poll would add its own start-up to the figure): median of 9 runs.
port=$(free_port)
startup=$("$build/bench/startup" 9 "$port" "$build/emu/server/sst-emu" serve \
    --port "$port" --in-memory | tail -n 1)
emu_start=$(awk '{ print $5 }' <<<"$startup")
emu_idle=$(awk '{ printf "%.1f", $10 / 1024 }' <<<"$startup")

port=$(free_port)
"$build/emu/server/sst-emu" serve --port "$port" --in-memory >/dev/null 2>&1 &
emu_pid=$!; pids+=("$emu_pid")
for _ in $(seq 5000); do answers "http://127.0.0.1:$port" && break; sleep 0.001; done
answers "http://127.0.0.1:$port" || { echo "bench/server.sh: sst-emu does not answer" >&2; exit 1; }
emu_url="http://127.0.0.1:$port"

port=$(free_port)
"$build/bench/ceiling" "$port" >/dev/null &
pids+=("$!")
ceil_url="http://127.0.0.1:$port"
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.01; done

declare -A R
for side in emu ddb; do
    if [ "$side" = ddb ]; then
        [ -n "${SST_DDB_LOCAL_ENDPOINT:-}" ] || continue
        url=$SST_DDB_LOCAL_ENDPOINT
    else
        url=$emu_url
    fi
    python3 "$top/bench/prefill.py" "$url"
    for op in put get query; do
        R[$side.$op]=$(load "$url" "$op.lua")
    done
done
R[ceil.get]=$(load "$ceil_url" ping.lua)
emu_busy=$(rss_mb "$emu_pid")

col() { awk -v i="$2" '{ print $i }' <<<"${R[$1]:-0 0 0}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

echo
echo "| | sst-emu | DynamoDB Local | sst-emu / DynamoDB Local |"
echo "|---|---|---|---|"
for op in put get query; do
    name=$(case $op in put) echo PutItem;; get) echo GetItem;; query) echo "Query (100 items)";; esac)
    echo "| $name req/s | $(col emu.$op 1) | $(col ddb.$op 1) | $(ratio "$(col emu.$op 1)" "$(col ddb.$op 1)") |"
    echo "| $name p99 ms | $(col emu.$op 2) | $(col ddb.$op 2) | $(ratio "$(col ddb.$op 2)" "$(col emu.$op 2)") lower |"
done
echo "| start-up ms | $emu_start | ${SST_DDB_LOCAL_STARTUP_MS:-n/a} | $(ratio "${SST_DDB_LOCAL_STARTUP_MS:-0}" "$emu_start") faster |"
ddb_rss=n/a
[ -n "${SST_DDB_LOCAL_PID:-}" ] && ddb_rss=$(rss_mb "$SST_DDB_LOCAL_PID")
echo "| RSS MB (idle / after load) | $emu_idle / $emu_busy | $ddb_rss (after load) | |"
echo
ceil=$(col ceil.get 1)
echo "Ceiling (fixed 200, same GetItem load): $ceil req/s."
echo "sst-emu GetItem: $(awk -v a="$(col emu.get 1)" -v b="$ceil" 'BEGIN { printf "%.0f%%", 100 * a / b }') of the ceiling; Query: $(awk -v a="$(col emu.query 1)" -v b="$ceil" 'BEGIN { printf "%.0f%%", 100 * a / b }')."
for k in emu.put emu.get emu.query ddb.put ddb.get ddb.query; do
    [ "$(col $k 3)" = 0 ] || echo "WARNING: $k had $(col $k 3) non-2xx answers: that row is not valid"
done
